// The document XML form (issue 3 §7; templates/xsd/lianghua-document.xsd): every element kind
// survives model → XML → model, read_xml dispatches on the namespace, a DOCTYPE is refused,
// and a schema error names its line.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;

// A valid 2×1 PNG.
std::string tiny_png() {
  static const char png[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00"
      "\x01\x08\x02\x00\x00\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\xf8\xcf"
      "\x00\x04\xff\x01\x07\x00\x01\xff\x3d\x7d\x8c\x49\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
      "\x82";
  return std::string(png, sizeof png - 1);
}

// --- a test-side writer of the form (the reader's counterpart) ---------------------------------------

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '"') o += "&quot;";
    else o += c;
  }
  return o;
}

std::string num(double v) {
  std::ostringstream ss;
  ss << v;
  return ss.str();
}

const char* role_name(model::FontRole r) {
  switch (r) {
    case model::FontRole::Body: return "body";
    case model::FontRole::Song: return "song";
    case model::FontRole::Title: return "title";
    case model::FontRole::Hei: return "hei";
    case model::FontRole::Kai: return "kai";
    case model::FontRole::Mono: return "mono";
  }
  return "body";
}

const char* align_name(model::Align a) {
  switch (a) {
    case model::Align::Start: return "start";
    case model::Align::Center: return "center";
    case model::Align::End: return "end";
    case model::Align::Justify: return "justify";
  }
  return "start";
}

std::string base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

std::string paragraph_xml(const std::string& tag, const model::Paragraph& p, const std::string& extra = "") {
  std::string x = "<" + tag + extra;
  if (p.align) x += std::string(" align=\"") + align_name(*p.align) + "\"";
  if (!p.style.empty() && tag != "title") x += " style=\"" + esc(p.style) + "\"";
  if (!p.anchor.empty()) x += " anchor=\"" + esc(p.anchor) + "\"";
  if (p.keep_with_next) x += " keep-with-next=\"true\"";
  if (p.first_line_indent_chars >= 0) x += " indent-chars=\"" + num(p.first_line_indent_chars) + "\"";
  x += ">";
  for (const model::Run& r : p.runs) {
    x += "<r";
    if (r.role) x += std::string(" role=\"") + role_name(*r.role) + "\"";
    if (r.size_pt > 0) x += " size=\"" + num(r.size_pt) + "\"";
    if (r.bold) x += " bold=\"true\"";
    if (r.italic) x += " italic=\"1\"";
    if (r.underline) x += " underline=\"true\"";
    if (r.color_rgb) {
      char c[16];
      std::snprintf(c, sizeof c, "%06X", r.color_rgb & 0xFFFFFFu);
      x += std::string(" color=\"") + c + "\"";
    }
    if (!r.link.empty()) x += " link=\"" + esc(r.link) + "\"";
    x += ">" + esc(r.text) + "</r>\n";  // a line break between runs is layout of the file
  }
  return x + "</" + tag + ">\n";
}

std::string blocks_xml(const std::vector<model::Block>& blocks);

