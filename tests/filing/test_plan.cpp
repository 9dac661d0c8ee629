// 整理 of one batch (plan_filing) on a small inbox shaped like samples/inbox case A: which copy of the
// same bytes is archived, drafts in 草稿/, evidence in subfolders, an unfilled "新建" document.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "filing/case_folders.h"
#include "filing/plan.h"
#include "filing_test_util.h"
#include "normalize/fields.h"

using namespace lh::filing;
using lh::filing::testing::default_scheme;
using lh::filing::testing::kDay;
using lh::filing::testing::test_office;
using lh::model::Format;
using lh::model::InspectedFile;

namespace {

const std::string kA = "INBOX/案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/";
const std::string kCaseA = "南市监处罚〔2024〕12号";

// A read document. sha: one hex digit repeated (same digit = same bytes).
InspectedFile inbox_file(const std::string& path, char sha, const std::string& title, int64_t day, Format format = Format::Docx,
                         const std::string& case_number = "") {
  InspectedFile f;
  f.path = path;
  f.sha256 = std::string(64, sha);
  f.size = 5000;
  f.mtime_ns = (19800 + day) * kDay;  // 2024
  f.meta.format = format;
  f.title = title;
  f.text_chars = format == Format::Image ? 0 : 300;
  if (!case_number.empty()) f.fields.case_numbers.push_back({case_number, case_number, false});
  return f;
}

struct FiledInputs {
  Plan plan;
  std::map<std::string, const PlannedInput*> by_path;
  const PlannedInput& input(const std::string& p) const {
    static const PlannedInput none;
    auto it = by_path.find(p);
    return it == by_path.end() ? none : *it->second;
  }
  std::string fate(const std::string& p) const { return by_path.count(p) ? fate_name(input(p).fate) : "(no input)"; }
  const PlannedItem* item_of(const std::string& p) const {
    const PlannedInput& in = input(p);
    return in.item >= 0 && static_cast<size_t>(in.item) < plan.items.size() ? &plan.items[static_cast<size_t>(in.item)] : nullptr;
  }
};

FiledInputs file_inbox(const std::vector<InspectedFile>& files) {
  FiledInputs r{plan_filing(files, default_scheme(), test_office(), "INBOX"), {}};
  for (const auto& in : r.plan.inputs) r.by_path[in.path] = &in;
  return r;
}

std::vector<InspectedFile> inbox_like_case_a() {
  const std::string a = kA;
  return {
      inbox_file(a + "02 立案审批表.docx", '1', "立案审批表", 10, Format::Docx, kCaseA),
      inbox_file(a + "09 行政处罚决定书.docx", '2', "行政处罚决定书", 60, Format::Docx, kCaseA),
      inbox_file(a + "09 行政处罚决定书.pdf", '3', "行政处罚决定书", 61, Format::Pdf, kCaseA),
      inbox_file(a + "09 行政处罚决定书 - 副本.pdf", '3', "行政处罚决定书", 62, Format::Pdf, kCaseA),
      inbox_file("INBOX/发文存档/2024/南市监处罚〔2024〕12号.pdf", '3', "行政处罚决定书", 63, Format::Pdf, kCaseA),
      // Drafts name no case number of their own: the folder above says which case they are of.
      inbox_file(a + "草稿/行政处罚决定书（初稿）.docx", '4', "行政处罚决定书", 40),
      inbox_file(a + "草稿/行政处罚决定书（征求意见稿）.docx", '5', "行政处罚决定书", 50),
      inbox_file(a + "05 证据材料/IMG_20240305_094117.jpg", '6', "IMG_20240305_094117", 5, Format::Image),
  };
}

}  // namespace

TEST(Duplicates, CaseFolderCopyWithoutCopyMarkerIsArchived) {
  FiledInputs r = file_inbox(inbox_like_case_a());
  const std::string a = "案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/";
  EXPECT_EQ(r.fate(a + "09 行政处罚决定书.pdf"), "archived");
  EXPECT_EQ(r.fate(a + "09 行政处罚决定书 - 副本.pdf"), "duplicate");
  EXPECT_EQ(r.fate("发文存档/2024/南市监处罚〔2024〕12号.pdf"), "duplicate");
  EXPECT_EQ(r.input("发文存档/2024/南市监处罚〔2024〕12号.pdf").reason, "与 " + a + "09 行政处罚决定书.pdf 内容相同（SHA-256 一致）");
}

