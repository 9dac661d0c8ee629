// One night's derived outputs (volume_run.h build_derived), as the three files that make them see
// it: volume_run.cpp (the items' reading copies and records, the case volumes, the night's order),
// derived_night_catalogues.cpp (the 归档文件目录) and derived_night_state.cpp (derived.json, the
// catalogue's rows and stamps, stale outputs). Internal to package.
#pragma once
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/derive_pool.h"
#include "package/derive_tasks.h"
#include "package/derived_state.h"
#include "package/volume_run.h"

namespace lh::package::night {

using Stamps = std::map<std::string, filing::DerivedStamp>;
inline constexpr const char* kGenerator = kDerivedGenerator;
inline const auto& kSections = kDerivedSections;

// Part of a derived output's key when the scheme asks for it as PDF/A-2b or with an OFD-A copy.
std::string pdfa_key(const filing::Scheme& s, std::initializer_list<filing::DerivedOutput> outputs);

// Last night's state in the catalogue, imported from derived.json when the rows do not vouch for it.
bool stored_state_ready(const DerivedOptions& opt, const std::filesystem::path& root);

// One night's derived outputs. Last night's entries (their summaries) are moved, not copied, into
// tonight's state as they are found reusable: the parent holds the state once (issue 12 §4), and
// what is left of `old_state` at the end is what was rebuilt or is gone (stale files, whether
// derived.json changed). Each entry's text stays in the catalogue, or in `fresh` when made tonight.
struct DerivedNight {
  const std::filesystem::path& root;
  const filing::Scheme& s;
  const filing::Office& o;
  const DerivedOptions& opt;
  const bool old_shape = stored_state_ready(opt, root);
  filing::Catalogue& cat = *opt.catalogue;
  StoredState old_state = read_stored_state(cat);
  EntryTexts fresh;
  const Stamps recorded = cat.derived_stamps();
  Stamps stamps;  // tonight's outputs' stamps that are not the ones recorded, for the catalogue
  std::vector<ItemFacts> items;
  StoredState next;
  nlohmann::json report = {{"volumes", nlohmann::json::array()}, {"record_issues", nlohmann::json::array()}, {"placeholders", nlohmann::json::array()},
                 {"catalogues", nlohmann::json::array()}, {"reading_copy_issues", nlohmann::json::array()},
                 {"preservation_notes", nlohmann::json::array()}};
  size_t rebuilt = 0, reused = 0;
  size_t interrupted = 0;  // tasks whose worker crashed or timed out (derive_pool.h): tried again tomorrow
  size_t reused_in[3] = {0, 0, 0};  // per kSections
  bool public_copies = s.is_public(filing::DerivedOutput::ReadingCopies);
  bool public_records = s.is_public(filing::DerivedOutput::UniformRecords);
  bool public_volumes = s.is_public(filing::DerivedOutput::Volumes);
  DeriveContext ctx{root, &s, &o, opt, public_copies, public_records, public_volumes, {}};
  DeriveFn work = [this](const nlohmann::json& payload) {
    return payload.contains("folder") ? derive_volume(payload, ctx) : derive_item(payload, ctx);
  };
  ingest::PoolOptions volume_pool = opt.pool;

  bool reuse(int section, const std::string& name, const std::string& key);
  void set(int section, const std::string& name, nlohmann::json entry);
  void note_preservation(const nlohmann::json& entry);
  nlohmann::json failed(const nlohmann::json& result, const std::string& what);
  std::optional<nlohmann::json> whole_item(const ItemFacts& f) const;
  void derive_items();
  void report_items();
  void derive_volumes();
  void volume_report(const std::map<std::string, std::vector<const ItemFacts*>>& cases);
  void derive_catalogues();
  void remove_stale() const;
  bool state_changed() const;
  void write_checkpoint() const;
  void write_state() const;
  void keep_entries() const;
  void keep_stamps() const;
};

}  // namespace lh::package::night
