// 清扫 (6S Seiso): what is never archived — office-system leftovers and empty files. The patterns
// are the scheme's <junk> (templates/scheme/default.xml): ~$*, .~lock.*#, ~*.tmp, *.tmp, Thumbs.db,
// .DS_Store, desktop.ini, ._*, and 0-byte files. Empty documents (nothing in them to archive) are
// judged by content, from what the reader found: the table in junk.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::filing {

// The reason, or nullopt if the file is not junk. name = last path component.
std::optional<std::string> classify_junk(std::string_view name, uint64_t size, const Scheme& s);

// The reason an input that was read without error holds nothing to archive (an unfilled "新建 Microsoft
// Word 文档.docx", a text file without text), or nullopt. A file that could not be read is never judged
// here: it is quarantined, not junk.
std::optional<std::string> classify_empty_document(const model::InspectedFile& f, const Scheme& s);

// Shell-style glob (* ? [..]) over bytes; case-insensitive for ASCII.
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace lh::filing
