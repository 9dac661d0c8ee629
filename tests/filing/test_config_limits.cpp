// Limits on the office's configuration files (issue 13 §4): scheme, office profile, signage and book
// specs and SVG emblems are parsed by ingest's one safe parser (a DOCTYPE or entity declaration is
// unsafe_xml, with its line, before any entity is read) and refused by size before they are read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "filing/scheme.h"
#include "filing/xml_safe.h"
#include "test_support.h"

namespace lh::filing {
namespace {

TEST(ConfigLimits, EntityBombInASpecIsUnsafeXmlAtTheDoctypeLine) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {  // lol9 would expand to 10^9 "lol"s (billion laughs)
    const std::string prev = i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    std::string ten;
    for (int k = 0; k < 10; ++k) ten += prev;
    bomb += " <!ENTITY lol" + std::to_string(i) + " \"" + ten + "\">\n";
  }
  bomb += "]>\n<signage>&lol9;</signage>\n";
  std::vector<XmlProblem> problems;
  EXPECT_FALSE(parse_xml_safely(bomb, problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_NE(problems[0].message.find("(unsafe_xml)"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[0].message.find("DOCTYPE"), std::string::npos) << problems[0].message;
}

TEST(ConfigLimits, SchemeWithAnExternalEntityNamesTheFileLineAndUnsafeXml) {
  const std::string xsd = test::read_file(test::source_dir() / "templates/scheme/scheme.xsd");
  const auto r = load_scheme_text(
      "<?xml version=\"1.0\"?>\n\n<!DOCTYPE scheme [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<scheme>&x;</scheme>\n", xsd,
      "evil.xml");
  EXPECT_FALSE(r.scheme);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].rfind("evil.xml:3:", 0), 0u) << r.errors[0];
  EXPECT_NE(r.errors[0].find("unsafe_xml"), std::string::npos) << r.errors[0];
}

TEST(ConfigLimits, ConfigFileOverItsLimitIsRefusedBeforeItIsRead) {
  const auto dir = test::temp_dir("config-limit");
  const auto path = dir / "spec.xml";
  {
    std::ofstream f(path, std::ios::binary);
    f << "<?xml version=\"1.0\"?>\n<book>" << std::string(5000, ' ') << "</book>\n";
  }
  std::string out, error;
  EXPECT_FALSE(read_config_file(path.string(), out, error, 4096));
  EXPECT_TRUE(out.empty()) << "nothing was read";
  EXPECT_NE(error.find("over the limit of 4096"), std::string::npos) << error;
  EXPECT_TRUE(read_config_file(path.string(), out, error, 8192));
}

}  // namespace
}  // namespace lh::filing
