// Issue 9 §4 in the filing plan: every refusal `inspect` reports keeps its kind on the way to the
// archive. Regression: a zip_bomb and an unsafe_path entry (never extracted, so "0 bytes") were taken
// for junk "空文件（0 字节）" and their ZIP counted as wholly filed.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "filing/plan.h"
#include "filing_test_util.h"

using namespace lh::filing;
using lh::filing::testing::test_office;
using lh::model::ErrorKind;
using lh::model::Format;
using lh::model::InspectedFile;

namespace {

const std::vector<ErrorKind> kRefusals = {ErrorKind::ZipBomb,   ErrorKind::UnsafePath, ErrorKind::Encrypted,
                                          ErrorKind::Damaged,   ErrorKind::UnsafeXml,  ErrorKind::Timeout,
                                          ErrorKind::Crashed,   ErrorKind::TooLarge,   ErrorKind::Unsupported};

InspectedFile notice(const std::string& path) {
  InspectedFile f;
  f.path = path;
  f.sha256 = std::string(64, 'a');
  f.size = 300;
  f.mtime_ns = 1715129700000000000;
  f.meta.format = Format::Text;
  f.title = "关于开展食品安全专项检查的通知";
  f.text_chars = 120;
  return f;
}

// A ZIP entry the reader refused: never extracted, so no bytes, no SHA-256, size 0.
InspectedFile refused_entry(const std::string& path, ErrorKind kind) {
  InspectedFile f;
  f.path = path;
  f.is_zip_entry = true;
  f.error = lh::model::ReadError{kind, "the reader's own words"};
  return f;
}

// INBOX/收件/案卷.zip holding `entries` (sha: one hex digit repeated).
InspectedFile zip_of(char sha, std::vector<InspectedFile> entries) {
  InspectedFile zip;
  zip.path = "INBOX/收件/案卷.zip";
  zip.sha256 = std::string(64, sha);
  zip.size = 3000;
  zip.meta.format = Format::Zip;
  zip.children = std::move(entries);
  return zip;
}

const PlannedInput* find(const Plan& p, const std::string& path) {
  for (const auto& in : p.inputs)
    if (in.path == path) return &in;
  return nullptr;
}

TEST(Refusals, RefusedZipEntryIsNotReportedAsAnEmptyFile) {
  for (ErrorKind kind : kRefusals) {
    const std::string k = lh::model::error_kind_name(kind);
    const InspectedFile zip = zip_of('b', {notice("INBOX/收件/案卷.zip/通知.txt"), refused_entry("INBOX/收件/案卷.zip/附件.docx", kind)});
    const Plan p = plan_filing({zip}, lh::filing::testing::default_scheme(), test_office(), "INBOX");

    const PlannedInput* bad = find(p, "收件/案卷.zip/附件.docx");
    ASSERT_TRUE(bad) << k;
    EXPECT_EQ(fate_name(bad->fate), std::string("quarantined")) << k;
    EXPECT_NE(bad->reason.find("(" + k + ")"), std::string::npos) << bad->reason;
    EXPECT_EQ(bad->reason.find("空文件"), std::string::npos) << bad->reason;
    EXPECT_NE(bad->reason.find("the reader's own words"), std::string::npos) << bad->reason;

    const PlannedInput* z = find(p, "收件/案卷.zip");
    ASSERT_TRUE(z);
    EXPECT_TRUE(z->container);
    EXPECT_NE(z->reason.find("1 个条目被拒绝"), std::string::npos) << z->reason;
    EXPECT_NE(z->reason.find("附件.docx (" + k + ")"), std::string::npos) << z->reason;
    EXPECT_EQ(fate_name(find(p, "收件/案卷.zip/通知.txt")->fate), std::string("archived")) << k;
  }
}

// A leftover's name never makes a refusal harmless: "~$…" is junk only when it is not refused for
// safety, time or memory.
TEST(Refusals, JunkNameDoesNotHideARefusal) {
  InspectedFile lock = refused_entry("INBOX/~$决定书.docx", ErrorKind::ZipBomb);
  lock.is_zip_entry = false;
  const Plan p = plan_filing({lock}, lh::filing::testing::default_scheme(), test_office(), "INBOX");
  ASSERT_EQ(p.inputs.size(), 1u);
  EXPECT_EQ(fate_name(p.inputs[0].fate), std::string("quarantined"));
  EXPECT_NE(p.inputs[0].reason.find("(zip_bomb)"), std::string::npos);
}

TEST(Refusals, EveryKindHasAChineseReason) {
  for (ErrorKind kind : kRefusals) {
    const std::string r = refusal_reason({kind, "m"});
    EXPECT_NE(r.find(std::string(" (") + lh::model::error_kind_name(kind) + ")：m"), std::string::npos) << r;
    const std::string words = r.substr(0, r.find(" ("));  // the clerk's words, before the kind
    EXPECT_TRUE(std::any_of(words.begin(), words.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE4; })) << r;
  }
}

}  // namespace