TEST(Duplicates, CopyArchivedOnAnEarlierRunKeepsItsRole) {
  const std::string a = "案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/";
  PlanContext ctx;
  ctx.archived_path = [&](const std::string& sha) -> std::optional<std::string> {
    if (sha == std::string(64, '3')) return a + "09 行政处罚决定书 - 副本.pdf";
    return std::nullopt;
  };
  Plan p = plan_filing(inbox_like_case_a(), default_scheme(), test_office(), "INBOX", ctx);
  for (const auto& in : p.inputs) {
    if (in.path == a + "09 行政处罚决定书 - 副本.pdf") {
      EXPECT_EQ(in.fate, Fate::Version);  // kept, but copy-marked: not its group's final
    }
    if (in.path == a + "09 行政处罚决定书.pdf") {
      EXPECT_EQ(in.fate, Fate::Duplicate);
    }
  }
}

TEST(Versions, DraftsInCaseSubfolderAreVersionsOfTheFinal) {
  FiledInputs r = file_inbox(inbox_like_case_a());
  const std::string a = "案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/";
  EXPECT_EQ(r.fate(a + "草稿/行政处罚决定书（初稿）.docx"), "version");
  EXPECT_EQ(r.fate(a + "草稿/行政处罚决定书（征求意见稿）.docx"), "version");
  const PlannedItem* it = r.item_of(a + "草稿/行政处罚决定书（初稿）.docx");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ(it, r.item_of(a + "09 行政处罚决定书.pdf"));
  EXPECT_EQ(it->case_number, kCaseA);
  // The Word file of the decision and its sealed PDF are one 件; the newer PDF is the original.
  EXPECT_EQ(r.fate(a + "09 行政处罚决定书.docx"), "version");
  EXPECT_EQ(r.plan.inputs[static_cast<size_t>(it->final_input)].path, a + "09 行政处罚决定书.pdf");
}

TEST(Versions, DraftFolderOutsideACaseBelongsToTheFolderAbove) {
  FiledInputs r = file_inbox({inbox_file("INBOX/通知/关于开展检查的通知.docx", '1', "关于开展检查的通知", 30),
                              inbox_file("INBOX/通知/草稿/关于开展检查的通知（征求意见稿）.docx", '2', "关于开展检查的通知", 20)});
  EXPECT_EQ(r.fate("通知/关于开展检查的通知.docx"), "archived");
  EXPECT_EQ(r.fate("通知/草稿/关于开展检查的通知（征求意见稿）.docx"), "version");
}

TEST(Versions, NumberedVersionsStillGroup) {
  const std::string b = "INBOX/案件/2024/027 李记粮油店未明码标价/";
  FiledInputs r = file_inbox({inbox_file(b + "决定书v1.docx", '1', "行政处罚决定书", 10, Format::Docx, "南市监处罚〔2024〕27号"),
                              inbox_file(b + "决定书v2.docx", '2', "行政处罚决定书", 20, Format::Docx, "南市监处罚〔2024〕27号")});
  EXPECT_EQ(r.fate("案件/2024/027 李记粮油店未明码标价/决定书v1.docx"), "version");
  EXPECT_EQ(r.fate("案件/2024/027 李记粮油店未明码标价/决定书v2.docx"), "archived");
}

// The bug: a PDF decision's 当事人 cell wraps (南岭县石门镇李记粮油 / 店); once the reader set the cells
// apart its first line was taken as the party and titled the decision "南岭县石门镇李记粮油行政处罚决定书".
TEST(CaseFolders, APartyCutByAPdfCellsLineWrapIsTheCasesWholeParty) {
  const std::string b = "INBOX/案件/2024/027 李记粮油店未明码标价/";
  InspectedFile opened = inbox_file(b + "立案审批表.pdf", '1', "立案审批表", 10, Format::Pdf, "南市监处罚〔2024〕27号");
  opened.fields.parties = {"南岭县石门镇李记粮油店"};
  InspectedFile decided = inbox_file(b + "行政处罚决定书.pdf", '2', "行政处罚决定书", 40, Format::Pdf, "南市监处罚〔2024〕27号");
  decided.fields.parties = {"南岭县石门镇李记粮油"};
  FiledInputs r = file_inbox({opened, decided});
  std::map<std::string, std::string> title_by;
  for (const auto& it : r.plan.items) title_by[it.title] = it.title_by;
  EXPECT_TRUE(title_by.count("南岭县石门镇李记粮油店立案审批表"));
  ASSERT_TRUE(title_by.count("南岭县石门镇李记粮油店行政处罚决定书"));
  EXPECT_NE(title_by["南岭县石门镇李记粮油店行政处罚决定书"].find("折行"), std::string::npos);
}

