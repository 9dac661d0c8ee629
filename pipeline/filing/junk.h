// 清扫 (6S Seiso): what is never archived — office-system leftovers and empty files. The patterns
// are the scheme's <junk> (templates/scheme/default.xml): ~$*, .~lock.*#, ~*.tmp, *.tmp, Thumbs.db,
// .DS_Store, desktop.ini, ._*, and 0-byte files.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filing/scheme.h"

namespace lh::filing {

// The reason, or nullopt if the file is not junk. name = last path component.
std::optional<std::string> classify_junk(std::string_view name, uint64_t size, const Scheme& s);

// Shell-style glob (* ? [..]) over bytes; case-insensitive for ASCII.
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace lh::filing
