// release_font_pages (font_pages.h): /proc/self/maps (proc(5)) lists the mappings; madvise(2).
#include "fonts/font_pages.h"

#include <sys/mman.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace lh::fonts {
namespace {

// A font file by its name: the OpenType and TrueType files and collections of fonts/roles.json,
// the system's, Poppler's substitutes and the OFD writer's glyf forms (their cache's *.ttf), also
// when the file was replaced or removed after it was mapped (the kernel appends " (deleted)").
bool font_file(std::string_view path) {
  constexpr std::string_view kDeleted = " (deleted)";
  if (path.size() > kDeleted.size() && path.substr(path.size() - kDeleted.size()) == kDeleted)
    path.remove_suffix(kDeleted.size());
  if (path.size() < 4 || path[path.size() - 4] != '.') return false;
  std::string ext(path.substr(path.size() - 3));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == "otf" || ext == "ttf" || ext == "ttc" || ext == "otc";
}

std::mutex kept_mutex;
std::set<std::string, std::less<>>& kept_files() {
  static std::set<std::string, std::less<>> files;
  return files;
}

bool kept(std::string_view path) {
  std::lock_guard<std::mutex> lock(kept_mutex);
  return kept_files().count(path) > 0;
}

}  // namespace

void keep_font_pages(const std::string& path) {
  std::lock_guard<std::mutex> lock(kept_mutex);
  kept_files().insert(path);
}

size_t release_font_pages() {
  FILE* maps = std::fopen("/proc/self/maps", "re");
  if (!maps) return 0;
  size_t released = 0;
  char line[4352];
  while (std::fgets(line, sizeof line, maps)) {
    // A line ends with its path: most lines (libraries, heap, stacks) are left before sscanf, which
    // was a tenth of this function's time on a worker's few hundred mappings.
    std::string_view whole(line);
    while (!whole.empty() && (whole.back() == '\n' || whole.back() == ' ')) whole.remove_suffix(1);
    if (!font_file(whole)) continue;
    uintptr_t start = 0, end = 0;
    char perms[5] = {};
    int path_at = 0;
    // start-end perms offset dev inode path
    if (std::sscanf(line, "%lx-%lx %4s %*x %*s %*u %n", &start, &end, perms, &path_at) < 3 || path_at == 0) continue;
    const std::string_view path = whole.substr(std::min<size_t>(static_cast<size_t>(path_at), whole.size()));
    // Only "r--p": a private mapping never writable holds no page of its own (a copy made on a
    // write), so every page it drops comes back from the file as it was. FreeType, HarfBuzz and
    // Poppler map fonts PROT_READ; HarfBuzz makes a blob writable with mprotect, which shows as
    // "rw-p" and is left alone.
    if (std::string_view(perms) != "r--p" || kept(path)) continue;  // a font file: the line's end said so
    if (madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED) == 0) ++released;
  }
  std::fclose(maps);
  return released;
}

}  // namespace lh::fonts
