// Hand-typed tables of contents (normalize/typed_toc.h): what is an entry, and what is replaced.
#include <gtest/gtest.h>

#include "doc_of.h"
#include "normalize/typed_toc.h"

namespace lh::normalize {
namespace {

using lh::test::doc_of;

TEST(TypedToc, AnEntryIsATitleALeaderAndAPageNumber) {
  EXPECT_TRUE(is_typed_toc_entry("第一章　总则……………………1"));
  EXPECT_TRUE(is_typed_toc_entry("一、职责分工 .......... 12"));
  EXPECT_TRUE(is_typed_toc_entry("第二章 会议制度\t３"));
  EXPECT_TRUE(is_typed_toc_entry("编制说明 ·········· ii"));
  EXPECT_TRUE(is_typed_toc_entry("附件　权责清单——————45　"));
  EXPECT_FALSE(is_typed_toc_entry("第一章　总则 1")) << "no leader: a number at the end may be text";
  EXPECT_FALSE(is_typed_toc_entry("……………………12")) << "no title";
  EXPECT_FALSE(is_typed_toc_entry("电话：0755-12345678"));
  EXPECT_FALSE(is_typed_toc_entry("2024.01.15"));
  EXPECT_FALSE(is_typed_toc_entry("第一条　为了规范管理，制定本制度。"));
}

TEST(TypedToc, TheMuluLineThroughTheLastEntryBecomesOneTableOfContents) {
  auto d = doc_of({"会议制度", "目  录", "第一篇　党建工作", "第一章　总则…………1", "", "第二章　会议……3",
                  "第一章　总则", "第一条　为了规范会议，制定本制度。"});
  EXPECT_EQ(replace_typed_toc(d), 1);
  const auto& b = d.sections[0].blocks;
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(std::get<model::Paragraph>(b[0].value).plain_text(), "会议制度");
  EXPECT_TRUE(std::holds_alternative<model::TableOfContents>(b[1].value));
  EXPECT_EQ(std::get<model::Paragraph>(b[2].value).plain_text(), "第一章　总则") << "the heading itself stays";
}

TEST(TypedToc, OneEntryOrNoMuluLineIsNoTableOfContents) {
  auto one = doc_of({"目录", "第一章　总则…………1", "第一条　为了规范会议，制定本制度。"});
  EXPECT_EQ(replace_typed_toc(one), 0) << "a single line after 目录 may be anything";
  auto none = doc_of({"第一章　总则…………1", "第二章　会议……3"});
  EXPECT_EQ(replace_typed_toc(none), 0) << "without its 目录 line";
  auto sentence = doc_of({"目录", "本目录由综合岗每年更新。", "第一章　总则…………1", "第二章　会议……3"});
  EXPECT_EQ(replace_typed_toc(sentence), 0) << "a sentence ends the search";
}

TEST(TypedToc, MuciIsKeptAsMuci) {
  auto d = doc_of({"目次", "1　范围……1", "2　规范性引用文件……2"});
  ASSERT_EQ(replace_typed_toc(d), 1);
  EXPECT_EQ(std::get<model::TableOfContents>(d.sections[0].blocks[0].value).title, "目\xE3\x80\x80\xE3\x80\x80次");
}

}  // namespace
}  // namespace lh::normalize
