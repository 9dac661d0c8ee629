// word/numbering.xml (ECMA-376 Part 1 §17.9): list numbering.
//
// abstractNum 0  Chinese levels of GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）, deeper levels （N）
//                (w:numFmt chineseCounting for levels 1–2, decimal below; lvlText uses the level's own
//                placeholder, %1 for level 1, %2 for level 2, …; w:suff nothing — the marker runs
//                straight into the text, there is no tab after "一、"). One w:num for the whole
//                document (numId 1): the 一、 sequence runs on across the body text between headings.
// abstractNum 1  bullets • (numId 2, one instance: bullets have no counter)
// abstractNum 2  decimal lists 1. 2. 3. (N. at every level)
// Restarts follow layout/flow.cpp (marker_for) so DOCX and PDF number alike: a decimal list
// restarts after any paragraph that is neither decimal nor Chinese-numbered — each such run gets
// its own w:num (numId 3, 4, …) with w:startOverride 1. A ChineseLevel heading takes its list
// level from its heading level (Heading 2 → （一）). Every level keeps the body's 2-character
// first-line indent.
// Element order: CT_Numbering abstractNum* num*; CT_AbstractNum nsid multiLevelType lvl*;
// CT_Lvl start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr.
#include <string>

#include "docx/parts.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

struct LevelDef {
  const char* fmt;    // ST_NumberFormat
  std::string text;   // lvlText: "%N" replaced by the counter of level N
  const char* suff;   // tab, space, nothing
};

static constexpr int kChineseAbstract = 0, kBulletAbstract = 1, kDecimalAbstract = 2;
static constexpr int kChineseNum = 1, kBulletNum = 2, kFirstDecimalNum = 3;
static constexpr int kLevels = 9;

// "before%Nafter": lvlText placeholders %1..%9 name levels 1..9.
static std::string level_text(const char* before, int ilvl, const char* after) {
  return std::string(before) + "%" + std::to_string(ilvl + 1) + after;
}

// layout::list_marker: 一、 （一） 1. （1）, deeper levels like level 4.
static LevelDef chinese_level(int ilvl) {
  switch (ilvl) {
    case 0: return {"chineseCounting", "%1、", "nothing"};
    case 1: return {"chineseCounting", "（%2）", "nothing"};
    case 2: return {"decimal", "%3.", "nothing"};
    default: return {"decimal", level_text("（", ilvl, "）"), "nothing"};
  }
}

static LevelDef decimal_level(int ilvl) { return {"decimal", level_text("", ilvl, "."), "nothing"}; }

static LevelDef bullet_level(int ilvl) { return {"bullet", ilvl % 2 ? "◦" : "•", "space"}; }

// --- XML functions ------------------------------------------------------------------------------

// Write the <w:lvl> element (§17.9.6).
static void write_lvl(XmlWriter& x, int ilvl, const LevelDef& d, double body_pt) {
  x.start("w:lvl");
  x.attr("w:ilvl", static_cast<int64_t>(ilvl));
  x.val("w:start", static_cast<int64_t>(1));
  x.val("w:numFmt", d.fmt);
  x.val("w:suff", d.suff);
  x.val("w:lvlText", d.text);
  x.val("w:lvlJc", "left");
  PPr p;
  Ind ind;
  ind.left = 0;
  ind.left_chars = 0;
  ind.first_line = twips_from_pt(2 * body_pt);  // for consumers without *Chars support
  ind.first_line_chars = 200;  // GB/T 9704: 2 characters, like every body paragraph
  p.ind = ind;
  write_ppr(x, p);
  x.end();
}

// Write the <w:abstractNum> element (§17.9.1) with nine levels.
template <class Levels>
static void write_abstract_num(XmlWriter& x, int id, const char* nsid, double body_pt, Levels&& level) {
  x.start("w:abstractNum");
  x.attr("w:abstractNumId", static_cast<int64_t>(id));
  x.val("w:nsid", nsid);  // ST_LongHexNumber: exactly 8 hex digits (pandoc writes 4 and fails)
  x.val("w:multiLevelType", "multilevel");
  for (int ilvl = 0; ilvl < kLevels; ++ilvl) write_lvl(x, ilvl, level(ilvl), body_pt);
  x.end();
}

// Write the <w:num> element (§17.9.15); restarting instances override level 0's start.
static void write_num(XmlWriter& x, const NumInstance& n, bool restart) {
  x.start("w:num");
  x.attr("w:numId", static_cast<int64_t>(n.num_id));
  x.val("w:abstractNumId", static_cast<int64_t>(n.abstract_id));
  if (restart) {
    x.start("w:lvlOverride");
    x.attr("w:ilvl", static_cast<int64_t>(0));
    x.val("w:startOverride", static_cast<int64_t>(1));
    x.end();
  }
  x.end();
}

// --- Public functions ---------------------------------------------------------------------------

int Numbering::on_paragraph(model::ListKind kind) {
  switch (kind) {
    case model::ListKind::ChineseLevel: return kChineseNum;  // leaves a decimal list running
    case model::ListKind::Decimal:
      if (current_num == 0) {
        current_num = kFirstDecimalNum + static_cast<int>(instances.size());
        instances.push_back({current_num, kDecimalAbstract});
      }
      return current_num;
    case model::ListKind::Bullet: current_num = 0; return kBulletNum;
    case model::ListKind::None: current_num = 0; return 0;
  }
  return 0;
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string numbering_xml(const Numbering& numbering, double body_pt) {
  XmlWriter x;
  x.start("w:numbering");
  x.ns("w", kNsW);
  write_abstract_num(x, kChineseAbstract, "4C480001", body_pt, chinese_level);
  write_abstract_num(x, kBulletAbstract, "4C480002", body_pt, bullet_level);
  write_abstract_num(x, kDecimalAbstract, "4C480003", body_pt, decimal_level);
  write_num(x, {kChineseNum, kChineseAbstract}, false);
  write_num(x, {kBulletNum, kBulletAbstract}, false);
  for (const NumInstance& n : numbering.instances) write_num(x, n, true);
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
