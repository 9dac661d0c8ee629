// lianghua render (issue 3 §7), checked the way a reader checks it: a Word document, a GBK text file
// with 第一章/一、/（一） structure and a Markdown file become PDF + DOCX; Poppler's text equals the
// source text (whitespace and page numbers aside); the outline is the detected headings; every DOCX
// part is schema-valid (../shared/schemas/ooxml); the DOCX TOC's cached page numbers are the PDF's;
// two runs give identical bytes; a damaged input costs one line and exit 1; LibreOffice reads our DOCX.
#include <gtest/gtest.h>
#include <iconv.h>
#include <poppler.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>
#include <regex>
#include <sstream>

#include "ooxml_check.h"
#include "test_support.h"

namespace {
namespace fs = std::filesystem;
using lh::test::program;
using lh::test::read_file;
using lh::test::run;
using lh::test::write_file;

const std::string kDate = "2024-03-05T10:00:00+08:00";

fs::path sample_case() {
  return lh::test::source_dir() / "samples/inbox/案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案";
}

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open");
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  const size_t rc = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) throw std::runtime_error("iconv");
  out.resize(out.size() - ol);
  return out;
}

// Whitespace (ASCII, U+3000, U+00A0) removed, and the 公文 page numbers "— 3 —" (GB/T 9704-2012 §7.5).
std::string squeeze(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) continue;
    if (c == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') { i += 2; continue; }
    if (c == 0xC2 && i + 1 < s.size() && s[i + 1] == '\xA0') { ++i; continue; }
    out += s[i];
  }
  return std::regex_replace(out, std::regex("—[0-9]+—"), "");
}

// --- the PDF as Poppler sees it ----------------------------------------------------------------------

struct OutlineItem {
  int level;
  std::string title;
  int page;  // 1-based
  bool operator==(const OutlineItem& o) const { return level == o.level && title == o.title && page == o.page; }
};

struct PdfView {
  int pages = 0;
  std::string text;                     // all pages
  std::vector<std::string> page_texts;  // page by page
  std::vector<OutlineItem> outline;
};

void walk_outline(PopplerIndexIter* it, int level, PopplerDocument* doc, std::vector<OutlineItem>& out) {
  do {
    PopplerAction* a = poppler_index_iter_get_action(it);
    if (a && a->type == POPPLER_ACTION_GOTO_DEST) {
      PopplerDest* d = a->goto_dest.dest;
      int page = d ? d->page_num : -1;
      if (d && d->type == POPPLER_DEST_NAMED) {
        PopplerDest* r = poppler_document_find_dest(doc, d->named_dest);
        page = r ? r->page_num : -1;
        if (r) poppler_dest_free(r);
      }
      out.push_back({level, a->goto_dest.title ? a->goto_dest.title : "", page});
    }
    if (a) poppler_action_free(a);
    if (PopplerIndexIter* child = poppler_index_iter_get_child(it)) {
      walk_outline(child, level + 1, doc, out);
      poppler_index_iter_free(child);
    }
  } while (poppler_index_iter_next(it));
}

PdfView read_pdf(const fs::path& p) {
  const std::string bytes = read_file(p);
  PdfView v;
  GError* err = nullptr;
  GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, &err);
  g_bytes_unref(gb);
  if (err) g_error_free(err);
  if (!doc) return v;
  v.pages = poppler_document_get_n_pages(doc);
  for (int i = 0; i < v.pages; ++i) {
    PopplerPage* page = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(page);
    v.page_texts.push_back(t ? t : "");
    if (t) v.text += std::string(t) + "\n";
    g_free(t);
    g_object_unref(page);
  }
  if (PopplerIndexIter* it = poppler_index_iter_new(doc)) {
    walk_outline(it, 1, doc, v.outline);
    poppler_index_iter_free(it);
  }
  g_object_unref(doc);
  return v;
}

// --- the DOCX ---------------------------------------------------------------------------------------

