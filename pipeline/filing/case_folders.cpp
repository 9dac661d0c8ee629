#include "filing/case_folders.h"

#include "filing/text_util.h"

namespace lh::filing {

void CaseFolders::add(std::string_view path, std::string_view sha256, std::string case_number) {
  by_folder_[parent_path(path)][std::move(case_number)].insert(std::string(sha256));
}

std::set<std::string> CaseFolders::cases_of(std::string_view folder_in, std::string_view except_sha256) const {
  // The inbox root ("") is never a case folder (issue 9): the climb stops below it.
  for (std::string folder(folder_in); !folder.empty(); folder = parent_path(folder)) {
    std::set<std::string> cases;
    if (auto it = by_folder_.find(folder); it != by_folder_.end())
      for (const auto& [case_number, hashes] : it->second) {
        bool only_the_copies = hashes.size() == 1 && *hashes.begin() == except_sha256;
        if (!only_the_copies) cases.insert(case_number);
      }
    if (!cases.empty()) return cases;
  }
  return {};
}

}  // namespace lh::filing
