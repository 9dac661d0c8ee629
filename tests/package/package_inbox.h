// An inbox of inspected files for the package tests: each file written under `root` and described
// as inspect would describe it, with mtimes an hour apart from 2024-01-01; and the options the tests
// archive it with.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/inspected.h"
#include "package/archive.h"
#include "package/files.h"
#include "test_support.h"

namespace lh::test {

struct Inbox {
  std::filesystem::path root;
  std::vector<model::InspectedFile> files;
  int64_t clock = 1704067200LL * 1000000000LL;  // 2024-01-01, advanced per file

  model::InspectedFile& add(const std::string& rel, const std::string& bytes, const std::string& title,
                            model::Format fmt = model::Format::Docx) {
    write_file(root / rel, bytes);
    model::InspectedFile f;
    f.path = rel;
    f.source_path = (root / rel).string();
    f.sha256 = package::sha256_hex(bytes);
    f.size = bytes.size();
    f.mtime_ns = (clock += 3600LL * 1000000000LL);
    f.meta.format = fmt;
    f.title = title;
    files.push_back(f);
    return files.back();
  }
};

// The archive run of base/INBOX into `out` (base/ARCHIVE when empty): the default scheme, the sample
// office, a fixed run time; the derived outputs (reading copies, volumes, catalogues) made or not.
enum class Derived { Made, None };
inline package::ArchiveOptions archive_options(const std::filesystem::path& base, Derived derived,
                                               const std::filesystem::path& out = {}) {
  package::ArchiveOptions o;
  o.in_dir = base / "INBOX";
  o.out_dir = out.empty() ? base / "ARCHIVE" : out;
  o.scheme = source_dir() / "templates/scheme/default.xml";
  o.office = source_dir() / "samples/office.xml";
  o.run_started_at = "2024-06-01T02:00:00+0800";
  o.derived_outputs = derived == Derived::Made;
  return o;
}

}  // namespace lh::test
