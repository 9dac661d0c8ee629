// The reader of the document model's own XML form (issue 3 §7; namespace urn:lianghua:document:1,
// templates/xsd/lianghua-document.xsd, README "The document XML form").
//  - Parsed through safe_xml (any DOCTYPE is unsafe_xml; nothing outside the bytes is loaded).
//  - Validated against the XSD, loaded once per process. A document that does not validate is not
//    read: the error names the schema line ("lianghua-document.xsd line 12: ..."), since the rest of
//    the reader relies on the types the schema guarantees. Without the schema file the document is
//    read defensively and meta.problems says it was not validated.
//  - Every value is still bounds-checked here (no atoi): a number out of range keeps the default.
//  - Images are base64 in the file, so reading stays I/O-free.
#include <charconv>
#include <fstream>
#include <mutex>
#include <sstream>

#include "ingest/reader.h"
#include "ingest/safe_xml.h"
#include "model/paths.h"

namespace lh::ingest {
using model::ErrorKind;
using model::Format;

namespace mxml {
namespace {

constexpr std::string_view kNs = kModelXmlNamespace;
constexpr std::string_view kSchemaName = "lianghua-document.xsd";
constexpr int kMaxDepth = 32;          // nested tables deeper than this are not read
constexpr size_t kMaxProblemsShown = 3;

// --- the schema, loaded once per process -----------------------------------------------------------

struct SchemaSlot {
  XmlSchemaPtr schema;
  std::string error;
};

const SchemaSlot& document_schema() {
  static SchemaSlot slot;
  static std::once_flag once;
  std::call_once(once, [] {
    std::filesystem::path p = model::templates_dir() / "xsd" / std::string(kSchemaName);
    std::ifstream f(p, std::ios::binary);
    if (!f) {
      slot.error = "schema " + p.string() + " not found; the document was not validated";
      return;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string err;
    slot.schema = load_schema(ss.str(), kSchemaName, &err);
    if (!slot.schema) slot.error = "schema " + std::string(kSchemaName) + " unusable (" + err + "); the document was not validated";
  });
  return slot;
}

// --- values --------------------------------------------------------------------------------------

bool is_el(const xmlNode* n, std::string_view local) { return el_is(n, kNs, local); }

std::optional<double> number_attr(const xmlNode* n, std::string_view name, double lo, double hi) {
  auto v = attr_opt(n, name);
  if (!v) return std::nullopt;
  std::string s = trim(*v);
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || !(d >= lo && d <= hi)) return std::nullopt;
  return d;
}

std::optional<int> int_attr(const xmlNode* n, std::string_view name, int lo, int hi) {
  auto v = attr_opt(n, name);
  if (!v) return std::nullopt;
  std::string s = trim(*v);
  int i = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec != std::errc() || p != s.data() + s.size() || i < lo || i > hi) return std::nullopt;
  return i;
}

// xs:boolean: true, false, 1, 0.
bool bool_attr(const xmlNode* n, std::string_view name, bool fallback) {
  auto v = attr_opt(n, name);
  if (!v) return fallback;
  std::string s = trim(*v);
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return fallback;
}

std::optional<uint32_t> rgb_attr(const xmlNode* n, std::string_view name) {
  auto v = attr_opt(n, name);
  if (!v) return std::nullopt;
  std::string s = trim(*v);
  if (s.size() != 6) return std::nullopt;
  uint32_t c = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), c, 16);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return c;
}

std::optional<model::FontRole> role_of(std::string_view s) {
  if (s == "body") return model::FontRole::Body;
  if (s == "song") return model::FontRole::Song;
  if (s == "title") return model::FontRole::Title;
  if (s == "hei") return model::FontRole::Hei;
  if (s == "kai") return model::FontRole::Kai;
  if (s == "mono") return model::FontRole::Mono;
  return std::nullopt;
}

std::optional<model::Align> align_of(std::string_view s) {
  if (s == "start") return model::Align::Start;
  if (s == "center") return model::Align::Center;
  if (s == "end") return model::Align::End;
  if (s == "justify") return model::Align::Justify;
  return std::nullopt;
}

// Base64 (RFC 4648 §4), white space ignored; nullopt on any other character or bad padding.
std::optional<std::string> decode_base64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0, pad = 0;
  for (char c : in) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad) return std::nullopt;  // data after padding
    int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (pad > 2 || bits >= 6) return std::nullopt;
  return out;
}

