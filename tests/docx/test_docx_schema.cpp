// Every part we write validates against ECMA-376 Transitional (shared/schemas/ooxml), with the
// libxml2 C API. docProps/core.xml has no schema in the set (no Dublin Core schemas): it is only
// checked for well-formedness.
#include <gtest/gtest.h>
#include <libxml/parser.h>

#include "docx_test_util.h"

using namespace lh;
using namespace lh::docx::test;

namespace {

#define REQUIRE_SCHEMAS()                                                             \
  if (!SchemaSet::schema_dir()) GTEST_SKIP() << "../shared/schemas/ooxml not present"

void expect_all_parts_valid(const model::Document& doc, const docx::DocxOptions& opt = {}) {
  const std::string bytes = docx::write_docx(doc, gongwen_style(), opt);
  const Unzipped u = unzip(bytes);
  ASSERT_FALSE(u.names.empty());
  for (const std::string& name : u.names) {
    const std::string xsd = schema_for(name);
    if (xsd.empty()) {
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) {
        xmlDocPtr d = xmlReadMemory(u.at(name).data(), static_cast<int>(u.at(name).size()), "x", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        EXPECT_NE(d, nullptr) << name << " is not well-formed";
        xmlFreeDoc(d);
      }
      continue;
    }
    EXPECT_EQ(SchemaSet::instance().validate(u.at(name), xsd), "") << name << " against " << xsd;
  }
}

}  // namespace

TEST(DocxSchema, SimpleDocumentValidates) {
  REQUIRE_SCHEMAS();
  expect_all_parts_valid(simple_document());
}

TEST(DocxSchema, FullDocumentValidates) {
  REQUIRE_SCHEMAS();
  docx::DocxOptions opt;
  opt.title = "工作方案";
  opt.author = "市场监督管理局";
  opt.timestamp = 1704412800;
  opt.heading_pages = {2, 2, 3, 3, 4, 5};
  expect_all_parts_valid(full_document(), opt);
}

TEST(DocxSchema, EmptyDocumentValidates) {
  REQUIRE_SCHEMAS();
  expect_all_parts_valid(model::Document{});
}

TEST(DocxSchema, CenteredPageNumbersWithoutEvenFooters) {
  REQUIRE_SCHEMAS();
  layout::Style st = gongwen_style();
  st.page_number.outside = false;
  const Unzipped u = unzip(docx::write_docx(simple_document(), st, {}));
  EXPECT_EQ(SchemaSet::instance().validate(u.at("word/document.xml"), "wml-wrapper.xsd"), "");
  EXPECT_EQ(u.at("word/settings.xml").find("evenAndOddHeaders"), std::string::npos);
}

TEST(DocxSchema, BookWithRectoBreaksRomanNumbersAndLandscapeValidates) {
  REQUIRE_SCHEMAS();
  docx::DocxOptions opt;
  opt.heading_pages = {2, 1, 1, 3};
  expect_all_parts_valid(book_document(), opt);
}

#undef REQUIRE_SCHEMAS  // file-local: the next file of a unity batch does not see it
