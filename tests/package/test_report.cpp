// The run report a clerk reads (issue 9 §6): what needs a person first, in Chinese with the machine
// kinds in parentheses, proposed corrections (contract 1) rendered, times in the office's zone.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "filing/office.h"
#include "filing/scheme.h"
#include "test_support.h"
#include "package/report.h"
#include "package/volume_run.h"

namespace {
using json = nlohmann::json;
using namespace lh;

json sample_report() {
  json r;
  r["archive"] = {{"office", "南岭县市场监督管理局石门市场监督管理所"}, {"fonds", "Z109"}};
  r["run"] = {{"started_at", "2024-06-01T02:00:00+08:00"}, {"finished_at", "2024-06-01T02:03:10+08:00"},
              {"time_zone", "Asia/Shanghai"}, {"new_items", 3},
              {"inputs_by_fate", {{"archived", 3}, {"quarantined", 1}}}, {"new_inputs_by_fate", {{"archived", 3}, {"quarantined", 1}}}};
  r["counts"] = {{"by_fate", {{"archived", 5}, {"quarantined", 1}}}, {"gone_from_inbox_by_fate", {{"archived", 2}}},
                 {"containers", 1}, {"by_category", json::array()}};
  r["cases"] = json::array({{{"case", "南市监处罚〔2024〕12号"}, {"items", 4}, {"complete", false},
                             {"missing", json::array({{{"message", "缺送达回证"}}})}}});
  r["inspection_issues"] = json::array();
  r["invalid_credit_codes"] = json::array();
  r["set_aside"] = json::array({{{"path", "收件/案卷.zip/zeros.bin"}, {"fate", "quarantined"},
                                 {"reason", "疑似压缩炸弹（解压后远超限额），未解压 (zip_bomb)：entry inflates past 256 MiB"}},
                                {{"path", "~$通知.docx"}, {"fate", "junk"}, {"reason", "Office 锁文件 (~$*)"}}});
  r["naming_standard"] = {{"already_standard", 0}, {"inputs", 6}};
  r["corrections"] = json::array({{{"id", "C0001"}, {"archival_code", "Z109-AJ·2024-Y-SMS-0007"}, {"title", "现场检查笔录"},
                                   {"current", {{"category", "AJ"}, {"case_number", "南市监处罚〔2024〕12号"}, {"volume", "正卷"}, {"path", "AJ/2024/x"}}},
                                   {"proposed", {{"category", "JC"}, {"case_number", ""}, {"volume", ""}, {"path", "JC/2024/D30/y"}}},
                                   {"reason", "日常检查记录，与本案无案号关联 (no_case_link)"}}});
  return r;
}

TEST(Report, NeedsAPersonComesFirst) {
  json r = sample_report();
  r["needs_attention"] = package::needs_attention(r);
  EXPECT_EQ(r["needs_attention"]["quarantined"], 1);
  EXPECT_EQ(r["needs_attention"]["corrections"], 1);
  EXPECT_EQ(r["needs_attention"]["incomplete_cases"], 1);
  const std::string h = package::report_html(r);
  const size_t needs = h.find("<h2>需要处理</h2>");
  ASSERT_NE(needs, std::string::npos);
  // Inside it, in the contract's order: set-aside inputs, corrections, incomplete cases.
  const size_t quarantined = h.find("收件/案卷.zip/zeros.bin");
  const size_t correction = h.find("C0001");
  const size_t incomplete = h.find("缺送达回证");
  const size_t fates = h.find("<h2>输入文件去向</h2>");
  EXPECT_LT(needs, quarantined);
  EXPECT_LT(quarantined, correction);
  EXPECT_LT(correction, incomplete);
  EXPECT_LT(incomplete, fates);
  EXPECT_NE(h.find("JC/2024/D30/y"), std::string::npos);           // the proposed place
  EXPECT_NE(h.find("--apply 编号"), std::string::npos);             // how a person applies it
  EXPECT_NE(h.find("(zip_bomb)"), std::string::npos);               // machine kind kept
  EXPECT_NE(h.find("搁置（需要人工处理） (quarantined)"), std::string::npos);
  EXPECT_LT(h.find("<h2>输入文件去向</h2>"), h.find("~$通知.docx"));  // junk is not a person's job
  EXPECT_NE(h.find("2024-06-01 02:00:00 至 2024-06-01 02:03:10（北京时间，UTC+08:00）"), std::string::npos);
}

TEST(Report, NothingToDoSaysSo) {
  json r = sample_report();
  r["set_aside"] = json::array();
  r["cases"] = json::array();
  r.erase("corrections");
  const std::string h = package::report_html(r);
  EXPECT_NE(h.find("本次没有需要人工处理的事项。"), std::string::npos);
}

TEST(Report, FateTableTotalsAddUp) {
  const std::string h = package::report_html(sample_report());
  // 本次收件箱 4 + 已移出收件箱 2 = 累计 6, of which 4 new.
  EXPECT_NE(h.find("<tr><th>合计</th><th>4</th><th>4</th><th>2</th><th>6</th></tr>"), std::string::npos) << h;
}

TEST(Report, LocalTimeIsTheOfficeZoneNotTheMachines) {
  using namespace std::chrono;
  const sys_seconds t = sys_days{2024y / May / 31} + 18h;  // 2024-05-31T18:00:00Z
  EXPECT_EQ(filing::local_time_iso(t, "Asia/Shanghai"), "2024-06-01T02:00:00+08:00");
  EXPECT_EQ(filing::local_time_iso(t, "Asia/Urumqi"), "2024-06-01T00:00:00+06:00");
  EXPECT_EQ(filing::local_time_iso(t, "America/New_York"), "2024-05-31T14:00:00-04:00");  // summer time
  EXPECT_TRUE(filing::is_known_time_zone("Asia/Shanghai"));
  EXPECT_FALSE(filing::is_known_time_zone("Asia/Nowhere"));
}

// Tonight's preservation copies that conform but are not their sources' letter for letter: the
// report names each with its substituted fonts and its OFD pages kept as pictures, escaped, and
// stops listing at 500 rows (saying how many more derived.json holds).
// Kept files whose reader warned: listed after the fates, each with its warnings; the first 500
// listed, all counted. A duplicate (its bytes are a kept file's) and a set-aside input (its reason
// says it) are not listed; nothing here is a task for a person.
TEST(Report, KeptFilesReadWithWarningsAreListedAndCounted) {
  const auto scheme = filing::load_scheme(lh::test::source_dir() / "templates/scheme/default.xml",
                                          lh::test::source_dir() / "templates/scheme/scheme.xsd");
  ASSERT_TRUE(scheme.scheme);
  package::ReportBuilder b(*scheme.scheme, {{"office", "石门所"}, {"fonds", "Z109"}});
  auto input = [](const std::string& path, const std::string& fate, json problems) {
    json j = {{"path", path}, {"fate", fate}, {"archival_code", fate == "archived" ? "Z109-WS·2024-D30-SMS-0001" : ""},
              {"reason", ""}, {"container", false}, {"standard_name", false}};
    if (!problems.is_null()) j["read_problems"] = std::move(problems);
    return j;
  };
  b.add_input(input("照片/IMG_<1>.png", "archived", {"PNG is truncated after the image data; the image is whole"}));
  b.add_input(input("通知.txt", "archived", nullptr));
  b.add_input(input("照片/副本.png", "duplicate", {"PNG is truncated after the image data; the image is whole"}));
  b.add_input(input("坏.pdf", "quarantined", {"page 3: damaged"}));
  b.add_input(input("旧稿.docx", "version", {"2 picture(s) missing from the package"}));
  // A scan read whole but without text: counted in one line, not a row (an office that files paper
  // would otherwise see every scan listed); with another warning beside it, listed.
  b.add_input(input("送达回证（扫描件）.pdf", "archived", {"1 of 1 pages are scanned images without a text layer"}));
  b.add_input(input("现场照片.pdf", "archived", {"2 of 2 pages are scanned images without a text layer", "PDF was encrypted; opened with the configured password"}));
  package::RunInfo run;
  json r = b.finish(run);
  EXPECT_EQ(r["counts"]["read_problems"], 3);
  EXPECT_EQ(r["counts"]["scans_without_text"], 1);
  ASSERT_EQ(r["read_problems"].size(), 3u);
  r["needs_attention"] = package::needs_attention(r);
  EXPECT_EQ(r["needs_attention"]["total"], 1);  // 坏.pdf, set aside; the warnings add no task
  std::string h = package::report_html(r);
  const size_t head = h.find("<h2>读取时发现的问题（3 个文件）</h2>");
  ASSERT_NE(head, std::string::npos) << h;
  EXPECT_GT(head, h.find("<h2>输入文件去向</h2>"));
  // In Chinese first where the reader's wording is known, the reader's words after it.
  EXPECT_NE(h.find("<tr><td>照片/IMG_&lt;1&gt;.png</td><td>Z109-WS·2024-D30-SMS-0001</td><td>PNG 文件在图像数据之后已损坏，图像本身完整："
                   "PNG is truncated", head), std::string::npos) << h;
  EXPECT_NE(h.find("文档包中缺少图片：2 picture(s) missing from the package", head), std::string::npos);
  EXPECT_EQ(h.find("副本.png"), std::string::npos);
  EXPECT_EQ(h.find("送达回证（扫描件）.pdf"), std::string::npos);
  EXPECT_NE(h.find("<p>1 个扫描件没有文字层：已完整读取并归档", head), std::string::npos);
  EXPECT_NE(h.find("扫描页，没有文字层：2 of 2 pages", head), std::string::npos);
  EXPECT_EQ(h.find("page 3: damaged"), std::string::npos);

  package::ReportBuilder many(*scheme.scheme, {{"office", "石门所"}, {"fonds", "Z109"}});
  for (int i = 0; i < 503; ++i) many.add_input(input("r" + std::to_string(i) + ".xml", "archived", {"a warning no gloss knows"}));
  r = many.finish(run);
  EXPECT_EQ(r["counts"]["read_problems"], 503);
  EXPECT_EQ(r["read_problems"].size(), 500u);
  h = package::report_html(r);
  EXPECT_NE(h.find("<td>r499.xml</td>"), std::string::npos);
  EXPECT_EQ(h.find("<td>r500.xml</td>"), std::string::npos);
  EXPECT_NE(h.find("另有 3 个，见 manifest.json 中各输入的 read_problems。"), std::string::npos);
  EXPECT_NE(h.find("<td>a warning no gloss knows</td>"), std::string::npos);  // shown as the reader wrote it

  r.erase("read_problems");
  r["counts"].erase("read_problems");  // a report written before this section: no section
  EXPECT_EQ(package::report_html(r).find("读取时发现的问题"), std::string::npos);
}

TEST(Report, PreservationCopiesWithSubstitutedFontsOrPicturePagesAreListed) {
  json d;
  d["preservation_notes"] = json::array(
      {{{"path", "AJ/2024/案1/正卷/阅览本/Z109-AJ·2024-Y-SMS-0001 告知书.pdf"}, {"fonts", {"STSong-Light → Noto Serif CJK SC（宋体）"}}, {"pictures", json::array()}},
       {{"path", "AJ/2024/案1/案卷.ofd"}, {"fonts", json::array()}, {"pictures", {"第2页：含<透明>图像，以图像保存"}}}});
  std::string h = package::derived_report_html(d);
  const size_t head = h.find("<h2>长期保存副本：替换的字体与以图像保存的页（今晚生成）</h2>");
  ASSERT_NE(head, std::string::npos) << h;
  EXPECT_NE(h.find("<tr><td>AJ/2024/案1/正卷/阅览本/Z109-AJ·2024-Y-SMS-0001 告知书.pdf</td><td>STSong-Light → Noto Serif CJK SC（宋体）</td><td>—</td></tr>", head),
            std::string::npos) << h;
  EXPECT_NE(h.find("<td>第2页：含&lt;透明&gt;图像，以图像保存</td>", head), std::string::npos) << h;
  EXPECT_EQ(h.find("未列出"), std::string::npos);

  for (int i = 0; i < 520; ++i) d["preservation_notes"].push_back({{"path", "p" + std::to_string(i) + ".pdf"}, {"fonts", {"X → Y"}}});
  h = package::derived_report_html(d);
  EXPECT_NE(h.find("<td>p497.pdf</td>"), std::string::npos);  // rows 1-500: the two above, then p0 … p497
  EXPECT_EQ(h.find("<td>p498.pdf</td>"), std::string::npos);
  EXPECT_NE(h.find("另有 22 份副本未列出"), std::string::npos) << h.substr(h.size() - 400);

  d.erase("preservation_notes");
  EXPECT_EQ(package::derived_report_html(d).find("长期保存副本"), std::string::npos);  // nothing to say: no section
}

}  // namespace
