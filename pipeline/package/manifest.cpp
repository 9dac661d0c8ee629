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

namespace {

// Length of the UTF-8 sequence starting `in[i]` when it is one nlohmann's dump passes unchanged
// (well-formed, shortest form, no surrogate, at most U+10FFFF); 0 otherwise.
size_t utf8_sequence(std::string_view in, size_t i) {
  const auto b = [&](size_t k) { return k < in.size() ? static_cast<unsigned char>(in[k]) : 0u; };
  const unsigned c = b(i);
  const auto cont = [&](size_t k, unsigned lo, unsigned hi) { return b(k) >= lo && b(k) <= hi; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2, 0x80, 0xBF) && cont(i + 3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// End of the string token opening at in[i] ('"'), or npos unless it is exactly as nlohmann escapes:
// \" \\ \b \f \n \r \t, other control characters as \u00xx (lower-case hex), nothing else.
size_t string_end(std::string_view in, size_t i) {
  for (size_t k = i + 1; k < in.size();) {
    const unsigned char c = static_cast<unsigned char>(in[k]);
    if (c == '"') return k + 1;
    if (c < 0x20) return std::string_view::npos;
    if (c != '\\') {
      const size_t n = utf8_sequence(in, k);
      if (n == 0) return std::string_view::npos;
      k += n;
      continue;
    }
    const char e = k + 1 < in.size() ? in[k + 1] : '\0';
    if (std::string_view("\"\\bfnrt").find(e) != std::string_view::npos && e != '\0') {
      k += 2;
      continue;
    }
    // \u00xx for the control characters without a short escape
    if (e != 'u' || in.substr(k + 2, 2) != "00" || k + 6 > in.size()) return std::string_view::npos;
    const char h = in[k + 4], l = in[k + 5];
    const bool low_hex = (l >= '0' && l <= '9') || (l >= 'a' && l <= 'f');
    if ((h != '0' && h != '1') || !low_hex || (h == '0' && std::string_view("89acd").find(l) != std::string_view::npos))
      return std::string_view::npos;
    k += 6;
  }
  return std::string_view::npos;
}

// A scalar as nlohmann prints it: true, false, null, or an integer of at most 19 digits.
bool canonical_scalar(std::string_view t) {
  if (t == "true" || t == "false" || t == "null") return true;
  std::string_view d = t.substr(t.starts_with('-') ? 1 : 0);
  if (d.empty() || d.size() > 19 || (d.size() > 1 && d[0] == '0') || t == "-0") return false;
  return d.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

bool indent_compact_json(std::string_view in, int depth, std::string& out) {
  out.clear();
  out.reserve(in.size() + in.size() / 2);
  struct Open { char close; bool object; bool expect_key; bool has_key; std::string_view last_key; };
  std::vector<Open> open;
  const auto line = [&] { out += '\n'; out.append(2 * (static_cast<size_t>(depth) + open.size()), ' '); };
  for (size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c == '"') {
      const size_t end = string_end(in, i);
      if (end == std::string_view::npos) return false;
      const std::string_view token = in.substr(i, end - i);
      if (!open.empty() && open.back().object && open.back().expect_key) {
        // Keys sorted and unique, as nlohmann's objects hold them (none escaped, so compared as written).
        const std::string_view key = token.substr(1, token.size() - 2);
        if (key.find('\\') != std::string_view::npos || (open.back().has_key && !(open.back().last_key < key))) return false;
        open.back().last_key = key;
        open.back().has_key = true;
        open.back().expect_key = false;
      }
      out += token;
      i = end;
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      if (i + 1 < in.size() && in[i + 1] == close) {
        out += c;
        out += close;
        i += 2;
        continue;
      }
      open.push_back({close, c == '{', c == '{', false, {}});
      out += c;
      line();
      ++i;
    } else if (c == '}' || c == ']') {
      if (open.empty() || open.back().close != c) return false;
      open.pop_back();
      line();
      out += c;
      ++i;
    } else if (c == ',') {
      if (open.empty()) return false;
      open.back().expect_key = open.back().object;
      out += ',';
      line();
      ++i;
    } else if (c == ':') {
      out += ": ";
      ++i;
    } else {
      const size_t end = std::min(in.find_first_of(",]}:\"", i), in.size());
      if (!canonical_scalar(in.substr(i, end - i))) return false;
      out += in.substr(i, end - i);
      i = end;
    }
  }
  return open.empty();
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
// ZIPs: an entry is listed on every ZIP it sits in, innermost first, the entries in path order.
// Read from the set-aside inputs and the catalogue's rows of the folders above each, not from a
// pass over every input (the one-new-document night on 10,000 items, issue 12).
Refused refused_entries(const filing::Catalogue& cat) {
  Refused refused;
  std::map<std::string, bool> is_container;  // a folder above a set-aside input → an input that is a container
  cat.for_each_input_entry("quarantined", [&](const filing::Catalogue::InputEntry& in) {
    const std::string& path = in.path;
    for (size_t cut = path.rfind('/'); cut != std::string::npos && cut > 0; cut = path.rfind('/', cut - 1)) {
      const std::string above = path.substr(0, cut);
      auto known = is_container.find(above);
      if (known == is_container.end()) {
        auto row = cat.input_entry(above);
        known = is_container.emplace(above, row && row->container).first;
      }
      if (known->second) refused[above].push_back({{"path", path}, {"reason", in.reason}});
    }
  });
  return refused;
}

json input_json(const filing::Catalogue::InputEntry& in) {
  json j = {{"path", in.path}, {"sha256", in.sha256}, {"fate", in.fate}, {"archival_code", in.archival_code},
            {"reason", in.reason}, {"size", in.size}, {"container", in.container}, {"standard_name", in.standard_name}};
  if (!in.present) j["in_inbox"] = false;  // left the inbox after it was filed; its items stay
  // What the reader warned of while it still read the file (a PNG cut short after its pixels, bytes
  // not valid in the text's encoding, pictures missing from a DOCX): the original is kept as it
  // came, but a reading copy made from what was read lacks that part, so the entry says so.
  if (in.read_problems != "[]") {
    json problems = json::parse(in.read_problems, nullptr, false);
    if (problems.is_array() && !problems.empty()) j["read_problems"] = std::move(problems);
  }
  return j;
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

// One top-level array of the manifest, element by element, as dump(2) writes it.
class ArrayWriter {
 public:
  ArrayWriter(AtomicWriter& w, const char* key, bool last) : w_(w), last_(last) { w_.append(std::string("  \"") + key + "\": ["); }
  void element(const json& j) { element_text(dump_json_at(j, 2)); }
  void element_text(std::string_view text) {
    w_.append(first_ ? "\n    " : ",\n    ");
    w_.append(text);
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
  std::string pretty;
  cat.for_each_item([&](const filing::ItemRecord& it) {
    if (it.manifest.empty()) return;  // allocated but never placed (a batch that failed later)
    const json j = json::parse(it.manifest, nullptr, false);
    if (j.is_discarded()) return;
    // The stored line re-indented as it is (nlohmann's compact dump of the same tree), else dumped.
    if (!indent_compact_json(it.manifest, 2, pretty)) pretty = dump_json_at(j, 2);
    items.element_text(pretty);
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
