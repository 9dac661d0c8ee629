// 整理: the same bytes are one 件 (DA/T 22-2015 §5: 件 is the unit; a copy adds nothing). Files with
// the same SHA-256 become one item; every source path is recorded.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lh::filing {

struct DuplicateSet {
  std::string sha256;
  std::string kept;                   // the path that is archived
  std::vector<std::string> paths;     // every path with these bytes, sorted (kept included)
};

struct HashedPath {
  std::string path;
  std::string sha256;
};

// Groups by SHA-256. kept = preferred(sha) if it names one of the paths (a path archived on an
// earlier run keeps that role), else the smallest path. Sets are sorted by sha256.
std::vector<DuplicateSet> find_duplicates(
    const std::vector<HashedPath>& files,
    const std::function<std::optional<std::string>(const std::string& sha)>& preferred = {});

}  // namespace lh::filing
