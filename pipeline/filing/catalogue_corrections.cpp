// The catalogue's corrections (catalogue.h, `lianghua correct`): proposals a night makes when an
// item would now be filed elsewhere, the clerk's decision on each, and the renumbering an accepted
// one applies. Split from catalogue.cpp so each file reads in one sitting.
#include "filing/catalogue.h"

#include <charconv>
#include <cstdio>

namespace lh::filing {
namespace {

constexpr const char* kCorrectionColumns =
    "id, identity, archival_code, title, current, proposed, reason, status, proposed_at, decided_at, "
    "new_archival_code, old_paths, new_paths";

Correction correction_from(sql::Statement& q) {
  Correction c;
  c.id = q.column_int(0);
  c.identity = q.column_text(1);
  c.archival_code = q.column_text(2);
  c.title = q.column_text(3);
  c.current = q.column_text(4);
  c.proposed = q.column_text(5);
  c.reason = q.column_text(6);
  c.status = q.column_text(7);
  c.proposed_at = q.column_text(8);
  c.decided_at = q.column_text(9);
  c.new_archival_code = q.column_text(10);
  c.old_paths = q.column_text(11);
  c.new_paths = q.column_text(12);
  return c;
}

}  // namespace

std::string correction_id(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "C%04lld", static_cast<long long>(id));
  return buf;
}

std::optional<int64_t> parse_correction_id(const std::string& s) {
  std::string_view v = s;
  if (!v.empty() && (v.front() == 'C' || v.front() == 'c')) v.remove_prefix(1);
  int64_t id = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || p != v.data() + v.size() || id <= 0) return std::nullopt;
  return id;
}

void Catalogue::propose_corrections(const std::vector<Correction>& proposals, const std::vector<std::string>& examined,
                                    const std::string& at) {
  sql::Transaction tx(db_.get());
  sql::Statement same(db_.get(),
      "SELECT id FROM corrections WHERE identity = ?1 AND status = 'proposed' AND proposed = ?2");
  sql::Statement insert(db_.get(),
      "INSERT INTO corrections(identity, archival_code, title, current, proposed, reason, status, proposed_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'proposed', ?7)");
  sql::Statement refresh(db_.get(), "UPDATE corrections SET reason = ?2, current = ?3, title = ?4 WHERE id = ?1");
  sql::Statement withdraw(db_.get(),
      "UPDATE corrections SET status = 'withdrawn', decided_at = ?3 WHERE identity = ?1 AND status = 'proposed' "
      "AND id NOT IN (SELECT value FROM json_each(?2))");
  std::map<std::string, std::vector<int64_t>> kept;  // identity → open proposals still made
  for (const auto& c : proposals) {
    same.reset();
    same.bind(1, c.identity).bind(2, c.proposed);
    int64_t id = 0;
    if (same.step()) {
      id = same.column_int(0);
      refresh.reset();
      refresh.bind(1, id).bind(2, c.reason).bind(3, c.current).bind(4, c.title);
      refresh.run();
    } else {
      insert.reset();
      insert.bind(1, c.identity).bind(2, c.archival_code).bind(3, c.title).bind(4, c.current).bind(5, c.proposed)
          .bind(6, c.reason).bind(7, at);
      insert.run();
      id = sqlite3_last_insert_rowid(db_.get());
    }
    kept[c.identity].push_back(id);
  }
  for (const auto& identity : examined) {
    std::string ids = "[";
    for (int64_t id : kept[identity]) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    withdraw.reset();
    withdraw.bind(1, identity).bind(2, ids + "]").bind(3, at);
    withdraw.run();
  }
  tx.commit();
}

std::vector<Correction> Catalogue::corrections(bool open_only) const {
  std::vector<Correction> out;
  sql::Statement q(db_.get(), std::string("SELECT ") + kCorrectionColumns + " FROM corrections" +
                                  (open_only ? " WHERE status = 'proposed'" : "") + " ORDER BY id");
  while (q.step()) out.push_back(correction_from(q));
  return out;
}

std::optional<Correction> Catalogue::correction(int64_t id) const {
  sql::Statement q(db_.get(), std::string("SELECT ") + kCorrectionColumns + " FROM corrections WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return correction_from(q);
}

Allocation Catalogue::renumber(const std::string& identity, const std::string& new_scope, int box_capacity,
                               const std::function<std::string(const std::string&, int)>& format) {
  sql::Transaction tx(db_.get());
  auto current = find(identity);
  if (!current) throw sql::Error("item " + identity + " has no 件号");
  if (current->scope == new_scope) return *current;
  sql::Statement last(db_.get(), "SELECT last_number FROM sequences WHERE scope = ?1");
  last.bind(1, new_scope);
  int n = static_cast<int>((last.step() ? last.column_int(0) : 0) + 1);
  std::string code = format(new_scope, n);
  if (code.empty()) throw sql::Error("no 档号 can be formed for number " + std::to_string(n) + " in scope " + new_scope);
  int cap = box_capacity < 1 ? 1 : box_capacity;
  int box = (n - 1) / cap + 1;
  sql::Statement up(db_.get(),
      "UPDATE items SET scope = ?2, item_number = ?3, archival_code = ?4, box_number = ?5 WHERE identity = ?1");
  up.bind(1, identity).bind(2, new_scope).bind(3, int64_t{n}).bind(4, code).bind(5, int64_t{box});
  up.run();
  sql::Statement set_last(db_.get(),
      "INSERT INTO sequences(scope, last_number) VALUES(?1, ?2) "
      "ON CONFLICT(scope) DO UPDATE SET last_number = excluded.last_number");
  set_last.bind(1, new_scope).bind(2, int64_t{n});
  set_last.run();
  tx.commit();
  // allocate() of a numbered item returns it as stored and gives its box a place at first sight.
  return allocate({AllocationRequest{identity, new_scope, box_capacity, {}}}, format).front();
}

void Catalogue::record_applied(const Correction& c, const std::string& placement, const std::string& manifest) {
  sql::Transaction tx(db_.get());
  sql::Statement item(db_.get(), "UPDATE items SET placement = ?2, manifest = ?3 WHERE identity = ?1");
  item.bind(1, c.identity).bind(2, placement).bind(3, manifest);
  item.run();
  sql::Statement log(db_.get(),
      "UPDATE corrections SET status = 'applied', decided_at = ?2, new_archival_code = ?3, old_paths = ?4, "
      "new_paths = ?5 WHERE id = ?1");
  log.bind(1, c.id).bind(2, c.decided_at).bind(3, c.new_archival_code).bind(4, c.old_paths).bind(5, c.new_paths);
  log.run();
  if (!c.new_archival_code.empty()) {  // its inputs now name the item by its new 档号
    sql::Statement inputs(db_.get(), "UPDATE inputs SET archival_code = ?2 WHERE archival_code = ?1");
    inputs.bind(1, c.archival_code).bind(2, c.new_archival_code);
    inputs.run();
  }
  // Other open proposals for the same item are settled by this decision.
  sql::Statement others(db_.get(),
      "UPDATE corrections SET status = 'withdrawn', decided_at = ?3 WHERE identity = ?1 AND status = 'proposed' AND id != ?2");
  others.bind(1, c.identity).bind(2, c.id).bind(3, c.decided_at);
  others.run();
  tx.commit();
}

}  // namespace lh::filing
