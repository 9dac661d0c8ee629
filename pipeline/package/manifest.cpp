#include "package/manifest.h"

namespace lh::package {
using json = nlohmann::json;

std::string dump_json(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

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
  for (const auto& in : cat.inputs()) {
    json j = {{"path", in.path}, {"sha256", in.sha256}, {"fate", in.fate}, {"archival_code", in.archival_code},
              {"reason", in.reason}, {"size", in.size}};
    json facts = json::parse(in.facts, nullptr, false);
    if (facts.is_object()) {
      j["container"] = facts.value("lh_container", false);
      j["standard_name"] = facts.value("lh_standard_name", false);
    }
    inputs.push_back(std::move(j));
  }
  m["inputs"] = std::move(inputs);
  return m;
}

}  // namespace lh::package
