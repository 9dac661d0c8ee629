// What an office gets from its spec (the default pack), and the archive's box and cabinet labels
// from its manifest (issue 10 item 6: the same boxes, 件号 ranges and places as manifest.json,
// never typed again).
#include <map>
#include <set>
#include <sstream>

#include "compose/signs/entry_rows.h"
#include "compose/signs/signs.h"

namespace lh::compose::signs {
namespace {

Sign make(const SignTypes& types, const std::string& type, const std::string& what) {
  Sign s;
  s.type = type;
  const SignType* t = types.find(type);
  const std::string name = t ? t->name : type;
  s.title = what.empty() ? name : name + " · " + what;
  s.file = what.empty() ? name : name + "-" + what;
  return s;
}

// 楼层索引: one line per room, floors in the order they first appear; the floor and number are the
// entry's label (a column of their own), the room its name.
std::string floor_entries(const std::vector<Room>& rooms) {
  std::vector<std::string> floors;
  std::map<std::string, std::vector<const Room*>> by_floor;
  for (const Room& r : rooms) {
    if (!by_floor.count(r.floor)) floors.push_back(r.floor);
    by_floor[r.floor].push_back(&r);
  }
  std::string out;
  for (const std::string& f : floors)
    for (const Room* r : by_floor[f]) {
      if (!out.empty()) out += "\n";
      std::string label = f;
      if (!r->number.empty()) label += (label.empty() ? "" : "\u3000") + r->number;
      out += entry_line(label, r->name);
    }
  return out;
}

// What names a <sign> the spec gives no name: the first line of its first text that is not a list
// (a 楼层索引's own entries, one room a line, are its content, not its name; as a name they put
// tabs and line breaks into the file name and the contact sheet's caption).
std::string first_line_of_texts(const SignRequest& req, const SignTypes& types) {
  const SignType* t = types.find(req.type);
  for (const auto& [region, text] : req.texts) {
    const Part* p = t ? t->region(region) : nullptr;
    if (p && p->rows) continue;
    const std::string line = text.substr(0, text.find_first_of("\t\r\n"));
    if (!line.empty()) return line;
  }
  return {};
}

}  // namespace

namespace {

// A room is one door: the same floor, number and name listed again is the same room.
std::string room_key(const Room& r) { return r.floor + '\n' + r.number + '\n' + r.name; }

// The rooms in the order listed, each once (a repeat would make a second, identical 门牌).
std::vector<Room> distinct_rooms(const std::vector<Room>& rooms) {
  std::set<std::string> seen;
  std::vector<Room> out;
  for (const Room& r : rooms)
    if (seen.insert(room_key(r)).second) out.push_back(r);
  return out;
}

}  // namespace

std::vector<Room> rooms_listed_twice(const Spec& spec) {
  std::set<std::string> seen, reported;
  std::vector<Room> out;
  for (const Room& r : spec.rooms)
    if (!seen.insert(room_key(r)).second && reported.insert(room_key(r)).second) out.push_back(r);
  return out;
}

std::vector<Sign> default_pack(const Spec& spec, const std::vector<Room>& default_rooms, const SignTypes& types) {
  std::vector<Sign> out;
  const std::vector<Room> rooms = distinct_rooms(spec.default_rooms ? default_rooms : spec.rooms);
  if (spec.default_pack) {
    out.push_back(make(types, "unit-plate", ""));
    out.push_back(make(types, "unit-plate-vertical", ""));
    for (const Room& r : rooms) {
      Sign s = make(types, "door-plate", r.number.empty() ? r.name : r.number + "-" + r.name);
      s.title = "门牌 · " + r.name;
      s.texts["room"] = r.name;
      if (!r.english.empty()) s.texts["english"] = r.english;
      if (!r.number.empty()) s.texts["number"] = r.number;
      out.push_back(std::move(s));
    }
    Sign index = make(types, "floor-index", "");
    index.texts["entries"] = floor_entries(rooms);
    out.push_back(std::move(index));
    // The two wall signs the 两化 programme names for the service hall (issue 10 "Why").
    for (const char* title : {"综合执法", "依法行政\u3000执法为民"}) {
      Sign s = make(types, "hall-sign", title == std::string("综合执法") ? "综合执法" : "依法行政");
      s.texts["title"] = title;
      out.push_back(std::move(s));
    }
    out.push_back(make(types, "notice-board", ""));
  }
  for (const SignRequest& req : spec.signs) {
    Sign s = make(types, req.type, req.name.empty() ? first_line_of_texts(req, types) : req.name);
    // A 楼层索引 listed without its own entries lists the rooms, as the default pack's does: with
    // default-pack="false" it is the way to have the index of the rooms the spec names.
    if (req.type == "floor-index") s.texts["entries"] = floor_entries(rooms);
    for (const auto& [region, text] : req.texts) s.texts[region] = text;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Room> rooms_on_no_sign(const Spec& spec, const std::vector<Sign>& signs) {
  std::set<std::string> named;
  for (const Sign& s : signs) {
    auto room = s.texts.find("room");
    if (s.type == "door-plate" && room != s.texts.end()) named.insert(room->second);
    auto entries = s.texts.find("entries");
    if (s.type != "floor-index" || entries == s.texts.end()) continue;
    // An entry names a room whole: its name after the label's tab ("2F　203\t档案室外库" names
    // 档案室外库, not 档案室 as a search in the text found).
    std::istringstream lines(entries->second);
    for (std::string line; std::getline(lines, line);) named.insert(line.substr(line.find('\t') + 1));
  }
  std::vector<Room> out;
  for (const Room& r : spec.rooms)
    if (!named.count(r.name)) out.push_back(r);
  return out;
}

namespace {

struct BoxFacts {
  std::string box, fonds, category, category_name, retention_name, organisation, location;
  long year = 0;
  long first = 0, last = 0;            // 件号
  std::string first_code, last_code;   // 档号 of the first and last item
};

std::string suffix_after(const std::string& s, char c) {
  const size_t p = s.rfind(c);
  return p == std::string::npos ? s : s.substr(p + 1);
}

std::string str(const nlohmann::json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<uint32_t> colour_of(const filing::Scheme& scheme, const std::string& category) {
  const filing::Category* c = scheme.category(category);
  if (!c || c->colour.size() != 7) return std::nullopt;
  return static_cast<uint32_t>(std::stoul(c->colour.substr(1), nullptr, 16));
}

}  // namespace

std::vector<Sign> archive_labels(const nlohmann::json& manifest, const filing::Scheme& scheme,
                                 const std::string& spine_type, const std::string& cabinet_type) {
  std::map<std::string, BoxFacts> boxes;  // by box code: sorted, so the order is the shelf order
  const std::string fonds = manifest.contains("archive") ? str(manifest["archive"], "fonds") : "";
  if (manifest.contains("items") && manifest["items"].is_array())
    for (const nlohmann::json& it : manifest["items"]) {
      const std::string box = str(it, "box");
      if (box.empty() || !it.contains("item_number") || !it["item_number"].is_number_integer()) continue;
      const long n = it["item_number"].get<long>();
      const std::string code = str(it, "archival_code");
      auto [pos, fresh] = boxes.try_emplace(box);
      BoxFacts& b = pos->second;
      if (fresh) {
        b.box = box;
        b.fonds = fonds;
        b.category = str(it, "category");
        b.category_name = str(it, "category_name");
        b.retention_name = str(it, "retention_name");
        b.organisation = str(it, "organisation");
        b.location = str(it, "location");
        b.year = it.contains("year") && it["year"].is_number_integer() ? it["year"].get<long>() : 0;
        b.first = b.last = n;
        b.first_code = b.last_code = code;
      }
      if (n < b.first) b.first = n, b.first_code = code;
      if (n > b.last) b.last = n, b.last_code = code;
    }
  std::vector<Sign> out;
  for (const auto& [code, b] : boxes) {
    Sign s;
    s.type = spine_type;
    s.title = "盒脊 · " + code;
    s.file = "盒脊-" + code;
    s.texts["fonds"] = b.fonds;
    s.texts["year"] = b.year ? std::to_string(b.year) : "";
    s.texts["retention"] = b.retention_name;
    s.texts["organisation"] = b.organisation;
    s.texts["first"] = suffix_after(b.first_code, '-');  // 件号 as the 档号 writes it (0001)
    s.texts["last"] = suffix_after(b.last_code, '-');
    s.texts["box"] = suffix_after(code, 'B');            // 盒号: "…-B001" → 001
    s.texts["category"] = b.category_name;
    s.category_rgb = colour_of(scheme, b.category);
    s.qr = b.first_code + "~" + b.last_code;
    out.push_back(std::move(s));
  }
  // Cabinet labels: one per cabinet (the first segment of 柜-列-层-盒) and category.
  std::map<std::pair<std::string, std::string>, std::vector<const BoxFacts*>> cabinets;
  for (const auto& [code, b] : boxes) {
    const std::string cabinet = b.location.substr(0, b.location.find('-'));
    cabinets[{cabinet, b.category}].push_back(&b);
  }
  for (const auto& [key, list] : cabinets) {
    const BoxFacts& f = *list.front();
    const BoxFacts& l = *list.back();
    std::set<long> years;
    for (const BoxFacts* b : list) years.insert(b->year);
    std::string yr = std::to_string(*years.begin());
    if (years.size() > 1) yr += "—" + std::to_string(*years.rbegin());
    Sign s;
    s.type = cabinet_type;
    s.title = "档案柜 · 第" + key.first + "柜 · " + f.category_name;
    s.file = "档案柜-" + key.first + "-" + f.category;
    s.texts["category"] = f.category_name;
    s.texts["title"] = f.category_name + "\u3000" + yr;
    s.texts["boxes"] = "第" + key.first + "柜\u3000共" + std::to_string(list.size()) + "盒";
    s.texts["items"] = f.first_code + " 至 " + l.last_code;
    s.texts["location"] = "位置 " + f.location + (list.size() > 1 ? " 至 " + l.location : "");
    s.category_rgb = colour_of(scheme, f.category);
    s.qr = f.first_code + "~" + l.last_code;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace lh::compose::signs
