#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace lh::cli {

Progress::Progress(std::string what, bool quiet)
    : what_(std::move(what)), tty_(isatty(STDERR_FILENO) == 1), quiet_(quiet),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(size_t done, size_t total, const std::string& current) {
  if (quiet_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  if (tty_) {
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    int width = 30;
    int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(static_cast<size_t>(width), '.');
    double eta = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : 0;
    std::fprintf(stderr, "\r%s [%s] %zu/%zu  %.0f s left   ", what_.c_str(), bar.c_str(), done, total, eta);
    std::fflush(stderr);
  } else {
    // One line every 10 % or every 30 s, never per file: a nightly log stays short.
    bool step = total >= 10 ? done * 10 / total != last_logged_ * 10 / total : true;
    if (done == total || step || now - last_ > std::chrono::seconds(30)) {
      last_ = now;
      last_logged_ = done;
      std::fprintf(stderr, "%s: %zu/%zu done (%.1f s)\n", what_.c_str(), done, total, elapsed);
    }
  }
  (void)current;
}

void Progress::note(const std::string& line) {
  if (tty_ && !quiet_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (tty_ && !quiet_) std::fprintf(stderr, "\n");
}

}  // namespace lh::cli
