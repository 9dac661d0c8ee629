// Progress for long runs: a bar with counts and ETA on a terminal; plain log lines under cron or
// systemd (no TTY), so the journal gets readable lines and no control characters.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>

namespace lh::cli {

class Progress {
 public:
  Progress(std::string what, bool quiet);
  ~Progress();
  void update(size_t done, size_t total, const std::string& current);
  void finish();
  // A line that must be seen (a set-aside input): printed above the bar, or as a log line.
  void note(const std::string& line);

 private:
  std::string what_;
  bool tty_, quiet_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_;
  size_t last_logged_ = 0;
};

}  // namespace lh::cli
