// The safe XML recipe (libraries.md §6) and the ZIP member helper (§5), pinned down.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>

#include "ingest/opc.h"
#include "ingest/safe_xml.h"
#include "ingest/zip_part.h"
#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;
using test::StderrCapture;

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(SafeXml, ParsesPlainXml) {
  XmlParse p = parse_xml("<a><b x=\"1\">hi</b></a>", "t.xml", 1 << 20);
  ASSERT_TRUE(p.doc) << p.error->message;
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  EXPECT_TRUE(local_is(root, "a"));
  EXPECT_EQ(text_content(root), "hi");
  EXPECT_EQ(attr(first_element(root, "b"), "x"), "1");
}

TEST(SafeXml, MalformedIsDamagedWithLineAndNothingOnStderr) {
  StderrCapture cap;
  XmlParse p = parse_xml("<a>\n<b>\n</a>", "bad.xml", 1 << 20);
  std::string err = cap.finish();
  ASSERT_FALSE(p.doc);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::Damaged);
  EXPECT_NE(p.error->message.find("bad.xml line 3"), std::string::npos) << p.error->message;
  EXPECT_EQ(err, "");
}

TEST(SafeXml, AnyDoctypeIsUnsafe) {
  for (const char* x : {"<!DOCTYPE a><a/>", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ELEMENT a ANY>]><a/>",
                        "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>&x;</a>"}) {
    XmlParse p = parse_xml(x, "d.xml", 1 << 20);
    ASSERT_TRUE(p.error) << x;
    EXPECT_EQ(p.error->kind, ErrorKind::UnsafeXml) << x;
  }
}

TEST(SafeXml, XxeNeverReadsTheFile) {
  auto dir = test::temp_dir("safe_xml_xxe");
  test::write_file(dir / "secret.txt", "TOPSECRET");
  std::string x = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file://" + (dir / "secret.txt").string() +
                  "\">]><r>&e;</r>";
  XmlParse p = parse_xml(x, "xxe.xml", 1 << 20);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::UnsafeXml);
  EXPECT_EQ(p.error->message.find("TOPSECRET"), std::string::npos);
}

TEST(SafeXml, BillionLaughsRejectedWithoutMemoryBlowup) {
  std::string x = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  x += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    std::string body;
    for (int k = 0; k < 10; ++k) body += prev;
    x += "<!ENTITY lol" + std::to_string(i) + " \"" + body + "\">\n";
  }
  x += "]>\n<lolz>&lol9;</lolz>";
  long before = max_rss_kb();
  auto t0 = std::chrono::steady_clock::now();
  XmlParse p = parse_xml(x, "bomb.xml", 1 << 20);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::UnsafeXml);
  EXPECT_LT(max_rss_kb() - before, 50 * 1024);  // far below the 4.6 GB of libraries.md §6
  EXPECT_LT(ms, 2000);
}

TEST(SafeXml, QuadraticBlowupRejected) {
  std::string big(50000, 'a');
  std::string x = "<!DOCTYPE q [<!ENTITY a \"" + big + "\">]><q>";
  for (int i = 0; i < 2000; ++i) x += "&a;";
  x += "</q>";
  XmlParse p = parse_xml(x, "quad.xml", 64 << 20);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::UnsafeXml);
}

TEST(SafeXml, XIncludeIsNotProcessed) {
  auto dir = test::temp_dir("safe_xml_xinclude");
  test::write_file(dir / "inc.xml", "<secret>TOPSECRET</secret>");
  std::string x = "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file://" +
                  (dir / "inc.xml").string() + "\" parse=\"text\"/></r>";
  XmlParse p = parse_xml(x, "xi.xml", 1 << 20);
  ASSERT_TRUE(p.doc);
  EXPECT_EQ(text_content(xmlDocGetRootElement(p.doc.get())).find("TOPSECRET"), std::string::npos);
}

TEST(SafeXml, GbkDeclaredIsDecoded) {
  // "<r>检查</r>" in GBK: 检 = BC EC, 查 = B2 E9.
  std::string x = "<?xml version=\"1.0\" encoding=\"GBK\"?><r>\xBC\xEC\xB2\xE9</r>";
  XmlParse p = parse_xml(x, "gbk.xml", 1 << 20);
  ASSERT_TRUE(p.doc) << p.error->message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(p.doc.get())), "检查");
}

