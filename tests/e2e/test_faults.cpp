// Faults a server meets (issue 13 §3), each with its expected outcome written down:
//   - the archive on a read-only mount: exit 3 at once, nothing changed;
//   - the disk filling up while originals are copied: exit 3 before any 件号 is given, no input set
//     aside for the archive's fault; the next run (with room) files everything;
//   - the disk filling up while the documents, manifest or report are written: exit 3, and nothing
//     half-written is vouched for (verify finds no missing or mismatched file, only files no list
//     names yet); the next run finishes the job and verify passes;
//   - an inbox file the service user may not read: set aside as "unreadable" (not "damaged"), filed
//     the night it becomes readable, though its size and mtime did not change.
// Files that vanish or change while read, the clock and the scheme: test_faults_inputs.cpp; names and
// numbers of inputs: test_faults_names.cpp. Mounts need root: without it the test skips, saying so.
#include <sys/stat.h>

#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "faults_support.h"
#include "filing/catalogue.h"
#include "package/files.h"

namespace lh::faults {

namespace {

// Every regular file under root: relative path → SHA-256.
std::map<std::string, std::string> hashes(const fs::path& root) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) m[fs::relative(e.path(), root).generic_string()] = lh::package::sha256_file(e.path()).value_or("");
  return m;
}

// The kinds of problems `lianghua verify` printed ("missing", "hash-mismatch", "unlisted-file", …).
std::set<std::string> problem_kinds(const std::string& verify_out) {
  std::set<std::string> kinds;
  std::istringstream in(verify_out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("verify:", 0) != 0 && line.find(": ") != std::string::npos) kinds.insert(line.substr(0, line.find(": ")));
  return kinds;
}

// Text of about `bytes` bytes that is a document (a dated notice), unlike any other such text.
std::string long_notice(int n, size_t bytes) {
  static const std::string kChars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";
  std::string body;
  uint32_t x = 2463534242u + static_cast<uint32_t>(n);
  while (body.size() < bytes) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;  // xorshift: incompressible enough, deterministic
    size_t k = (x % (kChars.size() / 3)) * 3;
    body += kChars.substr(k, 3);
  }
  return text_doc("关于开展第" + std::to_string(n) + "次专项检查的通知", "各所：" + body + "\n2024年1月2日");
}

}  // namespace

// Read-only: cli.h's kExitCodesHelp says "3 could not run (nothing was changed)". The run stops at the
// lock, before reading the inbox, and says why; the archive (still readable) verifies.
TEST(Faults, ArchiveOnAReadOnlyMountExitsThreeAtOnceAndChangesNothing) {
  auto base = lh::test::temp_dir("fault-ro");
  fs::path in = base / "inbox", real = base / "real";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  ASSERT_EQ(archive(in, real / "ARCHIVE", {"--no-documents"}).exit_code, 0);
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));  // work for tonight
  const auto before = hashes(real);

  ScopedMount ro;
  mount_read_only(ro, real, base / "ro");
  if (!ro.ok || !ro.why.empty()) GTEST_SKIP() << ro.why;
  auto t0 = std::chrono::steady_clock::now();
  auto r = archive(in, base / "ro/ARCHIVE", {"--no-documents"});
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("Read-only file system"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("reading"), std::string::npos) << "stopped before reading the inbox: " << r.err;
  EXPECT_LT(secs, 5.0) << "at once";
  // A new archive on the read-only mount: the same.
  auto r2 = archive(in, base / "ro/NEW", {"--no-documents"});
  EXPECT_EQ(r2.exit_code, 3) << r2.err;
  EXPECT_NE(r2.err.find("Read-only file system"), std::string::npos) << r2.err;
  EXPECT_EQ(hashes(real), before) << "nothing changed";
  // The bug "verify of an archive on a read-only mount said catalogue-unreadable": it opened the
  // catalogue for writing although it writes nothing.
  auto v = verify(base / "ro/ARCHIVE");
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

// The bug "disk full while copying originals set the inputs aside, as if they were at fault, and the
// unchanged nightly run then never tried them again": a 1 MiB archive disk and a 2.6 MB notice.
TEST(Faults, DiskFullWhileCopyingOriginalsStopsTheRunAndTheNextRunFilesEverything) {
  auto base = lh::test::temp_dir("fault-enospc-stage");
  fs::path in = base / "inbox";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));
  lh::test::write_file(in / "通知/专项检查.txt", long_notice(3, 2600 * 1000));
  ScopedMount disk;
  mount_tmpfs(disk, base / "disk", "1m");
  if (!disk.ok) GTEST_SKIP() << disk.why;
  fs::path out = base / "disk/ARCHIVE";

  auto r1 = archive(in, out, {"--no-documents"});
  EXPECT_EQ(r1.exit_code, 3) << r1.out << r1.err;
  EXPECT_NE(r1.err.find("No space left on device"), std::string::npos) << r1.err;
  EXPECT_EQ(r1.err.find("set aside"), std::string::npos) << "no input is set aside for the archive's fault: " << r1.err;
  EXPECT_FALSE(fs::exists(out / "manifest.json"));
  {
    lh::filing::Catalogue cat(out / "catalog.db");
    EXPECT_TRUE(cat.items().empty()) << "no 件号 given on a night that could not copy its originals";
  }
  // Night 2, the disk has room: everything is filed, 件号 1..3, and the archive verifies.
  ASSERT_TRUE(resize_tmpfs(disk, "16m"));
  auto r2 = archive(in, out, {"--no-documents"});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m = read_json(out / "manifest.json");
  ASSERT_EQ(m["items"].size(), 3u);
  std::set<int> numbers;
  for (const auto& it : m["items"]) numbers.insert(it["item_number"].get<int>());
  EXPECT_EQ(numbers, (std::set<int>{1, 2, 3}));
  for (const auto& i : m["inputs"]) EXPECT_EQ(i["fate"], "archived") << i.dump();
  auto v = verify(out);
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

