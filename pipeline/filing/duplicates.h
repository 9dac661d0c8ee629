// 整理: the same bytes are one 件 (DA/T 22-2015 §5: 件 is the unit; a copy adds nothing). Files with
// the same SHA-256 become one item; every source path is recorded.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

struct DuplicateSet {
  std::string sha256;
  std::string kept;                   // the path that is archived
  std::vector<std::string> paths;     // every path with these bytes, sorted (kept included)
};

struct HashedPath {
  std::string path;
  std::string sha256;
  bool in_case_folder = false;        // sits with other documents of a case (case_folders.h)
  size_t neighbours = 0;              // other documents in its folder (copies of itself not counted)
};

// The file name says it is a copy: "- 副本", "副本", "复件", "(1)", "（1）", "Copy of", " - Copy" (the
// scheme's copy words and the copy suffixes of versions.h). path: a path or a file name.
bool has_copy_marker(std::string_view path, const Scheme& s);

// Groups by SHA-256. kept = preferred(sha) if it names one of the paths (a path archived on an earlier
// run keeps that role), else the best-named copy: a name without copy marker, then one in a case
// folder, then the one with most neighbours (a draft beside it makes it a version; a stray backup
// folder does not), then the shortest path (in characters), then path order. Sets are sorted by sha256.
std::vector<DuplicateSet> find_duplicates(
    const std::vector<HashedPath>& files, const Scheme& s,
    const std::function<std::optional<std::string>(const std::string& sha)>& preferred = {});

}  // namespace lh::filing
