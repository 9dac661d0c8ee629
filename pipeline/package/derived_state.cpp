#include "package/derived_state.h"

#include <charconv>
#include <fstream>
#include <stdexcept>
#include <tuple>

#include "package/derive_tasks.h"
#include "package/files.h"
#include "package/manifest.h"
#include "package/unchanged_run.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The whole file in one read (derived.json: ~1.5 KB per item).
bool read_file_bytes(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), size));
}

// A state as this generator writes it: exactly its format and the three sections.
bool state_shape(const json& st) {
  auto sec = [&](const char* k) { auto it = st.find(k); return it != st.end() && it->is_object(); };
  return st.is_object() && st.size() == 4 && st.value("format", "") == kDerivedGenerator && sec("items") && sec("volumes") &&
         sec("catalogues");
}

std::string text_field(const json& e, const char* k) {
  auto it = e.find(k);
  return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t number_field(const json& e, const char* k) {
  auto it = e.find(k);
  return it != e.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

// An array (or whatever stands there) as compact JSON; "" when absent or an empty array.
std::string json_field(const json& e, const char* k) {
  auto it = e.find(k);
  if (it == e.end() || (it->is_array() && it->empty())) return {};
  return it->dump(-1, ' ', false, json::error_handler_t::replace);
}

// Bumped whenever EntrySummary or its encoding changes: the stamps recorded before no longer match,
// and the next night imports derived.json again.
constexpr const char* kSummaryEncoding = "summary/1";

void put_field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
}

bool take_field(std::string_view& in, std::string& v) {
  const size_t colon = in.find(':');
  if (colon == std::string_view::npos) return false;
  size_t n = 0;
  auto [p, ec] = std::from_chars(in.data(), in.data() + colon, n);
  if (ec != std::errc() || p != in.data() + colon || n > in.size() - colon - 1) return false;
  v.assign(in.substr(colon + 1, n));
  in.remove_prefix(colon + 1 + n);
  return true;
}

bool take_number(std::string_view& in, int64_t& v) {
  std::string t;
  if (!take_field(in, t)) return false;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc() && p == t.data() + t.size();
}

}  // namespace

std::string derived_json_stamp(const fs::path& root) {
  const std::string st = stamp_text(root / "derived.json");
  return st.empty() ? std::string() : std::string(kDerivedGenerator) + " " + kSummaryEncoding + " " + st;
}

bool stored_state_current(const filing::Catalogue& cat, const fs::path& root) {
  const std::string recorded = cat.state(kStateDerivedStamp);
  return !recorded.empty() && recorded == derived_json_stamp(root);
}

EntrySummary entry_summary(const json& entry) {
  EntrySummary e;
  if (!entry.is_object()) return e;
  e.key = text_field(entry, "key");
  if (auto files = entry.find("files"); files != entry.end() && files->is_array())
    for (const auto& f : *files)
      e.files.emplace_back(f.is_object() ? text_field(f, "path") : std::string(), f.is_object() ? text_field(f, "sha256") : std::string());
  e.pages = number_field(entry, "pages");
  e.rows = number_field(entry, "rows");
  e.how = text_field(entry, "how");
  e.problem = text_field(entry, "problem");
  e.doc_number = text_field(entry, "doc_number");
  e.author = text_field(entry, "author");
  e.volume_no = text_field(entry, "volume_no");
  e.archived = text_field(entry, "archived");
  e.case_number = text_field(entry, "case_number");
  e.record_issues = json_field(entry, "record_issues");
  e.problems = json_field(entry, "problems");
  return e;
}

std::string encode_summary(const EntrySummary& e) {
  std::string out;
  for (const std::string* v : {&e.key, &e.how, &e.problem, &e.doc_number, &e.author, &e.volume_no, &e.archived, &e.case_number,
                               &e.record_issues, &e.problems})
    put_field(out, *v);
  put_field(out, std::to_string(e.pages));
  put_field(out, std::to_string(e.rows));
  put_field(out, std::to_string(e.files.size()));
  for (const auto& [path, sha] : e.files) {
    put_field(out, path);
    put_field(out, sha);
  }
  return out;
}