// Evidence kept in a subfolder of the case folder (05 证据材料/, 证据/) is evidence of that case.
TEST(CaseFolders, EvidenceInCaseSubfolderJoinsTheCase) {
  FiledInputs r = file_inbox(inbox_like_case_a());
  const PlannedItem* it = r.item_of("案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/05 证据材料/IMG_20240305_094117.jpg");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ(it->category, "AJ");
  EXPECT_EQ(it->case_number, kCaseA);
  EXPECT_EQ(it->place.slot_name, "证据材料");
}

TEST(CaseFolders, NearestFolderWithCaseDocumentsDecides) {
  CaseFolders cf;
  cf.add("案件/A/01 立案审批表.docx", "s1", "A号");
  cf.add("案件/A/子案/立案审批表.docx", "s2", "B号");
  cf.add("发文/A号.pdf", "s3", "A号");
  EXPECT_EQ(cf.cases_of("案件/A/证据/照片"), (std::set<std::string>{"A号"}));
  EXPECT_EQ(cf.cases_of("案件/A/子案/草稿"), (std::set<std::string>{"B号"}));
  EXPECT_TRUE(cf.cases_of("案件").empty());
  EXPECT_EQ(cf.cases_of("发文"), (std::set<std::string>{"A号"}));
  EXPECT_TRUE(cf.cases_of("发文", "s3").empty()) << "a copy does not make its folder a case's";
}

// Wrong order: a year's cases were numbered in the text order of their 案号 — 12号, 27号, 35号, then
// 3号 (the sample archive), 〔2025〕7号 after 12号 and 15号 (another office's inbox) — where a clerk
// files them by number (DA/T 22-2015 §5.3, 按事由结合时间: 案号 are given in 立案 order).
TEST(CaseFolders, AYearsCasesAreNumberedInTheOrderOfTheirCaseNumbers) {
  std::vector<InspectedFile> files;
  char sha = '1';
  for (const char* n : {"12", "3", "35", "7"}) {
    const std::string no = std::string("南市监处罚〔2024〕") + n + "号";
    files.push_back(inbox_file("INBOX/案件/" + no + "/立案审批表.docx", sha++, "立案审批表", 10, Format::Docx, no));
    files.push_back(inbox_file("INBOX/案件/" + no + "/行政处罚决定书.docx", sha++, "行政处罚决定书", 40, Format::Docx, no));
  }
  FiledInputs r = file_inbox(files);
  std::vector<std::string> cases;
  for (const auto& it : r.plan.items)
    if (cases.empty() || cases.back() != it.case_number) cases.push_back(it.case_number);
  EXPECT_EQ(cases, (std::vector<std::string>{"南市监处罚〔2024〕3号", "南市监处罚〔2024〕7号", "南市监处罚〔2024〕12号",
                                             "南市监处罚〔2024〕35号"}));
}

TEST(Junk, EmptyNewWordDocumentInTheInboxIsJunkWithAReason) {
  InspectedFile empty = inbox_file("INBOX/桌面/新建 Microsoft Word 文档(2).docx", '9', "新建 Microsoft Word 文档(2)", 1);
  empty.text_chars = 0;
  FiledInputs r = file_inbox({empty});
  EXPECT_EQ(r.fate("桌面/新建 Microsoft Word 文档(2).docx"), "junk");
  EXPECT_FALSE(r.input("桌面/新建 Microsoft Word 文档(2).docx").reason.empty());
  EXPECT_TRUE(r.plan.items.empty());
}

// A typed 日常监督检查记录 whose form ticks 不符合 was filed for the category's default 10 years:
// the retention rule "发现问题的检查记录" read only the 题名. The item now takes the period from
// what the record found (normalize::find_inspection_result) and says so in retention_by.
TEST(Retention, ATypedRecordThatFoundProblemsTakesTheLongerPeriodWithItsReason) {
  InspectedFile found = inbox_file("INBOX/日常检查/2024/惠民超市 日常监督检查记录.docx", 'a', "日常监督检查记录", 40);
  found.fields.doc_type = "检查记录";
  found.fields.inspection_result = "不符合";
  InspectedFile clean = inbox_file("INBOX/日常检查/2024/好邻居 日常监督检查记录.docx", 'b', "日常监督检查记录", 41);
  clean.fields.doc_type = "检查记录";
  clean.fields.inspection_result = "符合";
  FiledInputs r = file_inbox({found, clean});
  const PlannedItem* a = r.item_of("日常检查/2024/惠民超市 日常监督检查记录.docx");
  const PlannedItem* b = r.item_of("日常检查/2024/好邻居 日常监督检查记录.docx");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->category, "JC");
  EXPECT_EQ(a->retention, "D30");
  EXPECT_NE(a->retention_by.find("检查结果“不符合”"), std::string::npos) << a->retention_by;
  EXPECT_EQ(b->retention, "D10");
  EXPECT_NE(b->retention_by.find("类目默认"), std::string::npos) << b->retention_by;
}

