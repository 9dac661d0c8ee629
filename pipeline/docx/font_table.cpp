// word/fontTable.xml (ECMA-376 Part 1 §17.8) and the role → font-name table used by every w:rFonts.
//
// Font decision (GB/T 9704-2012 §7: 仿宋 body, 小标宋 title, 黑体/楷体 headings, 宋体 page numbers).
// A DOCX names fonts; it cannot say "our FandolFang". The file must print right where it will be
// opened — Word or WPS on a Chinese office PC — so rFonts carries the names those PCs have and those
// 公文 templates use: 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体, 方正小标宋简体. The same name goes into
// w:ascii, w:hAnsi, w:eastAsia and w:cs, so digits and Latin letters are set in the same face as the
// Chinese around them (as our PDF does with the Fandol faces, which carry Latin glyphs) and Word's
// "Western font" never silently becomes Times New Roman or Calibri. Mono keeps a Latin monospace
// face for ascii/hAnsi and 仿宋_GB2312 for Chinese.
//
// Fallbacks:
// - Windows 7+ ships 仿宋 (SimFang) and 楷体 (KaiTi) but not the *_GB2312 faces XP had; most
//   government PCs install the _GB2312 faces because their templates ask for them. fontTable.xml
//   declares each face with w:altName (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体),
//   w:charset 86 (GB2312) and the PANOSE of the fallback, which is what Word's substitution uses
//   when a face is absent; WPS maps the _GB2312 names to 仿宋/楷体 by itself.
// - LibreOffice here has neither these names nor (system-wide) the Fandol faces: fontconfig falls
//   back to Noto CJK (measured: LibreOffice 7.4 prints with Noto Sans CJK), so text and layout
//   survive but the faces differ. To print with the Fandol faces, run soffice with a fontconfig
//   file (FONTCONFIG_FILE) that adds fonts/ and aliases the five names to FandolFang/Song/Hei/Kai.
// We deliberately do not put "FandolFang" into ascii/hAnsi: an office PC has no such font and
// Word would substitute it with its default Western font, breaking digits in 公文 text.
#include "docx/parts.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

static const FontFace kFaces[] = {
    /* Body  */ {"仿宋_GB2312", "仿宋_GB2312"},
    /* Song  */ {"宋体", "宋体"},
    /* Title */ {"方正小标宋简体", "方正小标宋简体"},
    /* Hei   */ {"黑体", "黑体"},
    /* Kai   */ {"楷体_GB2312", "楷体_GB2312"},
    /* Mono  */ {"仿宋_GB2312", "Courier New"},
};

// PANOSE values are those Word records for the Windows fallback faces (SimSun, SimHei, FangSong,
// KaiTi); families and pitches as Word writes them for GB2312 faces.
// Faces listed in fontTable.xml: every name rFonts can carry, once.
struct TableEntry { const char* name; const char* alt; const char* panose; const char* charset;
                    const char* family; const char* pitch; };
static const TableEntry kTable[] = {
    {"仿宋_GB2312", "仿宋", "02010609060101010101", "86", "modern", "fixed"},
    {"宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"},
    {"方正小标宋简体", "宋体", "02010600030101010101", "86", "auto", "variable"},
    {"黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"},
    {"楷体_GB2312", "楷体", "02010609060101010101", "86", "modern", "fixed"},
    {"Courier New", nullptr, "02070309020205020404", "00", "modern", "fixed"},
};

// --- XML functions ------------------------------------------------------------------------------

// Write the <w:font> element (§17.8.3.10); children in CT_Font order: altName, panose1, charset,
// family, pitch.
static void write_font(XmlWriter& x, const TableEntry& f) {
  x.start("w:font");
  x.attr("w:name", f.name);
  if (f.alt) x.val("w:altName", f.alt);
  if (f.panose) x.val("w:panose1", f.panose);
  x.val("w:charset", f.charset);
  x.val("w:family", f.family);
  x.val("w:pitch", f.pitch);
  x.end();
}

// --- Public functions ---------------------------------------------------------------------------

const FontFace& font_face(model::FontRole role) {
  auto i = static_cast<size_t>(role);
  if (i >= sizeof kFaces / sizeof kFaces[0]) i = 0;
  return kFaces[i];
}

// Write the <w:rFonts> element (§17.3.2.26): one face for all four scripts (see the header).
void write_rfonts(XmlWriter& x, model::FontRole role) {
  const FontFace& f = font_face(role);
  x.start("w:rFonts");
  x.attr("w:ascii", f.latin);
  x.attr("w:eastAsia", f.name);
  x.attr("w:hAnsi", f.latin);
  x.attr("w:cs", f.latin);
  x.end();
}

// Assemble word/fontTable.xml.
std::string font_table_xml() {
  XmlWriter x;
  x.start("w:fonts");
  x.ns("w", kNsW);
  for (const TableEntry& f : kTable) write_font(x, f);
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
