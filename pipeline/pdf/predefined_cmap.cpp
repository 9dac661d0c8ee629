#include "pdf/predefined_cmap.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>

namespace lh::pdf::detail {
namespace {

constexpr const char* kPopplerData = "/usr/share/poppler";  // Debian's poppler-data (scripts/setup.sh)

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The tokens of a CMap file: <hex> strings (kept with their brackets), names, numbers, keywords;
// % comments and (strings) skipped.
std::vector<std::string> tokens(const std::string& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '%') {
      while (i < t.size() && t[i] != '\n' && t[i] != '\r') ++i;
    } else if (c == '(') {
      size_t j = t.find(')', i);
      out.push_back(t.substr(i, (j == std::string::npos ? t.size() : j + 1) - i));
      i = j == std::string::npos ? t.size() : j + 1;
    } else if (c == '<' && i + 1 < t.size() && t[i + 1] != '<') {
      size_t j = t.find('>', i);
      if (j == std::string::npos) break;
      out.push_back(t.substr(i, j + 1 - i));
      i = j + 1;
    } else if (std::string_view(" \t\r\n\f[]{}<>").find(c) != std::string_view::npos) {
      ++i;
    } else {
      size_t j = i + 1;
      while (j < t.size() && std::string_view(" \t\r\n\f[]{}<>%(/").find(t[j]) == std::string_view::npos) ++j;
      out.push_back(t.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

// A <hex> token as a code: its value and its length in bytes; bytes 0 when it is not one.
PredefinedCMap::Range code(const std::string& tok) {
  PredefinedCMap::Range r;
  if (tok.size() < 2 || tok.front() != '<') return r;
  std::string hex;
  for (char c : tok.substr(1, tok.size() - 2))
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  if (hex.empty() || hex.size() > 8 || hex.size() % 2) return r;
  r.lo = r.hi = static_cast<uint32_t>(std::stoul(hex, nullptr, 16));
  r.bytes = static_cast<int>(hex.size() / 2);
  return r;
}

uint32_t number(const std::string& tok) {
  try {
    return static_cast<uint32_t>(std::stoul(tok));
  } catch (...) {
    return 0;
  }
}

bool in_codespace(const PredefinedCMap::Range& r, uint32_t c) {
  // Each byte of the code lies between the range's bytes at that place (§9.7.6.2).
  for (int k = 0; k < r.bytes; ++k) {
    const uint32_t shift = 8u * static_cast<uint32_t>(k), b = (c >> shift) & 0xff;
    if (b < ((r.lo >> shift) & 0xff) || b > ((r.hi >> shift) & 0xff)) return false;
  }
  return true;
}

}  // namespace

PredefinedCMap PredefinedCMap::parse(const std::string& text, const std::string& dir, int depth) {
  PredefinedCMap m;
  const std::vector<std::string> t = tokens(text);
  std::vector<Range> own;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& k = t[i];
    if (k == "usecmap" && i > 0 && t[i - 1].size() > 1 && t[i - 1][0] == '/' && depth < 4) {
      PredefinedCMap base = parse(read_file(dir + "/" + t[i - 1].substr(1)), dir, depth + 1);
      m.codespace_ = base.codespace_;
      m.mappings_ = base.mappings_;
    } else if (k == "/WMode" && i + 1 < t.size()) {
      m.vertical_ = t[i + 1] == "1";
    } else if (k == "begincodespacerange") {
      for (i += 1; i + 1 < t.size() && t[i] != "endcodespacerange"; i += 2) {
        Range lo = code(t[i]), hi = code(t[i + 1]);
        if (lo.bytes && lo.bytes == hi.bytes) m.codespace_.push_back({lo.lo, hi.lo, lo.bytes, 0});
      }
    } else if (k == "begincidrange" || k == "beginnotdefrange") {
      const std::string end = k == "begincidrange" ? "endcidrange" : "endnotdefrange";
      for (i += 1; i + 2 < t.size() && t[i] != end; i += 3) {
        Range lo = code(t[i]), hi = code(t[i + 1]);
        if (lo.bytes && lo.bytes == hi.bytes && lo.lo <= hi.lo)
          own.push_back({lo.lo, hi.lo, lo.bytes, number(t[i + 2]), end == "endnotdefrange"});
      }
    } else if (k == "beginbfrange" || k == "beginbfchar") {
      // A CID → Unicode CMap (Adobe-GB1-UCS2): destinations are UTF-16 <hex> strings; one code unit
      // or a surrogate pair, kept as the code point (arrays of destinations are not used there).
      const bool range = k == "beginbfrange";
      const std::string end = range ? "endbfrange" : "endbfchar";
      for (i += 1; i + (range ? 2 : 1) < t.size() && t[i] != end; i += range ? 3 : 2) {
        Range lo = code(t[i]), hi = range ? code(t[i + 1]) : lo, dst = code(t[i + (range ? 2 : 1)]);
        uint32_t u = dst.lo;
        if (dst.bytes == 4 && (u >> 16) >= 0xD800 && (u >> 16) < 0xDC00) u = 0x10000 + (((u >> 16) - 0xD800) << 10) + ((u & 0xFFFF) - 0xDC00);
        if (lo.bytes && lo.bytes == hi.bytes && lo.lo <= hi.lo && (dst.bytes == 2 || dst.bytes == 4))
          own.push_back({lo.lo, hi.lo, lo.bytes, u});
      }
    } else if (k == "begincidchar") {
      for (i += 1; i + 1 < t.size() && t[i] != "endcidchar"; i += 2) {
        Range c = code(t[i]);
        if (c.bytes) own.push_back({c.lo, c.lo, c.bytes, number(t[i + 1])});
      }
    }
  }
  // This file's mappings over the base's: a code both map is taken from the later one (lookup finds
  // the last range that holds it, so own ranges go after the base's, then a stable sort).
  m.mappings_.insert(m.mappings_.end(), own.begin(), own.end());
  std::stable_sort(m.mappings_.begin(), m.mappings_.end(), [](const Range& a, const Range& b) {
    return a.bytes != b.bytes ? a.bytes < b.bytes : a.lo < b.lo;
  });
  for (const Range& r : m.mappings_) m.widest_ = std::max(m.widest_, r.hi - r.lo);
  return m;
}

std::vector<uint32_t> PredefinedCMap::cids(const std::string& codes) const {
  std::vector<uint32_t> out;
  const auto* s = reinterpret_cast<const unsigned char*>(codes.data());
  for (size_t i = 0; i < codes.size();) {
    if (identity_) {
      out.push_back(i + 1 < codes.size() ? (uint32_t{s[i]} << 8 | s[i + 1]) : 0);
      i += 2;
      continue;
    }
    uint32_t c = 0;
    int len = 0;
    for (int n = 1; n <= 4 && i + static_cast<size_t>(n) <= codes.size() && !len; ++n) {
      c = c << 8 | s[i + static_cast<size_t>(n) - 1];
      for (const Range& r : codespace_)
        if (r.bytes == n && in_codespace(r, c)) len = n;
    }
    if (!len) {  // no codespace holds it: one byte is taken, as .notdef (§9.7.6.3)
      out.push_back(0);
      ++i;
      continue;
    }
    // The range of that length with the greatest start at or below c that holds it (the ranges of
    // one file do not overlap; of a file and its usecmap base starting at the same code, the file's
    // comes later in the stable sort and is found first).
    uint32_t cid = 0;
    auto it = std::upper_bound(mappings_.begin(), mappings_.end(), std::make_pair(len, c), [](const auto& key, const Range& r) {
      return key.first != r.bytes ? key.first < r.bytes : key.second < r.lo;
    });
    for (auto back = it; back != mappings_.begin();) {
      --back;
      if (back->bytes != len) break;
      if (c >= back->lo && c <= back->hi) {
        cid = back->notdef ? back->cid : back->cid + (c - back->lo);
        break;
      }
      if (back->lo + widest_ < c) break;  // no range starting this far below reaches c
    }
    out.push_back(cid);
    i += static_cast<size_t>(len);
  }
  return out;
}

const PredefinedCMap* predefined_cmap(const std::string& ordering, const std::string& name) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::unique_ptr<PredefinedCMap>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto [it, fresh] = cache.try_emplace({ordering, name});
  if (!fresh) return it->second.get();
  if (name == "Identity-H" || name == "Identity-V") {
    it->second = std::make_unique<PredefinedCMap>();
    it->second->identity_ = true;
    it->second->vertical_ = name == "Identity-V";
    return it->second.get();
  }
  if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) return nullptr;
  const std::string dir = std::string(kPopplerData) + "/cMap/Adobe-" + ordering;
  const std::string text = read_file(dir + "/" + name);
  if (text.empty()) return nullptr;
  it->second = std::make_unique<PredefinedCMap>(PredefinedCMap::parse(text, dir));
  return it->second.get();
}

