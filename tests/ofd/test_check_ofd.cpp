// The OFD-A checker (ofd/check.h): our own output passes every rule, and a copy broken on purpose
// fails exactly the clause that forbids the break (a test per rule of GB/T 42133-2022).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "ofd/check.h"
#include "ofd_test_util.h"
#include "zip_builder.h"

using namespace lh;
using namespace lh::test::ofd;

namespace {

using Parts = std::map<std::string, std::string>;

std::string schemas() { return schema_dir() ? schema_dir()->string() : std::string(); }

// The package again, OFD.xml first, with `edit` applied to its parts.
std::string broken(const std::function<void(Parts&)>& edit) {
  std::vector<std::string> order;
  Parts p = lh::test::ooxml::unzip(sample_ofd(), &order);
  edit(p);
  lh::test::ZipBuilder z;
  for (const std::string& n : order)
    if (p.count(n)) z.add(n, p.at(n), ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  for (const auto& [n, bytes] : p)
    if (std::find(order.begin(), order.end(), n) == order.end()) z.add(n, bytes, ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  return z.finish();
}

void replace(std::string& s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

std::set<std::string> failed(const std::string& bytes, std::string* details = nullptr) {
  std::set<std::string> out;
  for (const auto& r : ofd::check_ofd(bytes, {schemas()}).rules)
    if (!r.passed) {
      out.insert(r.clause);
      if (details) *details += r.clause + ": " + r.detail + "\n";
    }
  return out;
}

// `bytes` fails `clause` (and, with schemas present, perhaps the XSD of the part it broke), and
// nothing else but `also`.
void expect_fails(const std::string& bytes, const std::string& clause, std::set<std::string> also = {}) {
  std::string details;
  std::set<std::string> f = failed(bytes, &details);
  const std::string full = clause.rfind("GB/T", 0) == 0 ? clause : "GB/T 42133-2022 " + clause;
  EXPECT_TRUE(f.count(full)) << details;
  f.erase(full);
  for (const std::string& a : also) f.erase(a.rfind("GB/T", 0) == 0 ? a : "GB/T 42133-2022 " + a);
  EXPECT_TRUE(f.empty()) << details;
}

const std::string kDoc = "Doc_0/Document.xml", kPage = "Doc_0/Pages/Page_0/Content.xml", kPub = "Doc_0/PublicRes.xml";

TEST(CheckOfd, OurOutputPassesEveryRule) {
  const ofd::CheckReport r = ofd::check_ofd(sample_ofd(), {schemas()});
  std::string details;
  for (const auto& rule : r.rules) details += rule.clause + " " + (rule.passed ? "pass" : "FAIL: " + rule.detail) + "\n";
  EXPECT_TRUE(r.ok()) << details;
  EXPECT_GE(r.rules.size(), 20u);
  if (schema_dir()) {
    EXPECT_TRUE(r.notes.empty());
    size_t xsd = 0;
    for (const auto& rule : r.rules) xsd += rule.clause.find(".xsd") != std::string::npos;
    EXPECT_EQ(xsd, 6u);
  }
}

TEST(CheckOfd, WithoutSchemasTheXsdCheckIsSkippedWithANote) {
  const ofd::CheckReport r = ofd::check_ofd(sample_ofd(), {});
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("XSD validation skipped"), std::string::npos);
}

TEST(CheckOfd, NotAZipIsNotAnOfd) {
  const ofd::CheckReport r = ofd::check_ofd("%PDF-1.7 not an OFD", {});
  ASSERT_EQ(r.rules.size(), 1u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.rules[0].clause, "GB/T 33190-2016 7.2");
}

TEST(CheckOfd, Rule_6_2_1_a_DocTypeMustBeOfdA) {
  expect_fails(broken([](Parts& p) { replace(p["OFD.xml"], "DocType=\"OFD-A\"", "DocType=\"OFD\""); }), "6.2.1 a");
}

TEST(CheckOfd, Rule_6_2_1_b_MetadataNamedPerDaT46) {
  expect_fails(broken([](Parts& p) {
                 std::string& s = p["OFD.xml"];
                 s.erase(s.find("<ofd:CustomDatas>"), s.find("</ofd:CustomDatas>") + 18 - s.find("<ofd:CustomDatas>"));
               }),
               "6.2.1 b");
}

TEST(CheckOfd, Rule_6_2_1_c_ASingleDocument) {
  expect_fails(broken([](Parts& p) {
                 std::string& s = p["OFD.xml"];
                 const size_t a = s.find("<ofd:DocBody>"), b = s.find("</ofd:DocBody>") + 14;
                 s.insert(b, s.substr(a, b - a));
               }),
               "6.2.1 c");
}

TEST(CheckOfd, Rule_6_2_2_a_NoPermissions) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kDoc], "<ofd:Annotations>", "<ofd:Permissions><ofd:Print Printable=\"false\"/></ofd:Permissions><ofd:Annotations>");
               }),
               "6.2.2 a");
}

