// Test input in legacy encodings: UTF-8 → bytes in `charset`, by ICU, so tests hold real GBK, Big5,
// UTF-16 … bytes rather than hand-typed escapes.
#pragma once
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

namespace lh::test {

inline std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode e = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &e);
  EXPECT_TRUE(U_SUCCESS(e)) << u_errorName(e);
  out.resize(static_cast<size_t>(n > 0 ? n : 0));
  return out;
}

}  // namespace lh::test