const std::vector<uint32_t>* cid_to_unicode(const std::string& ordering) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<std::vector<uint32_t>>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(ordering); it != cache.end()) return it->second.get();
  }
  if (ordering.find('/') != std::string::npos) return nullptr;
  std::istringstream in(read_file(std::string(kPopplerData) + "/cidToUnicode/Adobe-" + ordering));
  auto table = std::make_unique<std::vector<uint32_t>>();
  for (std::string line; std::getline(in, line);) {
    uint32_t u = 0;
    try {
      u = line.empty() ? 0 : static_cast<uint32_t>(std::stoul(line, nullptr, 16));
    } catch (...) {
    }
    table->push_back(u);
  }
  // Where Adobe-<ordering>-UCS2 gives a CID another character, it wins: it is the table Poppler
  // draws a font it substitutes by (GfxCIDFont::getCodeToGIDMap), and the cidToUnicode file, made
  // for text extraction, gives GB1's half-width Latin (CIDs 814-907) their full-width forms.
  if (const PredefinedCMap* ucs2 = predefined_cmap(ordering, "Adobe-" + ordering + "-UCS2"))
    for (uint32_t cid = 0; cid < table->size(); ++cid) {
      const std::string code{static_cast<char>(cid >> 8), static_cast<char>(cid & 0xff)};
      if (const uint32_t u = ucs2->cids(code).front()) (*table)[cid] = u;
    }
  std::lock_guard<std::mutex> lock(mu);
  if (table->empty()) return cache.emplace(ordering, nullptr).first->second.get();
  return cache.emplace(ordering, std::move(table)).first->second.get();
}

}  // namespace lh::pdf::detail
