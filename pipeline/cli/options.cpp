#include "cli/options.h"

#include <charconv>
#include <cstdio>

#include "cli/cli.h"

namespace lh::cli {

std::optional<long> parse_long(std::string_view s, long lo, long hi) {
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s, double lo, double hi) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

const char* const kIngestOptionsHelp =
    "  --jobs N            worker processes (default: number of cores)\n"
    "  --timeout SECONDS   time limit per file (default 30)\n"
    "  --memory MIB        memory limit per worker (default 1024)\n"
    "  --pdf-password PW   password tried on encrypted PDFs\n"
    "  --big5 POLICY       detect | big5 | gb18030: how to decide Big5 vs GB18030 (default detect)\n"
    "  --no-simplify       keep Traditional characters (default: 繁→简 with OpenCC tw2s)\n";

int answer_usage_error(const UsageError& e, const char* command, const std::string& help) {
  if (e.message.empty()) {
    std::fputs(help.c_str(), stdout);
    return kOk;
  }
  std::fprintf(stderr, "lianghua %s: %s\n", command, e.message.c_str());
  return kUsage;
}

bool apply_ingest_option(const std::string& name, const char* value, ingest::InspectOptions& opt) {
  std::string v = value ? value : "";
  if (name == "jobs") {
    auto n = parse_long(v, 1, 256);
    if (!n) throw UsageError{"--jobs needs a whole number from 1 to 256, not '" + v + "'"};
    opt.pool.jobs = static_cast<int>(*n);
  } else if (name == "timeout") {
    auto n = parse_double(v, 0.1, 86400);
    if (!n) throw UsageError{"--timeout needs seconds (0.1 to 86400), not '" + v + "'"};
    opt.pool.timeout_s = *n;
  } else if (name == "memory") {
    auto n = parse_long(v, 64, 1 << 20);
    if (!n) throw UsageError{"--memory needs MiB (64 or more), not '" + v + "'"};
    opt.pool.memory_bytes = static_cast<uint64_t>(*n) << 20;
  } else if (name == "pdf-password") {
    opt.read.pdf_password = v;
  } else if (name == "big5") {
    if (v == "detect") opt.read.big5 = ingest::Big5Policy::Detect;
    else if (v == "big5") opt.read.big5 = ingest::Big5Policy::PreferBig5;
    else if (v == "gb18030") opt.read.big5 = ingest::Big5Policy::PreferGb18030;
    else throw UsageError{"--big5 takes detect, big5 or gb18030, not '" + v + "'"};
  } else if (name == "no-simplify") {
    opt.simplify = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace lh::cli
