// InspectedFile <-> JSON. Every string is made valid UTF-8 on its way in (normalize::sanitize): this
// is the one sanitizing point between what an input holds and any JSON, catalogue row or report. Two forms: the public one of `lianghua inspect --json` (issue 2 §3,
// documented in README), and the wire form between a worker and the parent, which carries
// everything the later stages need.
#pragma once
#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "model/inspected.h"

namespace lh::ingest {

nlohmann::json fields_to_json(const model::Fields& f);
nlohmann::json record_to_json(const model::InspectionRecord& r);
nlohmann::json error_to_json(const std::optional<model::ReadError>& e);

// The public form: {"path","sha256","format","encoding","pages","title","text_chars","scanned_pages",
// "fields":{...},"error":null|{"kind","message"},"children":[...]} plus metadata keys.
nlohmann::json to_public_json(const model::InspectedFile& f);

// The wire form (no children, no bytes): everything else, losslessly.
nlohmann::json to_wire_json(const model::InspectedFile& f);
model::InspectedFile from_wire_json(const nlohmann::json& j);
// A ZIP entry as the worker announces it to the parent (its bytes follow the message).
nlohmann::json child_to_wire_json(const ChildInput& c);

}  // namespace lh::ingest
