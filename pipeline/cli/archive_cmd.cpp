// lianghua archive --in INBOX --out ARCHIVE [--office FILE] [--scheme FILE] [--jobs N]   (issue 4 §2)
// The nightly job: ingest (skipping inputs unchanged since the last run), then filing and package.
#include <getopt.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string_view>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "ingest/inspect.h"
#include "model/paths.h"
#include "package/archive.h"
#include "package/lock.h"
#include "package/night_scope.h"
#include "package/test_hooks.h"
#include "package/unchanged_run.h"

namespace lh::cli {
namespace fs = std::filesystem;

namespace {

const char* kArchiveHelp =
    "usage: lianghua archive --in INBOX --out ARCHIVE --office FILE [--scheme FILE] [options]\n\n"
    "Files everything in INBOX into the standardized archive ARCHIVE (6S: 整理 duplicates, drafts and\n"
    "junk; 整顿 档号, box and place; 清洁 unified names; 安全 fixity, atomic writes, one run at a time;\n"
    "素养 the run report). Inputs are never modified. Re-running is incremental and changes nothing\n"
    "for unchanged inputs; new inputs get the next 件号.\n\n"
    "required:\n"
    "  --in DIR            the inbox (read only)\n"
    "  --out DIR           the archive (created if missing)\n"
    "  --office FILE       the office profile: 全宗号, office name, 机构代码 (`lianghua init` writes one;\n"
    "                      README \"The office profile and the filing scheme\")\n\n"
    "options:\n"
    "  --scheme FILE       filing scheme (default: templates/scheme/default.xml)\n"
    "  --no-documents      file only: skip the reading copies with 归档章, 案卷, 归档文件目录 and\n"
    "                      uniform inspection records (built by default, for what changed)\n"
    "  --quiet             no progress output\n";

const char* kArchiveOutputs =
    "\noutputs (in ARCHIVE): the filed items under <门类>/<年度>/…, manifest.json (every input's fate,\n"
    "every item's 档号, place and why), catalog.db (the catalogue), report.html and report.json (the\n"
    "run report, in Chinese), quarantine/ (inputs set aside, with their reasons). Progress and one\n"
    "line per input set aside go to stderr; the summary to stdout.\n";

// Prints the result and gives the exit code (full and unchanged runs alike).
int print_archive_result(const package::ArchiveResult& r, bool quiet) {
  switch (r.status) {
    case package::ArchiveStatus::BadConfig:
      std::fprintf(stderr, "lianghua archive: configuration error:\n%s\n", r.error.c_str());
      return kUsage;
    case package::ArchiveStatus::LockHeld:
    case package::ArchiveStatus::Failed:
      std::fprintf(stderr, "lianghua archive: could not run: %s\n", r.error.c_str());
      return kCannotRun;
    default: break;
  }
  // One line per input set aside, naming the file and the reason (junk is not "set aside": it is sorted out).
  Progress progress("archive", quiet);
  for (const auto& [path, why] : r.set_aside) progress.note("set aside: " + path + ": " + why);
  if (r.read_problems > 0)
    progress.note(std::to_string(r.read_problems) +
                  " input(s) kept as they came although their reader warned (a damaged part, bytes not valid in "
                  "the encoding, ...): the report's 读取时发现的问题 and the manifest's read_problems name them");
  std::printf("archive: %zu item(s), %zu new;", r.items, r.new_items);
  for (const auto& [fate, n] : r.by_fate) std::printf(" %s %zu", fate.c_str(), n);
  std::printf("\nmanifest %s\nreport   %s\n", r.manifest.c_str(), r.report_html.c_str());
  return r.status == package::ArchiveStatus::SetAside ? kSetAside : kOk;
}

// The command line of one archive run.
struct ArchiveRun {
  ingest::InspectOptions opt;
  package::ArchiveOptions aopt;
  bool quiet = false;
  std::string in, out, office, scheme;
};

// Reads the options into run; false when --help was asked (nothing after it is read). Throws
// UsageError.
bool parse_args(int argc, char** argv, ArchiveRun& run) {
  static const option kLong[] = {
      {"in", required_argument, nullptr, 'i'},         {"out", required_argument, nullptr, 'o'},
      {"office", required_argument, nullptr, 'f'},     {"scheme", required_argument, nullptr, 's'},
      {"quiet", no_argument, nullptr, 'q'},            {"help", no_argument, nullptr, 'h'},
      {"documents", no_argument, nullptr, 'd'},       {"no-documents", no_argument, nullptr, 'n'},
      {"jobs", required_argument, nullptr, 1},         {"timeout", required_argument, nullptr, 1},
      {"memory", required_argument, nullptr, 1},       {"pdf-password", required_argument, nullptr, 1},
      {"big5", required_argument, nullptr, 1},         {"no-simplify", no_argument, nullptr, 1},
      {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  int idx = 0, c;
  while ((c = getopt_long(argc, argv, "qh", kLong, &idx)) != -1) {
    switch (c) {
      case 'i': run.in = optarg; break;
      case 'o': run.out = optarg; break;
      case 'f': run.office = optarg; break;
      case 's': run.scheme = optarg; break;
      case 'q': run.quiet = true; break;
      case 'd': run.aopt.derived_outputs = true; break;  // the default; kept for old command lines
      case 'n': run.aopt.derived_outputs = false; break;
      case 'h': return false;
      case 1:
        apply_ingest_option(kLong[idx].name, optarg, run.opt);
        // Options that can change what a reader concludes are part of the run's fingerprint.
        if (std::string_view(kLong[idx].name) != "jobs")
          run.aopt.options_text += std::string(kLong[idx].name) + "=" + (optarg ? optarg : "") + ";";
        break;
      default: throw UsageError{std::string("unknown or incomplete option '") + argv[optind - 1] + "'"};
    }
  }
  if (optind < argc) throw UsageError{std::string("unexpected argument '") + argv[optind] + "'"};
  if (run.in.empty() || run.out.empty() || run.office.empty()) throw UsageError{"--in, --out and --office are required"};
  if (!fs::is_directory(run.in)) throw UsageError{"--in " + run.in + " is not a directory"};
  return true;
}

// The archive options that follow from the command line and the environment.
void set_archive_options(ArchiveRun& run) {
  package::ArchiveOptions& aopt = run.aopt;
  aopt.in_dir = run.in;
  // Rendering works on the same untrusted PDFs as reading, in the same kind of worker, with room
  // for a 300-page case volume (time) and the CJK fonts (memory).
  aopt.derive_pool = run.opt.pool;
  aopt.derive_pool.timeout_s = std::max(run.opt.pool.timeout_s, 120.0);
  if (run.opt.pool.memory_bytes != 0) aopt.derive_pool.memory_bytes = std::max<uint64_t>(run.opt.pool.memory_bytes, 2ull << 30);
  aopt.out_dir = run.out;
  aopt.scheme = run.scheme.empty() ? model::templates_dir() / "scheme" / "default.xml" : fs::path(run.scheme);
  aopt.office = run.office;
  if (const char* t = std::getenv("LIANGHUA_RUN_TIME")) aopt.run_started_at = t;
}

// The inputs unchanged since the last run go to night.unchanged (not read again); the rest are
// returned, to be read. The listing is released: only the two halves are kept.
std::vector<ingest::WalkedFile> set_unchanged_apart(std::vector<ingest::WalkedFile> files, const fs::path& in_dir,
                                                    package::NightInputs& night) {
  std::vector<ingest::WalkedFile> to_read;
  for (auto& w : files) {
    if (night.previous->unchanged_since(w.path, in_dir, w.size, w.mtime_ns))
      night.unchanged.push_back({std::move(w.path), std::move(w.fs_path), w.size, w.mtime_ns});
    else
      to_read.push_back(std::move(w));
  }
  return to_read;
}

// The changed inputs read, with progress. ZIP entries are spooled inside the archive (same file
// system as .staging) instead of held in memory until they are filed; whatever a killed run left
// there is stale.
std::vector<model::InspectedFile> read_changed_inputs(const std::vector<ingest::WalkedFile>& to_read,
                                                      const fs::path& spool, ArchiveRun& run) {
  std::error_code ec;
  fs::remove_all(spool, ec);
  if (fs::create_directories(spool, ec); !ec) run.opt.spool_dir = spool.string();
  Progress progress("archive: reading", run.quiet);
  auto inspected = ingest::inspect_files(to_read, run.opt,
                                         [&](size_t d, size_t t, const std::string& p) { progress.update(d, t, p); });
  progress.finish();
  return inspected;
}

}  // namespace

int cmd_archive(int argc, char** argv) {
  ArchiveRun run;
  try {
    if (!parse_args(argc, argv, run)) {
      std::printf("%s%s%s%s", kArchiveHelp, kIngestOptionsHelp, kArchiveOutputs, kExitCodesHelp);
      return kOk;
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "lianghua archive: %s\n", e.message.c_str());
    return kUsage;
  }
  const bool quiet = run.quiet;
  const std::string& out = run.out;
  package::ArchiveOptions& aopt = run.aopt;
  set_archive_options(run);

  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "lianghua archive: cannot create %s: %s\n", out.c_str(), ec.message().c_str());
    return kCannotRun;
  }
  // One run at a time, decided before the inbox is read: a second run refuses at once (exit 3).
  std::string lock_error;
  auto lock = package::ArchiveLock::acquire(out, lock_error);
  if (!lock) {
    std::fprintf(stderr, "lianghua archive: could not run: %s\n", lock_error.c_str());
    return kCannotRun;
  }
  auto files = ingest::walk_inputs({run.in}, true);
  package::stop_point("listed");
  std::vector<package::InboxEntry> listing;
  listing.reserve(files.size());
  for (const auto& w : files) listing.push_back({w.path, w.size, w.mtime_ns});
  aopt.inbox_fingerprint = package::run_fingerprint(std::move(listing), aopt);
  // Nothing changed since the last completed run: one stat per input, nothing rewritten.
  std::string why_full;
  if (auto same = package::finish_if_unchanged(aopt, *lock, &why_full)) {
    if (!quiet) std::fprintf(stderr, "archive: %zu input(s), none changed since the last run\n", files.size());
    return print_archive_result(*same, quiet);
  }
  if (!quiet) std::fprintf(stderr, "archive: full run (%s)\n", why_full.c_str());
  // 整理 starts from what the last run already knows: an unchanged input costs a stat and a look-up,
  // and is planned again only when something that changed is tied to it (package/night_scope.h).
  package::PreviousRun previous(out);
  package::NightInputs night;
  night.previous = &previous;
  const size_t listed = files.size();
  std::vector<ingest::WalkedFile> to_read = set_unchanged_apart(std::move(files), aopt.in_dir, night);
  const fs::path spool = fs::path(out) / ".spool";
  night.inspected = read_changed_inputs(to_read, spool, run);
  if (!quiet)
    std::fprintf(stderr, "archive: %zu input(s), %zu unchanged since the last run\n", listed, night.unchanged.size());
  if (const char* every = std::getenv("LIANGHUA_PLAN_EVERY_INPUT"); every && std::string_view(every) == "1")
    aopt.plan_every_input = true;