// Every part with a schema in the set validates. Skips (returns false) where ../shared is absent.
void expect_schema_valid(const fs::path& docx) {
  if (!lh::test::ooxml::schema_dir()) {
    std::fprintf(stderr, "note: ../shared/schemas/ooxml absent, DOCX schema check skipped\n");
    return;
  }
  const auto parts = lh::test::ooxml::unzip(read_file(docx));
  int checked = 0;
  for (const auto& [name, xml] : parts) {
    const std::string xsd = lh::test::ooxml::schema_for(name);
    if (xsd.empty()) continue;
    EXPECT_EQ(lh::test::ooxml::validate(xml, xsd), "") << docx.filename() << ": " << name;
    ++checked;
  }
  EXPECT_GE(checked, 5) << docx;
}

// The page numbers in the cached result of the DOCX's TOC field, entry by entry.
std::vector<int> docx_toc_pages(const fs::path& docx) {
  const std::string xml = lh::test::ooxml::unzip(read_file(docx)).at("word/document.xml");
  std::vector<int> pages;
  const std::regex entry(R"(<w:hyperlink w:anchor="_Toc[0-9]+"[^>]*>(.*?)</w:hyperlink>)");
  const std::regex number(R"(<w:t(?: [^>]*)?>([0-9]+)</w:t></w:r>$)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), entry); it != std::sregex_iterator(); ++it) {
    const std::string inner = (*it)[1];
    std::smatch m;
    pages.push_back(std::regex_search(inner, m, number) ? std::stoi(m[1]) : 0);
  }
  return pages;
}

// The paragraphs of a DOCX (text of their w:t, squeezed), in document order: those outside tables,
// those in table cells, and the text of each header part.
struct DocxText {
  std::vector<std::string> body, cells, headers;
};

std::vector<std::string> paragraphs_of(const std::string& xml) {
  std::vector<std::string> out;
  const std::regex para(R"(<w:p[ >][\s\S]*?</w:p>)"), text(R"(<w:t(?: [^>]*)?>([^<]*)</w:t>)");
  for (auto p = std::sregex_iterator(xml.begin(), xml.end(), para); p != std::sregex_iterator(); ++p) {
    const std::string s = (*p)[0];
    std::string t;
    for (auto m = std::sregex_iterator(s.begin(), s.end(), text); m != std::sregex_iterator(); ++m) t += (*m)[1];
    if (!squeeze(t).empty()) out.push_back(squeeze(t));
  }
  return out;
}

DocxText docx_text(const fs::path& docx) {
  const auto parts = lh::test::ooxml::unzip(read_file(docx));
  const std::string& xml = parts.at("word/document.xml");
  DocxText d;
  size_t pos = 0;
  while (pos < xml.size()) {  // tables are not nested in the sources used here
    const size_t tbl = xml.find("<w:tbl>", pos);
    const std::string before = xml.substr(pos, tbl == std::string::npos ? std::string::npos : tbl - pos);
    for (auto& p : paragraphs_of(before)) d.body.push_back(std::move(p));
    if (tbl == std::string::npos) break;
    const size_t end = xml.find("</w:tbl>", tbl);
    for (auto& p : paragraphs_of(xml.substr(tbl, end == std::string::npos ? std::string::npos : end - tbl)))
      d.cells.push_back(std::move(p));
    pos = end == std::string::npos ? xml.size() : end + 8;
  }
  for (const auto& [name, part] : parts)
    if (name.rfind("word/header", 0) == 0) {
      std::string h;
      for (const auto& p : paragraphs_of(part)) h += p;
      if (!h.empty()) d.headers.push_back(h);
    }
  return d;
}

// The PDF's text as a reader follows it: page numbers and, at the top of each page, the running
// header dropped.
std::string body_text(const PdfView& pdf, const std::vector<std::string>& headers) {
  std::string out;
  for (const std::string& page : pdf.page_texts) {
    std::string t = squeeze(page);
    for (const std::string& h : headers)
      if (t.rfind(h, 0) == 0) t.erase(0, h.size());
    out += t;
  }
  return out;
}

// Code points of s: a table cell's text is all on the page even where the cells of a row wrap side
// by side and a text extractor interleaves their lines.
std::multiset<std::string> code_points(const std::string& s) {
  std::multiset<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.insert(s.substr(i, n));
    i += n;
  }
  return out;
}

