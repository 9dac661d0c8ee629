// The glyf form of a CFF font, made once (issue 15 §5): GB/T 42133-2022 6.2.6 c wants TrueType
// outlines in every embedded font, and the fonts lianghua sets text in (Fandol, Noto CJK) are CFF.
// Cutting the CFF font per document and rebuilding the cut with glyf outlines (truetype.cpp) made
// the OFD's font cut cost 2.5× the PDF's: hb-subset reads the whole CFF of an 8 MB face for every
// cut. Instead the whole font is rebuilt with glyf outlines once — every glyph, same glyph ids,
// the same quadratic approximation as before — and kept in a cache folder, and each document's
// cut is a plain hb-subset of that TrueType font (a few milliseconds).
// The cache: $LIANGHUA_FONT_CACHE, else $XDG_CACHE_HOME/lianghua/glyf, else ~/.cache/lianghua/glyf
// (as fontconfig keeps its scan in the user's cache). A form is named by the font file as
// fontconfig names a font it scanned — its path, size and modification time (hashing 8 MB of font
// per process cost more than the cuts it saved) — its face index and kGlyfFormVersion (raised when
// the rebuild changes); it is written whole (temp, fsync, rename) by whichever process needs it
// first, in a child process of its own (make_in_child). The cache is kept small: a form found is
// marked used (mtime, at most daily) and a process that makes a new form (a font added, replaced or
// moved: an upgrade rewrites fonts/) removes forms unused for kUnusedFormDays. Without a writable cache each process makes
// its own form once (seconds: the first night's cost, every night), and the embedded fonts are the
// same bytes either way.
#include <fcntl.h>
#include <hb-subset.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <chrono>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>

#include "fonts/font_pages.h"
#include "fonts/font_subset.h"
#include "ingest/sha256.h"
#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace fs = std::filesystem;
namespace {

constexpr int kGlyfFormVersion = 2;  // 2: implied on-curve points dropped (truetype.cpp)
// A form nobody has used for this long belongs to a font since replaced or moved (each is 8-11 MB).
constexpr int kUnusedFormDays = 30;

fs::path cache_dir() {
  if (const char* d = std::getenv("LIANGHUA_FONT_CACHE"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "lianghua" / "glyf";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "lianghua" / "glyf";
  return {};
}

// The form's file name: the font file's identity (path, size, mtime), the face, the rebuild's version.
std::string form_name(const std::string& file, int index) {
  std::error_code ec;
  const fs::path canon = fs::weakly_canonical(file, ec);
  const auto size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  const std::string id = (ec ? file : canon.string()) + "\n" + std::to_string(size) + "\n" + std::to_string(mtime) + "\n" +
                         std::to_string(index) + "\n" + std::to_string(kGlyfFormVersion);
  return ingest::sha256_hex(id) + ".ttf";
}

// A form is written in pieces this large. Written in one write(), an 8-11 MB form sits in the page
// cache in 2 MiB pieces (ext4's large folios, Linux 6.x), and every process that maps it (hb-subset,
// fonts::source_face) then maps 2 MiB around each glyph it reads: a derive worker had the forms it
// cut from resident whole, 36-44 MiB of its high-water mark (bench/RESULTS.md §4b), on every night
// until the machine dropped them from its cache. In 64 KiB pieces a glyph read maps the kernel's 64 KiB
// fault-around, as for a form read back from disk.
constexpr size_t kWritePiece = 64 << 10;

// temp + fsync + rename: a form is there whole or not at all.
bool write_whole(const fs::path& p, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.parent_path() / ("." + p.filename().string() + ".tmp" + std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, std::min(bytes.size() - done, kWritePiece));
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool ok = done == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (ok && ::rename(tmp.c_str(), p.c_str()) == 0) return true;
  fs::remove(tmp, ec);
  return false;
}

// Every glyph of the face, glyph ids kept, desubroutinized, the tables the per-document cut drops
// already dropped; then rebuilt with glyf outlines.
std::string make_glyf_form(const std::string& file, int index, const std::vector<const char*>& drop_tables) {
  hb_face_t* face = fonts::source_face(file, index);
  if (!face) throw OfdError("ofd: cannot read font " + file);
  fonts::SubsetRequest all;
  for (uint32_t g = 0, n = hb_face_get_glyph_count(face); g < n; ++g) all.glyphs.insert(g);
  hb_set_t* unicodes = hb_set_create();
  hb_face_collect_unicodes(face, unicodes);
  for (hb_codepoint_t u = HB_SET_VALUE_INVALID; hb_set_next(unicodes, &u);) all.unicodes.insert(u);
  hb_set_destroy(unicodes);
  all.drop_tables = drop_tables;
  all.flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_RETAIN_GIDS;
  fonts::Subset whole;
  try {
    whole = fonts::subset_font(file, index, all);
  } catch (const fonts::SubsetError& e) {
    throw OfdError(std::string("ofd: ") + e.what());
  }
  return cff_to_truetype(whole.bytes);
}

// A form's file name: 64 hex digits and ".ttf" (form_name); a leftover of write_whole: "." name ".tmp" pid.
bool is_form_file(const std::string& n) {
  auto form = [](std::string_view f) {
    return f.size() == 68 && f.substr(64) == ".ttf" && f.find_first_not_of("0123456789abcdef") == 64;
  };
  if (form(n)) return true;
  return n.size() > 73 && n[0] == '.' && form(std::string_view(n).substr(1, 68)) && n.compare(69, 4, ".tmp") == 0;
}

// Marks a form found in the cache as used: its mtime set to now when it is more than a day old (one
// stat per font per process, a write at most daily), so prune_unused_forms keeps what is in use.
void mark_used(const fs::path& form) {
  std::error_code ec;
  const auto t = fs::last_write_time(form, ec);
  if (!ec && fs::file_time_type::clock::now() - t > std::chrono::hours(24))
    fs::last_write_time(form, fs::file_time_type::clock::now(), ec);  // a read-only cache stays as it is
}

// Removes the forms (and torn temporaries) in `dir` unused for kUnusedFormDays; anything else in
// the folder is not ours and stays.
void prune_unused_forms(const fs::path& dir) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24 * kUnusedFormDays);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (!is_form_file(it->path().filename().string()) || !it->is_regular_file(e2)) continue;
    if (const auto t = fs::last_write_time(it->path(), e2); !e2 && t < cutoff) fs::remove(it->path(), e2);
  }
}