// The disk fills while the reading copies, the manifest or the report are written (disks of 40, 60
// and 80 % of what the finished archive takes, so it fills in different places). Whatever was written, nothing is vouched for that is not whole;
// the next run with room finishes the job and ends with what a run with room from the start makes.
TEST(Faults, DiskFullWhileWritingDocumentsVouchesForNothingHalfWrittenAndTheNextRunFinishes) {
  auto base = lh::test::temp_dir("fault-enospc-docs");
  fs::path in = base / "inbox";
  for (int i = 1; i <= 16; ++i) lh::test::write_file(in / ("通知/第" + std::to_string(i) + "次.txt"), notice(i));
  ASSERT_EQ(archive(in, base / "roomy").exit_code, 0);
  json want = read_json(base / "roomy/manifest.json");
  ASSERT_EQ(want["items"].size(), 16u);
  uint64_t need = 0;  // what the finished archive takes on a tmpfs (4 KiB pages)
  for (const auto& e : fs::recursive_directory_iterator(base / "roomy"))
    if (e.is_regular_file()) need += (e.file_size() + 4095) / 4096 * 4096;
  for (int percent : {40, 60, 80}) {
    const std::string size = std::to_string(need * percent / 100 / 1024) + "k";
    SCOPED_TRACE("tmpfs size=" + size + " (" + std::to_string(percent) + "% of the finished archive)");
    ScopedMount disk;
    mount_tmpfs(disk, base / ("disk" + size), size);
    if (!disk.ok) GTEST_SKIP() << disk.why;
    fs::path out = disk.where / "ARCHIVE";
    auto r1 = archive(in, out);
    EXPECT_EQ(r1.exit_code, 3) << r1.out << r1.err;
    EXPECT_TRUE(r1.err.find("No space left on device") != std::string::npos || r1.err.find("disk is full") != std::string::npos)
        << r1.err;
    if (fs::exists(out / "manifest.json")) {
      // What the manifest lists is whole; what no list names yet is only "unlisted".
      auto v = verify(out);
      for (const auto& k : problem_kinds(v.out)) EXPECT_EQ(k, "unlisted-file") << v.out;
    }
    for (const auto& e : fs::recursive_directory_iterator(out)) {
      const std::string name = e.path().filename().string();
      EXPECT_FALSE(name.find(".tmp") != std::string::npos && e.path().parent_path().filename() != ".staging")
          << "a temporary file left behind: " << e.path();
    }
    ASSERT_TRUE(resize_tmpfs(disk, "16m"));
    auto r2 = archive(in, out);
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    auto v2 = verify(out);
    EXPECT_EQ(v2.exit_code, 0) << v2.out;
    EXPECT_EQ(read_json(out / "manifest.json"), want) << "the same archive as a run with room from the start";
  }
}

// The bugs "a file the service user may not read was set aside as damaged (文件已损坏)" and "… and stayed
// set aside after its permissions were fixed, because its size and mtime had not changed". As root the
// run is made as user nobody (setpriv), since root reads every file whatever its mode.
TEST(Faults, InputUnreadableByTheServiceUserIsSetAsideThenFiledTheNightItBecomesReadable) {
  auto base = lh::test::temp_dir("fault-unreadable");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));
  const fs::path locked = in / "通知/第2次.txt";
  fs::create_directories(out);
  std::vector<std::string> prefix;
  if (::geteuid() == 0) {
    if (!lh::test::have_program("setpriv")) GTEST_SKIP() << "running as root, and no setpriv to run as another user";
    prefix = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
    for (const auto& e : fs::recursive_directory_iterator(base)) (void)::chown(e.path().c_str(), 65534, 65534);
    (void)::chown(base.c_str(), 65534, 65534);
    (void)::chown(out.c_str(), 65534, 65534);
    (void)::chown(locked.c_str(), 0, 0);
  }
  ::chmod(locked.c_str(), 0600);
  auto night = [&] {
    lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", kRunTime);
    std::vector<std::string> argv = prefix;
    if (!prefix.empty()) argv[0] = "/usr/bin/setpriv";
    for (const auto& a : archive_argv(in, out, {"--no-documents"})) argv.push_back(a);
    return lh::test::run(argv);
  };
  auto r1 = night();
  ASSERT_EQ(r1.exit_code, 1) << r1.out << r1.err;
  EXPECT_NE(r1.err.find("set aside: 通知/第2次.txt: 文件无法读取，下次运行再试 (unreadable)：运行用户没有读取权限"), std::string::npos) << r1.err;
  EXPECT_EQ(r1.err.find("已损坏"), std::string::npos) << "not damaged: " << r1.err;
  json m1 = read_json(out / "manifest.json");
  EXPECT_EQ(m1["items"].size(), 1u);
  ASSERT_NE(input_of(m1, "通知/第2次.txt"), nullptr);
  EXPECT_EQ((*input_of(m1, "通知/第2次.txt"))["fate"], "quarantined");

  ::chmod(locked.c_str(), 0644);  // the clerk fixes the permissions: size and mtime stay as they were
  auto r2 = night();
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m2 = read_json(out / "manifest.json");
  EXPECT_EQ(m2["items"].size(), 2u);
  EXPECT_EQ((*input_of(m2, "通知/第2次.txt"))["fate"], "archived");
  auto v = verify(out);
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

}  // namespace lh::faults
