#include <gtest/gtest.h>

#include "model/document.h"
#include "model/metadata.h"

using namespace lh::model;

TEST(Document, PlainTextJoinsParagraphsAndCells) {
  Document d;
  Section s;
  Paragraph p;
  p.runs.push_back({.text = "行政处罚"});
  p.runs.push_back({.text = "决定书"});
  s.blocks.push_back({p});
  Table t;
  TableRow row;
  TableCell a, b;
  Paragraph pa; pa.runs.push_back({.text = "当事人"});
  Paragraph pb; pb.runs.push_back({.text = "某某公司"});
  a.blocks.push_back({pa});
  b.blocks.push_back({pb});
  row.cells = {a, b};
  t.rows.push_back(row);
  s.blocks.push_back({t});
  d.sections.push_back(s);
  EXPECT_EQ(d.plain_text(), "行政处罚决定书\n当事人\t某某公司\n");
}

TEST(Metadata, NamesRoundTrip) {
  for (auto k : {ErrorKind::Encrypted, ErrorKind::ZipBomb, ErrorKind::UnsafeXml, ErrorKind::Crashed})
    EXPECT_EQ(error_kind_from_name(error_kind_name(k)), k);
  EXPECT_STREQ(format_name(Format::Docx), "docx");
  EXPECT_EQ(format_from_name("ofd"), Format::Ofd);
  EXPECT_FALSE(error_kind_from_name("nonsense").has_value());
}
