// A JSON file the program wrote (manifest.json, derived.json, reports/report.json), and the lookups
// in a manifest the tests that run `lianghua archive` make: an input by its inbox path, its fate, the
// item an original came from. One copy for every test folder (tests of one folder share a unity
// translation unit, CMakeLists.txt LIANGHUA_UNITY).
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace lh::test {

inline nlohmann::json read_json(const std::filesystem::path& p) { return nlohmann::json::parse(read_file(p)); }

// The manifest's input whose inbox path is `path` (a ZIP entry reads "a.zip/entry"), or nullptr.
inline const nlohmann::json* input_of(const nlohmann::json& manifest, const std::string& path) {
  for (const auto& i : manifest["inputs"])
    if (i["path"] == path) return &i;
  return nullptr;
}

// That input's fate ("archived", "duplicate", …), "(absent)" when the manifest has no such input.
inline std::string fate_of(const nlohmann::json& manifest, const std::string& path) {
  const nlohmann::json* i = input_of(manifest, path);
  return i ? (*i)["fate"].get<std::string>() : "(absent)";
}

// The item whose original came from `source` (an inbox path; a ZIP entry reads "a.zip/entry"), or nullptr.
inline const nlohmann::json* item_by_source(const nlohmann::json& manifest, const std::string& source) {
  for (const auto& it : manifest["items"])
    for (const auto& f : it["files"])
      if (f["source"] == source) return &it;
  return nullptr;
}

}  // namespace lh::test
