// Styles (ECMA-376 Part 1 §17.7) and numbering (§17.9) of a WordprocessingML package, and the
// run/paragraph property parsers they share with the body (§17.3.1, §17.3.2).
#include <charconv>
#include <set>

#include "ingest/docx_internal.h"

namespace lh::ingest::docx {
using model::Align;
using model::FontRole;
using model::ListKind;

bool is_w(const xmlNode* n, std::string_view local) { return el_is(n, kW, local, kWStrict); }

xmlNode* w_child(const xmlNode* n, std::string_view local) {
  for (xmlNode* c : elements(n))
    if (is_w(c, local)) return c;
  return nullptr;
}

std::optional<std::string> w_attr(const xmlNode* n, std::string_view local) {
  if (auto v = attr_opt(n, local, kW)) return v;
  if (auto v = attr_opt(n, local, kWStrict)) return v;
  return attr_opt(n, local);
}

bool on_off(const xmlNode* el) {
  if (!el) return false;
  auto v = w_attr(el, "val");
  if (!v) return true;
  return !(*v == "0" || *v == "false" || *v == "off");
}

std::optional<int> to_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc()) return std::nullopt;
  return v;
}

std::optional<double> to_double(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc()) return std::nullopt;
  return v;
}

// --- run properties (§17.3.2) --------------------------------------------------------------------

void RunProps::merge_from(const RunProps& o) {
  if (o.bold) bold = o.bold;
  if (o.italic) italic = o.italic;
  if (o.underline) underline = o.underline;
  if (o.hidden) hidden = o.hidden;
  if (o.color) color = o.color;
  if (o.size_pt) size_pt = o.size_pt;
  if (o.role) role = o.role;
  if (!o.char_style.empty()) char_style = o.char_style;
  if (o.symbol_font) symbol_font = o.symbol_font;
}

namespace {

// Font role from the East Asian (then ASCII) typeface (§17.3.2.26 w:rFonts): GB/T 9704 roles.
std::optional<FontRole> role_of_font(std::string_view f) {
  auto has = [&](std::string_view s) { return f.find(s) != std::string_view::npos; };
  if (f.empty()) return std::nullopt;
  if (has("小标宋") || has("XBS") || has("XiaoBiaoSong")) return FontRole::Title;
  if (has("黑体") || has("SimHei") || has("Hei")) return FontRole::Hei;
  if (has("楷") || has("Kai")) return FontRole::Kai;
  if (has("仿宋") || has("FangSong") || has("Fangsong")) return FontRole::Body;
  if (has("宋体") || has("SimSun") || has("Song")) return FontRole::Song;
  if (has("Courier") || has("Consolas") || has("Mono")) return FontRole::Mono;
  return std::nullopt;
}

// w:color/@w:val (§17.3.2.6): RRGGBB hex or "auto".
std::optional<uint32_t> parse_color(std::string_view v) {
  if (v.size() != 6) return std::nullopt;
  uint32_t c = 0;
  auto r = std::from_chars(v.data(), v.data() + 6, c, 16);
  if (r.ec != std::errc() || r.ptr != v.data() + 6) return std::nullopt;
  return c;
}

}  // namespace

// One small function per property element.
static void rpr_bold(const xmlNode* e, RunProps& p) { p.bold = on_off(e); }
static void rpr_italic(const xmlNode* e, RunProps& p) { p.italic = on_off(e); }
static void rpr_underline(const xmlNode* e, RunProps& p) {  // §17.3.2.40, ST_Underline
  auto v = w_attr(e, "val");
  p.underline = !(v && *v == "none");
}
static void rpr_hidden(const xmlNode* e, RunProps& p) { p.hidden = on_off(e); }  // §17.3.2.41 vanish
static void rpr_color(const xmlNode* e, RunProps& p) {
  auto v = w_attr(e, "val");
  if (v && *v == "auto") p.color = 0;
  else if (v)
    if (auto c = parse_color(*v)) p.color = c;
}
static void rpr_size(const xmlNode* e, RunProps& p) {  // §17.3.2.38, half-points
  if (auto v = w_attr(e, "val"))
    if (auto n = to_double(*v); n && *n > 0 && *n < 3200) p.size_pt = *n / 2.0;
}
static void rpr_fonts(const xmlNode* e, RunProps& p) {
  std::string ea = w_attr(e, "eastAsia").value_or(""), ascii = w_attr(e, "ascii").value_or("");
  if (auto r = role_of_font(ea)) p.role = r;
  else if (auto r2 = role_of_font(ascii)) p.role = r2;
  if (!ascii.empty()) p.symbol_font = is_symbol_font(ascii) ? ascii : std::string();
}

