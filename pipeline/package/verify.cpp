// verify(ARCHIVE): fixity check (6S 安全). Re-hashes every file listed in manifest.json, compares the
// manifest with catalog.db, and reports files in the archive that nobody listed. The manifest is
// read one item at a time (manifest.h for_each_manifest_item) and the catalogue asked per item, so
// memory does not grow with the items' descriptions (issue 12 §4).
#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/archive.h"
#include "ingest/pdfa_check.h"
#include "ofd/check.h"
#include "package/files.h"
#include "package/manifest.h"
#include "package/preservation.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Paths and identities seen, kept as 64-bit hashes for membership only (an unlisted file, a
// catalogue item the manifest lacks): 8 bytes each, not the strings (issue 12 §4: verify's memory
// does not grow with what the items say). Two names with one hash (2^-64 a pair) would hide one
// unlisted file.
class SeenNames {
 public:
  void insert(const std::string& s) {
    hashes_.push_back(std::hash<std::string>{}(s));
    sorted_ = false;
  }
  bool contains(const std::string& s) {
    if (!sorted_) {
      std::sort(hashes_.begin(), hashes_.end());
      hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
      sorted_ = true;
    }
    return std::binary_search(hashes_.begin(), hashes_.end(), std::hash<std::string>{}(s));
  }
 private:
  std::vector<size_t> hashes_;
  bool sorted_ = true;
};

using Problem = std::function<void(std::string kind, std::string path, std::string detail)>;

// One manifest item against its catalogue row: the same 档号, the original where the committed
// place puts it, the same hash for every file both list.
void compare_with_catalogue(const filing::Catalogue& cat, const json& it, const Problem& problem) {
  const std::string identity = it.value("identity", ""), code = it.value("archival_code", "");
  const std::optional<filing::ItemRecord> rec = cat.item(identity);
  if (!rec || rec->manifest.empty()) {
    problem("not-in-catalogue", code, "manifest item " + identity);
    return;
  }
  if (rec->archival_code != code) problem("catalogue-differs", rec->archival_code, "manifest says " + code);
  const json cj = json::parse(rec->manifest, nullptr, false);
  if (!cj.is_object() || !cj.contains("files") || !cj["files"].is_array()) return;
  // The place committed with the 件号 (issue 9): the original is where the catalogue put it.
  const json place = json::parse(rec->placement, nullptr, false);
  if (place.is_object() && !cj["files"].empty()) {
    std::string path = cj["files"][0].value("path", "");
    std::string ext = fs::path(path).extension().string();
    std::string want = (fs::path(place.value("folder", "")) / (place.value("file", "") + ext)).string();
    if (path != want) problem("catalogue-differs", path, "catalogue places it at " + want);
  }
  if (!it.contains("files") || !it["files"].is_array()) return;
  std::map<std::string, std::string> listed;  // this item's files in the manifest: path → SHA-256
  for (const auto& f : it["files"])
    if (f.is_object()) listed[f.value("path", "")] = f.value("sha256", "");
  for (const auto& file : cj["files"]) {
    if (!file.is_object()) continue;
    const auto mf = listed.find(file.value("path", ""));
    if (mf != listed.end() && mf->second != file.value("sha256", "")) problem("catalogue-differs", mf->first, "catalogue and manifest hashes differ");
  }
}

