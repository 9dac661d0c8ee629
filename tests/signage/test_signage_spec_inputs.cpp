// `lianghua signage` on specs another office writes, not the sample's: what the spec says in its own
// words (a sign without a name, entries of its own, the same room twice, rooms whose names contain
// one another) still gives the rest of the pack, its index, and one line for what was set aside.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "poppler_chars.h"
#include "test_support.h"

namespace fs = std::filesystem;
using lh::test::program;
using lh::test::run;
using lh::test::source_dir;

namespace {

// A spec of the sample office listing only `body` (default-pack="false").
fs::path write_spec(const fs::path& dir, const std::string& rooms, const std::string& body) {
  lh::test::write_file(dir / "spec.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                                             (source_dir() / "samples" / "office.xml").string() +
                                             "\" default-pack=\"false\">\n<rooms default-set=\"false\">" + rooms +
                                             "</rooms>\n" + body + "</signage>\n");
  return dir / "spec.xml";
}

lh::test::CommandResult make_pack(const fs::path& spec, const fs::path& out) {
  return run({program().string(), "signage", spec.string(), "--out", out.string(), "--quiet"});
}

// The 制度牌 (policy-600x900) of a TXT policy `text` (its first line the title), made by the
// program: Poppler's characters of its page, or none when it was not made.
std::vector<lh::test::PageChar> policy_board_chars(const std::string& tag, const std::string& title, const std::string& text) {
  const fs::path dir = lh::test::temp_dir(tag);
  lh::test::write_file(dir / "policy.txt", title + "\n\n" + text);
  const fs::path spec = write_spec(dir, "", "<policy file=\"policy.txt\" board=\"policy-600x900\"/>\n");
  const auto r = make_pack(spec, dir / "out");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const fs::path pdf = dir / "out" / "signs" / ("制度-" + title + ".pdf");
  PopplerDocument* doc = poppler_document_new_from_file(("file://" + pdf.string()).c_str(), nullptr, nullptr);
  if (!doc) return {};
  std::vector<lh::test::PageChar> chars = lh::test::page_chars(doc, 0);
  g_object_unref(doc);
  return chars;
}

}  // namespace

// Another office's 楼层索引 written with its own entries and no name: the entries (lines and tabs)
// became the sign's file name, and the contact sheet could not set that title, so the run stopped
// (exit 3) with no index. A sign without a name is named by its type and the first line of its
// first text that is not a list.
TEST(SignageSpecInputs, AFloorIndexWithItsOwnEntriesIsNotNamedByThem) {
  const fs::path dir = lh::test::temp_dir("signage-own-entries");
  const fs::path spec = write_spec(dir, "<room name=\"调解室\" number=\"102\" floor=\"1F\"/>",
                                   "<sign type=\"floor-index\"><text region=\"entries\">1F\u3000101\t综合服务大厅\n"
                                   "1F\u3000102\t调解室\n2F\u3000203\t档案室外库</text></sign>\n");
  const auto r = make_pack(spec, dir / "out");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "signs" / "楼层索引.pdf"));
  EXPECT_TRUE(fs::exists(dir / "out" / "index.pdf"));
}

// A sign whose name is longer than the contact sheet's cell holds (a 岗位牌 named with its whole
// duty) stopped the run with exit 3 and no index: the index shortens a title it cannot set, and
// index.html keeps it whole.
TEST(SignageSpecInputs, ALongSignNameDoesNotStopTheIndex) {
  const fs::path dir = lh::test::temp_dir("signage-long-name");
  std::string name;
  for (int i = 0; i < 6; ++i) name += "消费者权益保护和投诉举报处理及行政调解";
  const fs::path spec = write_spec(dir, "", "<sign type=\"post-plate\" name=\"" + name +
                                                "\"><text region=\"post\">投诉举报岗</text></sign>\n");
  const auto r = make_pack(spec, dir / "out");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "index.pdf"));
  EXPECT_NE(lh::test::read_file(dir / "out" / "index.html").find(name), std::string::npos);
}

// A room whose name is part of another's (档案室, 档案室外库) counted as on the 楼层索引 when only the
// other stood there: the index's entries were searched for the name anywhere, and 202 档案室, on no
// sign, was dropped without a word. A room stands on the index when an entry names it whole.
TEST(SignageSpecInputs, ARoomNamedInsideAnotherRoomsNameIsStillReportedOnNoSign) {
  const fs::path dir = lh::test::temp_dir("signage-room-inside-name");
  const fs::path spec = write_spec(dir, "<room name=\"档案室\" number=\"202\" floor=\"2F\"/><room name=\"档案室外库\" number=\"203\" floor=\"2F\"/>",
                                   "<sign type=\"floor-index\"><text region=\"entries\">2F\u3000203\t档案室外库</text></sign>\n");
  const auto r = make_pack(spec, dir / "out");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("列出的 1 个房间不在任何标识上（202 档案室）"), std::string::npos) << r.err;
}

