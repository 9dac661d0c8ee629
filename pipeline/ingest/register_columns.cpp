// Header synonyms of inspection registers (台账) and rows → InspectionRecord; see register_columns.h.
// The synonyms are the column names seen in 市场监管所 registers and the 双随机、一公开 抽查
// exports: the same field is called 检查对象 / 被检查单位 / 单位名称 / 经营者名称 / 当事人.
#include "ingest/register_columns.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include "normalize/fields.h"
#include "normalize/unicode.h"

namespace lh::ingest {
namespace {

using Col = RegisterColumn;

// First match wins, so the specific names come before the general ones: 地址 before the subject
// (被检查单位地址 is an address), 被检查单位 before 检查人 (officers), 执法证号 before 执法人员,
// 记录日期 before 日期, 处理结果 before 结果.
struct Synonym { std::string_view text; Col col; bool exact; };
constexpr std::array kSynonyms = {
    Synonym{"检查地点", Col::Address, false},        Synonym{"地址", Col::Address, false},
    Synonym{"住所", Col::Address, false},            Synonym{"经营场所", Col::Address, false},
    Synonym{"地点", Col::Address, true},
    Synonym{"被检查", Col::Subject, false},          Synonym{"检查对象", Col::Subject, false},
    Synonym{"单位名称", Col::Subject, false},        Synonym{"企业名称", Col::Subject, false},
    Synonym{"经营者名称", Col::Subject, false},      Synonym{"主体名称", Col::Subject, false},
    Synonym{"商户名称", Col::Subject, false},        Synonym{"当事人", Col::Subject, false},
    Synonym{"名称", Col::Subject, true},             Synonym{"经营者", Col::Subject, true},
    Synonym{"信用代码", Col::CreditCode, false},     Synonym{"注册号", Col::CreditCode, false},
    Synonym{"执法证", Col::Certificates, false},     Synonym{"证件号", Col::Certificates, false},
    Synonym{"证号", Col::Certificates, false},
    Synonym{"检查人", Col::Officers, false},         Synonym{"执法人员", Col::Officers, false},
    Synonym{"检查员", Col::Officers, false},         Synonym{"监管人员", Col::Officers, false},
    Synonym{"记录日期", Col::RecordedAt, false},     Synonym{"填报日期", Col::RecordedAt, false},
    Synonym{"录入日期", Col::RecordedAt, false},     Synonym{"记录时间", Col::RecordedAt, false},
    Synonym{"检查时间", Col::InspectedAt, false},    Synonym{"检查日期", Col::InspectedAt, false},
    Synonym{"日期", Col::InspectedAt, true},         Synonym{"时间", Col::InspectedAt, true},
    Synonym{"记录编号", Col::RecordId, false},       Synonym{"检查编号", Col::RecordId, false},
    Synonym{"笔录编号", Col::RecordId, false},       Synonym{"文书编号", Col::RecordId, false},
    Synonym{"编号", Col::RecordId, true},
    Synonym{"处理措施", Col::Measures, false},       Synonym{"处置措施", Col::Measures, false},
    Synonym{"处理意见", Col::Measures, false},       Synonym{"处理结果", Col::Measures, false},
    Synonym{"处理情况", Col::Measures, false},       Synonym{"整改措施", Col::Measures, false},
    Synonym{"检查内容", Col::Content, false},        Synonym{"检查情况", Col::Content, false},
    Synonym{"检查事项", Col::Content, false},        Synonym{"检查项目", Col::Content, false},
    Synonym{"检查结果", Col::Result, false},         Synonym{"检查结论", Col::Result, false},
    Synonym{"结果", Col::Result, true},
    Synonym{"附件", Col::Attachments, false},
};

// "检查时间（年月日）" → "检查时间": spaces go, and so does a bracketed note at the end.
std::string header_key(std::string_view header) {
  std::string s = normalize::clean_line(header);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ') { ++i; continue; }
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 3; continue; }  // U+3000
    out += s[i++];
  }
  for (std::string_view open : {"（", "(", "【", "["}) {
    const size_t at = out.find(open);
    if (at != std::string::npos && at > 0) out.resize(at);
  }
  return out;
}

std::string cell_text(const model::TableCell& cell) {
  std::string s;
  for (const auto& b : cell.blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      if (!s.empty()) s += '\n';
      s += p->plain_text();
    }
  }
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "2024-03-05", "2024/3/5 9:30", "2024年3月5日 09:30" → ISO 8601; the text as written otherwise.
std::string iso_date_time(std::string_view raw) {
  const std::string s = normalize::clean_line(raw);
  if (s.empty()) return s;
  if (auto d = normalize::parse_date(s)) return *d;
  const auto dates = normalize::find_dates(s);
  if (dates.size() != 1) return s;
  // A time after the date: H:MM or HH:MM (ASCII or full-width colon).
  std::string folded = normalize::fold_width(s);
  for (size_t i = 1; i + 2 < folded.size(); ++i) {
    if (folded[i] != ':' || !is_digit(folded[i - 1]) || !is_digit(folded[i + 1]) || !is_digit(folded[i + 2])) continue;
    const size_t h0 = (i >= 2 && is_digit(folded[i - 2])) ? i - 2 : i - 1;
    std::string hh = folded.substr(h0, i - h0);
    if (hh.size() == 1) hh = "0" + hh;
    const int hour = (hh[0] - '0') * 10 + (hh[1] - '0');
    const int minute = (folded[i + 1] - '0') * 10 + (folded[i + 2] - '0');
    if (hour > 23 || minute > 59) break;
    return dates[0] + "T" + hh + ":" + folded.substr(i + 1, 2);
  }
  return dates[0];
}