namespace {

// Regression (found by Property.ANightPlanningWhatChangedFilesAsPlanningEveryInput): a ZIP's reason
// listed its refused entries in the ZIP's own order on the night it was read and in path order on
// a later night that planned it from the catalogue, so manifest.json changed with nothing changed.
TEST(Refusals, ZipReasonNamesRefusedEntriesInPathOrderWhateverOrderTheyCameIn) {
  const InspectedFile zip =
      zip_of('c', {notice("INBOX/收件/案卷.zip/通知.txt"), refused_entry("INBOX/收件/案卷.zip/现场照片.bmp", ErrorKind::ZipBomb),
                   refused_entry("INBOX/收件/案卷.zip/工作安排.txt", ErrorKind::UnsafePath)});
  InspectedFile reversed = zip;
  std::swap(reversed.children[1], reversed.children[2]);
  auto reason_of = [](const InspectedFile& z) {
    const Plan p = plan_filing({z}, lh::filing::testing::default_scheme(), test_office(), "INBOX");
    const PlannedInput* in = find(p, "收件/案卷.zip");
    return in ? in->reason : std::string("(no ZIP in the plan)");
  };
  const std::string r = reason_of(zip);
  EXPECT_EQ(r, reason_of(reversed));
  EXPECT_LT(r.find("工作安排.txt (unsafe_path)"), r.find("现场照片.bmp (zip_bomb)")) << r;
}

}  // namespace

namespace {

// Wrong reason: a Windows ZIP's Thumbs.db (unreadable, unsupported) is junk by its name, with fate
// junk, yet the ZIP's reason said "其中 1 个条目被拒绝并搁置：Thumbs.db (unsupported)" (another office's
// hand-made inbox). The reason names only the entries set aside.
TEST(Refusals, ZipReasonDoesNotCallAJunkEntrySetAside) {
  const InspectedFile zip =
      zip_of('d', {notice("INBOX/收件/案卷.zip/通知.txt"), refused_entry("INBOX/收件/案卷.zip/Thumbs.db", ErrorKind::Unsupported),
                   refused_entry("INBOX/收件/案卷.zip/附件.docx", ErrorKind::Encrypted)});
  const Plan p = plan_filing({zip}, lh::filing::testing::default_scheme(), test_office(), "INBOX");
  const PlannedInput* z = find(p, "收件/案卷.zip");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->reason.find("Thumbs.db"), std::string::npos) << z->reason;
  EXPECT_NE(z->reason.find("其中 1 个条目被拒绝并搁置：附件.docx (encrypted)"), std::string::npos) << z->reason;
  const PlannedInput* thumbs = find(p, "收件/案卷.zip/Thumbs.db");
  ASSERT_NE(thumbs, nullptr);
  EXPECT_EQ(fate_name(thumbs->fate), std::string("junk"));
}

}  // namespace
