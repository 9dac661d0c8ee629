#include "filing/versions.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <regex>
#include <tuple>

#include "filing/text_util.h"

namespace lh::filing {
namespace {

bool ends_with(std::string_view s, std::string_view t) {
  return s.size() >= t.size() && s.substr(s.size() - t.size()) == t;
}
bool starts_with(std::string_view s, std::string_view t) { return s.substr(0, t.size()) == t; }

int parse_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return (ec == std::errc() && p == s.data() + s.size()) ? v : 0;
}

// Strips separators and empty bracket pairs from both ends (repeatedly).
std::string tidy(std::string s) {
  static const std::vector<std::string> edge = {" ", "_", "-", ".", "\u2014", "\u00B7", "\u3000", "\uFF0D", "\uFF3F", "~"};
  static const std::vector<std::string> empty_pairs = {"()", "（）", "[]", "【】", "［］", "(  )", "( )", "（ ）"};
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& p : empty_pairs) {
      size_t at;
      while ((at = s.find(p)) != std::string::npos) { s.erase(at, p.size()); changed = true; }
    }
    for (const auto& e : edge) {
      while (starts_with(s, e)) { s.erase(0, e.size()); changed = true; }
      while (ends_with(s, e)) { s.erase(s.size() - e.size()); changed = true; }
    }
  }
  return s;
}

bool remove_all(std::string& s, const std::string& word) {
  if (word.empty()) return false;
  bool found = false;
  size_t at;
  while ((at = s.find(word)) != std::string::npos) { s.erase(at, word.size()); found = true; }
  return found;
}

bool equals_ascii_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Removes a leading sequence number: "09 ", "09-", "09_", "9.", "9、" or "(9)"/"（9）". At most 3 digits, so
// a year ("2024 工作总结") stays, and a separator is needed, so "12315投诉举报登记" stays; the rest must not
// start with a digit ("1.5倍").
std::optional<int> take_sequence_prefix(std::string& s) {
  // Alternatives, not a bracket expression: std::regex sees UTF-8 bytes, and 、　． （ ） are three each.
  static const std::regex numbered(R"(^(?:(\d{1,3})(?:[ _.\-]|、|　|．)+|(?:\(|（)(\d{1,3})(?:\)|）)\s*)(\D.*)$)");
  std::smatch mm;
  if (!std::regex_match(s, mm, numbered)) return std::nullopt;
  int n = parse_int(mm[1].matched ? mm[1].str() : mm[2].str());
  s = mm[3].str();
  return n;
}

}  // namespace