bool only_space(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Text directly in a paragraph is taken as written, except white space holding a line break at
// either end (the indentation of a pretty-printed file).
std::string strip_layout_space(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  if (s.find('\n') < b) s.erase(0, b);
  size_t e = s.find_last_not_of(" \t\r\n");
  if (s.find('\n', e) != std::string::npos) s.erase(e + 1);
  return s;
}

// --- blocks ------------------------------------------------------------------------------------------

struct Reader {
  std::vector<std::string>* problems;

  model::Run run(const xmlNode* r) {
    model::Run out;
    out.text = own_text(r);
    if (auto v = attr_opt(r, "role")) out.role = role_of(trim(*v));
    if (auto s = number_attr(r, "size", 0.5, 200)) out.size_pt = *s;
    out.bold = bool_attr(r, "bold", false);
    out.italic = bool_attr(r, "italic", false);
    out.underline = bool_attr(r, "underline", false);
    if (auto c = rgb_attr(r, "color")) out.color_rgb = *c;
    out.link = attr(r, "link");
    return out;
  }

  // Attributes common to <p>, <h>, <title>, <item>, then the runs.
  model::Paragraph paragraph(const xmlNode* n) {
    model::Paragraph p;
    if (auto a = attr_opt(n, "align")) p.align = align_of(trim(*a));
    p.style = attr(n, "style");
    p.anchor = trim(attr(n, "anchor"));
    p.keep_with_next = bool_attr(n, "keep-with-next", false);
    if (auto i = number_attr(n, "indent-chars", 0, 20)) p.first_line_indent_chars = *i;
    bool has_runs = false;
    for (const xmlNode* c : elements(n))
      if (is_el(c, "r")) has_runs = true;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
        std::string t = cstr(c->content);
        if (has_runs && only_space(t)) continue;
        t = strip_layout_space(std::move(t));
        if (!t.empty()) p.runs.push_back(model::Run{std::move(t)});
      } else if (is_el(c, "r")) {
        p.runs.push_back(run(c));
      }
    }
    return p;
  }

  void list(const xmlNode* n, std::vector<model::Block>& out) {
    const std::string kind = trim(attr(n, "kind"));
    model::ListKind k = kind == "bullet"    ? model::ListKind::Bullet
                        : kind == "decimal" ? model::ListKind::Decimal
                        : kind == "chinese" ? model::ListKind::ChineseLevel
                                            : model::ListKind::None;
    for (const xmlNode* item : elements(n)) {
      if (!is_el(item, "item")) continue;
      model::Paragraph p = paragraph(item);
      p.list = k;
      p.list_level = int_attr(item, "level", 0, 8).value_or(0);
      out.push_back(model::Block{std::move(p)});
    }
  }

  model::Table table(const xmlNode* n, int depth) {
    model::Table t;
    t.borders = bool_attr(n, "borders", true);
    for (const xmlNode* c : elements(n)) {
      if (is_el(c, "col")) {
        if (auto w = number_attr(c, "width-mm", 0.1, 2000)) t.col_widths_mm.push_back(*w);
      } else if (is_el(c, "tr")) {
        model::TableRow row;
        row.header = bool_attr(c, "header", false);
        row.cant_split = bool_attr(c, "cant-split", false);
        for (const xmlNode* td : elements(c)) {
          if (!is_el(td, "td")) continue;
          model::TableCell cell;
          cell.col_span = int_attr(td, "col-span", 1, 64).value_or(1);
          cell.row_span = int_attr(td, "row-span", 1, 64).value_or(1);
          cell.covered = bool_attr(td, "covered", false);
          if (!cell.covered) blocks(td, cell.blocks, depth + 1);
          row.cells.push_back(std::move(cell));
        }
        t.rows.push_back(std::move(row));
      }
    }
    return t;
  }

  std::optional<model::Image> image(const xmlNode* n) {
    model::Image img;
    img.media_type = trim(attr(n, "media-type"));
    auto bytes = decode_base64(own_text(n));
    const long line = xmlGetLineNo(n);
    if (!bytes || bytes->empty()) {
      problems->push_back("line " + std::to_string(line) + ": image data is not base64; the image was left out");
      return std::nullopt;
    }
    img.bytes = std::move(*bytes);
    img.width_mm = number_attr(n, "width-mm", 0.1, 2000).value_or(0);
    img.height_mm = number_attr(n, "height-mm", 0.1, 2000).value_or(0);
    img.description = attr(n, "description");
    return img;
  }

  void blocks(const xmlNode* parent, std::vector<model::Block>& out, int depth) {
    if (depth > kMaxDepth) {
      problems->push_back("line " + std::to_string(xmlGetLineNo(parent)) + ": tables nested deeper than " +
                          std::to_string(kMaxDepth) + " were left out");
      return;
    }
    for (const xmlNode* c : elements(parent)) {
      if (is_el(c, "p")) {
        out.push_back(model::Block{paragraph(c)});
      } else if (is_el(c, "title")) {
        model::Paragraph p = paragraph(c);
        p.style = "title";
        out.push_back(model::Block{std::move(p)});
      } else if (is_el(c, "h")) {
        model::Paragraph p = paragraph(c);
        p.heading_level = int_attr(c, "level", 1, 9).value_or(1);
        if (bool_attr(c, "numbered", false)) p.list = model::ListKind::ChineseLevel;
        out.push_back(model::Block{std::move(p)});
      } else if (is_el(c, "list")) {
        list(c, out);
      } else if (is_el(c, "table")) {
        out.push_back(model::Block{table(c, depth)});
      } else if (is_el(c, "image")) {
        if (auto img = image(c)) out.push_back(model::Block{std::move(*img)});
      } else if (is_el(c, "page-break")) {
        out.push_back(model::Block{model::PageBreak{}});
      } else if (is_el(c, "toc")) {
        model::TableOfContents toc;
        toc.max_level = int_attr(c, "max-level", 1, 9).value_or(toc.max_level);
        if (auto t = attr_opt(c, "title")) toc.title = *t;
        out.push_back(model::Block{std::move(toc)});
      }
    }
  }

  std::optional<model::HeaderFooter> header_footer(const xmlNode* n) {
    if (!n) return std::nullopt;
    model::HeaderFooter hf;
    for (const xmlNode* p : elements(n))
      if (is_el(p, "p")) hf.paragraphs.push_back(paragraph(p));
    return hf;
  }

  model::Section section(const xmlNode* s) {
    model::Section out;
    out.page_label = attr(s, "page-label");
    out.restart_numbering = bool_attr(s, "restart-numbering", false);
    if (trim(attr(s, "numbering")) == "lower-roman") out.numbering = model::Section::Numbering::LowerRoman;
    out.start_on_odd_page = bool_attr(s, "start-on-odd-page", false);
    for (const xmlNode* c : elements(s)) {
      if (is_el(c, "page")) {
        model::PageSetup& pg = out.page;
        pg.width_mm = number_attr(c, "width-mm", 50, 2000).value_or(pg.width_mm);
        pg.height_mm = number_attr(c, "height-mm", 50, 2000).value_or(pg.height_mm);
        pg.top_mm = number_attr(c, "top-mm", 0, 200).value_or(pg.top_mm);
        pg.bottom_mm = number_attr(c, "bottom-mm", 0, 200).value_or(pg.bottom_mm);
        pg.left_mm = number_attr(c, "left-mm", 0, 200).value_or(pg.left_mm);
        pg.right_mm = number_attr(c, "right-mm", 0, 200).value_or(pg.right_mm);
      } else if (is_el(c, "header")) {
        out.header = header_footer(c);
      } else if (is_el(c, "footer")) {
        out.footer = header_footer(c);
      }
    }
    blocks(s, out.blocks, 0);
    return out;
  }
};

