// Issue 2 "Done when": `lianghua inspect --json ../shared/corpus` finishes with every file
// reported, no crash, and every error file with its right kind.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct CorpusRun {
  int exit_code = -1;
  json doc;
  std::map<std::string, json> by_path;  // relative path -> file object (top level and children)
  std::string err;
};

void index(const json& f, const std::string& root, std::map<std::string, json>& out) {
  std::string p = f.at("path").get<std::string>();
  if (p.rfind(root, 0) == 0) p = p.substr(root.size());
  out[p] = f;
  for (const auto& c : f.at("children")) index(c, root, out);
}

const CorpusRun& corpus_run(const fs::path& corpus) {
  static CorpusRun run;
  static bool done = false;
  if (!done) {
    done = true;
    auto r = lh::test::run({lh::test::program().string(), "inspect", "--json", "--quiet", "--jobs", "2", corpus.string()});
    run.exit_code = r.exit_code;
    run.err = r.err;
    run.doc = json::parse(r.out, nullptr, false);
    if (!run.doc.is_discarded())
      for (const auto& f : run.doc.at("files")) index(f, corpus.string() + "/", run.by_path);
  }
  return run;
}

std::string kind_of(const CorpusRun& run, const std::string& path) {
  auto it = run.by_path.find(path);
  if (it == run.by_path.end()) return "<missing>";
  const json& e = it->second.at("error");
  return e.is_null() ? "none" : e.at("kind").get<std::string>();
}

}  // namespace

TEST(InspectCorpus, EveryManifestFileIsReportedWithoutCrash) {
  LH_REQUIRE_CORPUS(corpus);
  const CorpusRun& run = corpus_run(corpus);
  ASSERT_FALSE(run.doc.is_discarded()) << "stdout is not JSON; stderr: " << run.err;
  EXPECT_EQ(run.exit_code, 1) << "some corpus files are set aside, so inspect must exit 1";
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);  // header
  int n = 0;
  while (std::getline(manifest, line)) {
    std::string path = line.substr(0, line.find('\t'));
    if (path.empty()) continue;
    ++n;
    ASSERT_TRUE(run.by_path.count(path)) << path << " not reported";
    std::string kind = kind_of(run, path);
    EXPECT_NE(kind, "crashed") << path;
    EXPECT_NE(kind, "timeout") << path;
    const json& f = run.by_path.at(path);
    EXPECT_EQ(f.at("sha256").get<std::string>().size(), 64u) << path;
  }
  EXPECT_GE(n, 70);
  // And every file on disk, whether the manifest lists it or not.
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file()) {
      std::string rel = fs::relative(e.path(), corpus).generic_string();
      EXPECT_TRUE(run.by_path.count(rel)) << rel << " not reported";
    }
}

TEST(InspectCorpus, ErrorFilesGetTheirRightKind) {
  LH_REQUIRE_CORPUS(corpus);
  const CorpusRun& run = corpus_run(corpus);
  const std::map<std::string, std::string> expected = {
      {"docx/poi-bug53475-encrypted-password-is-pass.docx", "encrypted"},
      {"docx/poi-poc-xmlbomb.xlsx", "unsafe_xml"},
      {"docx/poi-protected_sample.docx", "none"},  // editing restriction, not encryption
      {"docx/poi-truncated62886.docx", "damaged"},
      {"docx/tika-testWORD_truncated.docx", "damaged"},
      {"pdf/pdfjs-issue6010_1-userpw-abc.pdf", "encrypted"},
      {"pdf/pdfjs-empty_protected-aes256-owner.pdf", "none"},  // owner password only: opens
      {"xml/tika-testXXE.xml", "unsafe_xml"},
      {"xml/pandas-doc_ch_utf.xml", "unsafe_xml"},  // internal DTD subset: we never process DTDs
      {"zip/tika-testZIP_corrupted_oom.zip", "damaged"},
      {"img/go-invalid-crc32.png", "damaged"},
      {"img/go-invalid-trunc.png", "none"},  // every row decodes; kept with a "truncated" problem note
      {"text/pycjk-gbk.txt", "none"},
      {"ofd/zc310-helloworld.ofd", "none"},
  };
  for (const auto& [path, kind] : expected) EXPECT_EQ(kind_of(run, path), kind) << path;
}

TEST(InspectCorpus, FormatsComeFromContent) {
  LH_REQUIRE_CORPUS(corpus);
  const CorpusRun& run = corpus_run(corpus);
  auto format = [&](const std::string& p) { return run.by_path.at(p).at("format").get<std::string>(); };
  EXPECT_EQ(format("docx/poi-poc-xmlbomb.xlsx"), "xlsx");
  EXPECT_EQ(format("docx/gongwen-template-lite.dotx"), "docx");
  EXPECT_EQ(format("text/chardet-nobom-utf16le.csv"), "csv");
  EXPECT_EQ(format("ofd/zc310-999-invoice.ofd"), "ofd");
  EXPECT_EQ(format("pdf/tika-testOCR.pdf"), "pdf");
  EXPECT_EQ(format("img/rapidocr-ch_en_num.jpg"), "image");
  EXPECT_EQ(format("zip/tika-gbk-names.zip"), "zip");
}

TEST(InspectCorpus, GbkZipEntryNamesAreDecoded) {
  LH_REQUIRE_CORPUS(corpus);
  const CorpusRun& run = corpus_run(corpus);
  EXPECT_TRUE(run.by_path.count("zip/tika-gbk-names.zip/审计压缩包文件检索测试/集团邮件审计系统2021年自动巡检需求文档_V4.0.doc"))
      << "GBK entry name not decoded";
  // The WinZip-AES entry is set aside as encrypted; the plain one is read.
  int encrypted = 0, plain = 0;
  for (const auto& [p, f] : run.by_path)
    if (p.rfind("zip/tika-testZipEncrypted.zip/", 0) == 0) (kind_of(run, p) == "encrypted" ? encrypted : plain)++;
  EXPECT_EQ(encrypted, 1);
  EXPECT_GE(plain, 1);
}

TEST(InspectCorpus, EncodedTextMatchesItsUtf8Twin) {
  LH_REQUIRE_CORPUS(corpus);
  const CorpusRun& run = corpus_run(corpus);
  const std::map<std::string, std::string> enc = {
      {"text/pycjk-gbk.txt", "GB18030"},     {"text/pycjk-gb2312.txt", "GB18030"},
      {"text/pycjk-gb18030.txt", "GB18030"}, {"text/pycjk-big5.txt", "Big5"},
      {"text/uchardet-ja-utf-16le.txt", "UTF-16LE"}, {"text/uchardet-ja-utf-16be.txt", "UTF-16BE"},
      {"text/chardet-utf8-bom-ja.txt", "UTF-8"},
  };
  for (const auto& [path, e] : enc) {
    ASSERT_TRUE(run.by_path.count(path)) << path;
    EXPECT_EQ(run.by_path.at(path).at("encoding"), e) << path;
    // The twin has the same number of characters once decoded.
    std::string twin = path.substr(0, path.size() - 4) + "-utf8.txt";
    if (run.by_path.count(twin) && path.find("pycjk") != std::string::npos) {
      EXPECT_EQ(run.by_path.at(path).at("text_chars"), run.by_path.at(twin).at("text_chars")) << path;
    }
  }
}
