#include "package/manifest.h"

#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "package/files.h"

namespace lh::package {
using json = nlohmann::json;

// Every line after the first indented by 2 × depth more spaces (a JSON string never holds a raw
// newline, so each '\n' starts a line).
std::string dump_json_at(const json& value, int depth) {
  std::string s = value.dump(2, ' ', false, json::error_handler_t::replace);
  const std::string pad(static_cast<size_t>(2 * depth), ' ');
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    out.push_back(c);
    if (c == '\n') out += pad;
  }
  return out;
}

std::string dump_json(const json& j) {
  std::string s = j.dump(2, ' ', false, json::error_handler_t::replace);
  s.push_back('\n');  // in place: a 20 MB manifest is not copied again
  return s;
}

bool for_each_manifest_item(const std::filesystem::path& path, const std::function<void(const json& item)>& item) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // nlohmann's parser callback: depth is the nesting of the value (the top object 0, its keys 1, an
  // element of a top-level array 2). Returning false at an element's end drops it from its array.
  std::string top_key;
  bool in_items = false, saw_items = false;
  const json::parser_callback_t cb = [&](int depth, json::parse_event_t ev, json& parsed) {
    switch (ev) {
      case json::parse_event_t::key:
        if (depth == 1) top_key = parsed.is_string() ? parsed.get<std::string>() : std::string();
        return true;
      case json::parse_event_t::array_start:
        if (depth == 1 && top_key == "items") in_items = saw_items = true;
        return true;
      case json::parse_event_t::array_end:
        if (depth == 1) in_items = false;
        return depth != 2;
      case json::parse_event_t::object_end:
        if (depth != 2) return true;
        if (in_items) item(parsed);
        return false;
      case json::parse_event_t::value:
        return depth != 2;
      default:
        return true;
    }
  };
  const json top = json::parse(in, cb, false);
  return !top.is_discarded() && top.is_object() && saw_items;
}

namespace {

using Refused = std::map<std::string, json>;  // container path → its "refused" array

// A ZIP with refused entries (zip_bomb, unsafe_path, encrypted, …) lists them in its own input entry:
// "refused": [{"path", "reason"}], so the ZIP is never taken for wholly filed (issue 9 §4). Nested
// ZIPs: an entry is listed on every ZIP it sits in, innermost first. Inputs come sorted by path, so a
// ZIP is seen before its entries: one pass, holding only the containers and their refused entries.
class RefusedEntries {
 public:
  void see(const std::string& path, bool container, const std::string& fate, const std::string& reason) {
    if (container) containers_.insert(path);
    if (fate != "quarantined" || containers_.empty()) return;
    for (size_t cut = path.rfind('/'); cut != std::string::npos && cut > 0; cut = path.rfind('/', cut - 1)) {
      auto z = containers_.find(path.substr(0, cut));
      if (z != containers_.end()) refused_[*z].push_back({{"path", path}, {"reason", reason}});
    }
  }
  const Refused& refused() const { return refused_; }
 private:
  std::set<std::string> containers_;
  Refused refused_;
};

json input_json(const filing::Catalogue::InputEntry& in) {
  json j = {{"path", in.path}, {"sha256", in.sha256}, {"fate", in.fate}, {"archival_code", in.archival_code},
            {"reason", in.reason}, {"size", in.size}, {"container", in.container}, {"standard_name", in.standard_name}};
  if (!in.present) j["in_inbox"] = false;  // left the inbox after it was filed; its items stay
  return j;
}

Refused refused_entries(const filing::Catalogue& cat) {
  RefusedEntries r;
  cat.for_each_input_entry([&](const filing::Catalogue::InputEntry& in) { r.see(in.path, in.container, in.fate, in.reason); });
  return r.refused();
}

// Calls fn with each input entry as the manifest lists it.
void each_input(const filing::Catalogue& cat, const std::function<void(json&)>& fn) {
  const Refused refused = refused_entries(cat);
  cat.for_each_input_entry([&](const filing::Catalogue::InputEntry& in) {
    json j = input_json(in);
    if (in.container)
      if (auto z = refused.find(in.path); z != refused.end()) j["refused"] = z->second;
    fn(j);
  });
}

// Calls fn with each placed item's manifest entry, in 档号 order, and its row; rows `want` refuses
// are counted but not parsed.
void each_item(const filing::Catalogue& cat, const std::function<bool(size_t)>& want,
               const std::function<void(size_t, json&)>& fn) {
  size_t row = 0;
  cat.for_each_item([&](const filing::ItemRecord& it) {
    if (it.manifest.empty()) return;  // allocated but never placed (a batch that failed later)
    const size_t r = row++;
    if (want && !want(r)) return;
    json j = json::parse(it.manifest, nullptr, false);
    if (!j.is_discarded()) fn(r, j);
  });
}

void each_item(const filing::Catalogue& cat, const std::function<void(json&)>& fn) {
  each_item(cat, nullptr, [&](size_t, json& j) { fn(j); });
}

// One top-level array of the manifest, element by element, as dump(2) writes it.
class ArrayWriter {
 public:
  ArrayWriter(AtomicWriter& w, const char* key, bool last) : w_(w), last_(last) { w_.append(std::string("  \"") + key + "\": ["); }
  void element(const json& j) {
    w_.append(first_ ? "\n    " : ",\n    ");
    w_.append(dump_json_at(j, 2));
    first_ = false;
  }
  void close() { w_.append(std::string(first_ ? "]" : "\n  ]") + (last_ ? "\n" : ",\n")); }
 private:
  AtomicWriter& w_;
  bool last_, first_ = true;
};

}  // namespace

json manifest_header(const filing::Scheme& s, const filing::Office& o) {
  return {{"fonds", o.fonds},         {"fonds_name", o.fonds_name}, {"office", o.name},
          {"organisation", o.organisation}, {"scheme", s.name}, {"scheme_version", s.version},
          {"format", "lianghua-manifest/1"}};
}

ManifestItems manifest_items(const filing::Catalogue& cat) {
  return [&cat](const std::function<bool(size_t)>& want, const ManifestItemFn& fn) {
    each_item(cat, want, [&](size_t row, json& j) { fn(row, j); });
  };
}

ManifestItems manifest_items(const json& manifest) {
  return [&manifest](const std::function<bool(size_t)>& want, const ManifestItemFn& fn) {
    auto items = manifest.find("items");
    if (items == manifest.end() || !items->is_array()) return;
    for (size_t row = 0; row < items->size(); ++row)
      if (!want || want(row)) fn(row, (*items)[row]);
  };
}

size_t write_manifest(const filing::Catalogue& cat, const json& archive_header, const std::filesystem::path& path,
                      const ManifestSink& sink) {
  // The keys of the top object in nlohmann's (sorted) order: archive, inputs, items.
  AtomicWriter w(path);
  w.append("{\n  \"archive\": " + dump_json_at(archive_header, 1) + ",\n");
  ArrayWriter inputs(w, "inputs", false);
  each_input(cat, [&](json& j) {
    inputs.element(j);
    if (sink.input) sink.input(j);
  });
  inputs.close();
  size_t n = 0;
  ArrayWriter items(w, "items", true);
  each_item(cat, [&](json& j) {
    items.element(j);
    if (sink.item) sink.item(j);
    ++n;
  });
  items.close();
  w.append("}\n");
  std::string err;
  if (!w.commit(err)) throw std::runtime_error(err);
  return n;
}

}  // namespace lh::package
