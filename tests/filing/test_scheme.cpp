// The scheme as data: the default validates; an XSD violation names its line; no DTD.
#include <gtest/gtest.h>

#include "filing/office.h"
#include "filing_test_util.h"

using namespace lh::filing;
using lh::filing::testing::default_scheme;

TEST(Scheme, DefaultLoadsWithTheDocumentedDecisions) {
  const Scheme& s = default_scheme();
  ASSERT_FALSE(s.categories.empty());
  EXPECT_EQ(s.documents.size(), 56u);
  ASSERT_TRUE(s.category("WS"));
  ASSERT_TRUE(s.category("AJ"));
  ASSERT_TRUE(s.category("JC"));
  EXPECT_EQ(s.category("AJ")->volumes.size(), 2u);
  EXPECT_EQ(s.category("AJ")->volumes[0].name, "正卷");
  EXPECT_EQ(s.category("AJ")->volumes[1].name, "副卷");
  EXPECT_EQ(s.item_digits, 4);
  EXPECT_TRUE(s.period("Y") && s.period("D30") && s.period("D10"));
  EXPECT_EQ(s.max_name_bytes, 255);
}

TEST(Scheme, EveryFanbenDocumentHasAPlaceInTheCaseFile) {
  const Scheme& s = default_scheme();
  const Category* aj = s.category("AJ");
  ASSERT_TRUE(aj);
  for (const auto& d : s.documents) {
    bool found = false;
    for (const auto& v : aj->volumes)
      for (const auto& sl : v.slots)
        for (const auto& r : sl.docs) found = found || r.number == d.number;
    EXPECT_TRUE(found) << d.number << " " << d.name;
  }
}

TEST(Scheme, XsdViolationNamesTheLine) {
  auto root = lh::test::source_dir();
  std::string xsd = lh::test::read_file(root / "templates/scheme/scheme.xsd");
  std::string xml = lh::test::read_file(root / "templates/scheme/default.xml");
  // Break the box capacity of the first category: a string where a positive integer is required.
  size_t at = xml.find("box-capacity=\"50\"");
  ASSERT_NE(at, std::string::npos);
  int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
  xml.replace(at, 17, "box-capacity=\"lots\"");
  auto r = load_scheme_text(xml, xsd, "broken.xml");
  EXPECT_FALSE(r.scheme);
  ASSERT_FALSE(r.errors.empty());
  // The category element starts a line or two above the attribute; accept its start line.
  bool named = false;
  for (const auto& e : r.errors) {
    for (int l = line - 3; l <= line; ++l)
      named = named || e.find("broken.xml:" + std::to_string(l) + ":") == 0;
  }
  EXPECT_TRUE(named) << r.errors.front() << " (attribute on line " << line << ")";
}

TEST(Scheme, NotWellFormedNamesTheLine) {
  auto root = lh::test::source_dir();
  std::string xsd = lh::test::read_file(root / "templates/scheme/scheme.xsd");
  auto r = load_scheme_text("<?xml version=\"1.0\"?>\n<scheme>\n<oops>\n</scheme>\n", xsd, "bad.xml");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.front().rfind("bad.xml:", 0), 0u);
  EXPECT_EQ(r.errors.front().find("bad.xml:0:"), std::string::npos) << r.errors.front();
}

TEST(Scheme, DoctypeIsRefused) {
  auto root = lh::test::source_dir();
  std::string xsd = lh::test::read_file(root / "templates/scheme/scheme.xsd");
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE scheme [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<scheme>&x;</scheme>\n";
  auto r = load_scheme_text(xml, xsd, "evil.xml");
  EXPECT_FALSE(r.scheme);
  ASSERT_FALSE(r.errors.empty());
  bool doctype = false;
  for (auto& e : r.errors) doctype = doctype || e.find("DOCTYPE") != std::string::npos;
  EXPECT_TRUE(doctype) << r.errors.front();
}

TEST(Scheme, CrossReferencesAreChecked) {
  auto root = lh::test::source_dir();
  std::string xsd = lh::test::read_file(root / "templates/scheme/scheme.xsd");
  std::string xml = lh::test::read_file(root / "templates/scheme/default.xml");
  size_t at = xml.find("<categories default=\"WS\">");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, 25, "<categories default=\"QQ\">");
  auto r = load_scheme_text(xml, xsd, "x.xml");
  EXPECT_FALSE(r.scheme);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors.front().find("QQ"), std::string::npos);
}

TEST(Scheme, OfficeProfileLoads) {
  auto root = lh::test::source_dir();
  auto r = load_office(root / "samples/office.xml", root / "templates/scheme/office.xsd");
  ASSERT_TRUE(r.office) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.office->fonds, "Z109");
  EXPECT_EQ(r.office->organisation, "SMS");
  auto bad = load_office_text("<office><fonds>Z10</fonds></office>",
                              lh::test::read_file(root / "templates/scheme/office.xsd"), "o.xml");
  EXPECT_FALSE(bad.office);
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_EQ(bad.errors.front().rfind("o.xml:1:", 0), 0u) << bad.errors.front();
}
