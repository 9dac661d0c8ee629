// Runs the property sweep (sweep.h): generator, `lianghua archive` night after night, checks.
#include "sweep.h"

#include <fcntl.h>

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "manifest_json.h"
#include "test_support.h"

namespace lh::property {
namespace fs = std::filesystem;
using lh::test::read_json;
using lh::test::run;

namespace {

// A numeric test knob from the environment; junk or an unset knob gives the fallback.
int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  int x = 0;
  auto [end, ec] = std::from_chars(v, v + std::strlen(v), x);
  return (ec == std::errc() && *end == '\0' && x >= 0) ? x : fallback;
}

lh::test::CommandResult archive(const fs::path& in, const fs::path& out, const fs::path& office) {
  return run({lh::test::program().string(), "archive", "--in", in.string(), "--out", out.string(), "--office",
              office.string(), "--no-documents", "--jobs", "2"});
}

std::string last_line(const std::string& s) {
  std::string t = s.substr(0, s.find_last_not_of('\n') + 1);
  return t.substr(t.rfind('\n') + 1);
}

bool has_raw_name(const json& truth) {
  for (const auto& t : truth["inputs"])
    if (t.contains("raw_name_hex")) return true;
  return false;
}

// Leaves out the files whose names are raw GBK bytes (while that crash awaits its fix).
void drop_raw_names(const fs::path& in, json& truth) {
  json kept = json::array();
  for (auto& t : truth["inputs"]) {
    if (!t.contains("raw_name_hex")) { kept.push_back(t); continue; }
    std::string hex = t["raw_name_hex"], raw;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    fs::remove((in / fs::path(t["path"].get<std::string>())).parent_path() / raw);
  }
  truth["inputs"] = kept;
}

// The first line where two manifests differ, for the message.
std::string first_difference(const std::string& a, const std::string& b) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  size_t from = a.rfind('\n', at == 0 ? 0 : at - 1);
  from = from == std::string::npos ? 0 : from + 1;
  return "first difference at byte " + std::to_string(at) + ": " + a.substr(from, 160);
}

// Lines of a run's stderr that say what was set aside, sorted (the CLI prints them by path).
std::vector<std::string> set_aside_lines(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("set aside", 0) == 0) out.push_back(line);
  std::sort(out.begin(), out.end());
  return out;
}

void compare_with_every_input_planned(const fs::path& in, const fs::path& out, const fs::path& full, const fs::path& office,
                                      const lh::test::CommandResult& a, int seed, int night, SweepResult& r) {
  lh::test::CommandResult b;
  {
    lh::test::ScopedEnv every("LIANGHUA_PLAN_EVERY_INPUT", "1");
    b = archive(in, full, office);
  }
  ++r.runs, ++r.checks[kIncremental];
  // A night that planned every input proves nothing about the incremental one. A night whose inbox
  // the generator left as it was (seed 1161, night 3: nothing added, edited or removed) takes the
  // unchanged shortcut and plans nothing, which is right; its manifest is still compared below.
  if (a.err.find("planned again, tied to what changed") == std::string::npos &&
      a.err.find("none changed since the last run") == std::string::npos)
    r.violations.push_back({kIncremental, seed, night, "(the run)", "the night planned every input: " + last_line(a.err)});
  if (a.exit_code != b.exit_code)
    r.violations.push_back({kIncremental, seed, night, "(exit code)",
                            std::to_string(a.exit_code) + " planning what changed, " + std::to_string(b.exit_code) + " planning all"});
  std::string x = lh::test::read_file(out / "manifest.json"), y = lh::test::read_file(full / "manifest.json");
  if (x != y) r.violations.push_back({kIncremental, seed, night, "manifest.json", first_difference(x, y)});
  if (set_aside_lines(a.err) != set_aside_lines(b.err))
    r.violations.push_back({kIncremental, seed, night, "(stderr)", "the set-aside lines differ"});
  fs::remove_all(full);
}

