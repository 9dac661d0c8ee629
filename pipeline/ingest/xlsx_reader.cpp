// The XLSX reader (issue 2 §4): a SpreadsheetML package (ECMA-376 Part 1 §18) into one heading
// paragraph (the sheet name) and one model::Table per worksheet; meta.pages = number of sheets.
//   workbook §18.2.27 (sheets §18.2.19, workbookPr date1904 §18.2.28), worksheet sheetData §18.3.1.80,
//   row §18.3.1.73, c §18.3.1.4 (t = ST_CellType §18.18.11: s, inlineStr, b, e, str, d, n),
//   shared strings §18.4 (si §18.4.8, rich runs r §18.4.4 / rPr §18.4.7, phonetic rPh skipped),
//   styles §18.8 (cellXfs §18.8.10, numFmts §18.8.31; built-in formats §18.8.30), mergeCells §18.3.1.55.
// Date serials: §18.17.4.1 (1900 system, with its phantom 1900-02-29) and the 1904 system.
// Register sheets (检查台账) also give InspectionRecords (register_columns.h).
#include <array>
#include <climits>
#include <charconv>
#include <cmath>
#include <map>

#include "ingest/opc.h"
#include "ingest/reader.h"
#include "ingest/register_columns.h"
#include "ingest/safe_xml.h"