// "lianghua-document.xsd line 12: <message>" (+ how many more), one line.
std::string schema_error(const std::vector<SchemaProblem>& problems) {
  std::string msg;
  for (size_t i = 0; i < problems.size() && i < kMaxProblemsShown; ++i) {
    if (i) msg += "; ";
    msg += std::string(kSchemaName) + (problems[i].line > 0 ? " line " + std::to_string(problems[i].line) : "") + ": " +
           problems[i].message;
  }
  if (problems.size() > kMaxProblemsShown) msg += " (and " + std::to_string(problems.size() - kMaxProblemsShown) + " more)";
  return msg;
}

ReadResult read(const Input& in) {
  XmlParse parsed = parse_xml(in.bytes, "XML", in.options->limits.max_xml_bytes);
  if (parsed.error) return failed(Format::Xml, parsed.error->kind, parsed.error->message);
  ReadResult r;
  r.meta.format = Format::Xml;
  r.meta.encoding = "UTF-8";
  if (parsed.doc->encoding) {
    std::string enc = cstr(parsed.doc->encoding);
    for (char& c : enc)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    r.meta.encoding = (enc == "GBK" || enc == "GB2312" || enc == "GB18030") ? "GB18030" : enc == "UTF8" ? "UTF-8" : enc;
  }
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  const SchemaSlot& schema = document_schema();
  if (schema.schema) {
    auto problems = validate(*schema.schema, parsed.doc.get());
    if (!problems.empty()) return failed(Format::Xml, ErrorKind::Damaged, schema_error(problems));
  } else {
    r.meta.problems.push_back(schema.error);
  }
  if (!is_el(root, "document")) return failed(Format::Xml, ErrorKind::Damaged, "根元素不是 <document>");
  r.meta.title = trim(attr(root, "title"));
  r.meta.author = trim(attr(root, "author"));
  Reader reader{&r.meta.problems};
  for (const xmlNode* s : elements(root))
    if (is_el(s, "section")) r.doc.sections.push_back(reader.section(s));
  r.meta.pages = 0;
  return r;
}

}  // namespace
}  // namespace mxml

ReadResult read_model_xml(const Input& in) {
  try {
    return mxml::read(in);
  } catch (const std::bad_alloc&) {
    return failed(Format::Xml, ErrorKind::TooLarge, "读取文档 XML 时内存不足");
  } catch (const std::exception& e) {
    return failed(Format::Xml, ErrorKind::Damaged, std::string("无法读取文档 XML（") + e.what() + "）");
  } catch (...) {
    return failed(Format::Xml, ErrorKind::Damaged, "无法读取文档 XML");
  }
}

}  // namespace lh::ingest
