#include "filing/document_facts.h"

#include <cctype>
#include <map>

#include "filing/file_name.h"
#include "filing/plan.h"
#include "filing/text_util.h"
#include "normalize/doc_facts.h"
#include "normalize/fields.h"

namespace lh::filing {
namespace {

// One line, no control characters, single spaces.
std::string one_line(std::string_view in) {
  std::string t = trim(to_nfc(in)), out;
  for (size_t i = 0; i < t.size();) {
    char32_t c = next_code_point(t, i);
    if (c < 0x20 || c == 0x7F) c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    append_utf8(out, c);
  }
  return trim(out);
}

bool valid_iso_day(const std::string& d) { return d.size() == 10 && normalize::parse_date(d).has_value(); }

// The name a spreadsheet program gives a new worksheet: "Sheet1" (Excel, WPS, LibreOffice in
// English), "工作表1" (WPS and LibreOffice in Chinese). The xlsx reader's first line is the sheet's
// name, and a default one names nothing: "2024年3月日常检查台账.xlsx" with one sheet "Sheet1".
bool is_default_sheet_name(std::string_view t) {
  for (std::string_view stem : {std::string_view("Sheet"), std::string_view("sheet"), std::string_view("SHEET"),
                                std::string_view("工作表")}) {
    if (t.substr(0, stem.size()) != stem) continue;
    std::string_view rest = t.substr(stem.size());
    if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return !rest.empty() && rest.size() <= 3 && rest.find_first_not_of("0123456789") == std::string_view::npos;
  }
  return false;
}

// 题名 before any 当事人 is added: a standard name's title, the title line, the recorded title when
// it is no organisation's name nor a default sheet name, the file name.
void choose_title(const model::InspectedFile& f, ItemFacts& out) {
  const std::string name = base_name(f.path);
  if (is_standard_name(name)) {
    out.title = one_line(title_of_standard_name(name));
    out.title_by = "已整理的文件名（档号 题名）";
    return;
  }
  if (!f.fields.title_line.empty()) {
    out.title = one_line(f.fields.title_line);
    out.title_by = "文件的标题行（DA/T 22-2015 §6.7）";
    return;
  }
  const std::string recorded = one_line(f.title);
  const bool sheet = is_default_sheet_name(recorded);
  // A workbook's first line is its first sheet's tab label. One that is only a piece of the file's
  // name ("一季度" of "2025年一季度日常监督检查台账.xlsx") names less than the file does: the fuller
  // of the two names wins, as a clerk would title the register (another office's 台账 was "一季度").
  const std::string stem = one_line(stem_of(name));
  if (f.meta.format == model::Format::Xlsx && !recorded.empty() && stem.size() > recorded.size() &&
      stem.find(recorded) != std::string::npos) {
    out.title = stem;
    out.title_by = "文件名（工作表名“" + recorded + "”只是文件名的一部分）";
    return;
  }
  if (!recorded.empty() && !sheet && !normalize::is_organisation_line(recorded)) {
    out.title = recorded;
    out.title_by = "文件的标题属性或首行";
    return;
  }
  out.title = one_line(stem_of(name));
  out.title_by = recorded.empty() ? "文件名"
                 : sheet          ? "文件名（首行“" + recorded + "”是表格软件默认的工作表名，不作题名）"
                                  : "文件名（首行“" + recorded + "”是机构名称，不作题名）";
}

// The order number a clerk puts in front of a file's name to sort a folder ("06 送达回证.jpg",
// "03、询问笔录", "1.现场照片", "001 立案审批表"): one or two digits, or three led by 0, and a
// separator. It orders the folder, it is no part of the document's 题名 (the case's order is
// 第七十八条's, the 件号 the archive's). A year or a date ("2024年…", "20250318 …") is more digits
// and stays.
std::string without_ordinal(const std::string& title, std::string& ordinal) {
  size_t n = 0;
  while (n < title.size() && n < 4 && std::isdigit(static_cast<unsigned char>(title[n]))) ++n;
  // Two digits, or three led by a zero ("001"): "110 报警记录截图" and "315 专项" name a number.
  if (n == 0 || n > 3 || (n == 3 && title[0] != '0') || n == title.size()) return title;
  size_t rest = n;
  for (std::string_view sep : {std::string_view(" "), std::string_view("_"), std::string_view("-"), std::string_view("."),
                               std::string_view("、"), std::string_view("．"), std::string_view("\xE3\x80\x80")})
    if (title.compare(rest, sep.size(), sep) == 0) {
      rest += sep.size();
      while (rest < title.size() && title[rest] == ' ') ++rest;
      if (rest == title.size() || std::isdigit(static_cast<unsigned char>(title[rest]))) return title;  // "1.5" is no order
      ordinal = title.substr(0, n);
      return title.substr(rest);
    }
  return title;
}

// A title that is the file's name (read from it, or the reader's title for a picture, which is its
// name) loses the clerk's order number.
void drop_file_name_ordinal(const std::string& name, ItemFacts& out) {
  if (out.title != one_line(stem_of(name))) return;
  std::string ordinal;
  const std::string bare = without_ordinal(out.title, ordinal);
  if (ordinal.empty()) return;
  out.title = bare;
  out.title_by = "文件名（去掉排序号“" + ordinal + "”）";
}

// A document whose text states no day (a scan, a photo, a form left blank): the day its file name
// states — a clerk's "20250318 …", a camera's "IMG_20250412_093015" — before the file's properties
// (a Word file's creation date is its template's as often as its own; but a photo's EXIF
// DateTimeOriginal, the moment the camera took it, comes first), then the day a ZIP recorded for
// the entry, and last the file's modification time, which is only the day it was saved or copied.
// The last two, and the creation date of a scanned file with no text (when it was scanned), are
// flagged (ItemFacts::date_unsure): DA/T 22-2015 wants the document's own date in the 归档文件目录,
// which a clerk must then look up.
void date_without_text(const model::InspectedFile& f, ItemFacts& out) {
  const std::string named = normalize::file_name_date(base_name(f.path));
  const std::string created = f.meta.created.substr(0, 10);
  const bool has_created = valid_iso_day(created);
  const bool photo = f.meta.format == model::Format::Image;
  if (valid_iso_day(named) && !(photo && has_created)) {
    out.date = named;
    out.date_by = "文件名中的日期（正文无日期）";
  } else if (has_created) {
    out.date = created;
    out.date_by = "文件属性的创建日期（正文无日期）";
    // A photo's is its EXIF DateTimeOriginal, the day it was taken: its own. A file with no text
    // otherwise (a scanned PDF) was created when it was scanned, not when the paper was signed.
    out.date_unsure = f.text_chars == 0 && !photo;
  } else if (valid_iso_day(f.entry_date)) {
    out.date = f.entry_date;
    out.date_by = "压缩包中该文件的修改日期（正文、属性和文件名均无日期）";
    out.date_unsure = true;
  } else {
    out.date = date_from_mtime(f.mtime_ns);
    out.date_by = "文件修改时间（正文、属性和文件名均无日期）";
    out.date_unsure = true;
  }
}

void choose_date(const model::InspectedFile& f, const Scheme& s, int doc, ItemFacts& out) {
  if (f.records.size() == 1 && valid_iso_day(f.records.front().inspected_at.substr(0, 10))) {
    out.date = f.records.front().inspected_at.substr(0, 10);
    out.date_by = "检查记录的检查时间（inspected_at）";
    return;
  }
  // A file of several records (a quarter's records, a register, an export) covers a period: its 件
  // is dated by its latest record, not by the first record's field, nor by the date written last
  // (a register's rows need not be in date order, and it has no 落款).
  if (f.records.size() >= 2) {
    std::string latest;
    for (const auto& r : f.records)
      if (valid_iso_day(r.inspected_at.substr(0, 10)) && r.inspected_at.substr(0, 10) > latest)
        latest = r.inspected_at.substr(0, 10);
    if (!latest.empty()) {
      out.date = latest;
      out.date_by = "最晚一条检查记录的检查时间（共 " + std::to_string(f.records.size()) + " 条检查记录）";
      return;
    }
  }
  const FactRule* rule = f.records.size() >= 2 ? nullptr : s.fact_rule(doc, f.fields.doc_type);
  if (rule)
    for (const auto& label : rule->date_labels)
      for (const auto& ld : f.fields.labelled_dates)
        if (normalize::label_matches(ld.label, label) && valid_iso_day(ld.iso)) {
          out.date = ld.iso;
          out.date_by = "字段“" + label + "”（" + rule->clause + "）";
          return;
        }
  std::string last = f.fields.last_date;
  if (last.empty())  // facts recorded by an older version: the last distinct date
    for (auto d = f.fields.dates.rbegin(); d != f.fields.dates.rend() && last.empty(); ++d)
      if (valid_iso_day(*d)) last = *d;
  const std::string unfilled = f.records.size() >= 2                           ? "；" + std::to_string(f.records.size()) + " 条检查记录"
                               : rule && !rule->date_labels.empty() ? "；" + rule->date_labels.front() + "未填"
                                                                    : "";
  if (valid_iso_day(last)) {
    out.date = last;
    out.date_by = "落款日期（正文最后一个完整日期，GB/T 9704-2012 §7.3.5.3" + unfilled + "）";
    return;
  }
  date_without_text(f, out);
}

// The document's 当事人 in front of a bare form title.
void add_party(const std::string& party, ItemFacts& out, const char* whose) {
  if (party.empty() || !normalize::is_bare_form_title(out.title) || out.title.find(party) != std::string::npos) return;
  out.title = party + out.title;
  out.title_by += std::string("＋") + whose;
}

// A PDF form's 当事人 cell wraps ("南岭县鲜丰食品贸易有" / "限公司"), and Poppler gives the cell's
// lines apart: the document's party is then the first line only. When the case's party begins with
// it, the title carries the case's party, the whole name (chnfn quality rule 3, see parties.cpp).
void mend_wrapped_party(const std::vector<std::string>& own, const std::string& whole, ItemFacts& f) {
  if (own.empty() || own.front().size() >= whole.size() || whole.rfind(own.front(), 0) != 0 ||
      f.title.rfind(own.front(), 0) != 0)
    return;
  f.title = whole + f.title.substr(own.front().size());
  const std::string said = "＋文件中的当事人";
  if (const size_t at = f.title_by.find(said); at != std::string::npos)
    f.title_by.replace(at, said.size(), "＋本案当事人（文件中的当事人“" + own.front() + "”是其折行的前半）");
}

}  // namespace

ItemFacts item_facts(const model::InspectedFile& f, const Scheme& s, int doc) {
  ItemFacts out;
  choose_title(f, out);
  drop_file_name_ordinal(base_name(f.path), out);
  if (!f.fields.parties.empty()) add_party(f.fields.parties.front(), out, "文件中的当事人");
  choose_date(f, s, doc, out);
  return out;
}

std::string own_doc_number(const Scheme& s, int doc, const std::string& doc_type, const model::Fields& fields) {
  if (const FactRule* rule = s.fact_rule(doc, doc_type)) return rule->own_number ? fields.own_number : std::string();
  if (doc > 0) return {};  // a 范本 form the scheme does not mark: it prints no 文号 of its own
  return fields.own_number;
}

void add_case_parties_to_titles(Plan& plan) {
  // The case's 当事人: from the 立案审批表 (范本 No. 7), the decisions (No. 45, 44, 46), then any.
  auto rank = [](int doc) { return doc == 7 ? 0 : doc == 45 ? 1 : doc == 44 ? 2 : doc == 46 ? 3 : 4; };
  std::map<std::string, std::pair<int, std::string>> party;  // case_key → (rank, party)
  for (const auto& it : plan.items) {
    if (it.case_key.empty() || it.final_input < 0) continue;
    const auto& parties = plan.inputs.at(static_cast<size_t>(it.final_input)).file->fields.parties;
    if (parties.empty()) continue;
    auto [p, fresh] = party.try_emplace(it.case_key, rank(it.doc_number), parties.front());
    if (!fresh && rank(it.doc_number) < p->second.first) p->second = {rank(it.doc_number), parties.front()};
  }
  for (auto& it : plan.items) {
    auto p = party.find(it.case_key);
    if (it.case_key.empty() || p == party.end()) continue;
    ItemFacts f{it.title, it.title_by, {}, {}};
    if (it.final_input >= 0) mend_wrapped_party(plan.inputs.at(static_cast<size_t>(it.final_input)).file->fields.parties,
                                                p->second.second, f);
    add_party(p->second.second, f, "本案当事人");
    it.title = f.title;
    it.title_by = f.title_by;
  }
}

}  // namespace lh::filing
