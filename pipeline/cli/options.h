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

// What a command answers to the UsageError its option parsing threw: an empty message asks for the
// help (printed to stdout, exit 0); any other is a usage error named on stderr (exit 2).
int answer_usage_error(const UsageError& e, const char* command, const std::string& help);

// Strict number parsing (no atoi): the whole string must be a number in range.
std::optional<long> parse_long(std::string_view s, long lo, long hi);
std::optional<double> parse_double(std::string_view s, double lo, double hi);

// Options every reading subcommand shares: --jobs --timeout --memory --pdf-password --big5 --no-simplify.
// Returns true if `name` was one of them (value consumed); throws UsageError on a bad value.
bool apply_ingest_option(const std::string& name, const char* value, ingest::InspectOptions& opt);
extern const char* const kIngestOptionsHelp;

}  // namespace lh::cli
