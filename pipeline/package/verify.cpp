// verify(ARCHIVE): fixity check (6S 安全). Re-hashes every file listed in manifest.json, compares the
// manifest with catalog.db, and reports files in the archive that nobody listed.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/archive.h"
#include "ingest/pdfa_check.h"
#include "ofd/check.h"
#include "package/files.h"
#include "package/preservation.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

VerifyResult verify_archive(const fs::path& dir) {
  VerifyResult r;
  auto problem = [&](std::string kind, std::string path, std::string detail) {
    r.problems.push_back({std::move(kind), std::move(path), std::move(detail)});
  };
  json m;
  {
    std::ifstream f(dir / "manifest.json", std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    m = json::parse(ss.str(), nullptr, false);
  }
  if (m.is_discarded() || !m.is_object() || !m.contains("items")) {
    problem("manifest-unreadable", "manifest.json", "missing or not valid JSON");
    return r;
  }
  std::set<std::string> listed;
  std::map<std::string, std::string> code_by_identity;
  // Each manifest item's files by path, for the catalogue's comparison below: looked up, not searched
  // (searching every manifest item for every catalogue item took 190 s at 9,695 items).
  std::map<std::string, std::map<std::string, std::string>> sha_by_identity_and_path;
  for (const auto& it : m["items"]) {
    code_by_identity[it.value("identity", "")] = it.value("archival_code", "");
    if (it.contains("files") && it["files"].is_array())
      for (const auto& f : it["files"])
        sha_by_identity_and_path[it.value("identity", "")][f.value("path", "")] = f.value("sha256", "");
    for (const char* key : {"files", "versions"}) {
      if (!it.contains(key)) continue;
      for (const auto& f : it[key]) {
        std::string p = f.value("path", ""), want = f.value("sha256", "");
        listed.insert(p);
        ++r.files_checked;
        if (p.empty() || p.find("..") != std::string::npos) { problem("missing", p, "unsafe or empty path"); continue; }
        auto got = sha256_file(dir / p);
        if (!got) problem("missing", p, "listed in the manifest but not readable");
        else if (*got != want) problem("hash-mismatch", p, "manifest " + want + ", file " + *got);
      }
    }
  }
  // Derived outputs (issue 5, package/volume_run.h): 案卷, 阅览本, 检查笔录, 归档文件目录, listed with
  // their SHA-256 in derived.json. Re-hashed like originals, but not counted in files_checked.
  {
    std::ifstream f(dir / "derived.json", std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    json d = json::parse(ss.str(), nullptr, false);
    if (d.is_object())
      for (const char* sec : {"items", "volumes", "catalogues"})
        if (d.contains(sec) && d[sec].is_object())
          for (auto& [key, v] : d[sec].items())
            for (const auto& df : v.value("files", json::array())) {
              std::string p = df.value("path", "");
              listed.insert(p);
              if (p.empty() || p.find("..") != std::string::npos) { problem("missing", p, "unsafe or empty derived path"); continue; }
              auto got = sha256_file(dir / p);
              if (!got) problem("missing", p, "listed in derived.json but not readable");
              else if (*got != df.value("sha256", "")) problem("hash-mismatch", p, "derived.json " + df.value("sha256", "") + ", file " + *got);
            }
    // The preservation copies (preservation.h) are read back: a file said to be PDF/A-2b is checked
    // rule by rule (ingest/pdfa_check.h), one problem per failed clause.
    for (const std::string& p : pdfa_files(d)) {
      if (p.empty() || p.find("..") != std::string::npos) continue;
      std::ifstream in(dir / p, std::ios::binary);
      if (!in) continue;  // reported as missing above
      std::ostringstream bytes;
      bytes << in.rdbuf();
      ++r.pdfa_checked;
      for (const auto& f : ingest::check_pdfa(bytes.str())) problem("not-pdfa", p, f.label() + ": " + f.message);
    }
    // And a file said to be OFD-A against GB/T 42133-2022 (ofd/check.h), with the XSDs where
    // check-ofd finds them: one problem per failed clause.
    ofd::CheckOptions oo;
    oo.schema_dir = ofd::default_schema_dir();
    for (const std::string& p : ofd_files(d)) {
      if (p.empty() || p.find("..") != std::string::npos) continue;
      std::ifstream in(dir / p, std::ios::binary);
      if (!in) continue;  // reported as missing above
      std::ostringstream bytes;
      bytes << in.rdbuf();
      ++r.ofd_checked;
      for (const auto& rule : ofd::check_ofd(bytes.str(), oo).rules)
        if (!rule.passed) problem("not-ofda", p, rule.clause + " " + rule.rule + (rule.detail.empty() ? "" : ": " + rule.detail));
    }
  }
  // The catalogue must agree with the manifest on every 档号.
  std::error_code ec;
  if (fs::exists(dir / "catalog.db", ec)) {
    try {
      filing::Catalogue cat(dir / "catalog.db", filing::Catalogue::ReadOnly::Yes);
      std::set<std::string> seen;
      for (const auto& it : cat.items()) {
        if (it.manifest.empty()) continue;
        seen.insert(it.identity);
        auto f = code_by_identity.find(it.identity);
        if (f == code_by_identity.end()) problem("not-in-manifest", it.archival_code, "catalogue item " + it.identity);
        else if (f->second != it.archival_code)
          problem("catalogue-differs", it.archival_code, "manifest says " + f->second);
        json cj = json::parse(it.manifest, nullptr, false);
        // The place committed with the 件号 (issue 9): the original is where the catalogue put it.
        json place = json::parse(it.placement, nullptr, false);
        if (place.is_object() && cj.is_object() && cj.contains("files") && !cj["files"].empty()) {
          std::string path = cj["files"][0].value("path", "");
          std::string ext = fs::path(path).extension().string();
          std::string want = (fs::path(place.value("folder", "")) / (place.value("file", "") + ext)).string();
          if (path != want) problem("catalogue-differs", path, "catalogue places it at " + want);
        }
        const auto listed_files = sha_by_identity_and_path.find(it.identity);
        if (cj.is_object() && cj.contains("files") && cj["files"].is_array() && listed_files != sha_by_identity_and_path.end())
          for (const auto& file : cj["files"]) {
            const auto mf = listed_files->second.find(file.value("path", ""));
            if (mf != listed_files->second.end() && mf->second != file.value("sha256", ""))
              problem("catalogue-differs", mf->first, "catalogue and manifest hashes differ");
          }
      }
      for (const auto& [id, code] : code_by_identity)
        if (!seen.count(id)) problem("not-in-catalogue", code, "manifest item " + id);
    } catch (const std::exception& e) {
      problem("catalogue-unreadable", "catalog.db", e.what());
    }
  } else {
    problem("catalogue-unreadable", "catalog.db", "missing");
  }
  // Files nobody listed (outside the archive's own bookkeeping).
  static const std::set<std::string> own = {"manifest.json", "catalog.db", "catalog.db-wal", "catalog.db-shm", ".lock",
                                            "derived.json"};
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    fs::path rel = fs::relative(it->path(), dir, ec);
    std::string first = rel.begin() != rel.end() ? rel.begin()->string() : "";
    if (it->is_directory() && (first == "reports" || first == ".staging" || first == ".spool")) { it.disable_recursion_pending(); continue; }
    if (!it->is_regular_file() && !it->is_symlink()) continue;
    std::string rs = rel.string();
    if (own.count(rs) || listed.count(rs)) continue;
    problem("unlisted-file", rs, "in the archive but not in the manifest");
  }
  std::sort(r.problems.begin(), r.problems.end(), [](const VerifyProblem& a, const VerifyProblem& b) {
    return std::tie(a.path, a.kind) < std::tie(b.path, b.kind);
  });
  r.ok = r.problems.empty();
  return r;
}

}  // namespace lh::package
