#include "package/manifest.h"

#include <map>

namespace lh::package {
using json = nlohmann::json;

std::string dump_json(const json& j) {
  std::string s = j.dump(2, ' ', false, json::error_handler_t::replace);
  s.push_back('\n');  // in place: a 20 MB manifest is not copied again
  return s;
}

namespace {

// A ZIP with refused entries (zip_bomb, unsafe_path, encrypted, …) lists them in its own input entry:
// "refused": [{"path", "reason"}], so the ZIP is never taken for wholly filed (issue 9 §4). Nested
// ZIPs: an entry is listed on every ZIP it sits in.
void list_refused_entries(json& inputs) {
  std::map<std::string, size_t> container_at;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].value("container", false)) container_at[inputs[i].value("path", "")] = i;
  if (container_at.empty()) return;
  for (const auto& in : inputs) {
    if (in.value("fate", "") != "quarantined") continue;
    const std::string path = in.value("path", "");
    for (size_t cut = path.rfind('/'); cut != std::string::npos && cut > 0; cut = path.rfind('/', cut - 1)) {
      auto z = container_at.find(path.substr(0, cut));
      if (z != container_at.end())
        inputs[z->second]["refused"].push_back({{"path", path}, {"reason", in.value("reason", "")}});
    }
  }
}

}  // namespace

json build_manifest(const filing::Catalogue& cat, const filing::Scheme& s, const filing::Office& o) {
  json m;
  m["archive"] = {{"fonds", o.fonds},
                  {"fonds_name", o.fonds_name},
                  {"office", o.name},
                  {"organisation", o.organisation},
                  {"scheme", s.name},
                  {"scheme_version", s.version},
                  {"format", "lianghua-manifest/1"}};
  json items = json::array();
  for (const auto& it : cat.items()) {
    if (it.manifest.empty()) continue;  // allocated but never placed (a batch that failed later)
    json j = json::parse(it.manifest, nullptr, false);
    if (j.is_discarded()) continue;
    items.push_back(std::move(j));
  }
  m["items"] = std::move(items);
  json inputs = json::array();
  for (const auto& in : cat.input_entries()) {
    json j = {{"path", in.path}, {"sha256", in.sha256}, {"fate", in.fate}, {"archival_code", in.archival_code},
              {"reason", in.reason}, {"size", in.size}, {"container", in.container}, {"standard_name", in.standard_name}};
    if (!in.present) j["in_inbox"] = false;  // left the inbox after it was filed; its items stay
    inputs.push_back(std::move(j));
  }
  list_refused_entries(inputs);
  m["inputs"] = std::move(inputs);
  return m;
}

}  // namespace lh::package