TEST(CheckOfd, Rule_6_2_2_b_NoVPreferences) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kDoc], "<ofd:Annotations>", "<ofd:VPreferences><ofd:PageMode>FullScreen</ofd:PageMode></ofd:VPreferences><ofd:Annotations>");
               }),
               "6.2.2 b");
}

TEST(CheckOfd, Rule_6_2_2_e_NoExtensions) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kDoc], "</ofd:Document>", "<ofd:Extensions>Extensions.xml</ofd:Extensions></ofd:Document>");
                 p["Doc_0/Extensions.xml"] = "<?xml version=\"1.0\"?><ofd:Extensions xmlns:ofd=\"http://www.ofdspec.org/2016\"/>";
               }),
               "6.2.2 e");
}

TEST(CheckOfd, Rule_6_2_2_c_DocumentActionsGotoOnly) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kDoc], "<ofd:Annotations>",
                         "<ofd:Actions><ofd:Action Event=\"DO\"><ofd:Sound ResourceID=\"1\"/></ofd:Action></ofd:Actions><ofd:Annotations>");
               }),
               "6.2.2 c");
}

TEST(CheckOfd, Rule_6_2_3_c_PageActionsGotoOnly) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kPage], "</ofd:Page>",
                         "<ofd:Actions><ofd:Action Event=\"PO\"><ofd:Movie ResourceID=\"1\"/></ofd:Action></ofd:Actions></ofd:Page>");
               }),
               "6.2.3 c");
}

TEST(CheckOfd, Rule_6_2_3_e_PageBlocksNestedAtMostThreeDeep) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kPage], "Type=\"Body\">",
                         "Type=\"Body\"><ofd:PageBlock ID=\"9001\"><ofd:PageBlock ID=\"9002\"><ofd:PageBlock ID=\"9003\">"
                         "<ofd:PageBlock ID=\"9004\"/></ofd:PageBlock></ofd:PageBlock></ofd:PageBlock>");
               }),
               "6.2.3 e");
}

TEST(CheckOfd, Rule_6_2_4_ContentInBodyOrBackgroundLayers) {
  expect_fails(broken([](Parts& p) { replace(p[kPage], "Type=\"Body\"", "Type=\"Foreground\""); }), "6.2.4");
}

TEST(CheckOfd, Rule_6_2_5_OutlinesGoToPagesThatExist) {
  expect_fails(broken([](Parts& p) {
                 std::string& s = p[kDoc];
                 const size_t at = s.find("PageID=\"", s.find("<ofd:Outlines>")) + 8;
                 s.replace(at, s.find('"', at) - at, "99999");
               }),
               "6.2.5");
}

TEST(CheckOfd, Rule_6_2_6_a_FontsInPublicRes) {
  expect_fails(broken([](Parts& p) {
                 const std::string& pub = p[kPub];
                 const size_t a = pub.find("<ofd:Fonts>"), b = pub.find("</ofd:Fonts>") + 12;
                 replace(p["Doc_0/DocumentRes.xml"], "BaseLoc=\"Res\">", "BaseLoc=\"Res\">" + pub.substr(a, b - a));
               }),
               "6.2.6 a");
}

TEST(CheckOfd, Rule_6_2_6_b_UsedFontsEmbedded) {
  // The font file is no longer referenced: 6.1 (nothing unreferenced) fails with it.
  expect_fails(broken([](Parts& p) { replace(p[kPub], "<ofd:FontFile>Font_0.ttf</ofd:FontFile>", ""); }), "6.2.6 b", {"6.1"});
}

TEST(CheckOfd, Rule_6_2_6_c_EmbeddedFontsAreTrueType) {  // a CFF-based OpenType font fails
  const std::string otf = lh::test::read_file(lh::test::source_dir() / "fonts" / "NotoSansCJKsc-Regular.subset.otf");
  std::string details;
  const std::string b = broken([&](Parts& p) { p["Doc_0/Res/Font_1.ttf"] = otf; });
  expect_fails(b, "6.2.6 c");
  failed(b, &details);
  EXPECT_NE(details.find("CFF outlines"), std::string::npos) << details;
}

