// Shared option handling for subcommands (getopt_long underneath).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/inspect.h"

namespace lh::cli {

struct UsageError {
  std::string message;
};

// Strict number parsing (no atoi): the whole string must be a number in range.
std::optional<long> parse_long(std::string_view s, long lo, long hi);
std::optional<double> parse_double(std::string_view s, double lo, double hi);

// Options every reading subcommand shares: --jobs --timeout --memory --pdf-password --big5 --no-simplify.
// Returns true if `name` was one of them (value consumed); throws UsageError on a bad value.
bool apply_ingest_option(const std::string& name, const char* value, ingest::InspectOptions& opt);
extern const char* const kIngestOptionsHelp;

}  // namespace lh::cli