namespace lh::ingest {
using model::ErrorKind;
using model::Format;

namespace xlsx {
namespace {

struct RichText {
  std::vector<model::Run> runs;
};

enum class NumKind { General, Date, Time, DateTime, Percent };
struct NumStyle {
  NumKind kind = NumKind::General;
  bool has_day = true;  // a date format without d shows year and month only
};

struct Workbook {
  opc::Package pkg;
  opc::Rels rels;
  bool date1904 = false;
  std::vector<RichText> shared;
  std::vector<NumStyle> xf_styles;  // by cellXfs index
};

std::optional<long> to_long(std::string_view s) {
  long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// --- shared strings (§18.4) -----------------------------------------------------------------------

// ARGB hex (§18.8.19 rgb attribute).
std::optional<uint32_t> argb(std::string_view v) {
  if (v.size() == 8) v.remove_prefix(2);
  if (v.size() != 6) return std::nullopt;
  uint32_t c = 0;
  auto r = std::from_chars(v.data(), v.data() + 6, c, 16);
  if (r.ec != std::errc()) return std::nullopt;
  return c;
}

void apply_rpr(const xmlNode* rPr, model::Run& run) {  // §18.4.7
  for (xmlNode* e : elements(rPr)) {
    std::string val = attr(e, "val");
    bool on = val.empty() || !(val == "0" || val == "false");
    if (local_is(e, "b")) run.bold = on;
    else if (local_is(e, "i")) run.italic = on;
    else if (local_is(e, "u")) run.underline = val != "none";
    else if (local_is(e, "color")) {
      if (auto c = argb(attr(e, "rgb"))) run.color_rgb = *c;
    } else if (local_is(e, "sz")) {
      double d = 0;
      auto r = std::from_chars(val.data(), val.data() + val.size(), d);
      if (r.ec == std::errc() && d > 0 && d < 1000) run.size_pt = d;
    }
  }
}

// si or is: plain t, or rich runs r (rPh, the phonetic guide, is not text of the cell).
RichText read_rich(const xmlNode* si) {
  RichText rt;
  for (xmlNode* e : elements(si)) {
    if (local_is(e, "t")) {
      rt.runs.push_back(model::Run{own_text(e)});
    } else if (local_is(e, "r")) {
      model::Run run;
      if (xmlNode* t = first_element(e, "t")) run.text = own_text(t);
      if (xmlNode* pr = first_element(e, "rPr")) apply_rpr(pr, run);
      rt.runs.push_back(std::move(run));
    }
  }
  return rt;
}

std::optional<model::ReadError> load_shared_strings(Workbook& wb, const std::string& part) {
  opc::Package::Part p = wb.pkg.parse(part);
  if (p.missing) return std::nullopt;
  if (p.error) return p.error;
  for (xmlNode* si : elements(xmlDocGetRootElement(p.doc.get())))
    if (local_is(si, "si")) wb.shared.push_back(read_rich(si));
  return std::nullopt;
}

// --- number formats (§18.8.30, §18.8.31) ----------------------------------------------------------

// Built-in formats that are dates or times: 14-22 (all locales), and the zh-CN ones 27-36, 50-58.
std::string builtin_format(int id) {
  switch (id) {
    case 14: return "yyyy-mm-dd";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy-m-d h:mm";
    case 27: case 36: case 50: case 52: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 55: return "上午/下午h\"时\"mm\"分\"";
    case 35: case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mm:ss.0";
    case 9: return "0%";
    case 10: return "0.00%";
    default: return "";
  }
}

// Classify a format code by its first section, ignoring quoted text, escapes, fills and [..] tags.
NumStyle classify_format(std::string_view code) {
  NumStyle st;
  std::string letters;
  bool percent = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      size_t e = code.find('"', i + 1);
      if (e == std::string_view::npos) break;
      i = e;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      size_t e = code.find(']', i + 1);
      if (e == std::string_view::npos) break;
      std::string_view tag = code.substr(i + 1, e - i - 1);
      if (tag == "h" || tag == "hh" || tag == "m" || tag == "mm" || tag == "s" || tag == "ss") letters += "h";
      i = e;
    } else if (c == '%') {
      percent = true;
    } else if (static_cast<unsigned char>(c) < 0x80) {
      letters += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
  }
  if (letters == "general") return st;
  for (std::string_view ampm : {"am/pm", "a/p"})
    for (size_t p; (p = letters.find(ampm)) != std::string::npos;) letters.erase(p, ampm.size());
  bool y = letters.find('y') != std::string::npos, d = letters.find('d') != std::string::npos;
  bool h = letters.find('h') != std::string::npos, s = letters.find('s') != std::string::npos;
  bool m = letters.find('m') != std::string::npos;
  bool date = y || d || (m && !h && !s);
  bool time = h || s;
  if (date && time) st.kind = NumKind::DateTime;
  else if (date) st.kind = NumKind::Date;
  else if (time) st.kind = NumKind::Time;
  else if (percent) st.kind = NumKind::Percent;
  st.has_day = d || !y;
  return st;
}

std::optional<model::ReadError> load_styles(Workbook& wb, const std::string& part) {
  opc::Package::Part p = wb.pkg.parse(part);
  if (p.missing) return std::nullopt;
  if (p.error) return p.error;
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  std::map<long, std::string> custom;
  if (xmlNode* fmts = first_element(root, "numFmts"))
    for (xmlNode* f : elements(fmts))
      if (auto id = to_long(attr(f, "numFmtId"))) custom[*id] = attr(f, "formatCode");
  if (xmlNode* xfs = first_element(root, "cellXfs"))
    for (xmlNode* xf : elements(xfs)) {
      if (!local_is(xf, "xf")) continue;
      long id = to_long(attr(xf, "numFmtId")).value_or(0);
      auto it = custom.find(id);
      std::string code = it != custom.end() ? it->second : builtin_format(static_cast<int>(id));
      wb.xf_styles.push_back(code.empty() ? NumStyle{} : classify_format(code));
    }
  return std::nullopt;
}

// --- values -----------------------------------------------------------------------------------------

// days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void civil_from_days(long z, long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
}

std::string two(unsigned v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::optional<std::string> serial_to_iso(double serial, const NumStyle& st, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0) return std::nullopt;  // 9999-12-31
  long days = static_cast<long>(std::floor(serial));
  long secs = std::lround((serial - static_cast<double>(days)) * 86400.0);
  if (secs >= 86400) {
    ++days;
    secs -= 86400;
  }
  std::string time = two(static_cast<unsigned>(secs / 3600)) + ":" + two(static_cast<unsigned>(secs / 60 % 60)) + ":" +
                     two(static_cast<unsigned>(secs % 60));
  if (st.kind == NumKind::Time) return time;
  std::string date;
  if (!date1904 && days == 60) {
    date = "1900-02-29";  // the 1900 system's phantom leap day (§18.17.4.1)
  } else {
    // 1970-01-01 is serial 25569 in the 1900 system (serials below 60 are one day earlier), 24107 in 1904.
    long unix_days = date1904 ? days - 24107 : (days < 60 ? days - 25568 : days - 25569);
    long y;
    unsigned m, d;
    civil_from_days(unix_days, y, m, d);
    date = std::to_string(y) + "-" + two(m);
    if (st.has_day) date += "-" + two(d);
  }
  if (st.kind == NumKind::DateTime && secs != 0) return date + "T" + time;
  return date;
}

std::string format_number(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  std::array<char, 64> buf;
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 15);
  return std::string(buf.data(), r.ptr);
}

std::string numeric_text(std::string_view raw, const NumStyle& st, bool date1904) {
  double v = 0;
  auto r = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (r.ec != std::errc()) return std::string(raw);
  if (st.kind == NumKind::Date || st.kind == NumKind::Time || st.kind == NumKind::DateTime)
    if (auto iso = serial_to_iso(v, st, date1904)) return *iso;
  if (st.kind == NumKind::Percent) return format_number(v * 100.0) + "%";
  return format_number(v);
}

// "BC12" -> column 54 (0-based), row 11 (0-based).
bool parse_ref(std::string_view ref, long& row, long& col) {
  size_t i = 0;
  long c = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    c = c * 26 + ((ref[i] | 0x20) - 'a' + 1);
    if (c > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  auto r = to_long(ref.substr(i));
  if (!r || *r < 1 || *r > 1048576) return false;
  row = *r - 1;
  col = c - 1;
  return true;
}

// --- sheets ---------------------------------------------------------------------------------------

struct CellValue {
  std::vector<model::Run> runs;
  bool empty() const {
    for (const auto& r : runs)
      if (!r.text.empty()) return false;
    return true;
  }
};

CellValue cell_value(const xmlNode* c, const Workbook& wb) {
  CellValue out;
  std::string t = attr(c, "t");
  std::string v;
  if (xmlNode* ve = first_element(c, "v")) v = own_text(ve);
  if (t == "s") {
    auto idx = to_long(trim(v));
    if (idx && *idx >= 0 && static_cast<size_t>(*idx) < wb.shared.size()) out.runs = wb.shared[static_cast<size_t>(*idx)].runs;
  } else if (t == "inlineStr") {
    if (xmlNode* is = first_element(c, "is")) out.runs = read_rich(is).runs;
  } else if (t == "b") {
    out.runs.push_back(model::Run{trim(v) == "1" ? "TRUE" : "FALSE"});
  } else if (t == "e" || t == "str" || t == "d") {
    if (!v.empty()) out.runs.push_back(model::Run{v});
  } else if (!v.empty()) {
    long s = to_long(attr(c, "s")).value_or(0);
    NumStyle st = (s >= 0 && static_cast<size_t>(s) < wb.xf_styles.size()) ? wb.xf_styles[static_cast<size_t>(s)] : NumStyle{};
    out.runs.push_back(model::Run{numeric_text(trim(v), st, wb.date1904)});
  }
  return out;
}

struct Merge {
  long r1, c1, r2, c2;
};

constexpr long kMaxGridCells = 1'000'000;  // cells of one sheet's table, empty ones included

// A sheet's cells with content, by row then column (0-based), and the rectangle they span.
struct SheetCells {
  std::map<long, std::map<long, CellValue>> cells;
  long min_r = LONG_MAX, max_r = -1, min_c = LONG_MAX, max_c = -1;
};

// The <sheetData> rows; a row or cell without "r" follows the one before it.
SheetCells read_cells(const xmlNode* root, const Workbook& wb) {
  SheetCells out;
  if (xmlNode* data = first_element(root, "sheetData")) {
    long next_row = 0;
    for (xmlNode* row : elements(data)) {
      if (!local_is(row, "row")) continue;
      long r = next_row;
      if (auto rr = to_long(attr(row, "r")); rr && *rr >= 1 && *rr <= 1048576) r = *rr - 1;
      next_row = r + 1;
      long next_col = 0;
      for (xmlNode* c : elements(row)) {
        if (!local_is(c, "c")) continue;
        long cr = r, cc = next_col;
        std::string ref = attr(c, "r");
        if (!ref.empty() && !parse_ref(ref, cr, cc)) continue;
        next_col = cc + 1;
        CellValue v = cell_value(c, wb);
        if (v.empty()) continue;
        out.cells[cr][cc] = std::move(v);
        out.min_r = std::min(out.min_r, cr);
        out.max_r = std::max(out.max_r, cr);
        out.min_c = std::min(out.min_c, cc);
        out.max_c = std::max(out.max_c, cc);
      }
    }
  }
  return out;
}

// The <mergeCells> ranges, each normalized to top-left .. bottom-right.
std::vector<Merge> read_merges(const xmlNode* root, std::map<long, std::map<long, CellValue>>& cells) {
  std::vector<Merge> merges;
  if (xmlNode* mc = first_element(root, "mergeCells"))
    for (xmlNode* m : elements(mc)) {
      std::string ref = attr(m, "ref");
      size_t colon = ref.find(':');
      if (colon == std::string::npos) continue;
      Merge g;
      if (!parse_ref(std::string_view(ref).substr(0, colon), g.r1, g.c1) ||
          !parse_ref(std::string_view(ref).substr(colon + 1), g.r2, g.c2))
        continue;
      if (g.r2 < g.r1) std::swap(g.r1, g.r2);
      if (g.c2 < g.c1) std::swap(g.c1, g.c2);
      // A merge matters only where it starts at a cell with content.
      if (cells.count(g.r1) && cells[g.r1].count(g.c1)) merges.push_back(g);
    }
  return merges;
}

// Moves each cell's runs into its table cell, rows past `sc.max_r` (a clipped sheet) left out.
void place_cells(SheetCells& sc, model::Table& table) {
  for (auto& [r, cols] : sc.cells) {
    if (r > sc.max_r) break;
    for (auto& [c, v] : cols) {
      model::Paragraph para;
      para.runs = std::move(v.runs);
      table.rows[static_cast<size_t>(r - sc.min_r)].cells[static_cast<size_t>(c - sc.min_c)].blocks.push_back(
          model::Block{std::move(para)});
    }
  }
}

// Spans on each merge's origin cell; the cells it covers are marked and emptied.
void apply_merges(const std::vector<Merge>& merges, const SheetCells& sc, model::Table& table) {
  for (const Merge& g : merges) {
    if (g.r1 > sc.max_r) continue;
    long r2 = std::min(g.r2, sc.max_r);
    auto& origin = table.rows[static_cast<size_t>(g.r1 - sc.min_r)].cells[static_cast<size_t>(g.c1 - sc.min_c)];
    if (origin.covered) continue;  // overlapping merges: the first one wins
    origin.col_span = static_cast<int>(g.c2 - g.c1 + 1);
    origin.row_span = static_cast<int>(r2 - g.r1 + 1);
    for (long r = g.r1; r <= r2; ++r)
      for (long c = g.c1; c <= g.c2; ++c) {
        if (r == g.r1 && c == g.c1) continue;
        auto& cell = table.rows[static_cast<size_t>(r - sc.min_r)].cells[static_cast<size_t>(c - sc.min_c)];
        cell.covered = true;
        cell.blocks.clear();
      }
  }
}

// One worksheet part into a table; `first_row` receives the sheet row (0-based) of table row 0.
std::optional<model::ReadError> read_sheet(Workbook& wb, const std::string& part, model::Table& table, long& first_row,
                                           std::vector<std::string>& problems) {
  opc::Package::Part p = wb.pkg.parse(part);
  if (p.error) return p.error;
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  SheetCells sc = read_cells(root, wb);
  std::vector<Merge> merges = read_merges(root, sc.cells);
  if (sc.max_r < 0) return std::nullopt;  // an empty sheet: no rows
  for (const Merge& g : merges) {
    sc.max_r = std::max(sc.max_r, g.r2);
    sc.max_c = std::max(sc.max_c, g.c2);
  }
  long ncols = sc.max_c - sc.min_c + 1;
  long nrows = sc.max_r - sc.min_r + 1;
  if (ncols > 0 && nrows * ncols > kMaxGridCells) {
    long keep = std::max(1L, kMaxGridCells / ncols);
    problems.push_back(part + ": only the first " + std::to_string(keep) + " of " + std::to_string(nrows) +
                       " rows were read (sheet too large)");
    nrows = keep;
    sc.max_r = sc.min_r + nrows - 1;
  }
  first_row = sc.min_r;
  table.rows.resize(static_cast<size_t>(nrows));
  for (auto& row : table.rows) row.cells.resize(static_cast<size_t>(ncols));
  place_cells(sc, table);
  apply_merges(merges, sc, table);
  return std::nullopt;
}

// Register rows: the records' "xlsx <sheet>!<row>" must name the sheet's row, not the table's.
void add_records(const model::Table& table, const std::string& sheet, long first_row, ReadResult& r) {
  const std::string prefix = "xlsx " + sheet + "!";
  for (auto& rec : records_from_table(table, prefix)) {
    std::string_view num = std::string_view(rec.source).substr(std::min(prefix.size(), rec.source.size()));
    if (auto n = to_long(num)) rec.source = prefix + std::to_string(*n + first_row);
    r.records.push_back(std::move(rec));
  }
}

ReadResult read_workbook(const Input& in) {
  ReadResult r;
  r.meta.format = Format::Xlsx;
  Workbook wb;
  if (auto e = opc::open_package(in.bytes, in.options->limits, wb.pkg)) return failed(Format::Xlsx, e->kind, e->message);
  opc::Rels package_rels;
  if (auto e = wb.pkg.rels_of("", package_rels)) return failed(Format::Xlsx, e->kind, e->message);
  std::string main_part = "xl/workbook.xml";
  if (const auto* rel = package_rels.by_type("officeDocument"); rel && !rel->external && !rel->target.empty())
    main_part = rel->target;
  if (auto e = opc::read_properties(wb.pkg, package_rels, r.meta)) return failed(Format::Xlsx, e->kind, e->message);
  if (auto e = wb.pkg.rels_of(main_part, wb.rels)) return failed(Format::Xlsx, e->kind, e->message);

  std::string sst = "xl/sharedStrings.xml", styles = "xl/styles.xml";
  if (const auto* rel = wb.rels.by_type("sharedStrings"); rel && !rel->external) sst = rel->target;
  if (const auto* rel = wb.rels.by_type("styles"); rel && !rel->external) styles = rel->target;
  if (auto e = load_shared_strings(wb, sst)) return failed(Format::Xlsx, e->kind, e->message);
  if (auto e = load_styles(wb, styles)) {
    if (opc::is_fatal(*e)) return failed(Format::Xlsx, e->kind, e->message);
    r.meta.problems.push_back(e->message);
  }

  opc::Package::Part book = wb.pkg.parse(main_part);
  if (book.error) return failed(Format::Xlsx, book.error->kind, book.error->message);
  const xmlNode* root = xmlDocGetRootElement(book.doc.get());
  if (xmlNode* pr = first_element(root, "workbookPr")) {
    std::string v = attr(pr, "date1904");
    wb.date1904 = v == "1" || v == "true";
  }
  model::Section section;
  int sheets = 0;
  if (xmlNode* list = first_element(root, "sheets"))
    for (xmlNode* s : elements(list)) {
      if (!local_is(s, "sheet")) continue;
      ++sheets;
      std::string name = attr(s, "name");
      std::string rid = attr(s, "id", opc::kRelNs);
      if (rid.empty()) rid = attr(s, "id", opc::kRelNsStrict);
      model::Paragraph heading;
      heading.heading_level = 1;
      heading.runs.push_back(model::Run{name});
      section.blocks.push_back(model::Block{std::move(heading)});
      const opc::Relationship* rel = wb.rels.by_id(rid);
      if (!rel || rel->external) {
        r.meta.problems.push_back("sheet " + name + ": its part is missing");
        continue;
      }
      if (rel->type.size() < 10 || rel->type.substr(rel->type.size() - 10) != "/worksheet") continue;  // chartsheet, dialogsheet
      model::Table table;
      long first_row = 0;
      if (auto e = read_sheet(wb, rel->target, table, first_row, r.meta.problems)) {
        if (opc::is_fatal(*e) || e->kind == ErrorKind::TooLarge) return failed(Format::Xlsx, e->kind, e->message);
        r.meta.problems.push_back(e->message);
        continue;
      }
      if (table.rows.empty()) continue;
      add_records(table, name, first_row, r);
      section.blocks.push_back(model::Block{std::move(table)});
    }
  r.meta.pages = sheets;
  r.doc.sections.push_back(std::move(section));
  return r;
}

}  // namespace
}  // namespace xlsx

ReadResult read_xlsx(const Input& in) {
  return guarded(Format::Xlsx, "workbook", [&]() -> ReadResult {
    if (is_ole_compound(in.bytes)) {
      if (ole_is_encrypted_ooxml(in.bytes))
        return failed(Format::Xlsx, ErrorKind::Encrypted, "Office 文档设有打开密码（已加密）");
      return failed(Format::Xlsx, ErrorKind::Unsupported, "不读取 Excel 97-2003 的 .xls，请另存为 .xlsx");
    }
    return xlsx::read_workbook(in);
  });
}

}  // namespace lh::ingest