void run_seed(int seed, int nights, SweepResult& r) {
  fs::path work = lh::test::temp_dir("property/seed-" + std::to_string(seed));
  fs::path in = work / "inbox", out = work / "archive", office = work / "office.xml";
  fs::path script = lh::test::source_dir() / "scripts" / "make_office_inbox.py";
  json previous;
  std::map<std::string, json> truth_so_far;
  std::set<std::string> zips_seen;
  bool probed = false;
  for (int night = 1; night <= nights; ++night) {
    fs::path truth_file = work / ("truth-" + std::to_string(night) + ".json");
    std::vector<std::string> gen = {python(), script.string(), "--out", in.string(), "--seed", std::to_string(seed),
                                    "--night", std::to_string(night), "--truth", truth_file.string(), "--office",
                                    office.string()};
    if (night > 1) gen.push_back("--update");
    auto g = run(gen);
    if (g.exit_code != 0) { r.setup_error = "make_office_inbox.py failed on seed " + std::to_string(seed) + ": " + g.err; return; }
    Night n;
    n.seed = seed, n.night = night, n.archive = out;
    n.truth = read_json(truth_file);
    if (has_raw_name(n.truth) && !raw_names_enabled()) {
      if (!probed && (strict() || r.checks[kRawNames] == 0)) {  // a probe per sweep (per seed when strict)
        probed = true;
        fs::path probe = work / "raw-name-probe";
        auto a = archive(in, probe, office);
        ++r.runs, ++r.checks[kRawNames];
        if (a.exit_code >= 2)
          r.violations.push_back({kRawNames, seed, night, "(a file named in GBK bytes)", "exit " +
                                  std::to_string(a.exit_code) + ": " + last_line(a.err)});
        fs::remove_all(probe);
      }
      drop_raw_names(in, n.truth);
    }
    for (const auto& t : n.truth["inputs"]) {
      truth_so_far[t["path"].get<std::string>()] = t;
      if (t["kind"] == "container" && zips_seen.insert(t["path"].get<std::string>()).second)
        n.new_zips.insert(t["path"].get<std::string>());
    }
    n.truth_so_far = truth_so_far;
    // The oracle for the incremental night: the same archive as it stood, every input planned again.
    const fs::path full = work / "archive-every-input";
    const bool compare_full = night > 1 && fs::exists(out / "catalog.db");
    if (compare_full) {
      fs::remove_all(full);
      fs::copy(out, full, fs::copy_options::recursive);
    }
    auto a = archive(in, out, office);
    ++r.runs;
    if (compare_full) compare_with_every_input_planned(in, out, full, office, a, seed, night, r);
    n.exit_code = a.exit_code, n.err = a.err;
    if (has_raw_name(n.truth)) {
      ++r.checks[kRawNames];
      if (a.exit_code >= 2)
        r.violations.push_back({kRawNames, seed, night, "(a file named in GBK bytes)",
                                "exit " + std::to_string(a.exit_code) + ": " + last_line(a.err)});
    }
    if (a.exit_code >= 2) {
      r.violations.push_back({kOneFate, seed, night, "(the whole inbox)",
                              "run stopped, exit " + std::to_string(a.exit_code) + ": " + last_line(a.err)});
      continue;
    }
    n.manifest = read_json(out / "manifest.json");
    n.previous = previous.is_null() ? nullptr : &previous;
    check_fates(n, r);
    check_refused(n, r);
    check_never_moves(n, r);
    check_links(n, r);
    check_agree(n, r);
    if (night == 1) {  // the same inbox from scratch again: byte for byte the same manifest
      fs::path again = work / "archive-again";
      archive(in, again, office);
      ++r.runs, ++r.checks[kReproducible];
      std::string x = lh::test::read_file(out / "manifest.json"), y = lh::test::read_file(again / "manifest.json");
      if (x != y) r.violations.push_back({kReproducible, seed, night, "manifest.json", first_difference(x, y)});
      fs::remove_all(again);
    }
    previous = n.manifest;
  }
  if (!std::getenv("LIANGHUA_PROPERTY_KEEP")) fs::remove_all(work);
}