VersionMarks parse_version_marks(std::string_view stem_in, const Scheme& sch) {
  VersionMarks m;
  std::string s = trim(to_nfc(stem_in));
  // Windows XP "复件 X" and English "Copy of X".
  for (std::string_view pre : {"复件 ", "Copy of ", "copy of "}) {
    if (starts_with(s, pre)) { s.erase(0, pre.size()); m.copy = true; m.markers.emplace_back(trim(pre)); }
  }
  m.sequence = take_sequence_prefix(s);
  static const std::regex copy_suffix(R"(^(.*?)\s*(?:\((\d{1,3})\)|（(\d{1,3})）|\[(\d{1,3})\])$)");
  static const std::regex ver_suffix(R"(^(.*?)[\s_\-]*[vV](\d{1,3})(?:\.\d{1,3})*$)");
  static const std::regex draft_n(R"(^(.*?)[\s_\-]*第?(\d{1,3})稿$)");
  bool changed = true;
  while (changed) {
    changed = false;
    s = tidy(s);
    std::smatch mm;
    if (std::regex_match(s, mm, copy_suffix)) {
      std::string n = mm[2].matched ? mm[2].str() : mm[3].matched ? mm[3].str() : mm[4].str();
      m.copy = true;
      m.copy_index = std::max(m.copy_index, parse_int(n));
      m.markers.push_back("(" + n + ")");
      s = mm[1].str();
      changed = true;
      continue;
    }
    if (std::regex_match(s, mm, ver_suffix) && !mm[1].str().empty()) {
      m.version = std::max(m.version, parse_int(mm[2].str()));
      m.markers.push_back("v" + mm[2].str());
      s = mm[1].str();
      changed = true;
      continue;
    }
    if (std::regex_match(s, mm, draft_n) && !mm[1].str().empty()) {
      m.version = std::max(m.version, parse_int(mm[2].str()));
      m.draft = true;
      m.markers.push_back("第" + mm[2].str() + "稿");
      s = mm[1].str();
      changed = true;
      continue;
    }
    for (const auto& w : sch.copy_markers)
      if (remove_all(s, w)) { m.copy = true; m.markers.push_back(w); changed = true; }
    for (const auto& w : sch.draft_markers)
      if (remove_all(s, w)) { m.draft = true; m.markers.push_back(w); changed = true; }
    for (const auto& w : sch.final_markers)
      if (remove_all(s, w)) { m.final_marked = true; m.markers.push_back(w); changed = true; }
  }
  m.base = tidy(s);
  for (const auto& g : sch.generic_names) {
    if (equals_ascii_ci(m.base, g)) { m.generic = true; break; }
    // "文档1", "Document3": a generic name followed by digits only.
    if (m.base.size() > g.size() && equals_ascii_ci(std::string_view(m.base).substr(0, g.size()), g) &&
        std::all_of(m.base.begin() + static_cast<long>(g.size()), m.base.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      m.generic = true;
      break;
    }
  }
  if (m.base.empty()) m.generic = true;
  return m;
}

namespace {

struct Entry {
  const VersionCandidate* c;
  VersionMarks m;
};

// scope + base; a generic name ("新建 Microsoft Word 文档(2)") says nothing, so the document's title
// identifies it instead (its marks still come from the name). Empty: nothing identifies it.
std::string identity_key(const VersionCandidate& c, const VersionMarks& m, const Scheme& s) {
  if (!m.generic) return c.scope + '\x1f' + m.base;
  VersionMarks t = parse_version_marks(c.title, s);
  return t.generic ? std::string() : c.scope + '\x1f' + t.base;
}

// Members under one key as documents: one list, or, when they carry more than one sequence number,
// one list per number plus one of the unnumbered (which of the numbered ones a draft belongs to is
// not known, so it stays apart, as it did before numbers were read). Keys extend the given one.
std::vector<std::pair<std::string, std::vector<Entry>>> split_by_sequence(const std::string& key, std::vector<Entry> entries) {
  std::map<std::optional<int>, std::vector<Entry>> by_number;
  for (auto& e : entries) by_number[e.m.sequence].push_back(std::move(e));
  size_t numbered = by_number.size() - by_number.count(std::nullopt);
  std::vector<std::pair<std::string, std::vector<Entry>>> out;
  if (numbered <= 1) {
    std::vector<Entry> all;
    for (auto& [n, es] : by_number)
      for (auto& e : es) all.push_back(std::move(e));
    out.emplace_back(key, std::move(all));
    return out;
  }
  for (auto& [n, es] : by_number)
    out.emplace_back(key + '\x1f' + (n ? "#" + std::to_string(*n) : std::string("#")), std::move(es));
  return out;
}

bool fixed_layout(const std::string& path) {
  const std::string ext = extension_lower(path);
  return ext == "pdf" || ext == "ofd";
}

// The final first (no draft/copy marker, final marker, newest, highest version, fewest copies, then
// path); the others oldest first.
VersionGroup make_group(const std::string& key, std::vector<Entry>& entries) {
  auto rank = [](const Entry& e) {
    // Same mtime (files copied together): the fixed-layout form (PDF, OFD) is the one that was issued.
    return std::make_tuple(!(e.m.draft || e.m.copy), e.m.final_marked, e.c->mtime_ns, fixed_layout(e.c->path), e.m.version,
                           -e.m.copy_index);
  };
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra > rb;
    return a.c->path < b.c->path;
  });
  VersionGroup g;
  g.key = key;
  g.final_id = entries.front().c->id;
  std::vector<const Entry*> rest;
  for (size_t i = 1; i < entries.size(); ++i) rest.push_back(&entries[i]);
  std::sort(rest.begin(), rest.end(), [](const Entry* a, const Entry* b) {
    if (a->c->mtime_ns != b->c->mtime_ns) return a->c->mtime_ns < b->c->mtime_ns;
    return a->c->path < b->c->path;
  });
  for (const Entry* e : rest) g.versions.push_back(e->c->id);
  return g;
}

}  // namespace

std::vector<VersionGroup> find_versions(const std::vector<VersionCandidate>& cands, const Scheme& s) {
  std::map<std::string, std::vector<Entry>> groups;
  for (const auto& c : cands) {
    VersionMarks m = parse_version_marks(c.stem, s);
    std::string key = identity_key(c, m, s);
    if (key.empty()) key = c.scope + '\x1f' + "\x01" + c.path;  // ungroupable: alone
    groups[key].push_back({&c, std::move(m)});
  }
  std::vector<VersionGroup> out;
  for (auto& [key, entries] : groups)
    for (auto& [sub_key, members] : split_by_sequence(key, std::move(entries))) out.push_back(make_group(sub_key, members));
  std::sort(out.begin(), out.end(), [](const VersionGroup& a, const VersionGroup& b) { return a.key < b.key; });
  return out;
}

// The folder versions are looked for in: a folder named only by a draft word (草稿/, 初稿/) holds drafts
// of the documents of the folder above it.
std::string version_folder(const std::string& folder, const Scheme& s) {
  std::string f = folder;
  while (!f.empty()) {
    VersionMarks m = parse_version_marks(base_name(f), s);
    if (!(m.draft && m.base.empty())) break;
    f = parent_path(f);
  }
  return f;
}

}  // namespace lh::filing
