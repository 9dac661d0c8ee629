// The properties of issue 9 item 5, each checked on one night of one seed against the generator's
// ground truth (scripts/make_office_inbox.py --truth). Every violation names the seed, the night
// and the offending path, so a failure can be replayed with the generator alone.
#include <regex>

#include "package/files.h"
#include "sweep.h"

namespace lh::property {
namespace fs = std::filesystem;

namespace {

const std::set<std::string> kFates = {"archived", "duplicate", "version", "junk", "quarantined"};

void add(SweepResult& r, const Night& n, const char* property, const std::string& path, const std::string& detail) {
  r.violations.push_back({property, n.seed, n.night, path, detail});
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

bool in_inbox(const json& input) { return !(input.contains("in_inbox") && input["in_inbox"] == false); }

std::string basename_of(const std::string& p) { return p.substr(p.rfind('/') + 1); }

// The manifest input a refused ZIP entry became: its exact path, else an entry of the same ZIP
// with the same last component (a "../../x" name may be shown cleaned).
const json* refused_input(const json& manifest, const std::string& zip, const std::string& path) {
  const json* loose = nullptr;
  for (const auto& i : manifest["inputs"]) {
    std::string p = str(i, "path");
    if (p == path) return &i;
    if (p.rfind(zip + "/", 0) == 0 && basename_of(p) == basename_of(path)) loose = &i;
  }
  return loose;
}

// Whether a manifest path is how the program names one of the truth's refused entries.
bool names_a_refused_entry(const json& truth, const std::string& p) {
  for (const auto& t : truth["inputs"]) {
    std::string kind = str(t, "kind");
    if ((kind == "zip_bomb" || kind == "unsafe_path") && p.rfind(str(t, "in_zip") + "/", 0) == 0 &&
        basename_of(p) == basename_of(str(t, "path")))
      return true;
  }
  return false;
}

}  // namespace

std::string case_key(const std::string& written) {
  // Brackets and 第 are habits of the writer, not part of the number (GB/T 9704-2012 §7.2.5 writes
  // 〔2024〕37号; offices also write [2024], （2024）, 第37号, 037号).
  static const std::vector<std::string> drop = {"〔", "〕", "［", "］", "[", "]", "（", "）", "(", ")", "【", "】",
                                                "﹝", "﹞", "第", " ", "　"};
  std::string s = written;
  for (const auto& d : drop)
    for (size_t at; (at = s.find(d)) != std::string::npos;) s.erase(at, d.size());
  static const std::regex re("^(.*?)(20[0-9]{2})0*([0-9]+)号$");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return s;
  return m[1].str() + "|" + m[2].str() + "|" + m[3].str();
}

// Every input has exactly one fate; a run that stops (exit 2/3) gives none.
void check_fates(const Night& n, SweepResult& r) {
  std::map<std::string, int> count;
  for (const auto& i : n.manifest["inputs"]) {
    std::string p = str(i, "path");
    if (++count[p] == 2) add(r, n, kOneFate, p, "named twice in manifest.json inputs");
    if (!kFates.count(str(i, "fate"))) add(r, n, kOneFate, p, "fate \"" + str(i, "fate") + "\" is not one of the five");
    if (in_inbox(i) && !n.truth_so_far.count(p) && !names_a_refused_entry(n.truth, p))
      add(r, n, kOneFate, p, "an input the inbox does not hold");
  }
  for (const auto& t : n.truth["inputs"]) {
    std::string p = str(t, "path"), kind = str(t, "kind");
    ++r.checks[kOneFate];
    if (kind == "zip_bomb" || kind == "unsafe_path") continue;  // their names are check_refused's
    auto c = count.find(p);
    if (c == count.end()) add(r, n, kOneFate, p, "no fate in manifest.json (run exit " + std::to_string(n.exit_code) + ")");
  }
  for (const auto& p : n.truth["removed"]) {
    for (const auto& i : n.manifest["inputs"])
      if (i["path"] == p && in_inbox(i)) add(r, n, kOneFate, p.get<std::string>(), "gone from the inbox but not \"in_inbox\": false");
  }
}

// A refused ZIP entry keeps inspect's kind, is quarantined (not junk), is named on stderr, exit 1.
void check_refused(const Night& n, SweepResult& r) {
  for (const auto& t : n.truth["inputs"]) {
    std::string kind = str(t, "kind");
    if (kind != "zip_bomb" && kind != "unsafe_path") continue;
    ++r.checks[kRefusedKept];
    std::string p = str(t, "path"), zip = str(t, "in_zip");
    const json* i = refused_input(n.manifest, zip, p);
    if (!i) { add(r, n, kRefusedKept, p, "refused entry (" + kind + ") has no input in manifest.json"); continue; }
    std::string fate = str(*i, "fate"), reason = str(*i, "reason"), got_kind = str(*i, "kind");
    if (fate != "quarantined")
      add(r, n, kRefusedKept, p, kind + " entry has fate " + fate + " (reason: " + reason + "), not quarantined");
    else if (got_kind != kind && reason.find(kind) == std::string::npos)
      add(r, n, kRefusedKept, p, "quarantined without its kind " + kind + " (kind: " + got_kind + ", reason: " + reason + ")");
    if (n.new_zips.count(zip)) {
      if (n.exit_code != 1) add(r, n, kRefusedKept, p, kind + " entry set aside but exit " + std::to_string(n.exit_code) + ", not 1");
      if (n.err.find(basename_of(p)) == std::string::npos)
        add(r, n, kRefusedKept, p, kind + " entry not named on stderr");
    }
  }
}

// No item changes 档号, category, case, volume or path after it is numbered; its identity keeps its 档号.
void check_never_moves(const Night& n, SweepResult& r) {
  if (!n.previous) return;
  std::map<std::string, const json*> now, by_identity;
  for (const auto& it : n.manifest["items"]) {
    now[str(it, "archival_code")] = &it;
    by_identity[str(it, "identity")] = &it;
  }
  auto original = [](const json& it) {
    for (const auto& f : it["files"])
      if (str(f, "role") == "original") return str(f, "path");
    return std::string();
  };
  for (const auto& before : (*n.previous)["items"]) {
    ++r.checks[kNeverMoves];
    std::string code = str(before, "archival_code"), src = code;
    if (before.contains("sources") && before["sources"].is_array() && !before["sources"].empty())
      src = before["sources"][0].get<std::string>();
    auto at = now.find(code);
    if (at == now.end()) { add(r, n, kNeverMoves, src, "档号 " + code + " vanished from manifest.json"); continue; }
    const json& after = *at->second;
    for (const char* k : {"category", "case_number", "volume", "identity"})
      if (str(before, k) != str(after, k))
        add(r, n, kNeverMoves, src, code + ": " + k + " changed from \"" + str(before, k) + "\" to \"" + str(after, k) + "\"");
    if (original(before) != original(after))
      add(r, n, kNeverMoves, src, code + ": moved from " + original(before) + " to " + original(after));
    auto same = by_identity.find(str(before, "identity"));
    if (same != by_identity.end() && str(*same->second, "archival_code") != code)
      add(r, n, kNeverMoves, src, "identity renumbered from " + code + " to " + str(*same->second, "archival_code"));
  }
}

// Nothing without a positive link sits in a case: truth says no case → never AJ; never a case
// other than the truth's (an AJ item whose "case" is a folder name has no case number: wrong too).
// The converse (kEvidenceFiled): a document with positive evidence sits in its own case; without
// it, an archive that files nothing in any case would keep the first property for free.
void check_links(const Night& n, SweepResult& r) {
  for (const auto& it : n.manifest["items"]) {
    bool in_case = str(it, "category") == "AJ";
    std::string got = str(it, "case_number"), code = str(it, "archival_code");
    std::string shown = got.empty() ? "\"" + str(it, "case_key") + "\" (no 案号)" : got;
    if (!str(it, "placed_by").empty()) shown += " [placed_by: " + str(it, "placed_by") + "]";  // placement's reason
    for (const auto& s : it["sources"]) {
      auto t = n.truth_so_far.find(s.get<std::string>());
      if (t == n.truth_so_far.end()) continue;
      const json& truth = t->second;
      std::string type = truth["doc_type"].is_string() ? truth["doc_type"].get<std::string>() : "?";
      ++r.checks[kPositiveLink];
      if (in_case && truth["case"].is_null()) {
        add(r, n, kPositiveLink, s, code + " (" + type + ") sits in case " + shown + " with no positive link" +
                                        (truth.contains("mentions_case") ? " (its text only mentions " +
                                             truth["mentions_case"].get<std::string>() + ")" : ""));
      } else if (in_case && case_key(got) != case_key(truth["case"].get<std::string>())) {
        add(r, n, kPositiveLink, s, code + " sits in case " + shown + ", its case is " + truth["case"].get<std::string>());
      }
      if (truth["case"].is_null()) continue;
      ++r.checks[kEvidenceFiled];
      if (!in_case || case_key(got) != case_key(truth["case"].get<std::string>()))
        add(r, n, kEvidenceFiled, s, code + " (" + type + ", evidence: " + str(truth, "evidence") + ") is filed " +
                                         (in_case ? "in case " + shown : "as " + str(it, "category") + " " + shown) +
                                         ", not in its case " + truth["case"].get<std::string>());
    }
  }
}

// The manifest and the archive agree file for file, both ways, and every named file has its hash.
void check_agree(const Night& n, SweepResult& r) {
  static const std::set<std::string> bookkeeping = {"manifest.json", "catalog.db", "catalog.db-wal", "catalog.db-shm",
                                                    "reports", ".lock", ".staging", "derived.json"};
  std::map<std::string, std::string> named;  // path → sha256
  for (const auto& it : n.manifest["items"])
    for (const char* list : {"files", "versions"})
      if (it.contains(list))
        for (const auto& f : it[list]) named[str(f, "path")] = str(f, "sha256");
  std::set<std::string> on_disk;
  for (auto e = fs::recursive_directory_iterator(n.archive); e != fs::recursive_directory_iterator(); ++e) {
    std::string rel = fs::relative(e->path(), n.archive).generic_string();
    if (bookkeeping.count(rel.substr(0, rel.find('/')))) {
      if (e->is_directory()) e.disable_recursion_pending();
      continue;
    }
    if (e->is_regular_file()) on_disk.insert(rel);
  }
  for (const auto& [p, sha] : named) {
    ++r.checks[kAgree];
    if (!on_disk.count(p)) { add(r, n, kAgree, p, "named in manifest.json, not in the archive"); continue; }
    auto got = lh::package::sha256_file(n.archive / p);
    if (!sha.empty() && (!got || *got != sha)) add(r, n, kAgree, p, "SHA-256 differs from manifest.json");
  }
  for (const auto& p : on_disk) {
    ++r.checks[kAgree];
    if (!named.count(p)) add(r, n, kAgree, p, "in the archive, not named by manifest.json");
  }
}

}  // namespace lh::property
