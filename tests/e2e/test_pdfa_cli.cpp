// PDF/A-2b as a user meets it (issue 15): `render --pdfa` writes a file `check-pdfa` passes and the
// plain render fails by clause; the sample archive's reading copies and volumes are PDF/A-2b where
// they can be, a volume copying a source PDF whose font is not embedded is reported instead of
// claimed, and `verify` reads the PDF/A copies back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using lh::test::program;
using lh::test::run;

namespace {

fs::path rendered(const fs::path& dir, bool pdfa) {
  fs::path in = dir / "规定.md";
  if (!fs::exists(in)) lh::test::write_file(in, "# 档案管理规定\n\n## 第一章 总则\n\n为规范本所档案管理，制定本规定。\n");
  std::vector<std::string> argv = {program().string(), "render", in.string(), "--out", (dir / (pdfa ? "a" : "plain")).string(),
                                   "--date", "2024-03-05", "--quiet"};
  if (pdfa) argv.push_back("--pdfa");
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return dir / (pdfa ? "a" : "plain") / "规定.pdf";
}

std::string pdftotext(const fs::path& pdf) {
  auto r = run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
  return r.out;
}

}  // namespace

TEST(CheckPdfa, RenderPdfaPassesAndThePlainRenderFailsByClause) {
  auto dir = lh::test::temp_dir("pdfa-render");
  const fs::path a = rendered(dir, true), plain = rendered(dir, false);
  auto ok = run({program().string(), "check-pdfa", a.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("PDF/A-2b: passes"), std::string::npos) << ok.out;
  auto bad = run({program().string(), "check-pdfa", plain.string(), a.string()});
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  for (const char* line : {": ISO 19005-2 6.2.3: ", ": ISO 19005-2 6.6.2.1: ", ": ISO 19005-2 6.6.4: "})
    EXPECT_NE(bad.out.find(plain.string() + line), std::string::npos) << line << "\n" << bad.out;
  EXPECT_NE(bad.out.find(a.string() + ": PDF/A-2b: passes"), std::string::npos) << bad.out;
  // Deterministic, and the text a reader extracts is the source's.
  const std::string first = lh::test::read_file(a);
  rendered(dir, true);
  EXPECT_EQ(lh::test::read_file(a), first);
  if (lh::test::have_program("pdftotext")) {
    EXPECT_NE(pdftotext(a).find("为规范本所档案管理"), std::string::npos) << pdftotext(a);
    EXPECT_EQ(pdftotext(a), pdftotext(plain));
  }
}

TEST(CheckPdfa, UsageAndUnreadableFiles) {
  EXPECT_EQ(run({program().string(), "check-pdfa"}).exit_code, 2);
  EXPECT_EQ(run({program().string(), "check-pdfa", "--bogus", "x.pdf"}).exit_code, 2);
  auto missing = run({program().string(), "check-pdfa", "/nonexistent/x.pdf"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("cannot be read"), std::string::npos) << missing.out;
  auto dir = lh::test::temp_dir("pdfa-junk");
  lh::test::write_file(dir / "junk.pdf", "this is not a PDF");
  auto junk = run({program().string(), "check-pdfa", (dir / "junk.pdf").string()});
  EXPECT_EQ(junk.exit_code, 1);
  EXPECT_NE(junk.out.find("ISO 19005-2 6.1.2"), std::string::npos) << junk.out;
}

// The sample inbox's born-digital PDFs name STSong-Light without embedding it: their reading copies
// and the 案卷 that copy them are PDF/A-2b with our 宋体 face embedded for it, and derived.json says
// so for each (pdf/font_substitute.h); every PDF the archive calls PDF/A is read back by verify.
TEST(CheckPdfa, SampleArchiveCopiesArePdfaWithTheirSubstituteFontsNamedAndVerifyReadsThemBack) {
  auto base = lh::test::temp_dir("pdfa-archive");
  const fs::path out = base / "ARCHIVE";
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+08:00");
  auto r = run({program().string(), "archive", "--in", (lh::test::source_dir() / "samples/inbox").string(), "--out", out.string(),
                "--office", (lh::test::source_dir() / "samples/office.xml").string(), "--jobs", "2", "--quiet"});
  ASSERT_LE(r.exit_code, 1) << r.out << r.err;
  json d = json::parse(lh::test::read_file(out / "derived.json"));
  size_t pdfa = 0, substituted = 0, substituted_volumes = 0;
  std::string claimed_copy, not_pdfa;
  for (const char* sec : {"items", "volumes"})
    for (auto& [key, v] : d[sec].items())
      for (const auto& f : v["files"]) {
        const std::string p = f["path"];
        if (p.size() < 4 || p.substr(p.size() - 4) != ".pdf") continue;
        if (p.find("检查笔录") != std::string::npos) {
          if (!f.contains("pdfa")) not_pdfa = p;  // the default scheme asks no PDF/A of uniform records
          continue;
        }
        EXPECT_EQ(f.value("pdfa", ""), "2b") << f.dump();
        if (f.value("pdfa", "") == "2b") ++pdfa;
        if (f.contains("pdfa_font_substitutes")) {
          EXPECT_EQ(f["pdfa_font_substitutes"], json::array({"STSong-Light → Noto Serif CJK SC（宋体）"})) << f.dump();
          ++substituted;
          substituted_volumes += std::string(sec) == "volumes";
          if (claimed_copy.empty() && p.find("阅览本") != std::string::npos) claimed_copy = p;
        }
      }
  EXPECT_GE(pdfa, 50u);
  EXPECT_GE(substituted, 14u);
  EXPECT_EQ(substituted_volumes, 4u);
  ASSERT_FALSE(claimed_copy.empty());
  auto c = run({program().string(), "check-pdfa", (out / claimed_copy).string()});
  EXPECT_EQ(c.exit_code, 0) << c.out;
  const std::string report = lh::test::read_file(out / "reports/report.html");
  EXPECT_EQ(report.find("不符合 PDF/A-2b"), std::string::npos);
  // The report names every copy with a substituted font, in path order (report.json's notes too).
  const size_t notes = report.find("<h2>长期保存副本：替换的字体与以图像保存的页（今晚生成）</h2>");
  ASSERT_NE(notes, std::string::npos);
  EXPECT_NE(report.find(claimed_copy + "</td><td>STSong-Light → Noto Serif CJK SC（宋体）</td>", notes), std::string::npos);
  json listed = json::parse(lh::test::read_file(out / "reports/report.json"))["derived"]["preservation_notes"];
  size_t listed_fonts = 0;
  for (size_t i = 0; i < listed.size(); ++i) {
    listed_fonts += !listed[i]["fonts"].empty();
    if (i > 0) {
      EXPECT_LT(listed[i - 1]["path"].get<std::string>(), listed[i]["path"].get<std::string>());
    }
  }
  EXPECT_EQ(listed_fonts, substituted);
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find(std::to_string(pdfa) + " PDF/A-2b file(s) read back"), std::string::npos) << v.out;
  // A state that claims PDF/A for a file that is not: verify names the file and the clause.
  ASSERT_FALSE(not_pdfa.empty());
  for (const char* sec : {"items", "volumes"})
    for (auto& [key, v2] : d[sec].items())
      for (auto& f : v2["files"])
        if (f["path"] == not_pdfa) f["pdfa"] = "2b";
  lh::test::write_file(out / "derived.json", d.dump(1));
  auto bad = run({program().string(), "verify", out.string()});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.out.find("not-pdfa: " + not_pdfa + ": ISO 19005-2 "), std::string::npos) << bad.out;
}