// Another office's spec listed 306 消防控制室 twice (a copy-paste slip): the pack quietly made a
// second, identical 门牌 ("门牌-306-消防控制室 (2).pdf") and a second index line. A room is one door:
// one 门牌, and one line naming the repeat (exit 1); two rooms of one name with their own numbers
// stay two.
TEST(SignageSpecInputs, ARoomListedTwiceGetsOneDoorPlateAndIsNamed) {
  const fs::path dir = lh::test::temp_dir("signage-room-twice");
  lh::test::write_file(dir / "spec.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                           (source_dir() / "samples" / "office.xml").string() +
                           "\">\n<rooms default-set=\"false\"><room name=\"消防控制室\" number=\"306\" floor=\"3F\"/>"
                           "<room name=\"调解室\" number=\"101\" floor=\"1F\"/><room name=\"调解室\" number=\"102\" floor=\"1F\"/>"
                           "<room name=\"消防控制室\" number=\"306\" floor=\"3F\"/></rooms>\n</signage>\n");
  const auto r = make_pack(dir / "spec.xml", dir / "out");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("房间 3F 306 消防控制室 列出不止一次"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(room_listed_twice)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("调解室 列出不止一次"), std::string::npos) << "101 and 102 are two rooms";
  int plates_306 = 0, plates_mediation = 0;
  for (const auto& e : fs::directory_iterator(dir / "out" / "signs")) {
    const std::string n = e.path().filename().string();
    plates_306 += n.find("306") != std::string::npos && n.find("消防控制室") != std::string::npos;
    plates_mediation += n.find("调解室") != std::string::npos;
  }
  EXPECT_EQ(plates_306, 1);
  EXPECT_EQ(plates_mediation, 2);
}

// A spec naming a policy file that is not there said "…：制度文件无法读取：cannot be opened", the one
// English reason among the pack's Chinese lines (and not telling a missing file from a locked one).
// The line names the file, says in Chinese that it does not exist and that its board was not made,
// with the machine kind in parentheses; the rest of the pack is made (exit 1).
TEST(SignageSpecInputs, AMissingPolicyFileIsNamedInChineseNotInEnglish) {
  const fs::path dir = lh::test::temp_dir("signage-missing-policy");
  const fs::path spec = write_spec(dir, "", "<sign type=\"post-plate\" name=\"登记注册岗\"><text region=\"post\">登记注册岗</text></sign>\n"
                                            "<policy file=\"policies/没有这个制度.txt\" board=\"policy-600x900\"/>\n");
  const auto r = make_pack(spec, dir / "out");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const size_t at = r.err.find("没有这个制度.txt：制度文件无法读取，制度牌未制作：文件不存在");
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
  EXPECT_NE(line.find("(not_found)"), std::string::npos) << line;
  EXPECT_EQ(line.find("cannot"), std::string::npos) << line;
  EXPECT_TRUE(fs::exists(dir / "out" / "signs" / "岗位牌-登记注册岗.pdf"));
}

// A long TXT policy title broke where its balanced middle fell, inside a word ("…12315投诉举" /
// "报工单…", "…集体讨" / "论决定…": pango's UAX #14 allows a break between any two ideographs). The
// title breaks between words (ICU's dictionary), still on two lines.
TEST(SignageSpecInputs, ALongPolicyTitleBreaksBetweenWordsNotInsideOne) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> titles = {
      {"关于进一步规范12315投诉举报工单办理工作的实施办法", {"关于", "规范", "12315", "投诉", "举报", "工单", "办理", "工作", "实施", "办法"}},
      {"行政处罚案件集体讨论决定制度实施细则", {"行政", "处罚", "案件", "集体", "讨论", "决定", "制度", "实施", "细则"}}};
  int n = 0;
  for (const auto& [title, words] : titles) {
    const auto chars = policy_board_chars("signage-long-title-" + std::to_string(n++), title, "第一条 投诉举报应当当日登记。\n");
    ASSERT_FALSE(chars.empty()) << title;
    std::vector<std::string> lines(1);  // the characters in the title region, 80–150 mm from the trim top
    double last_y = -1;
    for (const auto& c : chars) {
      const double y_mm = (c.y1 + c.y2) / 2 * 25.4 / 72 - 3;  // the character's middle, less the 3 mm bleed
      if (y_mm < 80 || y_mm > 150 || c.ch == " " || c.ch == "\n") continue;
      if (last_y >= 0 && c.y1 > last_y + 20) lines.emplace_back();
      lines.back() += c.ch;
      last_y = c.y1;
    }
    ASSERT_EQ(lines.size(), 2u) << title;
    ASSERT_EQ(lines[0] + lines[1], title);
    const size_t cut = lines[0].size();
    for (const std::string& w : words)
      for (size_t at = title.find(w); at != std::string::npos; at = title.find(w, at + 1))
        EXPECT_FALSE(at < cut && cut < at + w.size()) << lines[0] << " / " << lines[1] << ": inside " << w;
  }
}

// A policy of three short articles reached the body's largest size (40 pt) and stood in the top
// sixth of the 600×900 board, the rest of it bare. The block stands at the body's optical centre.
TEST(SignageSpecInputs, AShortPolicyStandsInTheMiddleOfItsBoardNotAtItsTop) {
  const auto chars = policy_board_chars("signage-short-policy", "首问负责制度",
                                        "第一条 首问负责人应当热情接待来访群众，不得推诿。\n"
                                        "第二条 不属于本所职责的，应当告知办理部门和联系方式。\n"
                                        "第三条 首问负责人应当做好登记，跟踪办理结果。\n");
  double top = 1e9, bottom = 0;
  for (const auto& c : chars)
    if (c.ch == "条") top = std::min(top, c.y1), bottom = std::max(bottom, c.y2);
  ASSERT_LT(top, bottom);
  const double body_top = (3 + 172) * 72 / 25.4, body_h = 690 * 72 / 25.4;  // types.xml policy-600x900 <body>
  EXPECT_GT(top, body_top + body_h / 4);                  // it was at the body's top
  EXPECT_NEAR((top + bottom) / 2, body_top + body_h / 2, body_h / 8);
}
