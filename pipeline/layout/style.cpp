// load_style: templates/styles/<name>.json → Style. Strict: an unknown key is an error (a typo must
// not silently fall back to a default); keys starting with '_' and "source" are commentary (JSON
// has no comments, so clause citations sit beside the numbers as "_cite").
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "layout/paths.h"
#include "layout/style.h"

namespace lh::layout {
namespace {

using nlohmann::json;

struct Ctx {
  std::string file;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error("style " + file + ": key \"" + key + "\": " + what);
  }
};

bool is_comment(const std::string& k) { return k.empty() || k[0] == '_' || k == "source"; }

void check_keys(const Ctx& c, const std::string& where, const json& j, const std::set<std::string>& allowed) {
  if (!j.is_object()) c.fail(where, "must be an object");
  for (const auto& [k, v] : j.items())
    if (!is_comment(k) && !allowed.count(k)) c.fail(where.empty() ? k : where + "." + k, "unknown key");
}

double num(const Ctx& c, const std::string& where, const json& j, const char* key, double def, double lo, double hi) {
  if (!j.contains(key)) return def;
  const json& v = j.at(key);
  if (!v.is_number()) c.fail(where + "." + key, "must be a number");
  double d = v.get<double>();
  if (!(d >= lo && d <= hi))
    c.fail(where + "." + key, "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return d;
}

bool boolean(const Ctx& c, const std::string& where, const json& j, const char* key, bool def) {
  if (!j.contains(key)) return def;
  if (!j.at(key).is_boolean()) c.fail(where + "." + key, "must be true or false");
  return j.at(key).get<bool>();
}

std::string str(const Ctx& c, const std::string& where, const json& j, const char* key, const std::string& def) {
  if (!j.contains(key)) return def;
  if (!j.at(key).is_string()) c.fail(where + "." + key, "must be a string");
  return j.at(key).get<std::string>();
}

uint32_t color(const Ctx& c, const std::string& where, const json& j, const char* key, uint32_t def) {
  if (!j.contains(key)) return def;
  std::string s = str(c, where, j, key, "");
  if (s.size() != 7 || s[0] != '#') c.fail(where + "." + key, "must be \"#RRGGBB\"");
  try {
    size_t pos = 0;
    unsigned long v = std::stoul(s.substr(1), &pos, 16);
    if (pos != 6) throw std::invalid_argument("hex");
    return static_cast<uint32_t>(v);
  } catch (const std::exception&) {
    c.fail(where + "." + key, "must be \"#RRGGBB\"");
  }
}

model::FontRole role_of(const Ctx& c, const std::string& where, const std::string& s) {
  if (s == "body" || s == "fangsong") return model::FontRole::Body;
  if (s == "song") return model::FontRole::Song;
  if (s == "title" || s == "xiaobiaosong") return model::FontRole::Title;
  if (s == "hei") return model::FontRole::Hei;
  if (s == "kai") return model::FontRole::Kai;
  if (s == "mono") return model::FontRole::Mono;
  c.fail(where, "unknown font role \"" + s + "\" (body, song, title, hei, kai, mono)");
}

model::Align align_of(const Ctx& c, const std::string& where, const std::string& s) {
  if (s == "start" || s == "left") return model::Align::Start;
  if (s == "center") return model::Align::Center;
  if (s == "end" || s == "right") return model::Align::End;
  if (s == "justify") return model::Align::Justify;
  c.fail(where, "unknown alignment \"" + s + "\" (start, center, end, justify)");
}

FontSpec font_spec(const Ctx& c, const std::string& where, const json& j, FontSpec def) {
  if (j.contains("role")) def.role = role_of(c, where + ".role", str(c, where, j, "role", ""));
  def.size_pt = num(c, where, j, "size_pt", def.size_pt, 4, 400);
  def.bold = boolean(c, where, j, "bold", def.bold);
  return def;
}

ParagraphStyle para(const Ctx& c, const std::string& where, const json& j, ParagraphStyle def) {
  check_keys(c, where, j,
             {"role", "size_pt", "bold", "align", "first_line_indent_chars", "space_before_lines",
              "space_after_lines", "keep_with_next", "color"});
  def.font = font_spec(c, where, j, def.font);
  if (j.contains("align")) def.align = align_of(c, where + ".align", str(c, where, j, "align", ""));
  def.first_line_indent_chars = num(c, where, j, "first_line_indent_chars", def.first_line_indent_chars, -10, 20);
  def.space_before_lines = num(c, where, j, "space_before_lines", def.space_before_lines, 0, 20);
  def.space_after_lines = num(c, where, j, "space_after_lines", def.space_after_lines, 0, 20);
  def.keep_with_next = boolean(c, where, j, "keep_with_next", def.keep_with_next);
  def.color_rgb = color(c, where, j, "color", def.color_rgb);
  return def;
}

// The style file's JSON; a file that cannot be read or parsed is an error naming it.
json read_style_json(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("style " + file + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  json j;
  try {
    j = json::parse(ss.str());
  } catch (const json::parse_error& e) {
    throw std::runtime_error("style " + file + ": not valid JSON: " + e.what());
  }
  return j;
}

// "page": the paper, its margins and the header and footer distances.
void load_page(const Ctx& c, const json& p, Style& s) {
  check_keys(c, "page", p, {"width_mm", "height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm",
                            "header_distance_mm", "footer_distance_mm"});
  s.page.width_mm = num(c, "page", p, "width_mm", s.page.width_mm, 50, 2000);
  s.page.height_mm = num(c, "page", p, "height_mm", s.page.height_mm, 50, 2000);
  s.page.top_mm = num(c, "page", p, "top_mm", s.page.top_mm, 0, 500);
  s.page.bottom_mm = num(c, "page", p, "bottom_mm", s.page.bottom_mm, 0, 500);
  s.page.left_mm = num(c, "page", p, "left_mm", s.page.left_mm, 0, 500);
  s.page.right_mm = num(c, "page", p, "right_mm", s.page.right_mm, 0, 500);
  s.header_distance_mm = num(c, "page", p, "header_distance_mm", s.header_distance_mm, 0, 500);
  s.footer_distance_mm = num(c, "page", p, "footer_distance_mm", s.footer_distance_mm, 0, 500);
  if (s.page.left_mm + s.page.right_mm >= s.page.width_mm - 10 ||
      s.page.top_mm + s.page.bottom_mm >= s.page.height_mm - 10)
    c.fail("page", "margins leave no text block");
}

// "grid": lines per page, characters per line and the line height.
void load_grid(const Ctx& c, const json& g, Style& s) {
  check_keys(c, "grid", g, {"lines_per_page", "chars_per_line", "char_grid", "line_height_em"});
  s.lines_per_page = static_cast<int>(num(c, "grid", g, "lines_per_page", s.lines_per_page, 1, 200));
  s.chars_per_line = static_cast<int>(num(c, "grid", g, "chars_per_line", s.chars_per_line, 1, 200));
  s.char_grid = boolean(c, "grid", g, "char_grid", s.char_grid);
  s.line_height_em = num(c, "grid", g, "line_height_em", s.line_height_em, 0.5, 5);
}

// "headings": one object per level, each over the body style kept with the next paragraph.
void load_headings(const Ctx& c, const json& hs, Style& s) {
  if (!hs.is_array() || hs.size() != s.headings.size())
    c.fail("headings", "must be an array of " + std::to_string(s.headings.size()) + " objects");
  for (size_t i = 0; i < s.headings.size(); ++i) {
    ParagraphStyle def = s.body;
    def.keep_with_next = true;
    s.headings[i] = para(c, "headings[" + std::to_string(i) + "]", hs[i], def);
  }
}

// "table": the cells' text, its line spacing, the cell padding and the rules.
void load_table(const Ctx& c, const json& t, Style& s) {
  check_keys(c, "table", t, {"text", "line_spacing", "cell_padding_mm", "border_mm"});
  if (t.contains("text")) s.table_text = para(c, "table.text", t.at("text"), s.table_text);
  s.table_line_spacing = num(c, "table", t, "line_spacing", s.table_line_spacing, 0.8, 4);
  s.table_cell_padding_mm = num(c, "table", t, "cell_padding_mm", s.table_cell_padding_mm, 0, 20);
  s.table_border_mm = num(c, "table", t, "border_mm", s.table_border_mm, 0, 5);
}

// "page_number": whether, how and where the page number is printed.
void load_page_number(const Ctx& c, const json& pn, Style& s) {
  check_keys(c, "page_number", pn,
             {"enabled", "format", "role", "size_pt", "bold", "below_text_block_mm", "outside", "inset_chars"});
  auto& n = s.page_number;
  n.enabled = boolean(c, "page_number", pn, "enabled", n.enabled);
  n.format = str(c, "page_number", pn, "format", n.format);
  if (n.format.find("{n}") == std::string::npos) c.fail("page_number.format", "must contain {n}");
  n.font = font_spec(c, "page_number", pn, n.font);
  n.below_text_block_mm = num(c, "page_number", pn, "below_text_block_mm", n.below_text_block_mm, -100, 200);
  n.outside = boolean(c, "page_number", pn, "outside", n.outside);
  n.inset_chars = num(c, "page_number", pn, "inset_chars", n.inset_chars, 0, 20);
}

}  // namespace

Style load_style(const std::string& name_or_path) {
  const std::string file = resolve_data_file(name_or_path, "templates/styles");
  Ctx c{file};
  const json j = read_style_json(file);
  check_keys(c, "", j,
             {"name", "page", "grid", "body", "title", "headings", "table", "header_footer",
              "page_number"});

  Style s;
  s.source = file;
  s.name = str(c, "", j, "name", "");
  if (s.name.empty()) c.fail("name", "required");

  if (j.contains("page")) load_page(c, j.at("page"), s);
  if (j.contains("grid")) load_grid(c, j.at("grid"), s);
  if (j.contains("body")) s.body = para(c, "body", j.at("body"), s.body);
  s.title = s.body;
  s.title.first_line_indent_chars = 0;
  s.title.align = model::Align::Center;
  if (j.contains("title")) s.title = para(c, "title", j.at("title"), s.title);
  for (auto& h : s.headings) h = s.body;
  if (j.contains("headings")) load_headings(c, j.at("headings"), s);
  s.table_text = s.body;
  s.table_text.first_line_indent_chars = 0;
  s.table_text.align = model::Align::Start;
  if (j.contains("table")) load_table(c, j.at("table"), s);
  s.header_footer = s.body;
  s.header_footer.first_line_indent_chars = 0;
  s.header_footer.align = model::Align::Center;
  if (j.contains("header_footer")) s.header_footer = para(c, "header_footer", j.at("header_footer"), s.header_footer);
  if (j.contains("page_number")) load_page_number(c, j.at("page_number"), s);
  return s;
}

}  // namespace lh::layout
