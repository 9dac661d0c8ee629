// PDF reader on poppler-glib (libraries.md §3; ISO 32000-1 §7.6 encryption, §14.3.3 document info).
// Fixtures: small PDFs drawn with cairo in memory (text page, image-only page, blank page), a
// truncated copy, qpdf-encrypted copies when qpdf is installed, and the corpus under ../shared.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cairo_bytes.h"
#include "ingest/reader.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using test::StderrCapture;

// Page 1: two lines of Chinese/English text. Page 2: a full-page image, no text. Page 3: blank.
std::string three_page_pdf() {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "关于开展试点工作的通知");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "某某市市场监督管理局");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, "试点");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "lianghua-test");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-03-05T10:00:00+08:00");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, "2024-03-06T09:30:00+08:00");
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 16);
  cairo_move_to(cr, 72, 100);
  cairo_show_text(cr, "关于开展试点工作的通知");
  cairo_move_to(cr, 72, 140);
  cairo_show_text(cr, "Second line 2024");
  cairo_show_page(cr);

  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 60, 80);
  unsigned char* px = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 60 * 4; ++x) px[y * stride + x] = static_cast<unsigned char>((x * 7 + y * 13) ^ (x * y));
  cairo_surface_mark_dirty(img);
  cairo_save(cr);
  cairo_scale(cr, 595.0 / 60, 842.0 / 80);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(img);
  cairo_show_page(cr);

  cairo_show_page(cr);  // blank page
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

ReadResult read_pdf_bytes(const std::string& bytes, const ReadOptions& opt = ReadOptions{}) {
  return read_pdf(Input{bytes, "test.pdf", &opt});
}

int count_page_breaks(const ReadResult& r) {
  int n = 0;
  for (const auto& s : r.doc.sections)
    for (const auto& b : s.blocks) n += std::holds_alternative<model::PageBreak>(b.value);
  return n;
}

// Captures what is written to fd 2 while alive.
TEST(PdfReader, TextMetadataScanAndPageBreaks) {
  const std::string pdf = three_page_pdf();
  ReadResult r = read_pdf_bytes(pdf);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Pdf);
  EXPECT_EQ(r.meta.pages, 3);
  EXPECT_EQ(r.meta.title, "关于开展试点工作的通知");
  EXPECT_EQ(r.meta.author, "某某市市场监督管理局");
  EXPECT_EQ(r.meta.subject, "试点");
  EXPECT_EQ(r.meta.application, "lianghua-test");
  EXPECT_EQ(r.meta.created, "2024-03-05T10:00:00+08:00");
  EXPECT_EQ(r.meta.modified, "2024-03-06T09:30:00+08:00");
  // The image page is a scan; the blank page (no image, no text) is not.
  EXPECT_EQ(r.meta.scanned_pages, 1);
  bool said = false;
  for (const auto& p : r.meta.problems) said |= p == "1 of 3 pages are scanned images without a text layer";
  EXPECT_TRUE(said);
  EXPECT_EQ(count_page_breaks(r), 2);
  EXPECT_EQ(r.doc.plain_text(), "关于开展试点工作的通知\nSecond line 2024\n");
}

TEST(PdfReader, TruncatedEmptyAndForeignBytesAreDamagedAndQuiet) {
  const std::string pdf = three_page_pdf();
  StderrCapture cap;
  ReadResult half = read_pdf_bytes(pdf.substr(0, pdf.size() / 2));
  ReadResult tail = read_pdf_bytes(pdf.substr(0, pdf.size() - 200));
  ReadResult empty = read_pdf_bytes("");
  ReadResult jpeg = read_pdf_bytes(std::string("\xFF\xD8\xFF\xE0 not a pdf at all", 22));
  ReadResult garbled = read_pdf_bytes("%PDF-1.7\n" + std::string(2000, '\x7f'));
  const std::string err = cap.finish();
  for (const ReadResult* r : {&half, &tail, &empty, &jpeg, &garbled}) {
    ASSERT_TRUE(r->error);
    EXPECT_EQ(r->error->kind, model::ErrorKind::Damaged) << r->error->message;
  }
  EXPECT_EQ(err, "") << "poppler wrote to stderr";
}

