// Decoding a text-like input (plain text, CSV) for the readers: the charset the file declares
// (XML encoding="…", HTML <meta charset>) first, then normalize::decode_text. Shared by
// text_reader.cpp and csv_reader.cpp.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/encoding.h"

namespace lh::ingest {

// The charset label an XML declaration or an HTML <meta> names in the first 1 KiB, as written.
std::optional<std::string> declared_charset(std::string_view bytes);

struct DecodedInput {
  normalize::Decoded decoded;
  std::vector<std::string> problems;  // for Metadata::problems: lossy decoding, a wrong declaration
};

// BOM > declaration (when honour_declaration and it decodes cleanly) > detection.
DecodedInput decode_input(std::string_view bytes, normalize::Big5Policy policy, bool honour_declaration);

}  // namespace lh::ingest