std::string block_xml(const model::Block& b) {
  if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
    if (p->style == "title") return paragraph_xml("title", *p);
    if (p->heading_level > 0)
      return paragraph_xml("h", *p, " level=\"" + std::to_string(p->heading_level) + "\"" +
                                        (p->list == model::ListKind::ChineseLevel ? " numbered=\"true\"" : ""));
    if (p->list != model::ListKind::None) {
      const char* kind = p->list == model::ListKind::Bullet ? "bullet" : p->list == model::ListKind::Decimal ? "decimal" : "chinese";
      return std::string("<list kind=\"") + kind + "\">" +
             paragraph_xml("item", *p, " level=\"" + std::to_string(p->list_level) + "\"") + "</list>\n";
    }
    return paragraph_xml("p", *p);
  }
  if (const auto* t = std::get_if<model::Table>(&b.value)) {
    std::string x = std::string("<table borders=\"") + (t->borders ? "true" : "false") + "\">\n";
    for (double w : t->col_widths_mm) x += "<col width-mm=\"" + num(w) + "\"/>";
    for (const auto& row : t->rows) {
      x += std::string("<tr header=\"") + (row.header ? "true" : "false") + "\" cant-split=\"" + (row.cant_split ? "1" : "0") + "\">";
      for (const auto& c : row.cells) {
        x += "<td col-span=\"" + std::to_string(c.col_span) + "\" row-span=\"" + std::to_string(c.row_span) + "\"";
        x += c.covered ? " covered=\"true\"/>" : ">\n" + blocks_xml(c.blocks) + "</td>";
      }
      x += "</tr>\n";
    }
    return x + "</table>\n";
  }
  if (const auto* im = std::get_if<model::Image>(&b.value)) {
    std::string x = "<image media-type=\"" + im->media_type + "\"";
    if (im->width_mm > 0) x += " width-mm=\"" + num(im->width_mm) + "\"";
    if (im->height_mm > 0) x += " height-mm=\"" + num(im->height_mm) + "\"";
    if (!im->description.empty()) x += " description=\"" + esc(im->description) + "\"";
    return x + ">\n" + base64(im->bytes) + "\n</image>\n";
  }
  if (std::holds_alternative<model::PageBreak>(b.value)) return "<page-break/>\n";
  const auto& toc = std::get<model::TableOfContents>(b.value);
  return "<toc max-level=\"" + std::to_string(toc.max_level) + "\" title=\"" + esc(toc.title) + "\"/>\n";
}

std::string blocks_xml(const std::vector<model::Block>& blocks) {
  std::string x;
  for (const auto& b : blocks) x += block_xml(b);
  return x;
}

std::string to_xml(const model::Document& d) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:lianghua:document:1\" title=\"标题\">\n";
  for (const auto& s : d.sections) {
    x += "<section page-label=\"" + esc(s.page_label) + "\" restart-numbering=\"" + (s.restart_numbering ? "true" : "false") + "\">\n";
    const auto& pg = s.page;
    x += "<page width-mm=\"" + num(pg.width_mm) + "\" height-mm=\"" + num(pg.height_mm) + "\" top-mm=\"" + num(pg.top_mm) +
         "\" bottom-mm=\"" + num(pg.bottom_mm) + "\" left-mm=\"" + num(pg.left_mm) + "\" right-mm=\"" + num(pg.right_mm) + "\"/>\n";
    for (const auto* hf : {&s.header, &s.footer}) {
      if (!*hf) continue;
      const char* tag = hf == &s.header ? "header" : "footer";
      x += std::string("<") + tag + ">";
      for (const auto& p : (*hf)->paragraphs) x += paragraph_xml("p", p);
      x += std::string("</") + tag + ">\n";
    }
    x += blocks_xml(s.blocks) + "</section>\n";
  }
  return x + "</document>\n";
}

// --- a canonical dump of the model, to compare documents field by field ---------------------------

void dump_blocks(const std::vector<model::Block>& blocks, std::ostream& o);

void dump_paragraph(const model::Paragraph& p, std::ostream& o) {
  o << "P h" << p.heading_level << " style=" << p.style << " align=" << (p.align ? static_cast<int>(*p.align) : -1)
    << " list=" << static_cast<int>(p.list) << "/" << p.list_level << " anchor=" << p.anchor << " keep=" << p.keep_with_next
    << " indent=" << p.first_line_indent_chars << "\n";
  for (const auto& r : p.runs)
    o << "  R [" << r.text << "] role=" << (r.role ? static_cast<int>(*r.role) : -1) << " size=" << r.size_pt
      << " b" << r.bold << " i" << r.italic << " u" << r.underline << " c" << r.color_rgb << " link=" << r.link << "\n";
}

