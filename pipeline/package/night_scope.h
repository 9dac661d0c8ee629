// The incremental night (issue 12 §4 and §5, issue 13 §5): the parent plans again only the inputs
// a new, changed or gone input can affect, and carries the others as the catalogue holds them, so a
// night's time and memory follow what changed, not the inputs that stay in the inbox.
//
// Which unchanged inputs are planned again: those tied to a new, changed or gone input, directly or
// through other inputs, by the ties of filing/plan_ties.h (same bytes, a number, a possible case
// folder, a version name, a case), read from the catalogue (input_ties). The ties over-approximate
// every way plan_filing lets one input's decision depend on another's, so an input outside the
// closure would be planned exactly as the night it was last planned: same fate, item, place, title.
// A night plans every input again (a "full" night, today's behaviour before this existed) when the
// catalogue cannot vouch for that: the first night, or when the program, the scheme, the office
// profile or the reader options changed since the last completed night (plan_basis), or when asked
// (LIANGHUA_PLAN_EVERY_INPUT=1, the oracle the tests compare the incremental night with).
#pragma once
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "filing/catalogue.h"
#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::package {

class PreviousRun;

// An inbox file the catalogue already knows with this size and mtime: not read tonight.
struct UnchangedInput {
  std::string path;      // as InspectedFile::path
  std::string fs_path;   // on disk
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// What the CLI hands the night: the inputs read tonight and the ones it did not read.
struct NightInputs {
  std::vector<model::InspectedFile> inspected;  // new or changed (read by the workers)
  std::vector<UnchangedInput> unchanged;
  const PreviousRun* previous = nullptr;        // gives back an unchanged input's facts
};

class NightScope {
 public:
  // plan_basis: what the plan's rules depend on tonight (run_fingerprint without the inbox).
  NightScope(const filing::Catalogue& cat, const filing::Scheme& s, const std::filesystem::path& in_dir,
             NightInputs& night, const std::string& plan_basis, bool plan_every_input);

  // The inputs to plan first: tonight's, and the unchanged ones tied to them (all on a full night).
  std::vector<model::InspectedFile> first_inputs();
  // Unchanged inputs of these cases (c: ties) not planned yet; empty when none: the plan is closed.
  std::vector<model::InspectedFile> more_for_cases(const std::set<std::string>& case_keys);

  // A catalogue input (relative path, ZIP entries included) in the inbox tonight, unchanged and not
  // planned: its records stand as they are.
  bool carried(const std::string& rel_path) const;
  bool full() const { return full_; }
  size_t planned_unchanged() const { return pulled_count_; }
  const std::string& why_full() const { return why_full_; }

 private:
  static constexpr size_t kInspected = static_cast<size_t>(-1);
  // The top-level inbox file a catalogue path belongs to (itself, or the ZIP holding the entry).
  const size_t* top_of(const std::string& rel_path) const;
  void seed();
  void follow(std::vector<std::string> ties);
  void follow_tie(const std::string& tie, std::vector<std::string>& queue);
  std::vector<model::InspectedFile> load_pulled();

  const filing::Catalogue& cat_;
  const filing::Scheme& s_;
  const std::filesystem::path in_dir_;
  NightInputs& night_;
  bool full_ = false;
  std::string why_full_;
  std::unordered_map<std::string, size_t> walked_;  // relative path → index in night_.unchanged (kInspected: read tonight)
  std::unordered_map<std::string, std::vector<std::string>> inspected_of_sha_;  // tonight's inputs by SHA-256
  std::vector<bool> pulled_;                        // per night_.unchanged: planned tonight
  std::vector<size_t> to_load_;                     // pulled, not yet handed out
  std::unordered_set<std::string> followed_;
  size_t pulled_count_ = 0;
};

// The catalogue state that vouches for the ties: the plan basis of the last completed night.
inline constexpr const char* kStatePlanBasis = "plan_basis";

}  // namespace lh::package
