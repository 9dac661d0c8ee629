// ARCHIVE/derived.json (volume_run.h), read and written (issue 12 floor: the one-new-document night
// on 10,000 items in under 2 s). The file is published ("what each was built from"; `lianghua
// verify` reads it) and its bytes stay exactly dump_json's of the whole state. The catalogue keeps
// each entry beside it (filing::DerivedEntry: a summary of what a night reads and the entry's text as
// the file prints it) together with the file's stamp (size, mtime, inode; files.h FileStamp). While
// derived.json's stamp is that one, a night reads the summaries and writes the file by concatenating
// texts; otherwise (edited or deleted by hand, restored, an archive of an older version, a crash
// between the file and the catalogue) it first imports the file whole into the catalogue, then runs
// the same way.
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "filing/catalogue.h"

namespace lh::package {

// Part of every key: a new generator (2: 页号 on volumes, 责任者 per document, public outputs
// masked) rebuilds every output once, and a state of another generator is not read.
inline constexpr const char* kDerivedGenerator = "lianghua-derived/3";  // 3: document facts by type (issue 9 §3)

// The state's sections, in this order everywhere (an entry's section is its index here).
inline constexpr const char* kDerivedSections[] = {"items", "volumes", "catalogues"};

// The catalogue state key holding the stamp that vouches for its derived entries.
inline constexpr const char* kStateDerivedStamp = "derived_json_stamp";

// derived.json's stamp as the catalogue records it (the generator, the summaries' encoding and the
// file's stamp); "" when the file cannot be read.
std::string derived_json_stamp(const std::filesystem::path& root);

// The catalogue's entries vouch for derived.json: its recorded stamp is the file's now.
bool stored_state_current(const filing::Catalogue& cat, const std::filesystem::path& root);

// What a night reads of one entry (DerivedEntry::summary), as plain fields: a tree of each of
// 10,000 entries cost the one-new-document night a fifth of its time to build and free.
struct EntrySummary {
  std::string key;
  std::vector<std::pair<std::string, std::string>> files;  // path, SHA-256
  int64_t pages = 0, rows = 0;
  std::string how, problem, doc_number, author;            // an item's
  std::string volume_no, archived, case_number;            // a volume's
  std::string record_issues, problems;                     // compact JSON; "" when absent or empty
};
using StoredState = std::array<std::map<std::string, EntrySummary>, 3>;  // per kDerivedSections

EntrySummary entry_summary(const nlohmann::json& entry);
// The summary as the catalogue stores it (length-prefixed fields) and back; nullopt for a row in
// another encoding (its output is then rebuilt and its row written again).
std::string encode_summary(const EntrySummary& e);
std::optional<EntrySummary> decode_summary(std::string_view text);

// The entry as dump_json prints it inside the state, two levels down.
std::string entry_text(const nlohmann::json& entry);

// derived.json read whole into the catalogue, every row replaced, with the file's stamp (the night
// then reads the catalogue's rows like any other night). False when the file is missing, unreadable,
// of another generator or not exactly the state's shape (format and three sections): tonight's
// state is then written whatever it holds.
bool import_state_file(filing::Catalogue& cat, const std::filesystem::path& root);

// Every stored entry's summary.
StoredState read_stored_state(const filing::Catalogue& cat);

// Texts of entries made tonight, per section (kDerivedSections order), by name.
using EntryTexts = std::array<std::map<std::string, std::string>, 3>;

// Writes derived.json atomically as dump_json would print the state whose sections hold `names`
// (sorted, each once): each entry's text from `fresh` when there, else the one `cat` stores. Throws
// std::runtime_error when an entry has neither or on an I/O error.
void write_state_texts(const std::filesystem::path& path, const std::array<std::vector<std::string>, 3>& names,
                       const EntryTexts& fresh, const filing::Catalogue& cat);

}  // namespace lh::package