RunProps parse_rpr(const xmlNode* rPr) {
  RunProps p;
  if (!rPr) return p;
  for (xmlNode* e : elements(rPr)) {
    if (is_w(e, "b")) rpr_bold(e, p);
    else if (is_w(e, "i")) rpr_italic(e, p);
    else if (is_w(e, "u")) rpr_underline(e, p);
    else if (is_w(e, "vanish")) rpr_hidden(e, p);
    else if (is_w(e, "color")) rpr_color(e, p);
    else if (is_w(e, "sz")) rpr_size(e, p);
    else if (is_w(e, "rFonts")) rpr_fonts(e, p);
    else if (is_w(e, "rStyle")) p.char_style = w_attr(e, "val").value_or("");
  }
  return p;
}

// --- paragraph properties (§17.3.1) --------------------------------------------------------------

void ParaProps::merge_from(const ParaProps& o) {
  if (o.outline) outline = o.outline;
  if (o.align) align = o.align;
  if (o.keep_next) keep_next = o.keep_next;
  if (o.page_break_before) page_break_before = o.page_break_before;
  if (o.first_line_chars) first_line_chars = o.first_line_chars;
  if (o.num_id) num_id = o.num_id;
  if (o.ilvl) ilvl = o.ilvl;
  if (!o.style.empty()) style = o.style;
}

static void ppr_jc(const xmlNode* e, ParaProps& p) {  // §17.3.1.13, ST_Jc
  std::string v = w_attr(e, "val").value_or("");
  if (v == "left" || v == "start") p.align = Align::Start;
  else if (v == "center") p.align = Align::Center;
  else if (v == "right" || v == "end") p.align = Align::End;
  else if (v == "both" || v == "distribute" || v == "thaiDistribute") p.align = Align::Justify;
}
static void ppr_outline(const xmlNode* e, ParaProps& p) {  // §17.3.1.20
  if (auto v = w_attr(e, "val"))
    if (auto n = to_int(*v); n && *n >= 0 && *n <= 9) p.outline = *n;
}
static void ppr_ind(const xmlNode* e, ParaProps& p) {  // §17.3.1.12, firstLineChars in 1/100 char
  if (auto v = w_attr(e, "firstLineChars"))
    if (auto n = to_int(*v); n && *n >= 0 && *n < 100000) p.first_line_chars = *n / 100.0;
  // A hanging indent has no first-line indent in the model: 0.
  if (auto v = w_attr(e, "hangingChars"))
    if (auto n = to_int(*v); n && *n > 0) p.first_line_chars = 0;
}
static void ppr_numpr(const xmlNode* e, ParaProps& p) {  // §17.3.1.19
  if (xmlNode* id = w_child(e, "numId"))
    if (auto n = to_int(w_attr(id, "val").value_or(""))) p.num_id = *n;
  if (xmlNode* lv = w_child(e, "ilvl"))
    if (auto n = to_int(w_attr(lv, "val").value_or("")); n && *n >= 0 && *n <= 8) p.ilvl = *n;
}

