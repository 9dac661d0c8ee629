// ARCHIVE/derived.json (volume_run.h), read and written (issue 12 floor: the one-new-document night
// on 10,000 items in under 2 s). The file is published ("what each was built from"; `lianghua
// verify` reads it) and its bytes stay exactly dump_json's of the whole state. The catalogue keeps
// each entry beside it (filing::DerivedEntry: a summary of what a night reads and the entry's text as
// the file prints it) together with the file's stamp (size, mtime, inode; files.h FileStamp). While
// derived.json's stamp is that one, a night reads the summaries and writes the file by concatenating
// texts; otherwise (edited or deleted by hand, restored, an archive of an older version, a crash
// between the file and the catalogue) it reads the file whole as before and stores every entry again.
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <string>
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

// derived.json's stamp as the catalogue records it (the generator and the file's stamp); "" when the
// file cannot be read.
std::string derived_json_stamp(const std::filesystem::path& root);

// The catalogue's entries vouch for derived.json: its recorded stamp is the file's now.
bool stored_state_current(const filing::Catalogue& cat, const std::filesystem::path& root);

// Last night's derived.json parsed, without stamps (a development build's carried them); {} when it
// is missing, unreadable or of another generator.
nlohmann::json read_state_file(const std::filesystem::path& root);

// The state as the catalogue stores it: each entry's summary, in the shape read_state_file gives.
nlohmann::json read_stored_state(const filing::Catalogue& cat);

// A state as this generator writes it: exactly its format and the three sections.
bool state_shape(const nlohmann::json& st);

// What a night reads of an entry (DerivedEntry::summary): all but a volume's contents, and of each
// file its path and SHA-256.
nlohmann::json entry_summary(const nlohmann::json& entry);
// The entry as dump_json prints it inside the state, two levels down.
std::string entry_text(const nlohmann::json& entry);

// Texts of entries made tonight, per section (kDerivedSections order), by name.
using EntryTexts = std::array<std::map<std::string, std::string>, 3>;

// Writes derived.json atomically as dump_json would print the state whose sections hold `names`
// (sorted, each once): each entry's text from `fresh` when there, else the one `cat` stores. Throws
// std::runtime_error when an entry has neither or on an I/O error.
void write_state_texts(const std::filesystem::path& path, const std::array<std::vector<std::string>, 3>& names,
                       const EntryTexts& fresh, const filing::Catalogue& cat);

}  // namespace lh::package