TEST(CheckPdfa, CompilePdfaMakesABookThatPasses) {
  auto dir = lh::test::temp_dir("pdfa-compile");
  auto r = run({program().string(), "compile", (lh::test::source_dir() / "samples/manual/石门所定岗定责定流程管理手册.book.xml").string(),
                "--out", dir.string(), "--office", (lh::test::source_dir() / "samples/office.xml").string(), "--pdfa", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") {
      auto c = run({program().string(), "check-pdfa", e.path().string()});
      EXPECT_EQ(c.exit_code, 0) << c.out;
    }
}

// A machine without icc-profiles-free: the run stops before it writes anything and says which
// package is missing, instead of failing every reading copy one by one.
TEST(CheckPdfa, ArchiveWithoutTheIccProfileStopsNamingThePackage) {
  auto base = lh::test::temp_dir("pdfa-noicc");
  lh::test::ScopedEnv icc("LIANGHUA_SRGB_ICC", (base / "missing.icc").string());
  auto r = run({program().string(), "archive", "--in", (lh::test::source_dir() / "samples/inbox").string(), "--out",
                (base / "ARCHIVE").string(), "--office", (lh::test::source_dir() / "samples/office.xml").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("icc-profiles-free"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(base / "ARCHIVE/manifest.json"));
  auto cfg = run({program().string(), "check-config", "--office", (lh::test::source_dir() / "samples/office.xml").string()});
  EXPECT_EQ(cfg.exit_code, 2) << cfg.out << cfg.err;
  EXPECT_NE(cfg.err.find("icc-profiles-free"), std::string::npos) << cfg.err;
  auto render = run({program().string(), "render", (lh::test::source_dir() / "README.md").string(), "--out", (base / "r").string(),
                     "--pdfa", "--quiet"});
  EXPECT_EQ(render.exit_code, 3) << render.err;
  EXPECT_NE(render.err.find("icc-profiles-free"), std::string::npos) << render.err;
}

// Uniform records and catalogues accept the same setting; switching it on rebuilds them once.
TEST(CheckPdfa, RecordsAndCataloguesBecomePdfaWhenTheSchemeAsks) {
  auto base = lh::test::temp_dir("pdfa-records");
  for (const char* xsd : {"scheme.xsd", "office.xsd"})
    fs::copy_file(lh::test::source_dir() / "templates/scheme" / xsd, base / xsd);
  std::string xml = lh::test::read_file(lh::test::source_dir() / "templates/scheme/default.xml");
  for (const char* kind : {"uniform-records", "catalogues"}) {
    const std::string from = std::string("<output kind=\"") + kind + "\" public=\"";
    size_t at = xml.find(from);
    ASSERT_NE(at, std::string::npos) << kind;
    size_t end = xml.find("/>", at);
    xml.insert(end, " preservation=\"pdf-a-2b\"");
  }
  lh::test::write_file(base / "default.xml", xml);
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+08:00");
  auto r = run({program().string(), "archive", "--in", (lh::test::source_dir() / "samples/inbox").string(), "--out",
                (base / "ARCHIVE").string(), "--office", (lh::test::source_dir() / "samples/office.xml").string(), "--scheme",
                (base / "default.xml").string(), "--quiet"});
  ASSERT_LE(r.exit_code, 1) << r.out << r.err;
  json d = json::parse(lh::test::read_file(base / "ARCHIVE/derived.json"));
  size_t records = 0, catalogues = 0;
  for (const char* sec : {"items", "catalogues"})
    for (auto& [key, v] : d[sec].items())
      for (const auto& f : v["files"]) {
        const std::string p = f["path"];
        if (p.size() < 4 || p.substr(p.size() - 4) != ".pdf") continue;
        const bool record = p.find("检查笔录") != std::string::npos, catalogue = p.find("归档文件目录") != std::string::npos;
        if (!record && !catalogue) continue;
        EXPECT_EQ(f.value("pdfa", ""), "2b") << p << " " << f.dump();
        (record ? records : catalogues) += 1;
      }
  EXPECT_GE(records, 1u);
  EXPECT_GE(catalogues, 1u);
}

// Data not hand-picked: a generated inbox whose born-digital PDFs name the fonts other offices'
// producers leave unembedded (bench/make_inbox.py --fonts mixed: STSong-Light, SimSun, the 公文 fonts
// 仿宋_GB2312, 楷体_GB2312 and 方正小标宋, SimHei, 微软雅黑; each PDF's name drawn from its seed). Every
// reading copy and 案卷 is PDF/A-2b and OFD-A, each substitution names the face of its style, and
// verify reads every copy back.
TEST(CheckPdfa, AnInboxWithOtherOfficesUnembeddedFontsGivesPdfaAndOfdaCopiesEachWithItsStylesFace) {
  auto base = lh::test::temp_dir("pdfa-mixed-fonts");
  auto gen = run({lh::test::python(), (lh::test::source_dir() / "bench/make_inbox.py").string(), "60", (base / "IN").string(), "--seed", "5",
                  "--fonts", "mixed", "--jobs", "1"});
  ASSERT_EQ(gen.exit_code, 0) << gen.out << gen.err;
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+08:00");
  const fs::path out = base / "ARCHIVE";
  auto r = run({program().string(), "archive", "--in", (base / "IN").string(), "--out", out.string(), "--office",
                (lh::test::source_dir() / "samples/office.xml").string(), "--jobs", "2", "--quiet"});
  ASSERT_LE(r.exit_code, 1) << r.out << r.err;
  const json d = json::parse(lh::test::read_file(out / "derived.json"));
  const std::map<std::string, std::string> face_of = {
      {"STSong-Light", "Noto Serif CJK SC（宋体）"},      {"SimSun", "Noto Serif CJK SC（宋体）"},
      {"FangSong_GB2312", "FandolFang（仿宋）"},         {"仿宋_GB2312", "FandolFang（仿宋）"},
      {"KaiTi_GB2312", "AR PL UKai CN（楷体）"},          {"FZXiaoBiaoSong-B05S", "Noto Serif CJK SC（小标宋）"},
      {"SimHei", "Noto Sans CJK SC（黑体）"},            {"MicrosoftYaHei", "Noto Sans CJK SC（黑体）"}};
  std::set<std::string> names;
  size_t pdfa = 0, ofda = 0;
  for (const char* sec : {"items", "volumes"})
    for (const auto& [key, v] : d[sec].items())
      for (const auto& f : v["files"]) {
        const std::string p = f["path"];
        if (p.find("检查笔录") != std::string::npos) continue;  // the default scheme asks no PDF/A of uniform records
        if (p.size() > 4 && p.substr(p.size() - 4) == ".pdf") {
          EXPECT_EQ(f.value("pdfa", ""), "2b") << f.dump();
        }
        if (p.size() > 4 && p.substr(p.size() - 4) == ".ofd") {
          EXPECT_EQ(f.value("ofda", ""), "GB/T 42133-2022") << f.dump();
        }
        pdfa += f.contains("pdfa");
        ofda += f.contains("ofda");
        for (const auto& s : f.value("pdfa_font_substitutes", json::array())) {
          const std::string said = s;
          const std::string name = said.substr(0, said.find(" → "));
          names.insert(name);
          ASSERT_TRUE(face_of.count(name)) << said;
          EXPECT_EQ(said, name + " → " + face_of.at(name));
        }
      }
  EXPECT_GE(names.size(), 5u);  // seed 5: seven of the eight names
  EXPECT_GE(pdfa, 50u);
  EXPECT_EQ(ofda, pdfa);
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
}
