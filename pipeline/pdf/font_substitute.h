// Substitute fonts embedded for the Chinese fonts a source PDF names without embedding them
// (issue 15 §1). ISO 19005-2 6.2.11.4.1 wants every font a PDF/A file uses embedded; the PDFs that
// Chinese 政务 systems make with iText or reportlab name STSong-Light (Adobe-GB1, UniGB-UCS2-H) and
// leave it to the reader, which draws it with whatever 宋体 face it has (lianghua's Poppler: our 宋体
// role face, package/ofd_copy.cpp). PDF/A converters (Ghostscript -dPDFA, Acrobat) embed that
// substitute; so does this pass, with the role face lianghua typesets with:
//   - a Type0 font whose descendant is not embedded, of Adobe-GB1 or Adobe-CNS1, with a predefined
//     horizontal CMap (predefined_cmap.h) and a name our family table gives a role (SubstituteFace);
//   - the CIDs its text shows are found by reading the content streams (pages, forms, annotation
//     appearances, tiling patterns) and decoding their strings through the CMap; each CID's character
//     (poppler-data's Adobe-GB1-UCS2, as Poppler draws the font) is looked up in the role face;
//   - the descendant becomes a CIDFontType2 with the cut of the face's glyf form (TrueType outlines,
//     the OFD writer's form) as /FontFile2, a /CIDToGIDMap, a subset-tagged name; /W, /DW, /Encoding
//     and the content streams are kept, so the text is drawn where it was and stays extractable;
//   - 6.2.11.5: the cut's advance widths are set to what /W says for each CID shown;
//   - the embedded program records which face it is (kSubstituteKey on the FontFile2 stream), so
//     the archive can say so (derived.json) and never hide that outlines changed.
// A simple font (Type1 or TrueType) named for a standard Latin font (latin_names), WinAnsiEncoding,
// with /Widths, gets its Liberation face embedded as a TrueType font: the codes its text shows,
// their WinAnsi characters looked up in the face (the cut keeps their (3,1) cmap entries, as
// 6.2.11.6 asks of a non-symbolic TrueType font), advances set to /Widths (6.2.11.5).
// A font that cannot be substituted (no face for its name, a character the face lacks, a CMap or
// ordering not read, vertical writing, a simple font of another encoding) is left as it was: the
// read-back check still refuses the file, and unsubstituted_fonts() says why.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "model/document.h"

class QPDF;

namespace lh::pdf {

// The names source PDFs give the GB/T 9704 styles (宋体, 黑体, 仿宋, 楷体, 小标宋) they do not
// embed, by the role of ours that stands in (fonts/roles.json): STSong-Light is the Adobe-GB1 font
// PDF readers are expected to supply, Adobe*Std the fonts of Acrobat's Chinese font pack; the rest
// are the Windows, macOS and 方正 names of the same styles (仿宋_GB2312, 楷体_GB2312 and 方正小标宋
// being the 公文 fonts of GB/T 9704 §5.2.2 and §7.3). Compared as fontconfig compares families (ASCII
// case and blanks ignored) with the font's name before "-" or "," (subset tag removed). A font is
// substituted only when the role's face has every character it shows (pdf/font_substitute_program.cpp
// plan): our 仿宋 face, FandolFang, covers GB2312, which is all a *_GB2312 font holds; a FangSong
// text with a character beyond it is refused with that character named. The one table: the OFD
// copies' vector pages set the same names in the same faces (package/vector_page.cpp), and their
// Poppler is pointed at them for page pictures where `steer_poppler` (package/ofd_copy.cpp
// steer_poppler_fonts): only for faces that cover GBK, since Poppler draws a character its face
// lacks as nothing, where the machine's default CJK face (Noto Sans CJK) would draw it.
struct SubstituteNames {
  model::FontRole role;
  std::vector<const char*> names;
  bool steer_poppler = true;
};
const std::vector<SubstituteNames>& substitute_names();

// The standard Latin fonts source PDFs name without embedding them — iText writes its Latin text and
// digits in Helvetica, WinAnsiEncoding, unembedded — by the metric-compatible family of Debian's
// fonts-liberation2 that stands in (Liberation Sans: the widths of Arial and Helvetica; Serif: of
// Times New Roman and Times; Mono: of Courier New and Courier), as Ghostscript's PDF/A conversion
// embeds its URW equivalents. Folded as folded_family folds; the style comes from what follows the
// name's "-" or "," (Bold, Italic, Oblique, BoldItalic, BoldMT, …).
struct LatinNames {
  const char* family;  // Liberation Sans
  std::vector<const char*> names;
};
const std::vector<LatinNames>& latin_names();
// "regular", "bold", "italic" or "bold-italic", from a font name's suffix ("Arial-BoldItalicMT").
std::string latin_style(const std::string& font_name);
// The family of a font name as source PDFs write it: "ABCDEF+STSong-Light" → "stsong".
std::string folded_family(const std::string& font_name);

struct SubstituteFace {
  std::string role;                 // 宋体, 黑体
  std::string family;               // Noto Serif CJK SC
  std::string file;                 // the role's face (fonts/roles.json)
  int index = 0;
  std::vector<std::string> names;   // folded families it stands in for (substitute_names)
  // A Latin face for simple fonts (latin_names): "" for a CJK role face; else "regular", "bold",
  // "italic" or "bold-italic", the style a font's name must ask for.
  std::string latin_style;
  // The file of the face's glyf form (same glyph ids, TrueType outlines: ofd::truetype_form), asked
  // only when a font is substituted.
  std::function<std::string()> truetype_file;
};

// The key the embedded program's stream dictionary carries: a text string "Noto Serif CJK SC（宋体）"
// (a private key, which readers ignore, PDF 32000-1 §7.3.7). A stream dictionary is never inside an
// object stream, so the key can be found in the file's bytes before it is parsed.
extern const char* const kSubstituteKey;

struct FontSubstitution {
  std::string font;     // the font's name as the PDF has it (STSong-Light)
  std::string face;     // "Noto Serif CJK SC（宋体）"; empty when refused
  std::string refused;  // why it was left unembedded; empty when substituted
};

// Substitutes every eligible font of `q` (above). Deterministic: same file, same faces, same result.
std::vector<FontSubstitution> substitute_fonts(QPDF& q, const std::vector<SubstituteFace>& faces);

// The substitutions a finished file records ("STSong-Light → Noto Serif CJK SC（宋体）"), in page order.
std::vector<std::string> substituted_fonts(const std::string& pdf);
std::vector<std::string> substituted_fonts(QPDF& q);  // the same, of a file already parsed
// Why each font of `pdf` that is not embedded could not be substituted ("font X: no character …").
std::vector<std::string> unsubstituted_fonts(const std::string& pdf, const std::vector<SubstituteFace>& faces);

}  // namespace lh::pdf
