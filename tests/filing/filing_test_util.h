// Shared fixtures for the filing tests: the project's default scheme, loaded once; the office they file
// for; a day of a file's mtime.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>

#include "filing/office.h"
#include "filing/scheme.h"
#include "test_support.h"

namespace lh::filing::testing {

inline const Scheme& default_scheme() {
  static const Scheme s = [] {
    auto root = lh::test::source_dir();
    auto r = load_scheme(default_scheme_path(root));
    if (!r.scheme) {
      for (auto& e : r.errors) ADD_FAILURE() << e;
      return Scheme{};
    }
    return *r.scheme;
  }();
  return s;
}

// The office of the plans (全宗号 Z109, 机构 SMS).
inline Office test_office() {
  Office o;
  o.fonds = "Z109";
  o.organisation = "SMS";
  return o;
}

// One day in nanoseconds, as InspectedFile::mtime_ns counts.
inline constexpr int64_t kDay = 86400LL * 1000000000LL;

}  // namespace lh::filing::testing
