#include "shared_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "test_support.h"

namespace lh::test {
namespace fs = std::filesystem;

namespace {

// Files a reader of an archive may create or touch without changing what it holds: SQLite's
// write-ahead log and its index, which a read-only connection to a WAL database opens beside it,
// and ARCHIVE/.lock. They are not part of a listing.
bool bookkeeping(const fs::path& p) {
  const std::string name = p.filename().string();
  auto ends = [&](const std::string& s) { return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0; };
  return name == ".lock" || ends("-wal") || ends("-shm") || ends("-journal");
}

std::string line_of(const fs::path& file, const std::string& rel) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return rel + " ?\n";
  return rel + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "\n";
}

std::string read_or_empty(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return {};
  return read_file(p);
}

// The key as stored: each string, and the listing of each one that names a file or folder.
std::string key_text(const std::vector<std::string>& key) {
  std::string out;
  for (const auto& k : key) {
    out += k + "\n";
    std::error_code ec;
    if (!k.empty() && k.front() == '/' && fs::exists(k, ec)) out += tree_listing(k);
  }
  return out;
}

// flock(2) on a file of its own, held while the folder is checked and made.
class LockFile {
 public:
  explicit LockFile(const fs::path& p) : fd_(::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~LockFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;

 private:
  int fd_;
};

}  // namespace

std::string tree_listing(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return line_of(p, p.filename().string());
  std::vector<std::string> lines;
  for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (bookkeeping(it->path())) continue;
    const std::string rel = fs::relative(it->path(), p, ec).string();
    lines.push_back(it->is_directory(ec) ? rel + "/\n" : line_of(it->path(), rel));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

SharedDir shared_dir(const std::string& tag, const std::vector<std::string>& key,
                     const std::function<std::string(const fs::path&)>& make) {
  const fs::path base = build_dir() / "test-shared";
  fs::create_directories(base);
  LockFile lock(base / (tag + ".lock"));
  const fs::path dir = base / tag, key_file = base / (tag + ".key"), listing_file = base / (tag + ".listing");
  // The program reads its rules and fonts from the source tree beside its build (model/paths.h): an
  // edited scheme or XSD makes every shared folder again, as a rebuilt program does.
  const std::string want = key_text(key) + "templates:\n" + tree_listing(source_dir() / "templates") + "fonts:\n" +
                           tree_listing(source_dir() / "fonts");
  std::string changed;
  if (fs::is_directory(dir) && read_or_empty(key_file) == want) {
    if (read_or_empty(listing_file) == tree_listing(dir)) return {dir, ""};
    changed = "test-shared/" + tag + " was changed after it was made (a test wrote into a shared folder instead of a copy)";
  }
  // The key file goes first and comes back last: a folder without it is never taken as made.
  fs::remove(key_file);
  fs::remove_all(dir);
  const fs::path making = base / (tag + ".making");
  fs::remove_all(making);
  fs::create_directories(making);
  if (std::string why = make(making); !why.empty()) {
    fs::remove_all(making);
    return {{}, why};
  }
  fs::rename(making, dir);
  write_file(listing_file, tree_listing(dir));
  write_file(key_file, want);
  return {dir, changed};
}

}  // namespace lh::test
