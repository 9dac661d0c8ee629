#include "pdf/predefined_cmap.h"

#include <algorithm>
#include <charconv>
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

// The tokens of a CMap file, as views of its text: <hex> strings (kept with their brackets),
// names, numbers, keywords, (strings); % comments skipped. Views, not copies: a CMap of 270 KB is
// 40,000 tokens, read in every worker process that meets one.
std::vector<std::string_view> tokens(std::string_view t) {
  std::vector<std::string_view> out;
  out.reserve(t.size() / 6);
  constexpr std::string_view kSpace = " \t\r\n\f[]{}<>", kEnd = " \t\r\n\f[]{}<>%(/";
  for (size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '%') {
      while (i < t.size() && t[i] != '\n' && t[i] != '\r') ++i;
    } else if (c == '(' || (c == '<' && i + 1 < t.size() && t[i + 1] != '<')) {
      const size_t j = t.find(c == '(' ? ')' : '>', i);
      if (j == std::string_view::npos) break;
      out.push_back(t.substr(i, j + 1 - i));
      i = j + 1;
    } else if (kSpace.find(c) != std::string_view::npos) {
      ++i;
    } else {
      size_t j = i + 1;
      while (j < t.size() && kEnd.find(t[j]) == std::string_view::npos) ++j;
      out.push_back(t.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

// A <hex> token as a code: its value and its length in bytes; bytes 0 when it is not one.
PredefinedCMap::Range code(std::string_view tok) {
  PredefinedCMap::Range r;
  if (tok.size() < 2 || tok.front() != '<') return r;
  uint32_t v = 0;
  int digits = 0;
  for (char c : tok.substr(1, tok.size() - 2)) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) continue;
    v = v << 4 | static_cast<uint32_t>(d);
    ++digits;
  }
  if (digits == 0 || digits > 8 || digits % 2) return r;
  r.lo = r.hi = v;
  r.bytes = digits / 2;
  return r;
}

uint32_t number(std::string_view tok) {
  uint32_t v = 0;
  std::from_chars(tok.data(), tok.data() + tok.size(), v);
  return v;
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
  const std::vector<std::string_view> t = tokens(text);
  std::vector<Range> own;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string_view k = t[i];
    if (k == "usecmap" && i > 0 && t[i - 1].size() > 1 && t[i - 1][0] == '/' && depth < 4) {
      PredefinedCMap base = parse(read_file(dir + "/" + std::string(t[i - 1].substr(1))), dir, depth + 1);
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
      const std::string_view end = k == "begincidrange" ? "endcidrange" : "endnotdefrange";
      for (i += 1; i + 2 < t.size() && t[i] != end; i += 3) {
        Range lo = code(t[i]), hi = code(t[i + 1]);
        if (lo.bytes && lo.bytes == hi.bytes && lo.lo <= hi.lo)
          own.push_back({lo.lo, hi.lo, lo.bytes, number(t[i + 2]), end == "endnotdefrange"});
      }
    } else if (k == "beginbfrange" || k == "beginbfchar") {
      // A CID → Unicode CMap (Adobe-GB1-UCS2): destinations are UTF-16 <hex> strings; one code unit
      // or a surrogate pair, kept as the code point (arrays of destinations are not used there).
      const bool range = k == "beginbfrange";
      const std::string_view end = range ? "endbfrange" : "endbfchar";
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
    const uint32_t cid = lookup(c, len);
    out.push_back(cid);
    i += static_cast<size_t>(len);
  }
  return out;
}

uint32_t PredefinedCMap::lookup(uint32_t code, int bytes) const {
  // The range of that length with the greatest start at or below the code that holds it (the
  // ranges of one file do not overlap; of a file and its usecmap base starting at the same code,
  // the file's comes later in the stable sort and is found first).
  auto it = std::upper_bound(mappings_.begin(), mappings_.end(), std::make_pair(bytes, code), [](const auto& key, const Range& r) {
    return key.first != r.bytes ? key.first < r.bytes : key.second < r.lo;
  });
  for (auto back = it; back != mappings_.begin();) {
    --back;
    if (back->bytes != bytes || back->lo + widest_ < code) break;  // no range starting this far below reaches it
    if (code >= back->lo && code <= back->hi) return back->notdef ? back->cid : back->cid + (code - back->lo);
  }
  return 0;
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

namespace {

// poppler-data's cidToUnicode file of an ordering (line n = CID n), read once; nullptr when absent.
const std::vector<uint32_t>* cid_to_unicode_file(const std::string& ordering) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<std::vector<uint32_t>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto [it, fresh] = cache.try_emplace(ordering);
  if (!fresh) return it->second.get();
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
  if (!table->empty()) it->second = std::move(table);
  return it->second.get();
}

}  // namespace

uint32_t unicode_of_cid(const std::string& ordering, uint32_t cid) {
  if (cid == 0 || ordering.find('/') != std::string::npos) return 0;
  // Adobe-<ordering>-UCS2 first: it is the table Poppler draws a font it substitutes by
  // (GfxCIDFont::getCodeToGIDMap); the cidToUnicode file, made for text extraction, gives GB1's
  // half-width Latin (CIDs 814-907) their full-width forms.
  if (const PredefinedCMap* ucs2 = predefined_cmap(ordering, "Adobe-" + ordering + "-UCS2"))
    if (const uint32_t u = ucs2->lookup(cid, 2)) return u;
  const std::vector<uint32_t>* table = cid_to_unicode_file(ordering);
  return table && cid < table->size() ? (*table)[cid] : 0;
}

}  // namespace lh::pdf::detail
