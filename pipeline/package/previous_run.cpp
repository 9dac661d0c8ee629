// Incremental re-runs: what an unchanged input (same path, size, mtime_ns) looked like last time,
// read back from the catalogue's inputs table so the CLI need not parse it again (costs a stat).
#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "filing/plan.h"
#include "ingest/inspected_json.h"
#include "package/archive.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct PreviousRun::Impl {
  std::unique_ptr<filing::Catalogue> cat;
};

PreviousRun::PreviousRun(const fs::path& archive_dir) : impl_(std::make_unique<Impl>()) {
  std::error_code ec;
  if (!fs::exists(archive_dir / "catalog.db", ec)) return;
  try {
    impl_->cat = std::make_unique<filing::Catalogue>(archive_dir / "catalog.db");
  } catch (const std::exception&) {
    impl_->cat.reset();
  }
}

PreviousRun::~PreviousRun() = default;

namespace {

// An input set aside last time for a reason that may have passed is read again (issue 13 §3): it
// could not be read (no permission, gone) or was read fine but changed or vanished before it was
// copied. A refusal by content (damaged, encrypted, too large, timeout) is not read again.
bool read_again(const filing::InputRecord& rec, const json& facts) {
  if (!facts.is_object() || !facts.contains("sha256")) return true;
  if (rec.fate != "quarantined") return false;
  const json* err = facts.contains("error") && facts["error"].is_object() ? &facts["error"] : nullptr;
  return !err || err->value("kind", "") == model::error_kind_name(model::ErrorKind::Unreadable);
}

}  // namespace

bool PreviousRun::unchanged_since(const std::string& path, const fs::path& in_dir, uint64_t size, int64_t mtime_ns) const {
  if (!impl_->cat) return false;
  auto rec = impl_->cat->lookup_unchanged(filing::relative_input_path(path, in_dir.string()), size, mtime_ns);
  if (!rec) return false;
  // Only a set-aside input's facts are read here: the others are known by the row alone.
  if (rec->fate != "quarantined") return rec->facts.size() > 2;
  return !read_again(*rec, json::parse(rec->facts, nullptr, false));
}

std::optional<model::InspectedFile> PreviousRun::unchanged(const std::string& path, const fs::path& in_dir,
                                                           uint64_t size, int64_t mtime_ns) const {
  if (!impl_->cat) return std::nullopt;
  std::string rel = filing::relative_input_path(path, in_dir.string());
  auto rec = impl_->cat->lookup_unchanged(rel, size, mtime_ns);
  if (!rec) return std::nullopt;
  json facts = json::parse(rec->facts, nullptr, false);
  if (read_again(*rec, facts)) return std::nullopt;
  model::InspectedFile f = ingest::from_wire_json(facts);
  f.path = path;
  if (facts.value("lh_container", false)) {
    // Its entries, read by a range on the path (not every input of the catalogue): direct children
    // only, an entry of a nested ZIP being that ZIP's child.
    const std::string prefix = rel + "/";
    std::vector<std::string> nested;  // container entries seen so far (sorted order: before their own entries)
    impl_->cat->for_each_input_under(prefix, [&](const filing::InputRecord& r) {
      for (const auto& z : nested)
        if (r.path.compare(0, z.size() + 1, z + "/") == 0) return;
      json cf = json::parse(r.facts, nullptr, false);
      if (!cf.is_object()) return;
      if (cf.value("lh_container", false)) nested.push_back(r.path);
      model::InspectedFile c = ingest::from_wire_json(cf);
      c.path = path + r.path.substr(rel.size());
      c.is_zip_entry = true;
      f.children.push_back(std::move(c));
    });
  }
  return f;
}

}  // namespace lh::package