// A 立案审批表 (范本 No. 7) as a form PDF draws it: two heads spaced out character by character
// (18 pt and 12 pt, 36 pt apart: poppler keeps the 12 pt one on one line, its characters 2 em
// apart), label and value cells shown one by one with the rules between the rows, and a justified
// line, its 12 pt characters a third of a character apart.
const char* const kJustified = "当事人在其经营场所销售散装大米";
std::string make_form_pdf() {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842);
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  auto show = [&](double x, double y, const std::string& t) { cairo_move_to(cr, x, y); cairo_show_text(cr, t.c_str()); };
  auto spaced = [&](double x, double y, double step, const std::string& t) {
    for (size_t at = 0, k = 0; at < t.size(); at += 3, ++k) show(x + static_cast<double>(k) * step, y, t.substr(at, 3));
  };  // 3 UTF-8 bytes a character
  cairo_set_font_size(cr, 18);
  spaced(200, 60, 36, "立案审批表");
  cairo_set_font_size(cr, 12);
  spaced(200, 90, 36, "询问笔录");
  double y = 120;
  for (const auto& [label, value] : {std::pair<std::string, std::string>{"时间", "2024年6月12日"},
                                     {"案由", "涉嫌未明码标价"}, {"当事人", "南岭县石门镇李记粮油店"}}) {
    show(84, y, label);
    show(195, y, value);
    y += 28;
  }
  spaced(84, y, 16, kJustified);
  for (double rule = 100; rule <= y + 10; rule += 28) { cairo_move_to(cr, 72, rule); cairo_line_to(cr, 523, rule); }
  cairo_stroke(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

std::vector<std::string> lines_of(const ReadResult& r) {
  std::vector<std::string> out;
  const std::string text = r.doc.plain_text();
  for (size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) out.push_back(text.substr(at, nl - at));
  return out;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// The bug: poppler ran a table row's cells together ("案由涉嫌未明码标价"), so no labelled field of a
// PDF form was found and the 27号 case's cover had no 案由. A cell boundary is a tab, as in a DOCX row.
TEST(PdfReader, ATableFormsLabelCellIsNotJoinedToItsValue) {
  ReadResult r = read_pdf_bytes(make_form_pdf());
  ASSERT_FALSE(r.error) << r.error->message;
  const std::vector<std::string> lines = lines_of(r);
  auto line_of = [&](const std::string& head) {
    for (const std::string& l : lines)
      if (l.rfind(head, 0) == 0) return l;
    return std::string("(no line starts with " + head + ")");
  };
  EXPECT_EQ(line_of("时间"), "时间\t2024年6月12日") << r.doc.plain_text();
  EXPECT_EQ(line_of("案由"), "案由\t涉嫌未明码标价");
  EXPECT_EQ(line_of("当事人南"), "(no line starts with 当事人南)");
  EXPECT_EQ(line_of("当事人\t"), "当事人\t南岭县石门镇李记粮油店");
  // A head spaced out character by character is not cut into cells, nor is justified text.
  const std::string head = line_of("询");
  EXPECT_EQ(head.find('\t'), std::string::npos) << head;
  EXPECT_EQ(without_spaces(head), "询问笔录") << head;
  const std::string justified = line_of("当事人在");
  EXPECT_EQ(justified.find('\t'), std::string::npos) << justified;
  EXPECT_EQ(without_spaces(justified), kJustified) << justified;
}

// Encrypted copies made with the qpdf CLI (ISO 32000-1 §7.6.3/§7.6.4 R6 and R3).
TEST(PdfReader, UserAndOwnerPasswords) {
  if (!test::have_program("qpdf")) GTEST_SKIP() << "qpdf not installed";
  const auto dir = test::temp_dir("pdf-encrypt");
  test::write_file(dir / "plain.pdf", three_page_pdf());
  auto encrypt = [&](const std::string& out, std::vector<std::string> args) {
    std::vector<std::string> argv{"qpdf", "--allow-weak-crypto", "--encrypt"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--", (dir / "plain.pdf").string(), (dir / out).string()});
    return test::run(argv).exit_code == 0;
  };
  ASSERT_TRUE(encrypt("aes.pdf", {"user123", "owner456", "256"}));
  ASSERT_TRUE(encrypt("rc4.pdf", {"user123", "owner456", "128", "--use-aes=n"}));
  ASSERT_TRUE(encrypt("owner.pdf", {"", "owner456", "256", "--extract=n"}));

  for (const char* f : {"aes.pdf", "rc4.pdf"}) {
    const std::string bytes = test::read_file(dir / f);
    ReadResult locked = read_pdf_bytes(bytes);
    ASSERT_TRUE(locked.error) << f;
    EXPECT_EQ(locked.error->kind, model::ErrorKind::Encrypted);
    ReadOptions wrong;
    wrong.pdf_password = "nope";
    ReadResult bad = read_pdf_bytes(bytes, wrong);
    ASSERT_TRUE(bad.error);
    EXPECT_EQ(bad.error->kind, model::ErrorKind::Encrypted);
    ReadOptions right;
    right.pdf_password = "user123";
    ReadResult ok = read_pdf_bytes(bytes, right);
    ASSERT_FALSE(ok.error) << f << ": " << ok.error->message;
    EXPECT_EQ(ok.meta.pages, 3);
    EXPECT_NE(ok.doc.plain_text().find("关于开展试点工作的通知"), std::string::npos);
  }
  ReadResult owner = read_pdf_bytes(test::read_file(dir / "owner.pdf"));
  ASSERT_FALSE(owner.error) << owner.error->message;  // an owner password alone does not lock reading
  EXPECT_NE(owner.doc.plain_text().find("Second line"), std::string::npos);
}

// ---- corpus --------------------------------------------------------------------------------------

ReadResult read_corpus_pdf(const std::filesystem::path& p, const ReadOptions& opt = ReadOptions{}) {
  const std::string bytes = test::read_file(p);
  return read_pdf(Input{bytes, p.filename().string(), &opt});
}

TEST(PdfReaderCorpus, EveryPdfReadsWithoutCrashingOrNoise) {
  LH_REQUIRE_CORPUS(corpus);
  StderrCapture cap;
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(corpus / "pdf")) {
    ReadResult r = read_corpus_pdf(e.path());
    if (!r.error) {
      EXPECT_GE(r.meta.pages, 1) << e.path();
    }
    ++n;
  }
  EXPECT_EQ(cap.finish(), "");
  EXPECT_GT(n, 0);
}

TEST(PdfReaderCorpus, UserPasswordAbc) {
  LH_REQUIRE_CORPUS(corpus);
  const auto f = corpus / "pdf/pdfjs-issue6010_1-userpw-abc.pdf";
  ReadResult locked = read_corpus_pdf(f);
  ASSERT_TRUE(locked.error);
  EXPECT_EQ(locked.error->kind, model::ErrorKind::Encrypted);
  ReadOptions opt;
  opt.pdf_password = "abc";
  ReadResult open = read_corpus_pdf(f, opt);
  ASSERT_FALSE(open.error) << open.error->message;
  EXPECT_NE(open.doc.plain_text().find("Issue 6010"), std::string::npos);
}

TEST(PdfReaderCorpus, OwnerOnlyAes256OpensWithoutPassword) {
  LH_REQUIRE_CORPUS(corpus);
  // What it really is: AES-256 (R6) with an empty user password; copy is forbidden. The single page
  // is empty (no text, no image), so it reads with 1 page, no text and a permissions note.
  ReadResult r = read_corpus_pdf(corpus / "pdf/pdfjs-empty_protected-aes256-owner.pdf");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.pages, 1);
  EXPECT_EQ(r.meta.scanned_pages, 0);
  EXPECT_EQ(r.doc.plain_text(), "");
  EXPECT_EQ(r.meta.application, "Adobe Acrobat Pro (64-bit) 23.3.20244");
  EXPECT_EQ(r.meta.created, "2023-08-10T15:07:07+02:00");  // pdfinfo shows it as 13:07:07 UTC
  bool note = false;
  for (const auto& p : r.meta.problems) note |= p.find("forbid copying") != std::string::npos;
  EXPECT_TRUE(note);
}

TEST(PdfReaderCorpus, NoTrailerIsReconstructedBadStreamIsDamaged) {
  LH_REQUIRE_CORPUS(corpus);
  // No trailer dictionary: poppler rebuilds the xref by scanning objects and finds the one page.
  ReadResult no_trailer = read_corpus_pdf(corpus / "pdf/pdfjs-issue16633-no-trailer.pdf");
  ASSERT_FALSE(no_trailer.error) << no_trailer.error->message;
  EXPECT_EQ(no_trailer.meta.pages, 1);
  // Fuzzed 871 bytes: the reconstruction finds no usable catalog ("Couldn't read xref table").
  ReadResult bad = read_corpus_pdf(corpus / "pdf/pdfjs-REDHAT-1531897-0-bad-stream.pdf");
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->kind, model::ErrorKind::Damaged);
}

