#include "filing/file_name.h"

#include <array>

#include "filing/archival_code.h"
#include "filing/text_util.h"

namespace lh::filing {
namespace {

bool forbidden(char32_t c) {
  switch (c) {
    case '\\': case '/': case ':': case '*': case '?': case '"': case '<': case '>': case '|': return true;
    default: break;
  }
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFD || c == 0xFFFE || c == 0xFFFF ||
         c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

bool is_space(char32_t c) { return c == ' ' || c == 0x3000 || c == 0x00A0; }

// Cuts s to at most n bytes on a code-point boundary.
std::string cut_utf8(std::string_view s, size_t n) {
  if (s.size() <= n) return std::string(s);
  size_t i = 0, last = 0;
  while (i < s.size()) {
    size_t j = i;
    next_code_point(s, j);
    if (j > n) break;
    last = j;
    i = j;
  }
  return std::string(s.substr(0, last));
}

std::string trim_name(std::string s) {
  // Windows drops trailing dots and spaces; leading dots make hidden files.
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '.')) ++b;
  return s.substr(b);
}

bool reserved_device(std::string_view stem) {
  static const std::array<std::string_view, 22> names = {"CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
                                                         "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                                         "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  std::string up(stem);
  for (char& c : up) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (auto n : names) if (up == n) return true;
  return false;
}

}  // namespace

std::string clean_file_name(std::string_view name, size_t max_bytes) {
  std::string nfc = to_nfc(name);
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < nfc.size();) {
    char32_t c = next_code_point(nfc, i);
    if (is_space(c) || c == '\t' || c == '\n' || c == '\r') { pending_space = !out.empty(); continue; }
    if (pending_space) { out += ' '; pending_space = false; }
    if (forbidden(c)) out += '_';
    else append_utf8(out, c);
  }
  out = trim_name(out);
  if (out.empty()) out = "_";
  // Keep the extension whole when cutting.
  std::string ext;
  size_t dot = out.rfind('.');
  if (dot != std::string::npos && dot > 0 && out.size() - dot <= 16) ext = out.substr(dot);
  std::string stem = out.substr(0, out.size() - ext.size());
  if (reserved_device(stem)) stem = "_" + stem;
  if (max_bytes < ext.size() + 1) ext.clear();
  if (stem.size() + ext.size() > max_bytes) stem = trim_name(cut_utf8(stem, max_bytes - ext.size()));
  if (stem.empty()) stem = "_";
  return stem + ext;
}

std::string standard_name(const Scheme& s, std::string_view code, std::string_view title, std::string_view ext) {
  const size_t max = static_cast<size_t>(s.max_name_bytes);
  auto render = [&](std::string_view t) {
    std::string out;
    const std::string& p = s.naming_pattern;
    for (size_t i = 0; i < p.size();) {
      if (p.compare(i, 6, "{code}") == 0) { out += code; i += 6; }
      else if (p.compare(i, 7, "{title}") == 0) { out += t; i += 7; }
      else if (p.compare(i, 5, "{ext}") == 0) { out += ext; i += 5; }
      else out += p[i++];
    }
    if (ext.empty() && !out.empty() && out.back() == '.') out.pop_back();
    return out;
  };
  // Clean the title alone first so the cut falls in the title, never in the 档号 or extension.
  std::string t = clean_file_name(title, max);
  if (t == "_") t = "未命名";
  std::string full = render(t);
  if (full.size() > max) {
    size_t over = full.size() - max;
    std::string shorter = t.size() > over ? cut_utf8(t, t.size() - over) : std::string();
    t = trim_name(shorter);
    if (t.empty()) t = "_";
    full = render(t);
  }
  return clean_file_name(full, max);
}

bool is_standard_name(std::string_view name, const std::vector<CodeSegment>& layout, int item_digits) {
  size_t sp = name.find(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  if (!parse_archival_code(name.substr(0, sp), layout, item_digits)) return false;
  std::string rest = std::string(name.substr(sp + 1));
  size_t dot = rest.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) return false;
  return !trim(rest.substr(0, dot)).empty();
}

bool is_standard_name(std::string_view name) { return is_standard_name(name, dat22_layout(), 4); }

std::string title_of_standard_name(std::string_view name) {
  if (!is_standard_name(name)) return {};
  std::string rest(name.substr(name.find(' ') + 1));
  return rest.substr(0, rest.rfind('.'));
}

}  // namespace lh::filing
