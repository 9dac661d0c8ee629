#include "compose/signs/sign_types.h"

#include <charconv>
#include <sstream>

#include "filing/xml_safe.h"

namespace lh::compose::signs {
namespace fs = std::filesystem;
using filing::attr;
using filing::child_elements;
using filing::first_child;
using filing::has_attr;

namespace {

// Parses and validates, or throws with every problem on its own line.
filing::XmlDocPtr parse_valid(const std::string& xml, const std::string& xsd, const std::string& name) {
  std::vector<filing::XmlProblem> problems;
  filing::XmlDocPtr doc = filing::parse_xml_safely(xml, problems);
  if (doc && !filing::validate_with_xsd(doc.get(), xsd, problems)) doc.reset();
  if (!doc) {
    std::string what;
    for (const auto& p : problems) what += (what.empty() ? "" : "\n") + p.text(name);
    if (what.empty()) what = name + ": 无法读取 (unreadable)";
    throw SignageError(what);
  }
  return doc;
}

// The XSD has already checked the lexical form; from_chars, never atof (the locale must not matter).
double number(xmlNode* n, const char* name, double fallback) {
  const std::string s = attr(n, name);
  if (s.empty()) return fallback;
  double v = fallback;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : fallback;
}

bool flag(xmlNode* n, const char* name, bool fallback = false) {
  const std::string s = attr(n, name);
  if (s.empty()) return fallback;
  return s == "true" || s == "1";
}

uint32_t parse_rgb(const std::string& s) {
  uint32_t v = 0;
  if (s.size() == 7) std::from_chars(s.data() + 1, s.data() + 7, v, 16);
  return v;
}

model::FontRole parse_role(const std::string& s) {
  if (s == "song") return model::FontRole::Song;
  if (s == "title") return model::FontRole::Title;
  if (s == "hei") return model::FontRole::Hei;
  if (s == "kai") return model::FontRole::Kai;
  if (s == "mono") return model::FontRole::Mono;
  return model::FontRole::Body;
}

model::Align parse_align(const std::string& s) {
  if (s == "start") return model::Align::Start;
  if (s == "end") return model::Align::End;
  return model::Align::Center;
}

void read_box(xmlNode* n, Part& p) {
  p.x = number(n, "x-mm", 0);
  p.y = number(n, "y-mm", 0);
  p.w = number(n, "w-mm", 0);
  p.h = number(n, "h-mm", 0);
}

Part read_part(xmlNode* n) {
  const std::string kind = reinterpret_cast<const char*>(n->name);
  Part p;
  if (kind == "rule") {
    p.kind = Part::Kind::Rule;
    p.x = number(n, "x1-mm", 0);
    p.y = number(n, "y1-mm", 0);
    p.x2 = number(n, "x2-mm", 0);
    p.y2 = number(n, "y2-mm", 0);
    p.stroke = number(n, "width-mm", 0.25);
    p.colour = attr(n, "colour", "black");
    return p;
  }
  read_box(n, p);
  p.colour = attr(n, "colour", "black");
  if (kind == "band") {
    p.kind = Part::Kind::Band;
    p.by_category = attr(n, "by") == "category";
    p.corner = number(n, "corner-mm", 0);
  } else if (kind == "outline") {
    p.kind = Part::Kind::Outline;
    p.stroke = number(n, "stroke-mm", 0.25);
  } else if (kind == "emblem") {
    p.kind = Part::Kind::Emblem;
  } else if (kind == "qr") {
    p.kind = Part::Kind::Qr;
  } else if (kind == "drawing") {
    p.kind = Part::Kind::Drawing;
  } else if (kind == "body") {
    p.kind = Part::Kind::Body;
    p.columns = static_cast<int>(number(n, "columns", 1));
    p.gap = number(n, "gap-mm", 10);
    p.line_chars = number(n, "line-chars", 40);
    p.min_pt = number(n, "min-pt", 10);
    p.max_pt = number(n, "max-pt", 40);
  } else {
    p.kind = Part::Kind::Text;
    p.region = attr(n, "region");
    p.label = attr(n, "label");
    p.fixed = attr(n, "fixed");
    p.from = attr(n, "from");
    p.source = attr(n, "source");
    p.role = parse_role(attr(n, "role"));
    p.min_pt = number(n, "min-pt", 8);
    p.max_pt = number(n, "max-pt", 72);
    p.align = parse_align(attr(n, "align", "center"));
    p.max_lines = static_cast<int>(number(n, "max-lines", 0));
    p.balance = flag(n, "balance");
    p.vertical = flag(n, "vertical");
    p.bold = flag(n, "bold");
    p.required = flag(n, "required");
    p.rows = flag(n, "rows");
    std::istringstream words(attr(n, "break-after"));
    for (std::string w; words >> w;) p.break_after.push_back(w);
  }
  return p;
}

Room read_room(xmlNode* n) {
  return Room{attr(n, "name"), attr(n, "english"), attr(n, "number"), attr(n, "floor"), attr(n, "group")};
}

// A path in a spec: relative to the spec's folder, or absolute.
fs::path resolve(const fs::path& spec, const std::string& p) {
  fs::path f(p);
  return (f.is_absolute() ? f : spec.parent_path() / f).lexically_normal();
}

}  // namespace

const Part* SignType::region(const std::string& name) const {
  for (const Part& p : parts)
    if (p.kind == Part::Kind::Text && p.region == name) return &p;
  return nullptr;
}

const Part* SignType::first(Part::Kind k) const {
  for (const Part& p : parts)
    if (p.kind == k) return &p;
  return nullptr;
}

const SignType* SignTypes::find(const std::string& id) const {
  for (const SignType& t : types)
    if (t.id == id) return &t;
  return nullptr;
}

SignTypes read_sign_types(const std::string& xml, const std::string& xsd, const std::string& name) {
  filing::XmlDocPtr doc = parse_valid(xml, xsd, name);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || std::string(reinterpret_cast<const char*>(root->name)) != "sign-types")
    throw SignageError(name + ": 不是标识类型文件（根元素应为 sign-types） (wrong_root)");
  SignTypes out;
  for (xmlNode* c : child_elements(root, "colour")) {
    Colour col{attr(c, "name"), parse_rgb(attr(c, "rgb")), attr(c, "cmyk"), attr(c, "source")};
    out.colours[col.name] = col;
  }
  for (xmlNode* t : child_elements(root, "type")) {
    SignType st;
    st.id = attr(t, "id");
    st.name = attr(t, "name");
    st.source = attr(t, "source");
    st.background = attr(t, "background", "white");
    st.next_size = attr(t, "next-size");
    st.width_mm = number(t, "width-mm", 0);
    st.height_mm = number(t, "height-mm", 0);
    st.bleed_mm = number(t, "bleed-mm", 3);
    st.sheet = flag(t, "sheet");
    for (xmlNode* p : child_elements(t)) st.parts.push_back(read_part(p));
    if (out.find(st.id))
      throw SignageError(name + ":" + std::to_string(xmlGetLineNo(t)) + ": 标识类型 " + st.id + " 重复定义 (duplicate_type)");
    for (const Part& p : st.parts)
      if (p.kind != Part::Kind::Qr && p.kind != Part::Kind::Emblem && p.kind != Part::Kind::Drawing &&
          p.kind != Part::Kind::Body && p.colour != "brand" && !out.colours.count(p.colour))
        throw SignageError(name + ":" + std::to_string(xmlGetLineNo(t)) + ": 标识类型 " + st.id + " 用了未定义的颜色 " +
                           p.colour + " (unknown_colour)");
    out.types.push_back(std::move(st));
  }
  return out;
}

