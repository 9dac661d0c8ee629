#include "filing/duplicates.h"

#include <algorithm>

namespace lh::filing {

std::vector<DuplicateSet> find_duplicates(
    const std::vector<HashedPath>& files,
    const std::function<std::optional<std::string>(const std::string& sha)>& preferred) {
  std::map<std::string, std::vector<std::string>> by_hash;
  for (const auto& f : files) by_hash[f.sha256].push_back(f.path);
  std::vector<DuplicateSet> out;
  for (auto& [sha, paths] : by_hash) {
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    DuplicateSet d{sha, paths.front(), paths};
    if (preferred) {
      if (auto p = preferred(sha); p && std::binary_search(paths.begin(), paths.end(), *p)) d.kept = *p;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace lh::filing