TEST(PdfReaderCorpus, ImageOnlyPdfsAreScanned) {
  LH_REQUIRE_CORPUS(corpus);
  for (const char* f : {"pdf/rapidocrpdf-image-only.pdf", "pdf/tika-testOCR.pdf"}) {
    ReadResult r = read_corpus_pdf(corpus / f);
    ASSERT_FALSE(r.error) << f;
    EXPECT_GE(r.meta.scanned_pages, 1) << f;
  }
}

TEST(PdfReaderCorpus, NonEmbeddedCjkFontsExtractWithPopplerData) {
  LH_REQUIRE_CORPUS(corpus);
  if (!std::filesystem::exists("/usr/share/poppler/cMap/Adobe-GB1")) GTEST_SKIP() << "poppler-data not installed";
  ReadResult r8372 = read_corpus_pdf(corpus / "pdf/pdfjs-issue8372-heiti-unigb-nonembedded.pdf");
  ASSERT_FALSE(r8372.error);
  EXPECT_NE(r8372.doc.plain_text().find("目录"), std::string::npos);
  ReadResult r14438 = read_corpus_pdf(corpus / "pdf/pdfjs-issue14438-stsong-nonembedded-gbk-euc-h.pdf");
  ASSERT_FALSE(r14438.error);
  EXPECT_NE(r14438.doc.plain_text().find("Trace-based Just-in-Time Type Specialization"), std::string::npos);
}

