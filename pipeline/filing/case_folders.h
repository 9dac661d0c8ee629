// Which case a folder of the inbox holds documents of — used only to choose which of several identical
// copies is kept (duplicates.h); a document's case is decided on evidence (placement.h).
// Offices keep one folder per case, and put evidence, drafts and scans in subfolders of it (05 证据材料/,
// 证据/, 草稿/): a folder holding case documents belongs to their cases; a folder holding none belongs
// to the nearest folder above it that does (the inbox root excepted).
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace lh::filing {

class CaseFolders {
 public:
  // A document of a case: its input path, its content hash and the case's 案号.
  void add(std::string_view path, std::string_view sha256, std::string case_number);

  // The 案号 of the nearest folder (folder itself, then each one above it) holding case documents other
  // than copies of except_sha256 (a copy of a document says nothing about the folder it was copied to).
  // Empty: the folder is in no case.
  std::set<std::string> cases_of(std::string_view folder, std::string_view except_sha256 = {}) const;

 private:
  // folder → 案号 → content hashes of its documents there (a handful of cases per folder at most, so a
  // question costs the folders climbed, not the documents in them).
  std::map<std::string, std::map<std::string, std::set<std::string>>, std::less<>> by_folder_;
};

}  // namespace lh::filing
