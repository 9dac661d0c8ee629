// 整理: drafts and copies of one document are versions of its final (DA/T 22-2015 §5: 正本与定稿
// make one 件, and the 正本 comes first). Markers come from the scheme's <versions>: draft words
// (初稿 草稿 修改稿 征求意见稿 送审稿 …), copy words (副本 …), final words (定稿 终稿 …); in code: v1/V2
// numbers, 第N稿, "(1)"/"（2）" copy suffixes, and generic names such as "新建 Microsoft Word 文档(2)"
// whose document title is used instead. A leading sequence number ("09 ", "09-", "09_", "(9)") is the
// document's place in a numbered case folder, not part of its name: "09 行政处罚决定书" and
// "草稿/行政处罚决定书（初稿）" name one document.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

struct VersionMarks {
  std::string base;           // the stem without any marker: the document's identity in its scope
  bool draft = false;         // a draft word was found
  bool copy = false;          // 副本 / "(N)" suffix
  bool final_marked = false;  // 定稿 / 终稿 …
  bool generic = false;       // the stem is a generic name (新建 Microsoft Word 文档 …)
  int version = 0;            // v3 → 3, 第2稿 → 2
  int copy_index = 0;         // "(2)" → 2
  std::optional<int> sequence;  // "09 行政处罚决定书" → 9: the place in a numbered folder
  std::vector<std::string> markers;  // what was found, as written
};

VersionMarks parse_version_marks(std::string_view stem, const Scheme& s);

struct VersionCandidate {
  size_t id = 0;           // caller's index
  std::string scope;       // case key or folder: versions only group within one scope
  std::string stem;        // file name without extension
  std::string title;       // the document's own title (used when the stem is generic)
  int64_t mtime_ns = 0;
  std::string path;        // tie-break
};

struct VersionGroup {
  size_t final_id = 0;
  std::vector<size_t> versions;  // the others, oldest first
  std::string key;               // scope + base
};

// Groups candidates of one scope whose bases agree. The final: no draft/copy marker first, then a
// final marker, then the newest mtime, then the highest version number, then the smallest path.
// Candidates with different sequence numbers are different documents ("04 询问笔录", "05 询问笔录": two
// interviews); when a base has more than one, each number is a group and the unnumbered ones another.
// Every candidate appears in exactly one group (singletons included); groups sorted by key.
std::vector<VersionGroup> find_versions(const std::vector<VersionCandidate>& c, const Scheme& s);

// The folder versions are looked for in: a folder named only by a draft word (草稿/, 初稿/) holds drafts
// of the documents of the folder above it.
std::string version_folder(const std::string& folder, const Scheme& s);

}  // namespace lh::filing
