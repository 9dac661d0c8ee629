// Shared fixture for the filing tests: the project's default scheme, loaded once.
#pragma once
#include <gtest/gtest.h>

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

}  // namespace lh::filing::testing
