// Limits stated and enforced for every input (issue 13 §4), each pinned down by what a user sees:
// the page count of a PDF is of the pages that load, problems of one kind are capped and counted,
// XML parts are refused by size before they are parsed. README "Limits" lists them per format.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "model/metadata.h"
#include "ooxml_builder.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;

// A PDF of the given objects (1-based, in order) with a correct cross-reference table.
std::string pdf_of_objects(const std::vector<std::string>& objects, const std::string& trailer_extra = {}) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    std::string n = std::to_string(o);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + trailer_extra + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

// One real page under a page tree whose /Count claims `count` pages. Poppler believes a /Count up
// to the trailer's /Size (ISO 32000-1 §7.5.5), so the trailer claims as many objects.
std::string pdf_claiming_pages(int count) {
  const std::string content = "BT /F1 12 Tf 72 720 Td (One real page) Tj ET";
  std::string pdf = pdf_of_objects({"<< /Type /Catalog /Pages 2 0 R >>",
                                    "<< /Type /Pages /Kids [3 0 R] /Count " + std::to_string(count) + " >>",
                                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                                    "/Contents 5 0 R >>",
                                    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                    "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"});
  const std::string size = "/Size 6 /Root";
  return pdf.replace(pdf.find(size), size.size(), "/Size " + std::to_string(count + 10) + " /Root");
}

TEST(Limits, PdfPageTreeClaimingAMillionPagesIsReadAsItsOnePage) {
  const std::string pdf = pdf_claiming_pages(1000000);
  ReadOptions opt;
  const auto start = std::chrono::steady_clock::now();
  ReadResult r = read_any(Input{pdf, "count.pdf", &opt});
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.pages, 1);
  ASSERT_EQ(r.meta.problems.size(), 1u);
  EXPECT_NE(r.meta.problems[0].find("999999 of the 1000000 pages the page tree claims cannot be loaded"), std::string::npos)
      << r.meta.problems[0];
  ASSERT_EQ(r.doc.sections.size(), 1u);
  for (const auto& b : r.doc.sections[0].blocks) EXPECT_FALSE(std::holds_alternative<model::PageBreak>(b.value));
  EXPECT_LT(took, 30.0) << "pages past a long run of unloadable ones are not tried";
}

TEST(Limits, ProblemsOfOneKindAreKeptThreeTimesAndCounted) {
  std::vector<std::string> p = {"declared charset is unknown"};
  for (int i = 1; i <= 10; ++i) p.push_back("page " + std::to_string(i) + ": text object without a font");
  p.push_back("one other problem");
  model::cap_repeated_problems(p);
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0], "declared charset is unknown");
  EXPECT_EQ(p[1], "page 1: text object without a font");
  EXPECT_EQ(p[3], "page 3: text object without a font");
  EXPECT_EQ(p[4], "one other problem");
  EXPECT_EQ(p[5], "… and 7 more like the above: page 1: text object without a font");
}

TEST(Limits, DocumentXmlOverTheXmlLimitIsRefusedBeforeItIsParsed) {
  std::string body;
  while (body.size() < 64 * 1024) body += "<w:p><w:r><w:t>日常监督检查记录</w:t></w:r></w:p>";
  const std::string docx = ooxml_test::make_docx({.body = body});
  ReadOptions opt;
  opt.limits.max_xml_bytes = 16 * 1024;
  ReadResult r = read_any(Input{docx, "big.docx", &opt});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::TooLarge) << r.error->message;
  EXPECT_NE(r.error->message.find("word/document.xml"), std::string::npos) << r.error->message;
  opt.limits.max_xml_bytes = 1 << 20;  // the same file under a limit it fits
  EXPECT_FALSE(read_any(Input{docx, "big.docx", &opt}).error);
}

TEST(Limits, CsvOverTheTextLimitIsRefusedByItsSize) {
  std::string csv = "序号,事项名称,实施依据\n";
  for (int i = 1; csv.size() < 8192; ++i) csv += std::to_string(i) + ",食品经营许可,《食品安全法》第三十五条\n";
  ReadOptions opt;
  opt.limits.max_text_bytes = 4096;
  ReadResult r = read_any(Input{csv, "权责清单.csv", &opt});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::TooLarge);
}

}  // namespace
}  // namespace lh::ingest
