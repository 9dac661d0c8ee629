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

}  // namespace

VersionMarks parse_version_marks(std::string_view stem_in, const Scheme& sch) {
  VersionMarks m;
  std::string s = trim(to_nfc(stem_in));
  // Windows XP "复件 X" and English "Copy of X".
  for (std::string_view pre : {"复件 ", "Copy of ", "copy of "}) {
    if (starts_with(s, pre)) { s.erase(0, pre.size()); m.copy = true; m.markers.emplace_back(trim(pre)); }
  }
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

std::vector<VersionGroup> find_versions(const std::vector<VersionCandidate>& cands, const Scheme& s) {
  struct Entry { const VersionCandidate* c; VersionMarks m; };
  std::map<std::string, std::vector<Entry>> groups;
  for (const auto& c : cands) {
    VersionMarks m = parse_version_marks(c.stem, s);
    std::string key;
    if (m.generic) {
      // The name says nothing: identify the document by its title, marks still from the name.
      VersionMarks t = parse_version_marks(c.title, s);
      if (!t.generic) key = c.scope + '\x1f' + t.base;
    } else {
      key = c.scope + '\x1f' + m.base;
    }
    if (key.empty()) key = c.scope + '\x1f' + "\x01" + c.path;  // ungroupable: alone
    groups[key].push_back({&c, std::move(m)});
  }
  std::vector<VersionGroup> out;
  for (auto& [key, entries] : groups) {
    auto rank = [](const Entry& e) {
      return std::make_tuple(!(e.m.draft || e.m.copy), e.m.final_marked, e.c->mtime_ns, e.m.version, -e.m.copy_index);
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
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace lh::filing