// "张三(35010012)" / "张三（执法证号：35010012）" → name and number.
model::Officer officer_from(std::string_view item) {
  model::Officer o;
  std::string s(item);
  size_t open = s.find("（");
  size_t open_len = 3;
  if (const size_t ascii = s.find('('); ascii != std::string::npos && (open == std::string::npos || ascii < open)) {
    open = ascii;
    open_len = 1;
  }
  if (open == std::string::npos || open == 0) {
    o.name = s;
    return o;
  }
  o.name = normalize::clean_line(s.substr(0, open));
  std::string inner = s.substr(open + open_len);
  for (std::string_view close : {"）", ")"})
    if (const size_t c = inner.find(close); c != std::string::npos) inner.resize(c);
  std::string number;
  for (char c : normalize::fold_width(inner))
    if (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) number += c;
  o.certificate = number;
  return o;
}

struct HeaderMap {
  size_t row = 0;                  // index of the header row
  std::vector<Col> cols;           // per column
};

std::optional<HeaderMap> find_header(const std::vector<std::vector<std::string>>& rows) {
  const size_t limit = std::min<size_t>(rows.size(), 5);
  for (size_t r = 0; r < limit; ++r) {
    if (!looks_like_register(rows[r])) continue;
    HeaderMap h;
    h.row = r;
    std::set<Col> seen;
    for (const auto& cell : rows[r]) {
      Col c = register_column(cell);
      if (c != Col::None && !seen.insert(c).second) c = Col::None;  // the first column of a kind wins
      h.cols.push_back(c);
    }
    return h;
  }
  return std::nullopt;
}

void append_field(std::string& field, const std::string& value) {
  if (value.empty()) return;
  if (!field.empty()) field += '\n';
  field += value;
}

}  // namespace

RegisterColumn register_column(std::string_view header) {
  const std::string key = header_key(header);
  if (key.empty()) return Col::None;
  for (const auto& s : kSynonyms) {
    if (s.exact ? key == s.text : key.find(s.text) != std::string::npos) return s.col;
  }
  return Col::None;
}

bool looks_like_register(const std::vector<std::string>& header_cells) {
  std::set<Col> cols;
  for (const auto& h : header_cells) cols.insert(register_column(h));
  cols.erase(Col::None);
  if (!cols.count(Col::Subject) || cols.size() < 3) return false;
  for (Col c : {Col::InspectedAt, Col::Officers, Col::Certificates, Col::Content, Col::Result, Col::Measures})
    if (cols.count(c)) return true;
  return false;
}

std::vector<std::string> split_list(std::string_view s) {
  static constexpr std::array<std::string_view, 11> kSeparators = {
      "、", "，", ",", ";", "；", "/", " ", "\t", "\n", "\r", "\xE3\x80\x80"};
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < s.size();) {
    bool sep = false;
    for (auto p : kSeparators)
      if (s.substr(i, p.size()) == p) {
        flush();
        i += p.size();
        sep = true;
        break;
      }
    if (!sep) cur += s[i++];
  }
  flush();
  return out;
}

std::vector<model::InspectionRecord> records_from_rows(const std::vector<std::vector<std::string>>& rows,
                                                       const std::string& source_prefix) {
  std::vector<model::InspectionRecord> out;
  const auto header = find_header(rows);
  if (!header) return out;
  for (size_t r = header->row + 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    model::InspectionRecord rec;
    std::vector<model::Officer> officers;
    std::vector<std::string> certificates;
    bool any = false;
    for (size_t c = 0; c < row.size() && c < header->cols.size(); ++c) {
      const std::string v = normalize::clean_line(row[c]);
      if (v.empty()) continue;
      switch (header->cols[c]) {
        case Col::None: continue;
        case Col::RecordId: rec.record_id = v; break;
        case Col::Subject: rec.subject = v; break;
        case Col::CreditCode: rec.credit_code = normalize::fold_width(v); break;
        case Col::Address: rec.address = v; break;
        case Col::InspectedAt: rec.inspected_at = iso_date_time(v); break;
        case Col::RecordedAt: rec.recorded_at = iso_date_time(v); break;
        case Col::Officers:
          for (const auto& item : split_list(v)) officers.push_back(officer_from(item));
          break;
        case Col::Certificates:
          for (const auto& item : split_list(normalize::fold_width(v))) certificates.push_back(item);
          break;
        case Col::Content: append_field(rec.content, v); break;
        case Col::Result: append_field(rec.result, v); break;
        case Col::Measures: append_field(rec.measures, v); break;
        case Col::Attachments:
          for (const auto& item : split_list(v)) rec.attachments.push_back(item);
          break;
      }
      any = true;
    }
    if (!any) continue;  // a blank row, or one with only 序号/备注
    for (size_t i = 0; i < officers.size(); ++i)
      if (officers[i].certificate.empty() && i < certificates.size()) officers[i].certificate = certificates[i];
    rec.officers = std::move(officers);
    rec.source = source_prefix + std::to_string(r + 1);
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<model::InspectionRecord> records_from_table(const model::Table& table, const std::string& source_prefix) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row.cells) cells.push_back(cell.covered ? std::string() : cell_text(cell));
    rows.push_back(std::move(cells));
  }
  return records_from_rows(rows, source_prefix);
}

}  // namespace lh::ingest