// The seeds a run sweeps: LIANGHUA_PROPERTY_FIRST_SEED / LIANGHUA_PROPERTY_SEEDS give a range (the
// long sweep); unset, the suite's own ten: 1–8 and two regression seeds of the 200-seed sweep of
// 2026-12-05, the only ones of 200 where main showed them (seed 31: four numbered items moved to a
// case "未分组" the next night; seed 73: a version file named in manifest.json and not in the archive).
std::vector<int> seeds_to_sweep() {
  std::vector<int> seeds;
  if (std::getenv("LIANGHUA_PROPERTY_FIRST_SEED") || std::getenv("LIANGHUA_PROPERTY_SEEDS")) {
    int first = env_int("LIANGHUA_PROPERTY_FIRST_SEED", 1), count = env_int("LIANGHUA_PROPERTY_SEEDS", 10);
    for (int seed = first; seed < first + count; ++seed) seeds.push_back(seed);
    return seeds;
  }
  return {1, 2, 3, 4, 5, 6, 7, 8, 31, 73};
}

std::string describe(const std::vector<int>& seeds) {
  if (seeds.empty()) return "no seeds";
  bool range = seeds.back() - seeds.front() + 1 == static_cast<int>(seeds.size());
  if (range) return "seeds " + std::to_string(seeds.front()) + ".." + std::to_string(seeds.back());
  std::string s = "seeds";
  for (int x : seeds) s += " " + std::to_string(x);
  return s;
}

void print_summary(const SweepResult& r) {
  std::map<std::string, int> failed;
  for (const auto& v : r.violations) ++failed[v.property];
  std::cout << "property sweep: " << r.seeds << " seed(s) (" << describe(seeds_to_sweep()) << ") x " << r.nights << " night(s), " << r.runs
            << " run(s), " << static_cast<int>(r.seconds) << " s\n";
  for (const char* p : {kOneFate, kRefusedKept, kNeverMoves, kPositiveLink, kEvidenceFiled, kAgree, kReproducible,
                       kRawNames, kIncremental})
    std::cout << "  " << p << ": " << (r.checks.count(p) ? r.checks.at(p) : 0) << " checked, " << failed[p]
              << " violation(s)" << (awaiting_fix().count(p) && !strict() ? " [awaiting fix: not enforced]" : "")
              << "\n";
  std::cout << "awaiting fix (reported, not enforced" << (strict() ? "; STRICT=1 enforces them now" : "") << "):";
  for (const auto& p : awaiting_fix()) std::cout << " " << p;
  std::cout << "\n";
}