// Another office's inbox: '三月份/2025年3月检查记录扫描.pdf', a scan with no text layer, was listed as
// lacking two officers with their 执法证号 (程序规定 第二十二条), and a clerk went looking for signatures
// that are on the paper. With no text to read, the check cannot decide: the item says so (待人工核对).
// A photo of a record likewise; a record whose text names its officers is judged as before.
TEST(Completeness, ATextlessScannedRecordIsLeftToACheckNotReportedAsLackingOfficers) {
  InspectedFile scan = inbox_file("INBOX/三月份/2025年3月检查记录扫描.pdf", 'a', "2025年3月检查记录扫描", 80, Format::Pdf);
  scan.text_chars = 0;
  scan.meta.pages = 2;
  scan.meta.scanned_pages = 2;
  InspectedFile photo = inbox_file("INBOX/检查/老兵面馆检查记录.jpg", 'b', "老兵面馆检查记录", 81, Format::Image);
  InspectedFile typed = inbox_file("INBOX/检查/0325 老兵面馆检查记录.docx", 'c', "0325 老兵面馆检查记录", 82);
  typed.fields.officers = {{"周海涛", "36112501"}};
  FiledInputs r = file_inbox({scan, photo, typed});
  for (const char* path : {"三月份/2025年3月检查记录扫描.pdf", "检查/老兵面馆检查记录.jpg"}) {
    const PlannedItem* it = r.item_of(path);
    ASSERT_NE(it, nullptr) << path;
    EXPECT_EQ(it->category, "JC") << path;
    std::vector<std::string> rules;
    for (const auto& m : it->issues) rules.push_back(m.rule);
    EXPECT_EQ(std::count(rules.begin(), rules.end(), "two-officers"), 0) << path << ": no text cannot show officers missing";
    ASSERT_EQ(std::count(rules.begin(), rules.end(), "two-officers-unchecked"), 1) << path;
    for (const auto& m : it->issues)
      if (m.rule == "two-officers-unchecked") {
        EXPECT_NE(m.message.find("无文字层"), std::string::npos) << m.message;
        EXPECT_NE(m.message.find("待人工核对"), std::string::npos) << m.message;
        EXPECT_EQ(m.clause, "程序规定 第二十二条");
      }
  }
  const PlannedItem* one = r.item_of("检查/0325 老兵面馆检查记录.docx");
  ASSERT_NE(one, nullptr);
  ASSERT_FALSE(one->issues.empty());
  EXPECT_EQ(one->issues.front().rule, "two-officers") << "a typed record naming one officer still lacks the second";
}

// Bug: a 案号 printed with 第 (桐市监罚字〔2024〕第12号; GB/T 9704-2012 §7.2.5 writes the serial without
// it) was warned of on every item of its case, once per document quoting it, and a padded one twice on
// each (two wordings). A run now warns of each printed form once, on its first item, naming the files.
TEST(Warnings, ADiInACaseNumberIsWarnedOnceARunNamingItsFiles) {
  const std::string folder = "INBOX/案件/2024/桐市监罚字〔2024〕第12号 某某超市案/";
  const std::vector<std::string> names = {"02 立案审批表", "09 行政处罚决定书", "10 送达回证"};
  std::vector<InspectedFile> files;
  char sha = '1';
  int64_t day = 10;
  for (const std::string& name : names) {
    InspectedFile f = inbox_file(folder + name + ".docx", sha++, name, day += 10);
    f.fields = lh::normalize::extract_fields(name + "\n桐市监罚字〔2024〕第12号\n当事人：某某超市\n关联案件：桐市监罚字〔2024〕013号\n", name);
    files.push_back(f);
  }
  const auto r = file_inbox(files);
  ASSERT_EQ(r.plan.items.size(), 3u);
  std::vector<std::string> di, padded;
  for (const auto& it : r.plan.items)
    for (const auto& w : it.warnings) {
      if (w.find("的序号前有“第”") != std::string::npos) di.push_back(w);
      if (w.find("前导零") != std::string::npos || w.find("补零") != std::string::npos) padded.push_back(w);
    }
  ASSERT_EQ(di.size(), 1u);
  EXPECT_EQ(padded.size(), 1u);
  EXPECT_EQ(di[0].rfind("案号 桐市监罚字〔2024〕第12号 的序号前有“第”（GB/T 9704-2012 §7.2.5 不加“第”），按规范记为 桐市监罚字〔2024〕12号（见于 3 个文件：", 0), 0u) << di[0];
  for (const auto& name : names) EXPECT_NE(di[0].find(name + ".docx"), std::string::npos) << name;
}