TEST(PdfReaderCorpus, ChineseTextIncludingExtensionB) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult hk = read_corpus_pdf(corpus / "pdf/pdfjs-issue19182-traditional-extb.pdf");
  ASSERT_FALSE(hk.error);
  EXPECT_NE(hk.doc.plain_text().find("胡駿𥕛"), std::string::npos);
  ReadResult indesign = read_corpus_pdf(corpus / "pdf/pdfjs-issue19360-zh-indesign-fangzheng.pdf");
  ASSERT_FALSE(indesign.error);
  EXPECT_NE(indesign.doc.plain_text().find("坚持社会主义核心价值体系"), std::string::npos);
}

TEST(PdfReaderCorpus, GbkThroughWinAnsiIsRecordedAsMojibake) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult r = read_corpus_pdf(corpus / "pdf/pdfjs-XiaoBiaoSong-gbk-simplefont.pdf");
  ASSERT_FALSE(r.error);
  EXPECT_NE(r.doc.plain_text().find("Ä¿"), std::string::npos);  // 目 = C4 BF shown as Latin-1
  bool note = false;
  for (const auto& p : r.meta.problems) note |= p.find("mojibake") != std::string::npos;
  EXPECT_TRUE(note);
}

}  // namespace
}  // namespace lh::ingest
