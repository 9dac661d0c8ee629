#include "package/derived_state.h"

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

json empty_state() {
  return {{"format", kDerivedGenerator}, {"items", json::object()}, {"volumes", json::object()}, {"catalogues", json::object()}};
}

}  // namespace

std::string derived_json_stamp(const fs::path& root) {
  const std::string st = stamp_text(root / "derived.json");
  return st.empty() ? std::string() : std::string(kDerivedGenerator) + " " + st;
}

bool stored_state_current(const filing::Catalogue& cat, const fs::path& root) {
  const std::string recorded = cat.state(kStateDerivedStamp);
  return !recorded.empty() && recorded == derived_json_stamp(root);
}

json read_state_file(const fs::path& root) {
  json state;
  std::string text;
  if (read_file_bytes(root / "derived.json", text)) state = json::parse(text, nullptr, false);
  if (!state.is_object() || state.value("format", "") != kDerivedGenerator) state = json::object();
  take_stamps(state);
  return state;
}

json read_stored_state(const filing::Catalogue& cat) {
  json st = empty_state();
  cat.for_each_derived_entry(false, [&](filing::DerivedEntry&& e) {
    auto sec = st.find(e.section);
    if (sec == st.end() || !sec->is_object()) return;
    json summary = json::parse(e.summary, nullptr, false);
    // A row that does not parse is left out: its output is rebuilt and its row written again.
    if (summary.is_object()) (*sec)[e.name] = std::move(summary);
  });
  return st;
}

bool state_shape(const json& st) {
  auto sec = [&](const char* k) { auto it = st.find(k); return it != st.end() && it->is_object(); };
  return st.is_object() && st.size() == 4 && st.value("format", "") == kDerivedGenerator && sec("items") && sec("volumes") &&
         sec("catalogues");
}

json entry_summary(const json& entry) {
  json s = json::object();
  if (!entry.is_object()) return s;
  for (const auto& [k, v] : entry.items()) {
    if (k == "contents") continue;  // a volume's table of contents: ~60 % of the state, read by no night
    if (k != "files" || !v.is_array()) {
      s[k] = v;
      continue;
    }
    json files = json::array();
    for (const auto& f : v) {
      json g = json::object();
      if (f.is_object())
        for (const char* field : {"path", "sha256"})
          if (auto at = f.find(field); at != f.end()) g[field] = *at;
      files.push_back(std::move(g));
    }
    s[k] = std::move(files);
  }
  return s;
}

std::string entry_text(const json& entry) { return dump_json_at(entry, 2); }

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
