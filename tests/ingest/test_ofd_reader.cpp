// The OFD reader (GB/T 33190-2016): a package built in memory, and the two corpus files.
#include <gtest/gtest.h>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;

const std::string kNs = "http://www.ofdspec.org/2016";

std::string page(const std::string& objects, const std::string& tpl = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"" + kNs + "\">" + tpl +
         "<ofd:Content><ofd:Layer ID=\"1\">" + objects + "</ofd:Layer></ofd:Content></ofd:Page>";
}
std::string text_obj(double x, double y, const std::string& t) {
  return "<ofd:TextObject ID=\"9\" Boundary=\"" + std::to_string(x) + " " + std::to_string(y) +
         " 50 5\" Font=\"1\" Size=\"3.5\"><ofd:TextCode X=\"0\" Y=\"3\">" + t + "</ofd:TextCode></ofd:TextObject>";
}

std::string make_ofd() {
  return make_zip({
      {"OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"" + kNs +
                      "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID>"
                      "<ofd:Title>行政处罚决定书</ofd:Title><ofd:Author>某市市场监督管理局</ofd:Author>"
                      "<ofd:CreationDate>2024-03-05</ofd:CreationDate><ofd:Creator>Suwell</ofd:Creator></ofd:DocInfo>"
                      "<ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"},
      {"Doc_0/Document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"" + kNs +
                                 "\"><ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                                 "<ofd:TemplatePage ID=\"5\" BaseLoc=\"Tpls/Tpl_0/Content.xml\"/></ofd:CommonData>"
                                 "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/><ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_1/Content.xml\"/></ofd:Pages></ofd:Document>"},
      // Objects out of order on purpose: lines are sorted by baseline, then left to right.
      {"Doc_0/Pages/Page_0/Content.xml",
       page(text_obj(100, 60, "某某食品有限公司") + text_obj(30, 40, "行政处罚决定书") + text_obj(30, 60, "当事人："),
            "<ofd:Template TemplateID=\"5\" ZOrder=\"Background\"/>")},
      {"Doc_0/Pages/Page_1/Content.xml", page(text_obj(30, 40, "第二页"))},
      {"Doc_0/Tpls/Tpl_0/Content.xml", page(text_obj(30, 20, "某市市场监督管理局"))},
  });
}

TEST(OfdReader, TextPerPageInReadingOrderWithTemplate) {
  auto r = read_with(read_ofd, make_ofd());
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Ofd);
  EXPECT_EQ(r.meta.pages, 2);
  EXPECT_EQ(r.meta.title, "行政处罚决定书");
  EXPECT_EQ(r.meta.author, "某市市场监督管理局");
  EXPECT_EQ(r.meta.created, "2024-03-05");
  EXPECT_EQ(r.meta.application, "Suwell");
  EXPECT_EQ(r.doc.plain_text(), "某市市场监督管理局\n行政处罚决定书\n当事人： 某某食品有限公司\n第二页\n");
  EXPECT_EQ(blocks_of<model::PageBreak>(r.doc).size(), 1u);
  EXPECT_NEAR(r.doc.sections.at(0).page.width_mm, 210, 0.01);
}

TEST(OfdReader, BrokenPackages) {
  auto r = read_with(read_ofd, "PK\x03\x04garbage");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
  r = read_with(read_ofd, make_zip({{"OFD.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x/>"}}));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
  r = read_with(read_ofd, make_zip({{"OFD.xml", "<ofd:OFD xmlns:ofd=\"" + kNs + "\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"}}));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
}

TEST(OfdReaderCorpus, HelloWorld) {
  LH_REQUIRE_CORPUS(corpus);
  auto r = read_with(read_ofd, test::read_file(corpus / "ofd/zc310-helloworld.ofd"));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.pages, 2);
  EXPECT_EQ(r.meta.created, "2020-11-20");
  EXPECT_NE(r.doc.plain_text().find("你好呀，OFD Reader&Writer！"), std::string::npos);
}

TEST(OfdReaderCorpus, InvoiceWithTemplatesAndSignature) {
  LH_REQUIRE_CORPUS(corpus);
  std::string bytes = test::read_file(corpus / "ofd/zc310-999-invoice.ofd");
  ReadOptions opts;
  Input in{bytes, "invoice.ofd", &opts};
  auto r = read_any(in);  // sniff must route it here
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Ofd);
  EXPECT_EQ(r.meta.pages, 5);
  EXPECT_EQ(r.meta.author, "Huhuang Software");
  std::string text = r.doc.plain_text();
  EXPECT_NE(text.find("财天下科技有限公司"), std::string::npos);
  EXPECT_NE(text.find("91500102563638729E"), std::string::npos);
  EXPECT_NE(text.find("发票号码"), std::string::npos);  // from the template page
}

}  // namespace
}  // namespace lh::ingest