// --- the inputs ---------------------------------------------------------------------------------------

// 公文 text in GBK with 第一章 / 一、 / （一） structure, long enough for several pages.
std::string gbk_source_utf8() {
  std::string filler;
  for (int i = 0; i < 8; ++i)
    filler += "食品经营者应当建立食品安全自查制度，定期对食品安全状况进行检查评价。生产经营条件发生变化，不再符合食品安全要求的，应当立即采取整改措施。\n";
  return "食品经营许可管理办法实施细则\n"
         "第一章 总则\n"
         "一、目的\n"
         "（一）立法依据\n" +
         filler +
         "二、适用范围\n" + filler +
         "第二章 申请与受理\n"
         "一、申请材料\n"
         "申请人应当提交下列材料：营业执照复印件、经营场所平面图。\n" +
         filler + "（一）审查时限\n" + filler;
}

const std::vector<std::pair<int, std::string>> kGbkHeadings = {
    {1, "第一章 总则"}, {2, "一、目的"},   {3, "（一）立法依据"}, {2, "二、适用范围"},
    {1, "第二章 申请与受理"}, {2, "一、申请材料"}, {3, "（一）审查时限"}};

const std::string kMarkdown =
    "# 食品安全检查工作手册\n"
    "\n"
    "## 一、检查准备\n"
    "检查前应当准备**执法证件**和检查记录表。\n"
    "- 执法证件\n"
    "- 现场检查笔录\n"
    "## 二、现场检查\n"
    "1. 核对营业执照\n"
    "2. 检查进货查验记录\n"
    "### （一）注意事项\n"
    "检查人员不得少于两人。\n";
// What a reader sees: markers gone, list labels typeset.
const std::string kMarkdownText =
    "食品安全检查工作手册一、检查准备检查前应当准备执法证件和检查记录表。•执法证件•现场检查笔录二、现场检查"
    "1.核对营业执照2.检查进货查验记录（一）注意事项检查人员不得少于两人。";
const std::vector<std::pair<int, std::string>> kMarkdownHeadings = {
    {1, "食品安全检查工作手册"}, {2, "一、检查准备"}, {2, "二、现场检查"}, {3, "（一）注意事项"}};

struct Inputs {
  fs::path dir, gbk, md, decision, report;
};

Inputs make_inputs(const std::string& tag) {
  Inputs in;
  in.dir = lh::test::temp_dir("render-" + tag);
  in.gbk = in.dir / "实施细则.txt";
  write_file(in.gbk, to_gbk(gbk_source_utf8()));
  in.md = in.dir / "工作手册.md";
  write_file(in.md, kMarkdown);
  in.decision = sample_case() / "09 行政处罚决定书.docx";
  in.report = sample_case() / "06 案件调查终结报告.docx";
  return in;
}

lh::test::CommandResult render(const std::vector<std::string>& args) {
  std::vector<std::string> argv{program().string(), "render", "--quiet", "--date", kDate};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

std::vector<std::pair<int, std::string>> titles(const std::vector<OutlineItem>& outline) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& o : outline) out.push_back({o.level, o.title});
  return out;
}

// --- the tests ---------------------------------------------------------------------------------------

