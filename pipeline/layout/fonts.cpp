// FontSet: our own FcConfig. The directories of the listed files (system ones and fonts/) are read
// through fontconfig's caches (fast: ~1 ms once cached) and narrowed by a <selectfont> filter to
// exactly the files roles.json lists. Every family of every role is
// then resolved with FcFontMatch and must land on that family in one of the role's files.
#include "model/markup.h"
#include "layout/fonts.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fontconfig/fontconfig.h>
#include <nlohmann/json.hpp>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "layout/paths.h"

namespace lh::layout {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::array<model::FontRole, 6> kRoles = {model::FontRole::Body, model::FontRole::Song,
                                                   model::FontRole::Title, model::FontRole::Hei,
                                                   model::FontRole::Kai, model::FontRole::Mono};

const char* role_chinese(model::FontRole r) {
  switch (r) {
    case model::FontRole::Body: return "仿宋";
    case model::FontRole::Song: return "宋体";
    case model::FontRole::Title: return "小标宋";
    case model::FontRole::Hei: return "黑体";
    case model::FontRole::Kai: return "楷体";
    case model::FontRole::Mono: return "等宽";
  }
  return "?";
}


// fontconfig globs treat * ? [ ] specially; our paths are plain, but escape anyway.
std::string glob_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') o += '\\';
    o += c;
  }
  return o;
}

[[noreturn]] void role_fail(const RoleFont& r, const std::string& what) {
  throw FontError("font role " + r.chinese + " (" + r.key + "): " + what);
}

}  // namespace

const char* role_key(model::FontRole r) {
  switch (r) {
    case model::FontRole::Body: return "body";
    case model::FontRole::Song: return "song";
    case model::FontRole::Title: return "title";
    case model::FontRole::Hei: return "hei";
    case model::FontRole::Kai: return "kai";
    case model::FontRole::Mono: return "mono";
  }
  return "body";
}

std::string RoleFont::latin_family_list() const {
  std::string s;
  for (const auto& f : latin_families) s += f + ',';
  return s + family_list();
}

std::string RoleFont::family_list() const {
  std::string s;
  for (const auto& f : families) {
    if (!s.empty()) s += ',';
    s += f;
  }
  return s;
}

struct FontSet::Impl {
  std::array<RoleFont, 6> roles;
  FcConfig* config = nullptr;
  PangoFontMap* fontmap = nullptr;
  PangoContext* context = nullptr;
  ~Impl() {
    if (context) g_object_unref(context);
    if (fontmap) g_object_unref(fontmap);
    if (config) FcConfigDestroy(config);
  }
};