void dump_blocks(const std::vector<model::Block>& blocks, std::ostream& o) {
  for (const auto& b : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) dump_paragraph(*p, o);
    else if (const auto* t = std::get_if<model::Table>(&b.value)) {
      o << "T borders=" << t->borders << " cols=";
      for (double w : t->col_widths_mm) o << w << ",";
      o << "\n";
      for (const auto& row : t->rows) {
        o << " TR header=" << row.header << " cant=" << row.cant_split << "\n";
        for (const auto& c : row.cells) {
          o << "  TD span=" << c.col_span << "x" << c.row_span << " covered=" << c.covered << "\n";
          dump_blocks(c.blocks, o);
        }
      }
    } else if (const auto* im = std::get_if<model::Image>(&b.value)) {
      o << "I " << im->media_type << " bytes=" << im->bytes.size() << (im->bytes == tiny_png() ? " png" : " ?") << " "
        << im->width_mm << "x" << im->height_mm << " [" << im->description << "]\n";
    } else if (std::holds_alternative<model::PageBreak>(b.value)) {
      o << "BREAK\n";
    } else {
      const auto& toc = std::get<model::TableOfContents>(b.value);
      o << "TOC " << toc.max_level << " [" << toc.title << "]\n";
    }
  }
}

std::string dump(const model::Document& d) {
  std::ostringstream o;
  for (const auto& s : d.sections) {
    o << "SECTION " << s.page.width_mm << "x" << s.page.height_mm << " " << s.page.top_mm << "/" << s.page.bottom_mm << "/"
      << s.page.left_mm << "/" << s.page.right_mm << " label=" << s.page_label << " restart=" << s.restart_numbering << "\n";
    if (s.header) {
      o << "HEADER\n";
      for (const auto& p : s.header->paragraphs) dump_paragraph(p, o);
    }
    if (s.footer) {
      o << "FOOTER\n";
      for (const auto& p : s.footer->paragraphs) dump_paragraph(p, o);
    }
    dump_blocks(s.blocks, o);
  }
  return o.str();
}

// --- a document holding every element kind ----------------------------------------------------------

model::Paragraph text(const std::string& t, int heading = 0) {
  model::Paragraph p;
  p.heading_level = heading;
  p.runs.push_back(model::Run{t});
  return p;
}