// Rebuilding a CJK face's 30,000 glyphs holds 80 MiB or more for a second or two. Made in the
// process that needs it, that peak stayed in a derive worker's high-water mark for the rest of its
// night (issue 12 §4: workers under 150 MiB; CI measured a worker making its forms at 121 MiB added
// where one finding them made adds 78). A forked child makes it, writes it to the cache and exits,
// and its memory goes with it. True when the form is in the cache afterwards; false (the caller
// makes its own) when the child could not start or the cache is not writable.
bool make_in_child(const fs::path& form, const std::string& file, int index, const std::vector<const char*>& drop_tables) {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    // It dies with the process that forked it, as a derive worker does (ingest/pool.cpp): a killed
    // night leaves no child still making a form and holding the inherited ARCHIVE/.lock, which
    // refused the next run (Archive.KilledAtAnyPointThenRerunEqualsAnUninterruptedRun, under load).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);  // the parent died before prctl took effect
    int rc = 1;
    try {
      rc = write_whole(form, make_glyf_form(file, index, drop_tables)) ? 0 : 1;
    } catch (...) {
    }
    ::_exit(rc);  // no atexit handlers, no flushing of the parent's buffers
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::error_code ec;
  return fs::is_regular_file(form, ec);
}

}  // namespace

bool has_cff_outlines(const std::string& file, int index) {
  hb_face_t* face = fonts::source_face(file, index);
  if (!face) return false;
  hb_blob_t* b = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
  const bool cff = hb_blob_get_length(b) > 0;
  hb_blob_destroy(b);
  return cff;
}

namespace {

// The form of `file`: the cache's (made there by a child if missing), else this process's own.
std::string find_or_make_form(const std::string& file, int index, const std::vector<const char*>& drop_tables) {
  const fs::path dir = cache_dir();
  const std::string name = form_name(file, index);
  std::error_code ec;
  if (!dir.empty() && fs::is_regular_file(dir / name, ec)) {
    mark_used(dir / name);
    return (dir / name).string();
  }
  if (!dir.empty() && make_in_child(dir / name, file, index, drop_tables)) {
    prune_unused_forms(dir);
    return (dir / name).string();
  }
  const std::string form = make_glyf_form(file, index, drop_tables);
  if (!dir.empty() && write_whole(dir / name, form)) {
    prune_unused_forms(dir);
    return (dir / name).string();
  }
  // No writable cache: this process's own form, opened (mapped) and its file removed at once, so
  // nothing is left behind however the process ends (a worker leaves by _exit).
  const fs::path tmp = fs::temp_directory_path(ec) / ("lianghua-glyf-" + std::to_string(::getpid()) + "-" + name);
  if (ec || !write_whole(tmp, form)) throw OfdError("ofd: no place to keep the glyf form of " + file);
  const bool opened = fonts::source_face(tmp.string(), 0) != nullptr;
  fs::remove(tmp, ec);
  if (!opened) throw OfdError("ofd: the glyf form of " + file + " cannot be read");
  return tmp.string();
}
}  // namespace

std::string glyf_form(const std::string& file, int index, const std::vector<const char*>& drop_tables) {
  static std::mutex m;
  static std::map<std::pair<std::string, int>, std::string> made;  // per process: the form's file
  std::lock_guard<std::mutex> lock(m);
  auto [it, fresh] = made.try_emplace({file, index});
  if (fresh) {
    it->second = find_or_make_form(file, index, drop_tables);
    fonts::keep_font_pages(it->second);  // its pages stay between a worker's tasks (font_pages.h)
  }
  return it->second;
}

}  // namespace lh::ofd::detail
