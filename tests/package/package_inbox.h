// An inbox of inspected files for the package tests: each file written under `root` and described
// as inspect would describe it, with mtimes an hour apart from 2024-01-01.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/inspected.h"
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

}  // namespace lh::test