std::vector<Room> read_room_set(const std::string& xml, const std::string& xsd, const std::string& name) {
  filing::XmlDocPtr doc = parse_valid(xml, xsd, name);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || std::string(reinterpret_cast<const char*>(root->name)) != "room-set")
    throw SignageError(name + ": 不是房间清单（根元素应为 room-set） (wrong_root)");
  std::vector<Room> out;
  for (xmlNode* r : child_elements(root, "room")) out.push_back(read_room(r));
  return out;
}

Spec read_spec(const std::string& xml, const std::string& xsd, const fs::path& path) {
  const std::string name = path.string();
  filing::XmlDocPtr doc = parse_valid(xml, xsd, name);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || std::string(reinterpret_cast<const char*>(root->name)) != "signage")
    throw SignageError(name + ": 不是标识规格文件（根元素应为 signage，命名空间 urn:lianghua:signage:1） (wrong_root)");
  Spec s;
  s.file = path;
  s.office = resolve(path, attr(root, "office"));
  s.default_pack = flag(root, "default-pack", true);
  if (xmlNode* e = first_child(root, "emblem")) s.emblem = resolve(path, attr(e, "file"));
  if (xmlNode* p = first_child(root, "phones")) {
    s.hotline = attr(p, "hotline", "12315");
    s.supervision = attr(p, "supervision");
  }
  if (xmlNode* r = first_child(root, "rooms")) {
    for (xmlNode* room : child_elements(r, "room")) s.rooms.push_back(read_room(room));
    s.default_rooms = s.rooms.empty() && flag(r, "default-set", true);
  }
  for (xmlNode* g : child_elements(root, "sign")) {
    SignRequest req{attr(g, "type"), attr(g, "name"), {}};
    for (xmlNode* t : child_elements(g, "text")) req.texts.emplace_back(attr(t, "region"), filing::text_of(t));
    s.signs.push_back(std::move(req));
  }
  for (xmlNode* p : child_elements(root, "policy"))
    s.policies.push_back({resolve(path, attr(p, "file")), attr(p, "board", "policy-600x900")});
  for (xmlNode* f : child_elements(root, "flow"))
    s.flows.push_back({resolve(path, attr(f, "file")), attr(f, "board", "flow-600x900")});
  if (xmlNode* a = first_child(root, "archive-labels")) {
    s.archive_labels = true;
    s.spine_type = attr(a, "spine", "spine-30");
    s.cabinet_type = attr(a, "cabinet", "cabinet-label");
    if (has_attr(a, "scheme")) s.scheme = resolve(path, attr(a, "scheme"));
  }
  return s;
}

std::string read_signage_file(const fs::path& p) {
  std::string out, err;
  if (!filing::read_config_file(p.string(), out, err)) throw SignageError(p.string() + ": " + err);
  return out;
}

}  // namespace lh::compose::signs
