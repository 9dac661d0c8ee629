// Font roles → real fonts (fonts/roles.json), registered with a fontconfig configuration built by
// us (not the machine's font set), and the pango context every measurement and drawing uses.
// GB/T 9704-2012 §5.2.2 names the roles (仿宋, 小标宋, 黑体, 楷体, 宋体); libraries.md §0b the fonts.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <pango/pango.h>

#include "model/document.h"

namespace lh::layout {

// A font problem: a role whose file is missing or whose family does not resolve. what() names the role.
struct FontError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RoleFont {
  std::string key;                    // "body", "song", "title", "hei", "kai", "mono"
  std::string chinese;                // 仿宋, 宋体, 小标宋, 黑体, 楷体, 等宽
  std::vector<std::string> families;  // first = the declared family; later ones cover missing characters
  // roles.json "latin": the face for the role's Latin letters and digits where its CJK face's are
  // unfit (AR PL UKai's are all half an em wide, a typewriter's: "GB/T 9704" spaced out); empty:
  // the first family's own. Other characters never take it (full-width “”、— stay CJK).
  std::vector<std::string> latin_families;
  bool bold_weight = false;           // the role's own weight is bold (小标宋 stand-in)
  std::vector<std::string> files;     // absolute paths
  std::string matched_file;           // what FcFontMatch chose for the first family
  std::string family_list() const;    // "FandolFang,Noto Serif CJK SC" (pango family list)
  std::string latin_family_list() const;  // the Latin face, then family_list()
};

class FontSet {
 public:
  // Whose fontconfig configuration the process's default becomes (FcConfigSetCurrent).
  // System: the machine's, loaded by fontconfig when first asked (pango asks in a thread of its own
  // when a font map is made: FcInit parses /etc/fonts and reads every system font cache, ~11 ms of
  // CPU). Ours: this set's configuration becomes the default before the font map is made, so that
  // FcInit has nothing to load. Only for a process whose every text is set by us (`compile`): a
  // library that looks fonts up through the default (librsvg for the <text> of an SVG picture,
  // poppler rendering a PDF without its fonts) then finds only the role fonts.
  enum class ProcessDefault { System, Ours };
  // roles_json: a path, or "" for <project root>/fonts/roles.json. Relative font paths in it are
  // under the folder holding roles.json. Throws FontError naming the role on any problem.
  static FontSet load(const std::string& roles_json = "", ProcessDefault process_default = ProcessDefault::System);
  // This set's fontconfig configuration (FcConfig*; owned by the FontSet).
  void* fontconfig() const;

  const RoleFont& role(model::FontRole r) const;
  // A context at 72 dpi with unrounded glyph positions and unhinted metrics (libraries.md §1),
  // language zh-cn. Owned by the FontSet.
  PangoContext* context() const;
  // A new description (free with pango_font_description_free).
  PangoFontDescription* describe(model::FontRole r, double size_pt, bool bold) const;
  // The font attributes of text[start, end) in role r (the one place a role becomes attributes):
  // the role's description, and where the role has a Latin face, that face over each stretch of
  // ASCII holding a letter or digit ("GB/T 9704-2012", "QR", "A4"), so the same text is measured
  // and drawn alike wherever it is set.
  void add_font_attrs(PangoAttrList* list, const std::string& text, size_t start, size_t end, model::FontRole r,
                      double size_pt, bool bold, bool italic) const;

  struct Impl;
 private:
  std::shared_ptr<Impl> impl_;
};

const char* role_key(model::FontRole r);

}  // namespace lh::layout