TEST(Render, GbkTextBecomesPdfAndDocxWithDetectedHeadings) {
  const Inputs in = make_inputs("gbk");
  const fs::path out = in.dir / "out";
  auto r = render({in.gbk.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::is_regular_file(out / "实施细则.pdf")) << r.out;
  ASSERT_TRUE(fs::is_regular_file(out / "实施细则.docx"));
  const PdfView pdf = read_pdf(out / "实施细则.pdf");
  EXPECT_GE(pdf.pages, 2);
  EXPECT_EQ(squeeze(pdf.text), squeeze(gbk_source_utf8()));
  EXPECT_EQ(titles(pdf.outline), kGbkHeadings);
  expect_schema_valid(out / "实施细则.docx");
}

TEST(Render, MarkdownHeadingsListsAndBold) {
  const Inputs in = make_inputs("md");
  const fs::path out = in.dir / "out";
  auto r = render({in.md.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const PdfView pdf = read_pdf(out / "工作手册.pdf");
  EXPECT_EQ(squeeze(pdf.text), kMarkdownText);
  EXPECT_EQ(titles(pdf.outline), kMarkdownHeadings);
  expect_schema_valid(out / "工作手册.docx");
  const std::string doc = lh::test::ooxml::unzip(read_file(out / "工作手册.docx")).at("word/document.xml");
  EXPECT_EQ(doc.find("**"), std::string::npos);
  EXPECT_EQ(doc.find("## "), std::string::npos);
  EXPECT_NE(doc.find("<w:numPr>"), std::string::npos) << "lists are lists";
  EXPECT_NE(doc.find("<w:b/>"), std::string::npos) << "bold is bold";
}

TEST(Render, WordDocumentsKeepTheirTextAndHeadings) {
  const Inputs in = make_inputs("docx");
  ASSERT_TRUE(fs::is_regular_file(in.decision)) << in.decision;
  const fs::path out = in.dir / "out";
  auto r = render({in.decision.string(), in.report.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const fs::path& src : {in.decision, in.report}) {
    const fs::path pdf_path = out / (src.stem().string() + ".pdf");
    const fs::path ours = out / (src.stem().string() + ".docx");
    ASSERT_TRUE(fs::is_regular_file(pdf_path)) << pdf_path;
    const DocxText source = docx_text(src);
    const std::string text = body_text(read_pdf(pdf_path), source.headers);
    // Every source paragraph outside tables, in order (table rows may come between).
    size_t at = 0;
    for (const std::string& p : source.body) {
      const size_t found = text.find(p, at);
      EXPECT_NE(found, std::string::npos) << src.filename() << ": missing or out of order: " << p;
      if (found != std::string::npos) at = found + p.size();
    }
    // Table cells: the same cells in our DOCX, and every character of them in the PDF.
    EXPECT_EQ(docx_text(ours).cells, source.cells) << src.filename();
    std::multiset<std::string> pdf_chars = code_points(text);
    for (const std::string& cell : source.cells)
      for (const std::string& ch : code_points(cell)) {
        auto it = pdf_chars.find(ch);
        EXPECT_NE(it, pdf_chars.end()) << src.filename() << ": table text missing: " << cell;
        if (it != pdf_chars.end()) pdf_chars.erase(it);
      }
    expect_schema_valid(ours);
  }
  // The report's Heading1/Heading2 styles are its outline.
  const PdfView report = read_pdf(out / "06 案件调查终结报告.pdf");
  const std::vector<std::pair<int, std::string>> expected = {
      {1, "一、当事人基本情况"}, {1, "二、案件来源及调查经过"}, {1, "三、违法事实及相关证据"},
      {2, "（一）违法事实"},     {2, "（二）相关证据"},         {1, "四、案件性质及法律依据"},
      {1, "五、自由裁量情况"},   {1, "六、处理建议"}};
  EXPECT_EQ(titles(report.outline), expected);
}

TEST(Render, TocPagesInDocxAreThePdfHeadingPages) {
  const Inputs in = make_inputs("toc");
  const fs::path out = in.dir / "out";
  auto r = render({in.gbk.string(), in.md.string(), "--toc", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* stem : {"实施细则", "工作手册"}) {
    const PdfView pdf = read_pdf(out / (std::string(stem) + ".pdf"));
    ASSERT_FALSE(pdf.outline.empty()) << stem;
    std::vector<int> pdf_pages;
    for (const auto& o : pdf.outline) pdf_pages.push_back(o.page);
    EXPECT_EQ(docx_toc_pages(out / (std::string(stem) + ".docx")), pdf_pages) << stem;
    expect_schema_valid(out / (std::string(stem) + ".docx"));
    EXPECT_NE(pdf.text.find("目"), std::string::npos);
  }
  // The long document's headings are spread over several pages: the check means something.
  const PdfView gbk = read_pdf(out / "实施细则.pdf");
  EXPECT_GT(gbk.outline.back().page, gbk.outline.front().page);
}

TEST(Render, TwoRunsGiveIdenticalBytes) {
  const Inputs in = make_inputs("twice");
  std::vector<std::string> files = {in.gbk.string(), in.md.string(), in.decision.string()};
  std::map<std::string, std::string> first;
  for (const char* sub : {"a", "b"}) {
    std::vector<std::string> args = files;
    args.insert(args.end(), {"--toc", "--out", (in.dir / sub).string()});
    auto r = render(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& e : fs::directory_iterator(in.dir / sub)) {
      const std::string name = e.path().filename().string();
      if (*sub == 'a') first[name] = read_file(e.path());
      else EXPECT_TRUE(first.count(name) && first[name] == read_file(e.path())) << name << " differs between runs";
    }
  }
  EXPECT_EQ(first.size(), 6u);
}

TEST(Render, DamagedInputIsOneLineAndTheOthersAreRendered) {
  const Inputs in = make_inputs("damaged");
  const fs::path bad = in.dir / "损坏的决定书.docx";
  write_file(bad, std::string("PK\x03\x04", 4) + "这不是一个完整的压缩包");
  const fs::path out = in.dir / "out";
  auto r = render({in.gbk.string(), bad.string(), in.md.string(), (in.dir / "不存在.txt").string(), "--out", out.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> lines;
  std::stringstream ss(r.err);
  for (std::string l; std::getline(ss, l);)
    if (!l.empty()) lines.push_back(l);
  ASSERT_EQ(lines.size(), 2u) << r.err;
  EXPECT_NE(lines[0].find(bad.string()), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("不存在.txt"), std::string::npos) << lines[1];
  EXPECT_TRUE(fs::is_regular_file(out / "实施细则.pdf"));
  EXPECT_TRUE(fs::is_regular_file(out / "工作手册.docx"));
  EXPECT_FALSE(fs::exists(out / "损坏的决定书.pdf"));
}

TEST(Render, ModelXmlRendersLikeAnyDocument) {
  const fs::path dir = lh::test::temp_dir("render-xml");
  write_file(dir / "通知.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<document xmlns=\"urn:lianghua:document:1\"><section>\n"
             "<title>关于开展检查的通知</title>\n<toc/>\n"
             "<h level=\"1\" numbered=\"true\">工作目标</h>\n<p>各单位：<r bold=\"true\">请</r>按时报送。</p>\n"
             "<table><col width-mm=\"40\"/><col width-mm=\"116\"/><tr header=\"true\"><td><p>项目</p></td><td><p>要求</p></td></tr></table>\n"
             "<page-break/>\n<h level=\"1\" numbered=\"true\">工作要求</h>\n<p>严格执法。</p>\n"
             "</section></document>\n");
  write_file(dir / "坏.xml",
             "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:lianghua:document:1\">\n<section>\n<h>无级别</h>\n</section></document>\n");
  auto r = render({(dir / "通知.xml").string(), (dir / "坏.xml").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("坏.xml"), std::string::npos);
  EXPECT_NE(r.err.find("line 4"), std::string::npos) << r.err;
  const PdfView pdf = read_pdf(dir / "out" / "通知.pdf");
  EXPECT_EQ(titles(pdf.outline), (std::vector<std::pair<int, std::string>>{{1, "一、工作目标"}, {1, "二、工作要求"}}));
  std::vector<int> pages;
  for (const auto& o : pdf.outline) pages.push_back(o.page);
  EXPECT_EQ(docx_toc_pages(dir / "out" / "通知.docx"), pages);
  expect_schema_valid(dir / "out" / "通知.docx");
}

// A flow description (templates/flow/flow.xsd) is drawn as one A4 page (flow module); a flow
// naming a step that does not exist is set aside with its file and line, the others rendered.
TEST(Render, AFlowDescriptionBecomesAOnePageChartAndABadOneNamesItsLine) {
  const fs::path dir = lh::test::temp_dir("render-flow");
  const fs::path sample = lh::test::source_dir() / "samples" / "flows" / "行政许可登记.xml";
  write_file(dir / "坏流程.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flow xmlns=\"urn:lianghua:flow:1\" title=\"坏\">\n"
             "<step id=\"a\" label=\"受理\"/>\n<edge from=\"a\" to=\"b\"/>\n</flow>\n");
  auto r = render({sample.string(), (dir / "坏流程.xml").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("坏流程.xml 第4行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("to=\"b\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "坏流程.pdf"));
  const PdfView pdf = read_pdf(dir / "out" / "行政许可登记.pdf");
  EXPECT_EQ(pdf.pages, 1);
  std::string solid;
  for (char c : pdf.text)
    if (c != ' ' && c != '\n') solid += c;
  for (const char* label : {"行政许可（登记）流程图", "申请人提出申请", "窗口接收材料", "补正后", "办结归档"})
    EXPECT_NE(solid.find(label), std::string::npos) << label;
  expect_schema_valid(dir / "out" / "行政许可登记.docx");
}

TEST(Render, UsageAndCannotRun) {
  const Inputs in = make_inputs("usage");
  EXPECT_EQ(run({program().string(), "render", in.gbk.string()}).exit_code, 2) << "no --out";
  EXPECT_EQ(run({program().string(), "render", "--out", (in.dir / "o").string()}).exit_code, 2) << "no input";
  auto date = run({program().string(), "render", in.gbk.string(), "--out", (in.dir / "o").string(), "--date", "2024-02-30"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--date"), std::string::npos);
  EXPECT_EQ(run({program().string(), "render", in.gbk.string(), "--out", (in.dir / "o").string(), "--style", "no-such"}).exit_code, 2);
  auto help = run({program().string(), "render", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage: lianghua render"), std::string::npos);
  // A font role whose file is missing: could not run (3), naming the role.
  const fs::path fonts = in.dir / "fonts";
  write_file(fonts / "roles.json", read_file(lh::test::source_dir() / "fonts/roles.json"));
  auto nofont = run({program().string(), "render", in.gbk.string(), "--out", (in.dir / "o").string(), "--fonts",
                     (fonts / "roles.json").string()});
  EXPECT_EQ(nofont.exit_code, 3) << nofont.err;
  EXPECT_NE(nofont.err.find("仿宋"), std::string::npos) << nofont.err;
}

TEST(Render, StylePlainAndDateFromSourceDateEpoch) {
  const Inputs in = make_inputs("plain");
  auto r = render({in.md.string(), "--style", "plain", "--out", (in.dir / "p").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The plain style numbers pages "1", "2", ... (no dashes): the text, then the page number.
  const std::string text = squeeze(read_pdf(in.dir / "p" / "工作手册.pdf").text);
  ASSERT_EQ(text.rfind(kMarkdownText, 0), 0u) << text;
  EXPECT_TRUE(std::regex_match(text.substr(kMarkdownText.size()), std::regex("[0-9]*"))) << text;
  // Without --date, SOURCE_DATE_EPOCH decides: same value, same bytes.
  std::string a, b;
  for (std::string* dst : {&a, &b}) {
    const fs::path o = in.dir / (dst == &a ? "ea" : "eb");
    auto e = run({"env", "SOURCE_DATE_EPOCH=1709604000", program().string(), "render", "--quiet", in.md.string(), "--out", o.string()});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    *dst = read_file(o / "工作手册.pdf") + read_file(o / "工作手册.docx");
  }
  EXPECT_EQ(a, b);
}

TEST(Render, LibreOfficeReadsOurDocx) {
  if (!lh::test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  const Inputs in = make_inputs("lo");
  const fs::path out = in.dir / "out";
  auto r = render({in.gbk.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string profile = "file:///tmp/lh-lo-" + std::to_string(getpid());
  auto lo = run({"soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "txt:Text", "--outdir",
                 (in.dir / "lo").string(), (out / "实施细则.docx").string()});
  std::error_code ec;
  fs::remove_all("/tmp/lh-lo-" + std::to_string(getpid()), ec);
  ASSERT_EQ(lo.exit_code, 0) << lo.err;
  const fs::path txt = in.dir / "lo" / "实施细则.txt";
  ASSERT_TRUE(fs::is_regular_file(txt)) << lo.out << lo.err;
  std::string text = read_file(txt);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  EXPECT_EQ(squeeze(text), squeeze(gbk_source_utf8()));
}

}  // namespace
