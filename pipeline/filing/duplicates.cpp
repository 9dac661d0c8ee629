#include "filing/duplicates.h"

#include <algorithm>
#include <tuple>

#include "filing/text_util.h"
#include "filing/versions.h"

namespace lh::filing {
namespace {

// Smaller is better: the name a clerk gave the document, where the case keeps it, where the documents
// it belongs with are, the plainest path. The path itself last, so the choice never depends on the
// order the files were found in.
auto keep_rank(const HashedPath& h, const Scheme& s) {
  return std::make_tuple(has_copy_marker(h.path, s), !h.in_case_folder, -static_cast<long long>(h.neighbours),
                         code_point_count(h.path), std::string_view(h.path));
}

const HashedPath& best_named(const std::vector<const HashedPath*>& copies, const Scheme& s) {
  const HashedPath* best = copies.front();
  for (const HashedPath* h : copies)
    if (keep_rank(*h, s) < keep_rank(*best, s)) best = h;
  return *best;
}

}  // namespace

bool has_copy_marker(std::string_view path, const Scheme& s) {
  return parse_version_marks(stem_of(base_name(path)), s).copy;
}

std::vector<DuplicateSet> find_duplicates(
    const std::vector<HashedPath>& files, const Scheme& s,
    const std::function<std::optional<std::string>(const std::string& sha)>& preferred) {
  std::map<std::string, std::vector<const HashedPath*>> by_hash;
  for (const auto& f : files) by_hash[f.sha256].push_back(&f);
  std::vector<DuplicateSet> out;
  for (auto& [sha, copies] : by_hash) {
    DuplicateSet d{sha, best_named(copies, s).path, {}};
    for (const HashedPath* h : copies) d.paths.push_back(h->path);
    std::sort(d.paths.begin(), d.paths.end());
    d.paths.erase(std::unique(d.paths.begin(), d.paths.end()), d.paths.end());
    if (preferred) {
      if (auto p = preferred(sha); p && std::binary_search(d.paths.begin(), d.paths.end(), *p)) d.kept = *p;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace lh::filing