SweepResult run_sweep() {
  SweepResult r;
  auto t0 = std::chrono::steady_clock::now();
  if (!fs::exists(lh::test::program())) { r.setup_error = "no program at " + lh::test::program().string(); return r; }
  setenv("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+0800", 1);  // the report's clock; the manifest has none
  r.nights = env_int("LIANGHUA_PROPERTY_NIGHTS", 3);
  for (int seed : seeds_to_sweep()) {
    if (!r.setup_error.empty()) break;
    run_seed(seed, r.nights, r);
    ++r.seeds;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace

std::string python() { return lh::test::python(); }

bool strict() {
  const char* v = std::getenv("LIANGHUA_PROPERTY_STRICT");
  return v && std::string(v) == "1";
}

// Properties that main fails until issue 9's fixes land; the lead deletes a line as its branch
// merges (one line switches one property on). LIANGHUA_PROPERTY_STRICT=1 enforces every one now.
const std::set<std::string>& awaiting_fix() {
  static const std::set<std::string> s = {
      // Enforced since the placement merge: kNeverMoves (seed 31) and kAgree (seed 73) hold; since
      // session 4 kPositiveLink (seeds 6, 8: a 案号 an office document only cites) and kEvidenceFiled
      // (seed 7: a party-named ZIP with the case in a sub-folder) hold too.
  };
  return s;
}

// Strict mode does not put them back: while the crash awaits its fix, a run that stops would hide
// every other property of that night. It probes them on a copy instead (every seed when strict).
bool raw_names_enabled() { return !awaiting_fix().count(kRawNames); }

namespace {

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string stamp(const fs::path& p) {
  struct stat st{};
  if (stat(p.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_size) + "." + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

// ctest runs each TEST in its own process: the first one sweeps, the others read its result from a
// file beside the test binary, keyed by everything the result depends on (program, generator,
// this binary, knobs). An flock serializes processes that start together.
fs::path cache_file() {
  std::ostringstream key;
  key << stamp(lh::test::program()) << "|" << stamp(lh::test::source_dir() / "scripts" / "make_office_inbox.py") << "|"
      << stamp("/proc/self/exe") << "|" << describe(seeds_to_sweep()) << "|"
      << env_int("LIANGHUA_PROPERTY_NIGHTS", 3) << "|" << strict();
  return fs::read_symlink("/proc/self/exe").parent_path() /
         ("property-sweep-" + std::to_string(std::hash<std::string>{}(key.str())) + ".tsv");
}

void save(const SweepResult& r, const fs::path& p) {
  std::ofstream f(p.string() + ".part", std::ios::trunc);
  f << "meta\t" << r.seeds << "\t" << r.nights << "\t" << r.runs << "\t" << r.seconds << "\n";
  if (!r.setup_error.empty()) f << "setup\t" << one_line(r.setup_error) << "\n";
  for (const auto& [k, v] : r.checks) f << "check\t" << k << "\t" << v << "\n";
  for (const auto& v : r.violations)
    f << "violation\t" << v.property << "\t" << v.seed << "\t" << v.night << "\t" << one_line(v.path) << "\t"
      << one_line(v.detail) << "\n";
  f.close();
  fs::rename(p.string() + ".part", p);
}

std::optional<SweepResult> load(const fs::path& p) {
  std::ifstream f(p);
  if (!f) return std::nullopt;
  SweepResult r;
  for (std::string line; std::getline(f, line);) {
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) c.push_back(x);
    if (c.size() == 5 && c[0] == "meta") r.seeds = std::stoi(c[1]), r.nights = std::stoi(c[2]), r.runs = std::stoi(c[3]), r.seconds = std::stod(c[4]);
    else if (c.size() == 2 && c[0] == "setup") r.setup_error = c[1];
    else if (c.size() == 3 && c[0] == "check") r.checks[c[1]] = std::stoi(c[2]);
    else if (c.size() == 6 && c[0] == "violation") r.violations.push_back({c[1], std::stoi(c[2]), std::stoi(c[3]), c[4], c[5]});
  }
  return r;
}

SweepResult sweep_once() {
  fs::path cache = cache_file();
  int fd = open((cache.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (fd >= 0) flock(fd, LOCK_EX);
  std::optional<SweepResult> r = load(cache);
  if (r) std::cout << "(the sweep below was read from " << cache << ")\n";
  if (!r) {
    r = run_sweep();
    if (r->setup_error.empty()) save(*r, cache);
  }
  if (fd >= 0) close(fd);
  print_summary(*r);
  if (const char* report = std::getenv("LIANGHUA_PROPERTY_REPORT")) {  // every violation, for the long sweep
    std::ofstream f(report, std::ios::trunc);
    f << "property\tseed\tnight\tpath\tdetail\n";
    for (const auto& v : r->violations)
      f << v.property << "\t" << v.seed << "\t" << v.night << "\t" << v.path << "\t" << v.detail << "\n";
  }
  return *r;
}

}  // namespace

const SweepResult& sweep() {
  static const SweepResult r = sweep_once();
  return r;
}

}  // namespace lh::property