  package::stop_point("inspected");
  Progress documents("archive: documents", quiet);
  aopt.derive_progress = [&](size_t d, size_t t, const std::string& what) { documents.update(d, t, what); };
  package::ArchiveResult r = package::run_archive(std::move(night), aopt, *lock);
  documents.finish();
  if (!quiet && r.ok()) {
    if (!r.planned_every_input.empty())
      std::fprintf(stderr, "archive: every input planned (%s)\n", r.planned_every_input.c_str());
    else
      std::fprintf(stderr, "archive: %zu unchanged input(s) planned again, tied to what changed\n", r.replanned);
  }
  fs::remove_all(spool, ec);
  return print_archive_result(r, quiet);
}

int cmd_verify(int argc, char** argv) {
  if (argc != 2 || std::string_view(argv[1]) == "--help") {
    bool help = argc == 2;
    std::fprintf(help ? stdout : stderr,
                 "usage: lianghua verify ARCHIVE\n\nRe-hashes every file against manifest.json and catalog.db and\n"
                 "reports each difference, e.g. one flipped byte. The derived PDFs the archive says are\n"
                 "PDF/A-2b (the scheme's preservation=\"pdf-a-2b\") are read back as `lianghua check-pdfa`\n"
                 "does: a failed rule is a problem \"not-pdfa\" naming its ISO 19005 clause. The OFD copies it says\n"
                 "are OFD-A (preservation=\"ofd-a\") are read back as `lianghua check-ofd` does: a failed rule is\n"
                 "a problem \"not-ofda\" naming its GB/T 42133-2022 clause. Writes nothing.\n\n"
                 "required:\n  ARCHIVE             an archive made by `lianghua archive`\n\n"
                 "outputs: one line per problem and a summary on stdout.\n\n"
                 "exit codes: 0 every file matches; 1 a difference was found; 2 usage error.\n");
    return help ? kOk : kUsage;
  }
  package::VerifyResult v = package::verify_archive(argv[1]);
  for (const auto& p : v.problems) std::printf("%s: %s: %s\n", p.kind.c_str(), p.path.c_str(), p.detail.c_str());
  std::printf("verify: %zu file(s) checked, %zu PDF/A-2b file(s) read back, %zu OFD-A file(s) read back, %zu problem(s)\n",
              v.files_checked, v.pdfa_checked, v.ofd_checked, v.problems.size());
  return v.ok ? kOk : kSetAside;
}

}  // namespace lh::cli