// Every file a manifest item lists (originals and versions) re-hashed.
void check_item_files(const fs::path& dir, const json& it, VerifyResult& r, SeenNames& listed, const Problem& problem) {
  for (const char* key : {"files", "versions"}) {
    if (!it.contains(key) || !it[key].is_array()) continue;
    for (const auto& f : it[key]) {
      if (!f.is_object()) continue;
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

// catalog.db opened read-only, or nothing and why (a missing catalogue is a problem, not a stop).
std::unique_ptr<filing::Catalogue> open_catalogue(const fs::path& dir, std::string& cat_error) {
  std::unique_ptr<filing::Catalogue> cat;
  std::error_code ec;
  if (!fs::exists(dir / "catalog.db", ec)) cat_error = "missing";
  else try {
    cat = std::make_unique<filing::Catalogue>(dir / "catalog.db", filing::Catalogue::ReadOnly::Yes);
  } catch (const std::exception& e) {
    cat_error = e.what();
  }
  return cat;
}

// A preservation copy's bytes, or nothing when its path is unsafe or it cannot be opened (a missing
// file is reported by check_derived_outputs' re-hash).
std::optional<std::string> preserved_bytes(const fs::path& dir, const std::string& p) {
  if (p.empty() || p.find("..") != std::string::npos) return std::nullopt;
  std::ifstream in(dir / p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Derived outputs (issue 5, package/volume_run.h): 案卷, 阅览本, 检查笔录, 归档文件目录, listed with
// their SHA-256 in derived.json. Re-hashed like originals, but not counted in files_checked.
void check_derived_outputs(const fs::path& dir, VerifyResult& r, SeenNames& listed, const Problem& problem) {
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
    const std::optional<std::string> bytes = preserved_bytes(dir, p);
    if (!bytes) continue;
    ++r.pdfa_checked;
    for (const auto& f : ingest::check_pdfa(*bytes)) problem("not-pdfa", p, f.label() + ": " + f.message);
  }
  // And a file said to be OFD-A against GB/T 42133-2022 (ofd/check.h), with the XSDs where
  // check-ofd finds them: one problem per failed clause.
  ofd::CheckOptions oo;
  oo.schema_dir = ofd::default_schema_dir();
  for (const std::string& p : ofd_files(d)) {
    const std::optional<std::string> bytes = preserved_bytes(dir, p);
    if (!bytes) continue;
    ++r.ofd_checked;
    for (const auto& rule : ofd::check_ofd(*bytes, oo).rules)
      if (!rule.passed) problem("not-ofda", p, rule.clause + " " + rule.rule + (rule.detail.empty() ? "" : ": " + rule.detail));
  }
}

// Files nobody listed (outside the archive's own bookkeeping).
void report_unlisted_files(const fs::path& dir, SeenNames& listed, const Problem& problem) {
  static const std::set<std::string> own = {"manifest.json", "catalog.db", "catalog.db-wal", "catalog.db-shm", ".lock",
                                            "derived.json"};
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    fs::path rel = fs::relative(it->path(), dir, ec);
    std::string first = rel.begin() != rel.end() ? rel.begin()->string() : "";
    if (it->is_directory() && (first == "reports" || first == ".staging" || first == ".spool")) { it.disable_recursion_pending(); continue; }
    if (!it->is_regular_file() && !it->is_symlink()) continue;
    std::string rs = rel.string();
    if (own.count(rs) || listed.contains(rs)) continue;
    problem("unlisted-file", rs, "in the archive but not in the manifest");
  }
}

}  // namespace

VerifyResult verify_archive(const fs::path& dir) {
  VerifyResult r;
  const Problem problem = [&](std::string kind, std::string path, std::string detail) {
    r.problems.push_back({std::move(kind), std::move(path), std::move(detail)});
  };
  // The catalogue is asked item by item as the manifest is read (one item in memory at a time).
  std::string cat_error;
  std::unique_ptr<filing::Catalogue> cat = open_catalogue(dir, cat_error);
  SeenNames listed, identities;
  const bool manifest_ok = for_each_manifest_item(dir / "manifest.json", [&](const json& it) {
    if (!it.is_object()) return;
    identities.insert(it.value("identity", ""));
    check_item_files(dir, it, r, listed, problem);
    if (!cat) return;
    try {
      compare_with_catalogue(*cat, it, problem);
    } catch (const std::exception& e) {
      cat_error = e.what();
      cat.reset();
    }
  });
  if (!manifest_ok) {
    r.problems.clear();
    r.files_checked = 0;
    problem("manifest-unreadable", "manifest.json", "missing or not valid JSON");
    return r;
  }
  check_derived_outputs(dir, r, listed, problem);
  // The catalogue must agree with the manifest on every 档号: the items it holds that the manifest lacks.
  if (cat) try {
    cat->for_each_item([&](const filing::ItemRecord& it) {
      if (!it.manifest.empty() && !identities.contains(it.identity)) problem("not-in-manifest", it.archival_code, "catalogue item " + it.identity);
    });
  } catch (const std::exception& e) {
    cat_error = e.what();
  }
  if (!cat_error.empty()) problem("catalogue-unreadable", "catalog.db", cat_error);
  report_unlisted_files(dir, listed, problem);
  std::sort(r.problems.begin(), r.problems.end(), [](const VerifyProblem& a, const VerifyProblem& b) {
    return std::tie(a.path, a.kind) < std::tie(b.path, b.kind);
  });
  r.ok = r.problems.empty();
  return r;
}

}  // namespace lh::package