ParaProps parse_ppr(const xmlNode* pPr) {
  ParaProps p;
  if (!pPr) return p;
  for (xmlNode* e : elements(pPr)) {
    if (is_w(e, "pStyle")) p.style = w_attr(e, "val").value_or("");
    else if (is_w(e, "jc")) ppr_jc(e, p);
    else if (is_w(e, "outlineLvl")) ppr_outline(e, p);
    else if (is_w(e, "keepNext")) p.keep_next = on_off(e);
    else if (is_w(e, "pageBreakBefore")) p.page_break_before = on_off(e);
    else if (is_w(e, "ind")) ppr_ind(e, p);
    else if (is_w(e, "numPr")) ppr_numpr(e, p);
  }
  return p;
}

// --- styles (§17.7) -------------------------------------------------------------------------------

void Styles::load(const xmlNode* root) {
  for (xmlNode* s : elements(root)) {
    if (!is_w(s, "style")) continue;
    Style st;
    st.id = w_attr(s, "styleId").value_or("");
    st.type = w_attr(s, "type").value_or("paragraph");
    if (xmlNode* n = w_child(s, "name")) st.name = w_attr(n, "val").value_or("");
    if (xmlNode* b = w_child(s, "basedOn")) st.based_on = w_attr(b, "val").value_or("");
    st.ppr = parse_ppr(w_child(s, "pPr"));
    st.rpr = parse_rpr(w_child(s, "rPr"));
    if (xmlNode* tp = w_child(s, "tblPr")) st.borders = parse_borders(w_child(tp, "tblBorders"));
    if (st.id.empty()) continue;
    if (auto d = w_attr(s, "default"); d && (*d == "1" || *d == "true" || *d == "on")) {
      if (st.type == "paragraph") default_para_ = st.id;
      if (st.type == "table") default_table_ = st.id;
    }
    by_id_.emplace(st.id, std::move(st));
  }
}

std::vector<const Styles::Style*> Styles::chain(const std::string& id) const {
  std::vector<const Style*> out;
  std::set<std::string> seen;
  std::string cur = id;
  while (!cur.empty() && out.size() < 32 && seen.insert(cur).second) {
    auto it = by_id_.find(cur);
    if (it == by_id_.end()) break;
    out.push_back(&it->second);
    cur = it->second.based_on;
  }
  return out;
}

namespace {
// "heading 1", "Heading1", "标题 1", "标题1" -> 1; anything else 0.
int builtin_heading_level(std::string_view s) {
  std::string low;
  for (char c : s) low += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  std::string_view v = low;
  for (std::string_view prefix : {std::string_view("heading"), std::string_view("标题")}) {
    if (v.substr(0, prefix.size()) != prefix) continue;
    std::string_view rest = v.substr(prefix.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '9') return rest[0] - '0';
  }
  return 0;
}
}  // namespace

int Styles::heading_level(const std::string& style_id) const {
  for (const Style* s : chain(style_id)) {
    if (s->ppr.outline) return *s->ppr.outline < 9 ? *s->ppr.outline + 1 : 0;
    if (int l = builtin_heading_level(s->name)) return l;
    if (int l = builtin_heading_level(s->id)) return l;
  }
  if (by_id_.find(style_id) == by_id_.end()) return builtin_heading_level(style_id);
  return 0;
}

ParaProps Styles::para_props(const std::string& style_id) const {
  auto c = chain(style_id);
  ParaProps p;
  for (auto it = c.rbegin(); it != c.rend(); ++it) p.merge_from((*it)->ppr);
  return p;
}

RunProps Styles::run_props(const std::string& style_id) const {
  auto c = chain(style_id);
  RunProps p;
  for (auto it = c.rbegin(); it != c.rend(); ++it) p.merge_from((*it)->rpr);
  p.char_style.clear();
  return p;
}

BorderSides Styles::table_borders(const std::string& style_id) const {
  auto c = chain(style_id);
  if (c.empty()) c = chain(default_table_);  // none named, or a name the part does not define
  BorderSides b;
  for (auto it = c.rbegin(); it != c.rend(); ++it) b.merge_from((*it)->borders);
  return b;
}

std::string Styles::display_name(const std::string& style_id) const {
  auto it = by_id_.find(style_id);
  if (it == by_id_.end() || it->second.name.empty()) return style_id;
  return it->second.name;
}

}  // namespace lh::ingest::docx
