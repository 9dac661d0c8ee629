// Archive labels from the archive itself: an archive is made in the test from samples/inbox by the
// built program, then `lianghua signage --archive` makes the labels; every box of manifest.json has
// a spine label whose 起止件号 and 盒号 are the manifest's, and whose QR code decodes (zbarimg,
// where installed) to the box's 档号 range.
#include <gtest/gtest.h>
#include <poppler.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "poppler_chars.h"
#include "shared_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using lh::test::program;
using lh::test::run;
using lh::test::source_dir;

namespace {


struct Box {
  long first = 1L << 30, last = 0;
  std::string first_code, last_code;
};

struct ArchiveAndLabels {
  fs::path archive, pack;
  std::map<std::string, Box> boxes;  // from manifest.json
};

const ArchiveAndLabels& made() {
  static const ArchiveAndLabels m = [] {
    ArchiveAndLabels a;
    const fs::path inbox = source_dir() / "samples" / "inbox", office = source_dir() / "samples" / "office.xml",
                   spec = source_dir() / "samples" / "signage" / "spec.xml";
    // Made once for both tests' processes (tests/support/shared_dir.h).
    const lh::test::SharedDir shared = lh::test::shared_dir(
        "signage-archive", {program().string(), "archive --jobs 2 --quiet; signage --only spine", inbox.string(), office.string(),
                            spec.string(), "2024-06-01T02:00:00+08:00"},
        [&](const fs::path& dir) -> std::string {
          lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+08:00");
          auto r = run({program().string(), "archive", "--in", inbox.string(), "--out", (dir / "ARCHIVE").string(), "--office",
                        office.string(), "--jobs", "2", "--quiet"});
          if (r.exit_code > 1) return "archive: " + r.err;
          auto s = run({program().string(), "signage", spec.string(), "--out", (dir / "pack").string(), "--archive",
                        (dir / "ARCHIVE").string(), "--only", "spine", "--quiet"});
          return s.exit_code == 0 ? "" : "signage: " + s.err;
        });
    EXPECT_EQ(shared.error, "");
    a.archive = shared.dir / "ARCHIVE";
    a.pack = shared.dir / "pack";
    const auto manifest = nlohmann::json::parse(lh::test::read_file(a.archive / "manifest.json"));
    for (const auto& it : manifest["items"]) {
      Box& b = a.boxes[it["box"].get<std::string>()];
      const long n = it["item_number"].get<long>();
      if (n < b.first) b.first = n, b.first_code = it["archival_code"];
      if (n > b.last) b.last = n, b.last_code = it["archival_code"];
    }
    return a;
  }();
  return m;
}

std::string digits4(long n) {
  char b[16];
  std::snprintf(b, sizeof b, "%04ld", n);
  return b;
}

// The text Poppler reads on a page, without spaces and line breaks.
std::string page_text(const fs::path& pdf) {
  const std::string uri = "file://" + fs::absolute(pdf).string();
  PopplerDocument* doc = poppler_document_new_from_file(uri.c_str(), nullptr, nullptr);
  if (!doc) return {};
  std::string t;
  for (const auto& c : lh::test::page_chars(doc, 0))
    if (c.ch != " " && c.ch != "\n") t += c.ch;
  g_object_unref(doc);
  return t;
}

}  // namespace

TEST(SignageArchiveLabels, EveryBoxHasASpineLabelWithTheManifestsRangeAndBoxNumber) {
  const auto& m = made();
  ASSERT_FALSE(m.boxes.empty());
  for (const auto& [box, b] : m.boxes) {
    const fs::path pdf = m.pack / "signs" / ("盒脊-" + box + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << box;
    const std::string text = page_text(pdf);
    const std::string box_no = box.substr(box.rfind('B') + 1);
    // DA/T 22-2015 §6.4.1.2: 起件号 above 止件号, then 盒号, each under its label.
    const std::string want = "起件号" + digits4(b.first) + "止件号" + digits4(b.last) + "盒号" + box_no;
    EXPECT_NE(text.find(want), std::string::npos) << box << ": " << text;
  }
}

// The QR code of a label, as zbarimg reads it: `binary` the payload's bytes as they are (-Sbinary),
// else as a reader shows them, in the character set the code declares or the reader guesses.
std::string decoded_qr(const fs::path& pdf, const fs::path& png, bool binary) {
  auto r = run({"pdftoppm", "-r", "400", "-png", "-singlefile", pdf.string(), png.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> cmd{"zbarimg", "--quiet", "--raw"};
  if (binary) cmd.push_back("-Sbinary");
  cmd.push_back(png.string() + ".png");
  auto z = run(cmd);
  EXPECT_EQ(z.exit_code, 0) << pdf << ": " << z.err;
  std::string got = z.out;
  while (!got.empty() && (got.back() == '\n' || got.back() == '\r')) got.pop_back();
  return got;
}

TEST(SignageArchiveLabels, TheQrCodeDecodesToTheBoxsRange) {
  if (!lh::test::have_program("zbarimg") || !lh::test::have_program("pdftoppm")) GTEST_SKIP() << "zbarimg or pdftoppm not installed";
  const auto& m = made();
  int checked = 0;
  const fs::path pictures = lh::test::temp_dir("signage-qr");  // not in the shared pack
  for (const auto& [box, b] : m.boxes) {
    const fs::path pdf = m.pack / "signs" / ("盒脊-" + box + ".pdf");
    EXPECT_EQ(decoded_qr(pdf, pictures / ("qr-" + std::to_string(checked)), true), b.first_code + "~" + b.last_code) << box;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

// A 档号 carries the 间隔号 "·" (Z109-JC·2024-…, the default scheme): in byte mode with no ECI a
// reader must guess the character set (ISO/IEC 18004 defaults byte mode to ISO-8859-1), and zbar
// read the UTF-8 "·" as Shift-JIS "繚" on every label. The code declares UTF-8 (ECI 000026).
TEST(SignageArchiveLabels, TheQrCodeDeclaresUtf8SoAReaderNeedNotGuess) {
  if (!lh::test::have_program("zbarimg") || !lh::test::have_program("pdftoppm")) GTEST_SKIP() << "zbarimg or pdftoppm not installed";
  const auto& m = made();
  ASSERT_FALSE(m.boxes.empty());
  const auto& [box, b] = *m.boxes.begin();
  ASSERT_NE(b.first_code.find("·"), std::string::npos) << "the sample's 档号 should carry the 间隔号";
  const fs::path pdf = m.pack / "signs" / ("盒脊-" + box + ".pdf");
  EXPECT_EQ(decoded_qr(pdf, lh::test::temp_dir("signage-qr-charset") / "qr", false), b.first_code + "~" + b.last_code);
}
