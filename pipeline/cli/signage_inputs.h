// What `lianghua signage` reads before it composes: the spec, the sign types and room set
// (templates/signage/), the office profile, the emblem, the policy and flow files, and with
// --archive the archive's manifest and scheme. Kept apart from the command so the reading is one
// place and the command only orders the steps.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/signs/signs.h"
#include "filing/scheme.h"
#include "layout/fonts.h"

namespace lh::cli {

struct SignageInputs {
  compose::signs::Spec spec;
  compose::signs::SignTypes types;
  std::vector<compose::signs::Room> default_rooms;
  compose::signs::Brand brand;
  std::optional<nlohmann::json> manifest;   // --archive: ARCHIVE/manifest.json
  std::optional<filing::Scheme> scheme;     // for the label colours
};

using ProblemSink = std::function<void(const std::string&)>;

// Throws compose::signs::SignageError on a spec, types or office error (exit 2). A bad emblem or an
// unreadable archive is a problem (named, the pack still made without it).
SignageInputs load_signage_inputs(const std::string& spec, const std::string& types_file, const std::string& archive,
                                  const ProblemSink& problem);

// Every sign of the pack, in pack order: the default pack and the spec's signs, the policy boards
// (each policy read through ingest like `lianghua render`), the flow boards, the archive labels.
std::vector<compose::signs::Sign> gather_signs(const SignageInputs& in, const layout::FontSet& fonts,
                                               const ProblemSink& problem);

}  // namespace lh::cli
