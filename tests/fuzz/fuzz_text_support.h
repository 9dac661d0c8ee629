// The field extractors' contract (normalize/fields.h): they see normalized text, which every reader
// hands over as valid UTF-8 (ingest's one sanitizing point), so other bytes are not their input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/encoding.h"

namespace lh::fuzz {

// Null when the bytes are not valid UTF-8 (the target then returns at once).
inline const std::string_view* utf8_text(const uint8_t* data, size_t size, std::string_view& out) {
  out = {reinterpret_cast<const char*>(data), size};
  return normalize::is_valid_utf8(out) ? &out : nullptr;
}

// The first line: what extract_fields and classify_doc_type get as a title.
inline std::string_view first_line(std::string_view text) {
  const size_t nl = text.find('\n');
  return nl == std::string_view::npos ? text : text.substr(0, nl);
}

}  // namespace lh::fuzz
