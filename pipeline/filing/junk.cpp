#include "filing/junk.h"

#include <fnmatch.h>

#include "filing/text_util.h"

namespace lh::filing {

bool glob_match(std::string_view pattern, std::string_view name) {
  std::string p(pattern), n(name);
  return fnmatch(p.c_str(), n.c_str(), FNM_CASEFOLD) == 0;
}

std::optional<std::string> classify_junk(std::string_view name_in, uint64_t size, const Scheme& s) {
  std::string name = base_name(name_in);
  for (const auto& g : s.junk_globs)
    if (glob_match(g.glob, name)) return g.reason + " (" + g.glob + ")";
  if (size == 0 && s.empty_file_reason) return *s.empty_file_reason;
  return std::nullopt;
}

}  // namespace lh::filing
