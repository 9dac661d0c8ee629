// CSV and tab-separated text (RFC 4180: quoted fields, "" for a quote, line breaks inside quotes)
// as one model::Table; registers (台账) also become InspectionRecords (register_columns.h).
// The common inputs are Excel's: "CSV" on Chinese Windows is GBK (decoded as GB18030), "Unicode
// text" is UTF-16LE with tabs; decoding is normalize::decode_text's (text_decode.h).
#include <algorithm>
#include <exception>

#include "ingest/reader.h"
#include "ingest/register_columns.h"
#include "ingest/text_decode.h"
#include "normalize/unicode.h"

namespace lh::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The separator is the one of , \t ; that occurs most in the first record outside quotes
// (comma on a tie or when none occurs: a one-column file).
char detect_separator(std::string_view text) {
  size_t comma = 0, tab = 0, semicolon = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++comma;
    else if (!quoted && c == '\t') ++tab;
    else if (!quoted && c == ';') ++semicolon;
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma && semicolon > tab) return ';';
  return ',';
}

struct Parsed {
  Rows rows;
  bool unterminated_quote = false;
};

// RFC 4180 §2, read leniently as Excel does: a quote inside an unquoted field is a character,
// text after a closing quote is kept, bare CR or LF ends a record like CRLF.
Parsed parse_csv(std::string_view text, char sep) {
  Parsed p;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false, quoted = false, row_started = false;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = std::all_of(row.begin(), row.end(), [](const std::string& f) { return f.empty(); });
    if (!blank) p.rows.push_back(std::move(row));
    row.clear();
    row_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    row_started = true;
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else in_quotes = false;
      } else if (c == '\r') {
        field += '\n';  // CRLF (or CR) inside a quoted field is one line break
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted) { in_quotes = quoted = true; continue; }
    if (c == sep) { end_field(); continue; }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      continue;
    }
    field += c;
  }
  p.unterminated_quote = in_quotes;
  if (row_started || !row.empty() || !field.empty()) end_row();
  return p;
}

model::TableCell make_cell(const std::string& value) {
  model::TableCell cell;
  size_t pos = 0;
  do {
    size_t nl = value.find('\n', pos);
    if (nl == std::string::npos) nl = value.size();
    model::Paragraph para;
    para.runs.push_back(model::Run{value.substr(pos, nl - pos)});
    cell.blocks.push_back(model::Block{std::move(para)});
    pos = nl + 1;
  } while (pos <= value.size());
  return cell;
}

size_t non_empty_cells(const std::vector<std::string>& row) {
  return static_cast<size_t>(std::count_if(row.begin(), row.end(), [](const std::string& f) { return !f.empty(); }));
}

}  // namespace

ReadResult read_csv(const Input& in) {
  try {
    ReadResult r;
    r.meta.format = model::Format::Csv;
    DecodedInput d = decode_input(in.bytes, in.options->big5, false);
    r.meta.encoding = d.decoded.encoding;
    r.meta.problems = std::move(d.problems);

    const std::string& text = d.decoded.utf8;
    Parsed parsed = parse_csv(text, detect_separator(text));
    if (parsed.unterminated_quote) r.meta.problems.push_back("a quoted field is not closed before the end of the file");

    size_t columns = 0;
    for (const auto& row : parsed.rows) columns = std::max(columns, row.size());

    // A first row with a single cell above a wider table is the register's title
    // ("2024年日常监督检查台账"), not its header.
    size_t first = 0;
    if (!parsed.rows.empty() && columns >= 3 && non_empty_cells(parsed.rows[0]) == 1 && parsed.rows.size() > 1) {
      for (const auto& f : parsed.rows[0])
        if (!f.empty()) r.meta.title = normalize::clean_line(f);
      first = 1;
    }

    model::Table table;
    for (size_t i = first; i < parsed.rows.size(); ++i) {
      model::TableRow row;
      row.header = i == first;
      for (size_t c = 0; c < columns; ++c)
        row.cells.push_back(make_cell(c < parsed.rows[i].size() ? parsed.rows[i][c] : std::string()));
      table.rows.push_back(std::move(row));
    }
    model::Section section;
    if (!table.rows.empty()) section.blocks.push_back(model::Block{std::move(table)});
    r.doc.sections.push_back(std::move(section));

    // Row numbers count the file's records, title row included, as a clerk would find them.
    r.records = records_from_rows(parsed.rows, "csv row ");
    return r;
  } catch (const std::exception& e) {
    return failed(model::Format::Csv, model::ErrorKind::Damaged, std::string("CSV 无法读取（") + e.what() + "）");
  } catch (...) {
    return failed(model::Format::Csv, model::ErrorKind::Damaged, "CSV 无法读取");
  }
}

}  // namespace lh::ingest