// check-ofd reads a font's header and 32 directory entries at once (bench/RESULTS.md §8a7), then
// the rest of the directory for a font with more: the ten tables 6.2.6 c asks for listed after 30
// others are all found (with the first read alone, eight of them would be missing).
TEST(CheckOfd, AFontWithMoreThan32TablesIsReadToTheEndOfItsDirectory) {
  const std::string b = broken([](Parts& p) {
    const std::string ttf = p.at("Doc_0/Res/Font_1.ttf");
    const size_t tables = static_cast<unsigned char>(ttf[4]) << 8 | static_cast<unsigned char>(ttf[5]);
    ASSERT_EQ(tables, 10u);
    std::string more = ttf.substr(0, 12);
    more[4] = 0, more[5] = static_cast<char>(tables + 30);
    for (int i = 0; i < 30; ++i) more += "zz" + std::to_string(10 + i) + std::string(12, '\0');  // empty tables first
    more += ttf.substr(12);  // the real entries (their offsets are not read), then the tables
    p["Doc_0/Res/Font_1.ttf"] = more;
  });
  EXPECT_EQ(failed(b), std::set<std::string>{});
}

TEST(CheckOfd, Rule_6_2_6_e_ImageFormats) {
  expect_fails(broken([](Parts& p) { p["Doc_0/Res/Image_0.png"] = std::string("GIF89a\x01\0\x01\0\0\0\0;", 13); }), "6.2.6 e");
}

TEST(CheckOfd, Rule_6_3_1_b_ColourSpacesGrayRgbCmyk) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kPub], "<ofd:Fonts>", "<ofd:ColorSpaces><ofd:ColorSpace ID=\"9001\" Type=\"Lab\"/></ofd:ColorSpaces><ofd:Fonts>");
               }),
               "6.3.1 b", {"GB/T 33190-2016 Res.xsd"});
}

TEST(CheckOfd, Rule_6_10_1_AnnotationsReadOnlyNoZoomNoRotate) {
  expect_fails(broken([](Parts& p) { replace(p["Doc_0/Annots/Page_0/Annotation.xml"], "NoZoom=\"true\"", "NoZoom=\"false\""); }),
               "6.10.1");
}

TEST(CheckOfd, Rule_6_13_NoUnverifiableSignatures) {
  expect_fails(broken([](Parts& p) {
                 replace(p["OFD.xml"], "</ofd:DocRoot>", "</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>");
                 p["Doc_0/Signs/Signatures.xml"] = "<?xml version=\"1.0\"?><ofd:Signatures xmlns:ofd=\"http://www.ofdspec.org/2016\"/>";
               }),
               "6.13");
}

TEST(CheckOfd, Rule_6_1_NoExternalReferences) {
  expect_fails(broken([](Parts& p) {
                 replace(p[kPub], "<ofd:FontFile>Font_0.ttf</ofd:FontFile>", "<ofd:FontFile>http://example.com/Font_0.ttf</ofd:FontFile>");
               }),
               "6.1", {"6.2.6 b"});
}

TEST(CheckOfd, Rule_6_1_NoUnreferencedFiles) {
  expect_fails(broken([](Parts& p) { p["Doc_0/Res/notes.txt"] = "not part of the document"; }), "6.1");
}

TEST(CheckOfd, Rule_6_16_NoEncryption) {
  expect_fails(broken([](Parts& p) { p["Encryptions.xml"] = "<Encryptions/>"; }), "6.16", {"6.1"});
}

// An encrypted member is found from the ZIP's directory, whatever the part: a page (parsed), or a
// font and a picture, which the checker no longer inflates whole (only their first bytes).
static void expect_encrypted_member_fails(const std::string& member) {
  std::vector<std::string> order;
  Parts p = lh::test::ooxml::unzip(sample_ofd(), &order);
  ASSERT_TRUE(p.count(member)) << member;
  lh::test::ZipBuilder z;
  for (const std::string& n : order) {
    const zip_int64_t i = z.add(n, p.at(n), ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
    if (n == member) {
      ASSERT_EQ(zip_file_set_encryption(z.raw(), static_cast<zip_uint64_t>(i), ZIP_EM_AES_256, "secret"), 0);
    }
  }
  std::string details;
  const auto f = failed(z.finish(), &details);
  EXPECT_TRUE(f.count("GB/T 42133-2022 6.16")) << member << ": " << details;
}

TEST(CheckOfd, Rule_6_16_NoEncryptedMembers) {
  if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) GTEST_SKIP() << "libzip without AES";
  expect_encrypted_member_fails(kPage);
  expect_encrypted_member_fails("Doc_0/Res/Font_0.ttf");
  expect_encrypted_member_fails("Doc_0/Res/Image_0.png");
}

TEST(CheckOfd, PartsOutOfSchemaOrderFailTheXsd) {
  if (!schema_dir()) GTEST_SKIP() << "../shared/schemas/ofd not present";
  const std::string b = broken([](Parts& p) {
    std::string& s = p[kDoc];
    const size_t a = s.find("<ofd:MaxUnitID>"), e = s.find("</ofd:MaxUnitID>") + 16;
    const std::string max = s.substr(a, e - a);
    s.erase(a, e - a);
    replace(s, "</ofd:PageArea>", "</ofd:PageArea>" + max);
  });
  expect_fails(b, "GB/T 33190-2016 Document.xsd");
}

}  // namespace
