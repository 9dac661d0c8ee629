// 4. What a night leaves behind it (derived_night.h): stale outputs removed, derived.json (checkpoints
// and the final state), the catalogue's rows and stamps of the derived outputs.
#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "package/derived_night.h"
#include "package/test_hooks.h"

namespace lh::package::night {
namespace fs = std::filesystem;

// 4. Outputs no longer produced (an item renamed, a case regrouped): removed. Only last night's
// entries not reused can name one (a reused entry is tonight's, files and all).
void DerivedNight::remove_stale() const {
  std::set<std::string> gone;
  for (const auto& sec : old_state)
    for (const auto& [name, v] : sec)
      for (const auto& [p, sha] : v.files)
        if (!p.empty() && p.find("..") == std::string::npos) gone.insert(p);
  if (gone.empty()) return;
  for (const auto& sec : next)
    for (const auto& [name, v] : sec)
      for (const auto& [p, sha] : v.files) gone.erase(p);
  for (const auto& p : gone) {
    std::error_code ec;
    fs::remove(root / p, ec);
  }
}

// Tonight's state differs from last night's: what is left of the old one (rebuilt or gone) is not
// exactly what tonight built, compared by the entries' texts (without walking the reused ones).
bool DerivedNight::state_changed() const {
  if (!old_shape) return true;
  for (size_t i = 0; i < 3; ++i) {
    if (next[i].size() != reused_in[i] + old_state[i].size()) return true;
    for (const auto& [name, e] : old_state[i]) {
      auto f = fresh[i].find(name);  // an old entry left over and in tonight's state was rebuilt
      if (f == fresh[i].end() || f->second != cat.derived_entry_text(kSections[i], name)) return true;
    }
  }
  return false;
}

// The last state with the items rendered so far laid over it (volumes and catalogues as they were;
// stale outputs are only removed at the end). Each output's SHA-256 is in it, so a file torn by a
// crash after the checkpoint is found out and rebuilt. An item rebuilt without success (no key)
// leaves last night's entry in place; last night's entries still stored are written as they are.
void DerivedNight::write_checkpoint() const {
  std::array<std::vector<std::string>, 3> names;
  EntryTexts texts;
  for (size_t i = 0; i < 3; ++i) {
    std::set<std::string> all;
    for (const auto& [name, e] : old_state[i]) all.insert(name);
    for (const auto& [name, e] : next[i]) {
      if (e.key.empty()) continue;
      all.insert(name);
      if (auto f = fresh[i].find(name); f != fresh[i].end()) texts[i].insert(*f);
    }
    names[i].assign(all.begin(), all.end());
  }
  write_state_texts(root / "derived.json", names, texts, cat);
  kill_point("checkpoint");
}

// Tonight's state to derived.json, from the entries' texts: tonight's, and the stored ones of the
// entries reused (derived_state.h: the bytes dump_json writes of the whole state).
void DerivedNight::write_state() const {
  std::array<std::vector<std::string>, 3> names;
  for (size_t i = 0; i < 3; ++i)
    for (const auto& [name, e] : next[i]) names[i].push_back(name);
  write_state_texts(root / "derived.json", names, fresh, cat);
}

// The catalogue's rows brought up to tonight's state with the stamp of derived.json as it is now:
// tonight's entries written, the gone ones removed, the reused ones left as they are.
void DerivedNight::keep_entries() const {
  const std::string stamp = derived_json_stamp(root);
  bool same = stamp == cat.state(kStateDerivedStamp);
  for (size_t i = 0; i < 3 && same; ++i) same = fresh[i].empty() && old_state[i].empty();
  if (same) return;  // nothing rebuilt, nothing gone: no transaction
  filing::Catalogue::DerivedRows rows(cat, false);
  for (size_t i = 0; i < 3; ++i) {
    for (const auto& [name, text] : fresh[i])
      if (auto at = next[i].find(name); at != next[i].end()) rows.put({kSections[i], name, encode_summary(at->second), text});
    for (const auto& [name, e] : old_state[i])
      if (!next[i].count(name)) rows.drop(kSections[i], name);
  }
  rows.commit(kStateDerivedStamp, stamp);
}

// The catalogue's stamps brought up to tonight's outputs: those written or found changed tonight
// recorded, those of outputs no longer listed removed (the others stand as recorded).
void DerivedNight::keep_stamps() const {
  std::vector<std::string_view> listed;  // every file tonight's state lists, sorted
  for (const auto& sec : next)
    for (const auto& [name, e] : sec)
      for (const auto& [path, sha] : e.files) listed.push_back(path);
  std::sort(listed.begin(), listed.end());
  std::vector<std::string> gone;
  auto at = listed.begin();
  for (const auto& [path, st] : recorded) {
    at = std::lower_bound(at, listed.end(), std::string_view(path));
    if ((at == listed.end() || *at != path) && !stamps.count(path)) gone.push_back(path);
  }
  cat.update_derived_stamps(stamps, gone);
}

}  // namespace lh::package::night