std::optional<EntrySummary> decode_summary(std::string_view in) {
  EntrySummary e;
  for (std::string* v : {&e.key, &e.how, &e.problem, &e.doc_number, &e.author, &e.volume_no, &e.archived, &e.case_number,
                         &e.record_issues, &e.problems})
    if (!take_field(in, *v)) return std::nullopt;
  int64_t files = 0;
  if (!take_number(in, e.pages) || !take_number(in, e.rows) || !take_number(in, files) || files < 0) return std::nullopt;
  for (int64_t i = 0; i < files; ++i) {
    std::string path, sha;
    if (!take_field(in, path) || !take_field(in, sha)) return std::nullopt;
    e.files.emplace_back(std::move(path), std::move(sha));
  }
  if (!in.empty()) return std::nullopt;
  return e;
}

std::string entry_text(const json& entry) { return dump_json_at(entry, 2); }

bool import_state_file(filing::Catalogue& cat, const fs::path& root) {
  json state;
  std::string text;
  if (read_file_bytes(root / "derived.json", text)) state = json::parse(text, nullptr, false);
  text = std::string();
  if (!state.is_object() || state.value("format", "") != kDerivedGenerator) state = json::object();
  take_stamps(state);  // a development build's state carried them
  filing::Catalogue::DerivedRows rows(cat, true);
  for (const char* sec : kDerivedSections)
    if (auto at = state.find(sec); at != state.end() && at->is_object())
      for (const auto& [name, e] : at->items()) rows.put({sec, name, encode_summary(entry_summary(e)), entry_text(e)});
  const bool shape = state_shape(state);
  rows.commit(kStateDerivedStamp, derived_json_stamp(root));
  return shape;
}

StoredState read_stored_state(const filing::Catalogue& cat) {
  StoredState st;
  cat.for_each_derived_entry(false, [&](filing::DerivedEntry&& e) {
    for (size_t i = 0; i < 3; ++i)
      if (e.section == kDerivedSections[i])
        // A row that does not decode is left out: its output is rebuilt and its row written again.
        if (auto summary = decode_summary(e.summary)) st[i].emplace_hint(st[i].end(), std::move(e.name), std::move(*summary));
  });
  return st;
}

void write_state_texts(const fs::path& path, const std::array<std::vector<std::string>, 3>& names, const EntryTexts& fresh,
                       const filing::Catalogue& cat) {
  AtomicWriter w(path);
  filing::Catalogue::DerivedCursor stored(cat);
  filing::DerivedEntry row;
  bool have = stored.next(row);
  // dump(2) of the state: keys sorted (catalogues, format, items, volumes), an empty object as {}.
  auto section = [&](size_t i, bool last) {
    const std::string sec = kDerivedSections[i];
    w.append("  \"" + sec + "\": ");
    if (names[i].empty()) {
      w.append(last ? "{}\n" : "{},\n");
      return;
    }
    bool first = true;
    for (const std::string& name : names[i]) {
      w.append(first ? "{\n    " : ",\n    ");
      first = false;
      w.append(json(name).dump(-1, ' ', false, json::error_handler_t::replace) + ": ");
      if (auto f = fresh[i].find(name); f != fresh[i].end()) {
        w.append(f->second);
        continue;
      }
      while (have && std::tie(row.section, row.name) < std::tie(sec, name)) have = stored.next(row);
      if (!have || row.section != sec || row.name != name)
        throw std::runtime_error("derived.json: the catalogue holds no entry " + sec + " " + name);
      w.append(row.text);
    }
    w.append(last ? "\n  }\n" : "\n  },\n");
  };
  w.append("{\n");
  section(2, false);
  w.append(std::string("  \"format\": \"") + kDerivedGenerator + "\",\n");
  section(0, false);
  section(1, true);
  w.append("}\n");
  std::string err;
  if (!w.commit(err)) throw std::runtime_error(err);
}

}  // namespace lh::package