model::Document every_kind() {
  model::Document d;
  model::Section s;
  s.page = model::PageSetup{297, 210, 20, 20, 25, 25};  // landscape A4
  s.page_label = "附-";
  s.restart_numbering = true;
  s.header = model::HeaderFooter{{text("南岭县市场监督管理局")}};
  s.footer = model::HeaderFooter{{text("— {PAGE} —")}};
  s.footer->paragraphs[0].align = model::Align::Center;
  model::Paragraph title = text("关于开展食品安全检查的通知");
  title.style = "title";
  s.blocks.push_back({title});
  s.blocks.push_back({model::TableOfContents{2, "目  录"}});
  model::Paragraph h1 = text("工作目标", 1);
  h1.list = model::ListKind::ChineseLevel;
  h1.keep_with_next = true;
  s.blocks.push_back({h1});
  model::Paragraph h2 = text("（一）检查范围", 2);
  h2.anchor = "scope";
  s.blocks.push_back({h2});
  model::Paragraph body;
  body.align = model::Align::Justify;
  body.first_line_indent_chars = 2;
  body.style = "Normal";
  body.runs.push_back(model::Run{"各单位：  "});  // trailing spaces inside a run are kept
  model::Run bold{"请"};
  bold.bold = true;
  bold.role = model::FontRole::Hei;
  bold.size_pt = 16;
  body.runs.push_back(bold);
  model::Run link{"按时报送 & <附件>"};
  link.link = "#scope";
  link.color_rgb = 0x0000FF;
  link.underline = true;
  link.italic = true;
  body.runs.push_back(link);
  model::Run web{"网址"};
  web.link = "https://www.samr.gov.cn/?a=1&b=2";
  web.role = model::FontRole::Mono;
  body.runs.push_back(web);
  s.blocks.push_back({body});
  for (auto [kind, level] : {std::pair{model::ListKind::Bullet, 0}, std::pair{model::ListKind::Decimal, 1},
                             std::pair{model::ListKind::ChineseLevel, 2}}) {
    model::Paragraph item = text("列表项");
    item.list = kind;
    item.list_level = level;
    s.blocks.push_back({item});
  }
  model::Table t;
  t.col_widths_mm = {40, 60.5, 55.5};
  t.borders = false;
  model::TableRow head;
  head.header = true;
  for (const char* c : {"项目", "要求", "备注"}) {
    model::TableCell cell;
    cell.blocks.push_back({text(c)});
    head.cells.push_back(cell);
  }
  t.rows.push_back(head);
  model::TableRow r1;
  r1.cant_split = true;
  model::TableCell merged;
  merged.row_span = 2;
  merged.blocks.push_back({text("证照")});
  r1.cells.push_back(merged);
  model::TableCell wide;
  wide.col_span = 2;
  model::Table inner;
  inner.rows.push_back(model::TableRow{{model::TableCell{{{text("嵌套")}}}}});
  wide.blocks.push_back({inner});
  r1.cells.push_back(wide);
  model::TableCell cov;
  cov.covered = true;
  r1.cells.push_back(cov);
  t.rows.push_back(r1);
  model::TableRow r2;
  r2.cells.push_back(cov);
  model::TableCell img_cell;
  model::Image small;
  small.media_type = "image/png";
  small.bytes = tiny_png();
  img_cell.blocks.push_back({small});
  r2.cells.push_back(img_cell);
  r2.cells.push_back(model::TableCell{{{text("有效")}}});
  t.rows.push_back(r2);
  s.blocks.push_back({t});
  s.blocks.push_back({model::PageBreak{}});
  model::Image img;
  img.media_type = "image/png";
  img.bytes = tiny_png();
  img.width_mm = 40;
  img.height_mm = 20;
  img.description = "现场照片";
  s.blocks.push_back({img});
  d.sections.push_back(s);
  model::Section second;  // defaults: A4 portrait, GB/T 9704-2012 margins
  second.blocks.push_back({text("附件", 1)});
  d.sections.push_back(second);
  return d;
}

ReadResult read_model(const std::string& s) { return read_with(read_model_xml, s); }

TEST(ModelXml, EveryElementKindRoundTrips) {
  const model::Document d = every_kind();
  const std::string xml = to_xml(d);
  ReadResult r = read_model(xml);
  ASSERT_FALSE(r.error) << r.error->message << "\n" << xml;
  EXPECT_TRUE(r.meta.problems.empty()) << r.meta.problems.at(0);
  EXPECT_EQ(r.meta.format, model::Format::Xml);
  EXPECT_EQ(r.meta.title, "标题");
  EXPECT_EQ(dump(r.doc), dump(d));
  // Twice round: the form is a fixed point.
  EXPECT_EQ(to_xml(r.doc), xml);
}

TEST(ModelXml, ReadXmlAndReadAnyDispatchOnTheNamespace) {
  const std::string xml = to_xml(every_kind());
  for (auto* reader : {&read_xml, &read_any}) {
    ReadResult r = read_with(reader, xml);
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(dump(r.doc), dump(every_kind()));
  }
  // The same elements in no namespace are just XML: read as text, never as the model.
  std::string plain = xml;
  plain.replace(plain.find(" xmlns=\"urn:lianghua:document:1\""), 32, "");
  ReadResult r = read_with(read_xml, plain);
  ASSERT_FALSE(r.error);
  for (const auto& s : r.doc.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
        EXPECT_EQ(p->heading_level, 0);
      }
}