namespace {

// roles.json, parsed: a file that cannot be read or parsed, or has no "roles" object, is a FontError.
json read_roles_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FontError("fonts: cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  json j;
  try {
    j = json::parse(ss.str());
  } catch (const json::parse_error& e) {
    throw FontError("fonts: " + path + " is not valid JSON: " + e.what());
  }
  if (!j.contains("roles") || !j["roles"].is_object()) throw FontError("fonts: " + path + ": no \"roles\" object");
  return j;
}

// Role `role` of roles.json (`roles`, read from `path`; relative files are relative to `base`) into
// `r`; its files go to `all_files`, their directories to `font_dirs`.
void read_role(const json& roles, const std::string& path, const fs::path& base, model::FontRole role, RoleFont& r,
               std::set<std::string>& font_dirs, std::set<std::string>& all_files) {
  r.key = role_key(role);
  r.chinese = role_chinese(role);
  if (!roles.contains(r.key)) role_fail(r, "not declared in " + path);
  const json& jr = roles.at(r.key);
  if (!jr.is_object() || !jr.contains("families") || !jr["families"].is_array() || jr["families"].empty())
    role_fail(r, "needs a non-empty \"families\" list");
  for (const auto& f : jr["families"]) {
    if (!f.is_string() || f.get<std::string>().empty()) role_fail(r, "family names must be strings");
    r.families.push_back(f.get<std::string>());
  }
  if (jr.contains("latin")) {
    if (!jr["latin"].is_array()) role_fail(r, "\"latin\" must be a list of family names");
    for (const auto& f : jr["latin"]) {
      if (!f.is_string() || f.get<std::string>().empty()) role_fail(r, "family names must be strings");
      r.latin_families.push_back(f.get<std::string>());
    }
  }
  const std::string weight = jr.value("weight", std::string("regular"));
  if (weight != "regular" && weight != "bold") role_fail(r, "weight must be \"regular\" or \"bold\"");
  r.bold_weight = weight == "bold";
  if (!jr.contains("files") || !jr["files"].is_array() || jr["files"].empty())
    role_fail(r, "needs a non-empty \"files\" list");
  for (const auto& f : jr["files"]) {
    if (!f.is_string()) role_fail(r, "file names must be strings");
    fs::path p = f.get<std::string>();
    if (p.is_relative()) p = base / p;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(p, ec);
    if (ec || !fs::is_regular_file(canon, ec))
      role_fail(r, "font file " + p.string() + " not found (run scripts/setup.sh)");
    r.files.push_back(canon.string());
    all_files.insert(canon.string());
    // Project fonts too are read as a directory, so fontconfig caches their scan (in the user's
    // cache dir): scanning the Noto subsets afresh cost ~20 ms per load. The <selectfont> filter
    // below still admits only the listed files.
    font_dirs.insert(canon.parent_path().string());
  }
}

// Our configuration: system dirs via the cache, filtered to the listed files; synthetic bold
// (the rule of fontconfig's 90-synthetic.conf) for roles without a bold face.
std::string fontconfig_xml(const std::set<std::string>& font_dirs, const std::set<std::string>& all_files) {
  std::string xml = "<?xml version=\"1.0\"?><fontconfig>";
  for (const auto& d : font_dirs) xml += "<dir>" + model::markup_escape(d) + "</dir>";
  xml += "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir>";
  xml += "<selectfont><acceptfont>";
  for (const auto& f : all_files) xml += "<glob>" + model::markup_escape(glob_escape(f)) + "</glob>";
  xml += "</acceptfont><rejectfont><glob>*</glob></rejectfont></selectfont>";
  xml +=
      "<match target=\"font\"><test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
      "<test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
      "<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
      "<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit></match>";
  xml += "</fontconfig>";
  return xml;
}

// Verify: every family of the role resolves to itself, in one of the role's files; the first
// family's file becomes r.matched_file.
void check_role_resolves(FcConfig* config, RoleFont& r) {
  std::vector<std::string> all = r.families;
  all.insert(all.end(), r.latin_families.begin(), r.latin_families.end());
  for (size_t k = 0; k < all.size(); ++k) {
    const std::string& fam = all[k];
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(fam.c_str()));
    FcPatternAddInteger(pat, FC_WEIGHT, r.bold_weight ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcPattern* m = FcFontMatch(config, pat, &res);
    FcPatternDestroy(pat);
    bool family_ok = false;
    std::string file, got;
    if (m) {
      FcChar8* s = nullptr;
      for (int n = 0; FcPatternGetString(m, FC_FAMILY, n, &s) == FcResultMatch; ++n) {
        if (n == 0) got = reinterpret_cast<const char*>(s);
        if (fam == reinterpret_cast<const char*>(s)) family_ok = true;
      }
      if (FcPatternGetString(m, FC_FILE, 0, &s) == FcResultMatch) file = reinterpret_cast<const char*>(s);
      FcPatternDestroy(m);
    }
    if (!family_ok)
      role_fail(r, "family \"" + fam + "\" is not available" + (got.empty() ? "" : " (fontconfig offered \"" + got + "\")"));
    bool file_ok = false;
    for (const auto& f : r.files) file_ok = file_ok || f == file;
    if (!file_ok) role_fail(r, "family \"" + fam + "\" resolved to " + file + ", which the role does not list");
    if (k == 0) r.matched_file = file;
  }
}

// The pango context all text is shaped in: sizes in points (72 dpi), no hinting, glyph positions
// not rounded, Chinese as the language.
PangoContext* shaping_context(PangoFontMap* fontmap) {
  PangoContext* context = pango_font_map_create_context(fontmap);
  pango_cairo_context_set_resolution(context, 72);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_context_set_language(context, pango_language_from_string("zh-cn"));
  cairo_font_options_t* opt = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, opt);
  cairo_font_options_destroy(opt);
  return context;
}

}  // namespace

