#include "package/manifest.h"

namespace lh::package {
using json = nlohmann::json;

std::string dump_json(const json& j) {
  std::string s = j.dump(2, ' ', false, json::error_handler_t::replace);
  s.push_back('\n');  // in place: a 20 MB manifest is not copied again
  return s;
}

json build_manifest(const filing::Catalogue& cat, const filing::Scheme& s, const filing::Office& o) {
  return build_manifest(cat, {{"fonds", o.fonds},
                              {"fonds_name", o.fonds_name},
                              {"office", o.name},
                              {"organisation", o.organisation},
                              {"scheme", s.name},
                              {"scheme_version", s.version},
                              {"format", "lianghua-manifest/1"}});
}

json build_manifest(const filing::Catalogue& cat, json archive_header) {
  json m;
  m["archive"] = std::move(archive_header);
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
  m["inputs"] = std::move(inputs);
  return m;
}

}  // namespace lh::package