TEST(SafeXml, SizeCapIsTooLarge) {
  std::string x = "<r>" + std::string(2000, 'x') + "</r>";
  XmlParse p = parse_xml(x, "big.xml", 1000);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::TooLarge);
}

TEST(SafeXml, EmptyInputIsDamaged) {
  XmlParse p = parse_xml("", "e.xml", 1000);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, ErrorKind::Damaged);
}

TEST(SafeXml, SchemaValidationReportsLines) {
  std::string err;
  auto schema = load_schema(R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>)",
                            "t.xsd", &err);
  ASSERT_TRUE(schema) << err;
  XmlParse ok = parse_xml("<r><n>5</n></r>", "ok.xml", 1000);
  EXPECT_TRUE(validate(*schema, ok.doc.get()).empty());
  XmlParse bad = parse_xml("<r>\n<n>five</n></r>", "bad.xml", 1000);
  auto problems = validate(*schema, bad.doc.get());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].line, 2);
}

TEST(SafeXml, ZipMemberCountsRealBytes) {
  std::string zeros(3u << 20, '\0');
  std::string zip = make_zip({{"a.xml", "<a/>"}, {"zeros.bin", zeros}});
  Limits lim;
  lim.max_entry_bytes = 1u << 20;
  ZipPackage pkg;
  ASSERT_FALSE(pkg.open(zip, lim));
  ZipMember a = pkg.read("a.xml");
  EXPECT_FALSE(a.error);
  EXPECT_EQ(a.bytes, "<a/>");
  ZipMember z = pkg.read("zeros.bin");
  ASSERT_TRUE(z.error);
  EXPECT_EQ(z.error->kind, ErrorKind::ZipBomb);
  EXPECT_TRUE(z.bytes.empty());
  ZipMember m = pkg.read("nope.xml");
  EXPECT_TRUE(m.missing);
  EXPECT_TRUE(pkg.has("A.XML"));  // OPC part names are case-insensitive
}

TEST(SafeXml, ZipRatioCheck) {
  std::string zeros(4u << 20, 'a');
  std::string zip = make_zip({{"z.txt", zeros}});
  ZipPackage pkg;
  ASSERT_FALSE(pkg.open(zip, Limits{}));
  ZipMember z = pkg.read("z.txt");
  ASSERT_TRUE(z.error);
  EXPECT_EQ(z.error->kind, ErrorKind::ZipBomb);
}

TEST(SafeXml, TruncatedZipIsDamaged) {
  std::string zip = make_zip({{"a.xml", "<a/>"}});
  ZipPackage pkg;
  auto e = pkg.open(std::string_view(zip).substr(0, zip.size() / 2), Limits{});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ErrorKind::Damaged);
}

TEST(SafeXml, OpcTargetResolution) {
  EXPECT_EQ(opc::resolve("word/document.xml", "media/image1.png"), "word/media/image1.png");
  EXPECT_EQ(opc::resolve("word/document.xml", "/word/media/x.png"), "word/media/x.png");
  EXPECT_EQ(opc::resolve("xl/workbook.xml", "../customXml/item1.xml"), "customXml/item1.xml");
  EXPECT_EQ(opc::resolve("word/document.xml", "../../etc/passwd"), "");
  EXPECT_EQ(opc::rels_name_for("word/document.xml"), "word/_rels/document.xml.rels");
  EXPECT_EQ(opc::rels_name_for(""), "_rels/.rels");
}

TEST(SafeXml, DoctypeInAnUnreadPartIsFound) {
  std::string zip = make_zip({{"a.xml", "<a/>"}, {"custom/item.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY y \"z\">]><x/>"}});
  ZipPackage pkg;
  ASSERT_FALSE(pkg.open(zip, Limits{}));
  auto bad = find_doctype_member(pkg);
  ASSERT_TRUE(bad);
  EXPECT_EQ(*bad, "custom/item.xml");
}

}  // namespace
}  // namespace lh::ingest