FontSet FontSet::load(const std::string& roles_json, ProcessDefault process_default) {
  const std::string path = roles_json.empty() ? project_root() + "/fonts/roles.json" : roles_json;
  const fs::path base = fs::path(path).parent_path();
  const json j = read_roles_json(path);

  auto impl = std::make_shared<Impl>();
  std::set<std::string> font_dirs, all_files;
  for (size_t i = 0; i < kRoles.size(); ++i)
    read_role(j.at("roles"), path, base, kRoles[i], impl->roles[i], font_dirs, all_files);

  const std::string xml = fontconfig_xml(font_dirs, all_files);
  impl->config = FcConfigCreate();
  if (!impl->config) throw FontError("fonts: FcConfigCreate failed");
  if (!FcConfigParseAndLoadFromMemory(impl->config, reinterpret_cast<const FcChar8*>(xml.c_str()), FcTrue))
    throw FontError("fonts: our fontconfig configuration was refused");
  if (!FcConfigBuildFonts(impl->config)) throw FontError("fonts: FcConfigBuildFonts failed");
  for (RoleFont& r : impl->roles) check_role_resolves(impl->config, r);

  // Before the font map: making it starts pango's FcInit thread (see ProcessDefault).
  if (process_default == ProcessDefault::Ours && !FcConfigSetCurrent(impl->config))
    throw FontError("fonts: FcConfigSetCurrent refused our configuration");
  impl->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (!impl->fontmap) throw FontError("fonts: pango has no FreeType font map");
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(impl->fontmap), impl->config);
  impl->context = shaping_context(impl->fontmap);

  FontSet out;
  out.impl_ = std::move(impl);
  return out;
}

const RoleFont& FontSet::role(model::FontRole r) const {
  for (size_t i = 0; i < kRoles.size(); ++i)
    if (kRoles[i] == r) return impl_->roles[i];
  return impl_->roles[0];
}

PangoContext* FontSet::context() const { return impl_->context; }

void* FontSet::fontconfig() const { return impl_->config; }

PangoFontDescription* FontSet::describe(model::FontRole r, double size_pt, bool bold) const {
  const RoleFont& rf = role(r);
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, rf.family_list().c_str());
  pango_font_description_set_weight(d, (bold || rf.bold_weight) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size(d, static_cast<int>(size_pt * PANGO_SCALE + 0.5));
  return d;
}

namespace {

bool latin_letter_or_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool ascii_or_narrow_space(const std::string& t, size_t i, size_t& n) {
  n = 1;
  if (static_cast<unsigned char>(t[i]) >= 0x20 && static_cast<unsigned char>(t[i]) < 0x7F) return true;
  n = 3;  // U+202F, the no-break space layout puts inside "GB/T 9704" (paragraph.cpp clean)
  return t.compare(i, 3, "\xE2\x80\xAF") == 0;
}

void add_desc(PangoAttrList* list, PangoFontDescription* d, bool italic, size_t start, size_t end) {
  if (italic) pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
  PangoAttribute* a = pango_attr_font_desc_new(d);
  pango_font_description_free(d);
  a->start_index = static_cast<guint>(start);
  a->end_index = static_cast<guint>(end);
  pango_attr_list_insert(list, a);
}

}  // namespace

void FontSet::add_font_attrs(PangoAttrList* list, const std::string& text, size_t start, size_t end,
                             model::FontRole r, double size_pt, bool bold, bool italic) const {
  add_desc(list, describe(r, size_pt, bold), italic, start, end);
  const RoleFont& rf = role(r);
  if (rf.latin_families.empty()) return;
  end = std::min(end, text.size());
  for (size_t i = start; i < end;) {
    size_t n = 1, j = i;
    bool word = false;
    while (j < end && ascii_or_narrow_space(text, j, n)) {
      word = word || latin_letter_or_digit(text[j]);
      j += n;
    }
    if (j == i) {  // a character outside ASCII: skip its UTF-8 bytes
      ++j;
      while (j < end && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
    } else if (word) {
      PangoFontDescription* d = describe(r, size_pt, bold);
      pango_font_description_set_family(d, rf.latin_family_list().c_str());
      add_desc(list, d, italic, i, j);
    }
    i = j;
  }
}

}  // namespace lh::layout