TEST(ModelXml, PrettyPrintedTextIsTrimmedOnlyAtLineBreaks) {
  ReadResult r = read_model(R"(<document xmlns="urn:lianghua:document:1"><section>
    <p>
      各单位：请按时报送。
    </p>
    <p> 前后空格保留 </p>
    <h level="2">
      <r bold="true">一、</r>
      <r>总则</r>
    </h>
  </section></document>)");
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& b = r.doc.sections.at(0).blocks;
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(std::get<model::Paragraph>(b[0].value).plain_text(), "各单位：请按时报送。");
  EXPECT_EQ(std::get<model::Paragraph>(b[1].value).plain_text(), " 前后空格保留 ");
  const auto& h = std::get<model::Paragraph>(b[2].value);
  EXPECT_EQ(h.heading_level, 2);
  ASSERT_EQ(h.runs.size(), 2u);
  EXPECT_TRUE(h.runs[0].bold);
  EXPECT_EQ(h.plain_text(), "一、总则");
}

TEST(ModelXml, DoctypeIsRefused) {
  for (const std::string& doctype :
       {std::string("<!DOCTYPE document [<!ENTITY x \"boom\">]>"), std::string("<!DOCTYPE document SYSTEM \"file:///etc/passwd\">")}) {
    ReadResult r = read_model("<?xml version=\"1.0\"?>\n" + doctype +
                              "<document xmlns=\"urn:lianghua:document:1\"><section><p>&x;</p></section></document>");
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml) << r.error->message;
    // Through the XML reader's dispatch too.
    ReadResult viaxml = read_with(read_xml, "<?xml version=\"1.0\"?>\n" + doctype +
                                                "<document xmlns=\"urn:lianghua:document:1\"><section/></document>");
    ASSERT_TRUE(viaxml.error);
    EXPECT_EQ(viaxml.error->kind, ErrorKind::UnsafeXml);
  }
}

TEST(ModelXml, SchemaErrorNamesTheLine) {
  ReadResult r = read_model(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<document xmlns=\"urn:lianghua:document:1\">\n"
      "  <section>\n"
      "    <p>正文</p>\n"
      "    <h level=\"12\">太深的标题</h>\n"   // line 5: level is 1..9
      "  </section>\n"
      "</document>\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
  EXPECT_NE(r.error->message.find("lianghua-document.xsd line 5"), std::string::npos) << r.error->message;
  EXPECT_EQ(r.error->message.find('\n'), std::string::npos) << "one line";

  ReadResult unknown = read_model(
      "<document xmlns=\"urn:lianghua:document:1\">\n<section>\n\n<blink>闪</blink>\n</section>\n</document>");
  ASSERT_TRUE(unknown.error);
  EXPECT_NE(unknown.error->message.find("line 4"), std::string::npos) << unknown.error->message;
  EXPECT_NE(unknown.error->message.find("blink"), std::string::npos) << unknown.error->message;

  ReadResult bad_image = read_model(
      "<document xmlns=\"urn:lianghua:document:1\"><section>\n<image media-type=\"image/png\">不是base64</image>\n</section></document>");
  ASSERT_TRUE(bad_image.error);
  EXPECT_NE(bad_image.error->message.find("line 2"), std::string::npos) << bad_image.error->message;
}

TEST(ModelXml, ReadmeExampleValidates) {
  const std::string readme = lh::test::read_file(lh::test::source_dir() / "README.md");
  const size_t start = readme.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:lianghua:document:1\"");
  ASSERT_NE(start, std::string::npos) << "README section \"The document XML form\" has no example";
  const size_t end = readme.find("</document>", start);
  ASSERT_NE(end, std::string::npos);
  std::string xml = readme.substr(start, end + 11 - start);
  const size_t dots = xml.find("…</image>");
  if (dots != std::string::npos) xml.replace(dots, std::string("…").size(), "=");  // the elided base64
  ReadResult r = read_model(xml);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_TRUE(r.meta.problems.empty());
  EXPECT_NE(r.doc.plain_text().find("按时报送"), std::string::npos);
}

}  // namespace
}  // namespace lh::ingest
