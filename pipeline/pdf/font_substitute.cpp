#include "pdf/font_substitute.h"

#include <algorithm>
#include <map>
#include <set>

#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>

#include "fonts/sfnt.h"
#include "pdf/appearances.h"
#include "pdf/font_substitute_program.h"
#include "pdf/internal.h"
#include "pdf/predefined_cmap.h"
#include "pdf/qpdf_io.h"

namespace lh::pdf {
using OH = QPDFObjectHandle;
using detail::Candidate;

const char* const kSubstituteKey = "/LhSubstitute";

namespace {

std::string name_of(OH font) {
  OH n = font.getKey("/BaseFont");
  return n.isName() ? n.getName().substr(1) : std::string("(unnamed)");
}

OH descendant(OH type0) {
  OH d = type0.getKey("/DescendantFonts");
  return d.isArray() && d.getArrayNItems() > 0 ? d.getArrayItem(0) : OH();
}

bool has_font_file(OH cid_font) {
  OH desc = cid_font.getKey("/FontDescriptor");
  return desc.isDictionary() &&
         (desc.hasKey("/FontFile") || desc.hasKey("/FontFile2") || desc.hasKey("/FontFile3"));
}

// A simple font: substituted when it is named for a standard Latin font, in WinAnsiEncoding (the
// encoding iText and Word write; 6.2.11.6 allows it for a non-symbolic TrueType font), with /Widths.
Candidate classify_simple(Candidate c, OH font, const std::vector<SubstituteFace>& faces) {
  const std::string family = folded_family(c.name), style = latin_style(c.name);
  for (const SubstituteFace& f : faces)
    if (f.latin_style == style && std::find(f.names.begin(), f.names.end(), family) != f.names.end()) c.face = &f;
  const bool type1_or_truetype = font.getKey("/Subtype").isNameAndEquals("/Type1") || font.getKey("/Subtype").isNameAndEquals("/TrueType");
  if (!c.face || !type1_or_truetype)
    c.refused = "a simple font: only CID-keyed Chinese fonts (Type0) and the standard Latin fonts (Helvetica, Arial, Times, "
                "Courier) are substituted";
  else if (!font.getKey("/Encoding").isNameAndEquals("/WinAnsiEncoding"))
    c.refused = "a simple Latin font not in WinAnsiEncoding";
  else if (!font.getKey("/FirstChar").isInteger() || !font.getKey("/Widths").isArray())
    c.refused = "a simple Latin font without /FirstChar and /Widths";
  else
    c.simple = true;
  if (!c.simple) c.face = nullptr;
  return c;
}

// Whether `font` (not embedded) can be substituted, as far as its dictionaries tell.
Candidate classify(OH font, const std::vector<SubstituteFace>& faces) {
  Candidate c;
  c.type0 = font;
  c.name = name_of(font);
  if (!font.getKey("/Subtype").isNameAndEquals("/Type0")) return classify_simple(c, font, faces);
  c.cid_font = descendant(font);
  if (!c.cid_font.isDictionary()) {
    c.refused = "no descendant font";
    return c;
  }
  OH info = c.cid_font.getKey("/CIDSystemInfo");
  OH reg = info.isDictionary() ? info.getKey("/Registry") : OH(), ord = info.isDictionary() ? info.getKey("/Ordering") : OH();
  c.ordering = ord.isString() ? ord.getStringValue() : std::string();
  if (!reg.isString() || reg.getStringValue() != "Adobe" || (c.ordering != "GB1" && c.ordering != "CNS1")) {
    c.refused = "its character collection is not Adobe-GB1 or Adobe-CNS1";
    return c;
  }
  OH enc = font.getKey("/Encoding");
  c.cmap = enc.isName() ? detail::predefined_cmap(c.ordering, enc.getName().substr(1)) : nullptr;
  if (!c.cmap) {
    c.refused = enc.isName() ? "its CMap " + enc.getName().substr(1) + " is not one poppler-data has"
                             : "its CMap is embedded, not a predefined one";
    return c;
  }
  if (c.cmap->vertical()) {
    c.refused = "vertical writing (a -V CMap)";
    return c;
  }
  const std::string family = folded_family(c.name);
  for (const SubstituteFace& f : faces)
    for (const std::string& n : f.names)
      if (n == family && f.latin_style.empty()) c.face = &f;
  if (!c.face) c.refused = "no role of ours stands in for that name (宋体, 黑体, 仿宋, 楷体 and 小标宋 names are substituted)";
  return c;
}

// Reads content streams and collects the CIDs each candidate font shows. The content is read as
// tokens (QPDFTokenizer), not as objects: only the text operators and the operands they take
// matter here, and building a qpdf object for every number of a text-heavy page was most of this
// pass's reading (bench/RESULTS.md §8a8).
class Scan {
 public:
  Scan(std::map<QPDFObjGen, Candidate>& fonts, const std::vector<SubstituteFace>& faces) : fonts_(fonts), faces_(faces) {}

  // A page, form, annotation appearance or pattern: its fonts, its content, the forms and tiling
  // patterns of its resources (drawn or not: the read-back check asks about every font they name).
  // A form without resources of its own uses its parent's (PDF 32000-1 §8.10.1, Table 95). The
  // content is read only where a font that may be substituted can be shown: the pages lianghua
  // typeset itself (every font embedded), most of a night's PDF/A copies, are never tokenized.
  void container(OH stream_or_page, OH resources, bool is_page) {
    if (stream_or_page.isIndirect() && !seen_.insert(stream_or_page.getObjGen()).second) return;
    if (note_fonts(resources)) {
      const Frame saved = frame_;
      frame_ = {resources, nullptr, {}};
      try {
        read(content_of(stream_or_page, is_page));
      } catch (const std::exception&) {
        // A content stream qpdf cannot read is drawn by no reader either: nothing more is learnt.
      }
      frame_ = saved;
    }
    OH xo = resources.isDictionary() ? resources.getKey("/XObject") : OH();
    if (xo.isDictionary())
      for (auto& [name, x] : xo.ditems())
        if (x.isStream() && x.getDict().getKey("/Subtype").isNameAndEquals("/Form")) {
          OH own = x.getDict().getKey("/Resources");
          container(x, own.isDictionary() ? own : resources, false);
        }
    OH pats = resources.isDictionary() ? resources.getKey("/Pattern") : OH();
    if (pats.isDictionary())
      for (auto& [name, p] : pats.ditems())
        if (p.isStream() && p.getDict().getKey("/PatternType").isInteger() && p.getDict().getKey("/PatternType").getIntValue() == 1)
          container(p, p.getDict().getKey("/Resources"), false);
  }

 private:
  struct Frame {
    OH resources;
    Candidate* font = nullptr;
    std::vector<Candidate*> saved;
  };
  // An operand as the text operators need it: its kind, and a name's or a string's bytes (an
  // array's strings for TJ). Other operands only count.
  struct Operand {
    char kind = '?';                   // 'n' name, 's' string, 'a' array, '?' anything else
    std::vector<std::string> strings;  // 's': one; 'a': the strings in it
    std::string name;
  };

  // A page's content streams joined (with the newline between them qpdf's own parser reads), or
  // one stream's data, decoded.
  static std::string content_of(OH stream_or_page, bool is_page) {
    Pl_Buffer buf("content");
    if (is_page) QPDFPageObjectHelper(stream_or_page).pipeContents(&buf);
    else stream_or_page.pipeStreamData(&buf, 0, qpdf_dl_generalized);
    std::shared_ptr<Buffer> b = buf.getBufferSharedPointer();
    return b ? std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) : std::string();
  }

  // The operators of PDF 32000-1 §7.8.2's content syntax, one at a time with their operands;
  // inline image data (BI … ID … EI, §8.9.7) skipped as qpdf's parser skips it.
  void read(const std::string& content) {
    auto input = std::make_shared<BufferInputSource>("content", content);
    QPDFTokenizer tok;
    tok.allowEOF();
    std::vector<Operand> operands;
    int depth = 0;  // inside [ ] (an array operand) or << >> (a dictionary operand)
    for (;;) {
      QPDFTokenizer::Token t = tok.readToken(input, "content", true);
      const auto type = t.getType();
      if (type == QPDFTokenizer::tt_eof) break;
      if (type == QPDFTokenizer::tt_array_open || type == QPDFTokenizer::tt_dict_open) {
        if (depth++ == 0) operands.push_back({type == QPDFTokenizer::tt_array_open ? 'a' : '?', {}, {}});
      } else if (type == QPDFTokenizer::tt_array_close || type == QPDFTokenizer::tt_dict_close) {
        depth = std::max(0, depth - 1);
      } else if (depth > 0) {
        if (type == QPDFTokenizer::tt_string && operands.back().kind == 'a') operands.back().strings.push_back(t.getValue());
      } else if (type == QPDFTokenizer::tt_word) {
        if (t.getValue() == "ID") skip_inline_image(tok, input);
        else text_operator(t.getValue(), operands);
        operands.clear();
      } else if (type == QPDFTokenizer::tt_name) {
        operands.push_back({'n', {}, t.getValue()});
      } else if (type == QPDFTokenizer::tt_string) {
        operands.push_back({'s', {t.getValue()}, {}});
      } else {
        operands.emplace_back();
      }
    }
  }
  static void skip_inline_image(QPDFTokenizer& tok, const std::shared_ptr<InputSource>& input) {
    char ch = 0;
    input->read(&ch, 1);  // the white-space character after ID
    tok.expectInlineImage(input);
    tok.readToken(input, "content", true);
  }
  void text_operator(const std::string& op, const std::vector<Operand>& a) {
    if (op == "q") frame_.saved.push_back(frame_.font);
    else if (op == "Q" && !frame_.saved.empty()) frame_.font = frame_.saved.back(), frame_.saved.pop_back();
    else if (op == "Tf" && a.size() >= 2 && a[a.size() - 2].kind == 'n') frame_.font = font_named(a[a.size() - 2].name);
    else if ((op == "Tj" || op == "'" || op == "\"") && !a.empty() && a.back().kind == 's') show(a.back().strings.front());
    else if (op == "TJ" && !a.empty() && a.back().kind == 'a')
      for (const std::string& s : a.back().strings) show(s);
  }


  Candidate* note(OH f) {
    if (!f.isDictionary() || !f.isIndirect() || has_font_file(f)) return nullptr;
    if (f.getKey("/Subtype").isNameAndEquals("/Type3")) return nullptr;  // glyphs are content: nothing to embed
    if (f.getKey("/Subtype").isNameAndEquals("/Type0")) {
      OH d = descendant(f);
      if (d.isDictionary() && has_font_file(d)) return nullptr;
    }
    auto it = fonts_.find(f.getObjGen());
    if (it == fonts_.end()) it = fonts_.emplace(f.getObjGen(), classify(f, faces_)).first;
    return &it->second;
  }
  // Notes the fonts of `resources`; true when one of them may be substituted.
  bool note_fonts(OH resources) {
    OH fonts = resources.isDictionary() ? resources.getKey("/Font") : OH();
    bool substitutable = false;
    if (fonts.isDictionary())
      for (auto& [name, f] : fonts.ditems())
        if (Candidate* c = note(f); c && c->refused.empty()) substitutable = true;
    return substitutable;
  }
  Candidate* font_named(const std::string& name) {
    OH fonts = frame_.resources.isDictionary() ? frame_.resources.getKey("/Font") : OH();
    return fonts.isDictionary() ? note(fonts.getKey(name)) : nullptr;
  }
  void show(const std::string& s) {
    Candidate* c = frame_.font;
    if (!c || !c->refused.empty()) return;
    if (c->simple) {
      for (unsigned char code : s) c->cids.insert(code);  // one byte a code (PDF 32000-1 §9.6.6)
      return;
    }
    for (uint32_t cid : c->cmap->cids(s)) c->cids.insert(cid);
  }

  std::map<QPDFObjGen, Candidate>& fonts_;
  const std::vector<SubstituteFace>& faces_;
  std::set<QPDFObjGen> seen_;
  Frame frame_;
};

// Every font of `q` that is not embedded, with the CIDs its text shows.
std::map<QPDFObjGen, Candidate> find_fonts(QPDF& q, const std::vector<SubstituteFace>& faces) {
  std::map<QPDFObjGen, Candidate> fonts;
  Scan scan(fonts, faces);
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    scan.container(page.getObjectHandle(), page.getAttribute("/Resources", false), true);
    for (OH& s : detail::appearance_streams(page)) scan.container(s, s.getDict().getKey("/Resources"), false);
  }
  return fonts;
}

// What a substitute's descriptor takes where the font's own says nothing (PDF 32000-1 §9.8.1).
struct Metrics {
  const char* bbox;
  int italic_angle, ascent, descent, cap_height;
};

// The descriptor of a substitute: the font's own (`old`) or a new one, without its old program or
// glyph list, named `tagged`, with `flags`, the metrics it lacks from `m`, and `program` as its
// /FontFile2 (deflated here), which records the face it is (kSubstituteKey).
OH substitute_descriptor(QPDF& q, OH old, const std::string& tagged, long long flags, const Metrics& m, const SubstituteFace& face,
                         const std::string& program) {
  OH file = detail::new_deflated_stream(q, program);
  file.getDict().replaceKey("/Length1", OH::newInteger(static_cast<long long>(program.size())));
  file.getDict().replaceKey(kSubstituteKey, OH::newUnicodeString(face.family + "（" + face.role + "）"));
  OH desc = old.isDictionary() ? old.shallowCopy() : OH::newDictionary();
  for (const char* k : {"/FontFile", "/FontFile3", "/CIDSet", "/CharSet"}) desc.removeKey(k);
  desc.replaceKey("/Type", OH::newName("/FontDescriptor"));
  desc.replaceKey("/FontName", OH::newName("/" + tagged));
  desc.replaceKey("/Flags", OH::newInteger(flags));
  if (!desc.hasKey("/FontBBox")) desc.replaceKey("/FontBBox", OH::parse(m.bbox));
  for (const auto& [k, v] : {std::pair{"/ItalicAngle", m.italic_angle}, {"/Ascent", m.ascent}, {"/Descent", m.descent},
                             {"/CapHeight", m.cap_height}, {"/StemV", 80}})
    if (!desc.hasKey(k)) desc.replaceKey(k, OH::newInteger(v));
  desc.replaceKey("/FontFile2", file);
  return q.makeIndirectObject(desc);
}

// The descendants of `same` (one font: same name, CMap and widths) made CIDFontType2s sharing one
// embedded `program`, CIDToGIDMap and descriptor; the rest of each font kept.
void embed(QPDF& q, const std::vector<Candidate*>& same, const std::string& program, const std::map<uint32_t, uint32_t>& cut_gid) {
  Candidate& first = *same.front();
  const std::string tagged = detail::subset_tag(program) + "+" + first.name;
  std::string map(2 * (cut_gid.empty() ? 1 : cut_gid.rbegin()->first + 1), '\0');  // CIDToGIDMap: 2 bytes per CID
  for (const auto& [cid, g] : cut_gid) fonts::sfnt::set16(map, 2 * size_t{cid}, g);
  OH cid_to_gid = q.makeIndirectObject(detail::new_deflated_stream(q, map));
  OH old = first.cid_font.getKey("/FontDescriptor");
  const long long flags = old.isDictionary() && old.getKey("/Flags").isInteger() ? old.getKey("/Flags").getIntValue() : 4;  // symbolic: by CID
  OH desc = substitute_descriptor(q, old, tagged, flags, {"[-100 -200 1100 900]", 0, 880, -120, 700}, *first.face, program);
  for (Candidate* c : same) {
    c->cid_font.replaceKey("/Subtype", OH::newName("/CIDFontType2"));
    c->cid_font.replaceKey("/BaseFont", OH::newName("/" + tagged));
    c->cid_font.replaceKey("/FontDescriptor", desc);
    c->cid_font.replaceKey("/CIDToGIDMap", cid_to_gid);
    c->type0.replaceKey("/BaseFont", OH::newName("/" + tagged));
  }
}

// A simple font made a TrueType font with `program` embedded (PDF 32000-1 §9.6.3): its /Encoding
// (WinAnsiEncoding) and /Widths kept, its descriptor non-symbolic (6.2.11.6: glyphs by their
// characters, through the program's (3,1) cmap), all of `same` sharing one program and descriptor.
// A standard 14 font has no descriptor: it gets one, with Liberation's metrics.
void embed_simple(QPDF& q, const std::vector<Candidate*>& same, const std::string& program) {
  Candidate& first = *same.front();
  const std::string tagged = detail::subset_tag(program) + "+" + first.name;
  OH old = first.type0.getKey("/FontDescriptor");
  const bool italic = first.face->latin_style.find("italic") != std::string::npos;
  long long flags = old.isDictionary() && old.getKey("/Flags").isInteger() ? old.getKey("/Flags").getIntValue() : 0;
  flags = (flags & ~4LL) | 32 | (italic ? 64 : 0);  // nonsymbolic, not symbolic (§9.8.2)
  OH desc = substitute_descriptor(q, old, tagged, flags, {"[-665 -325 2000 1040]", italic ? -12 : 0, 905, -212, 716}, *first.face, program);
  for (Candidate* c : same) {
    c->type0.replaceKey("/Subtype", OH::newName("/TrueType"));
    c->type0.replaceKey("/BaseFont", OH::newName("/" + tagged));
    c->type0.replaceKey("/FontDescriptor", desc);
  }
}

// What makes two font objects one font: a 案卷 assembled from several source PDFs has each one's
// STSong-Light, and one cut serves them all (one program embedded and compressed, not one each).
std::string same_font_key(Candidate& c) {
  if (c.simple)
    return c.name + "\nsimple\n" + c.type0.getKey("/FirstChar").unparse() + "\n" + c.type0.getKey("/Widths").unparse() + "\n" + c.face->file;
  return c.name + "\n" + c.ordering + "\n" + c.type0.getKey("/Encoding").unparse() + "\n" + c.cid_font.getKey("/W").unparse() +
         "\n" + c.cid_font.getKey("/DW").unparse() + "\n" + c.face->file;
}

}  // namespace

std::vector<FontSubstitution> substitute_fonts(QPDF& q, const std::vector<SubstituteFace>& faces) {
  std::vector<FontSubstitution> out;
  if (faces.empty()) return out;  // not asked (lianghua's own documents embed every font)
  std::map<QPDFObjGen, Candidate> fonts = find_fonts(q, faces);
  std::map<std::string, std::vector<Candidate*>> same;
  for (auto& [og, c] : fonts) {
    if (c.refused.empty()) same[same_font_key(c)].push_back(&c);
    else out.push_back({c.name, {}, c.refused});
  }
  for (auto& [key, group] : same) {
    Candidate all = *group.front();
    for (const Candidate* c : group) all.cids.insert(c->cids.begin(), c->cids.end());
    std::map<uint32_t, uint32_t> glyph_of, cut_gid;
    std::string program;
    std::string why = detail::plan(all, glyph_of);
    if (why.empty()) why = detail::cut(all, glyph_of, program, cut_gid);
    for (const Candidate* c : group) out.push_back({c->name, why.empty() ? c->face->family + "（" + c->face->role + "）" : "", why});
    if (why.empty() && all.simple) embed_simple(q, group, program);
    else if (why.empty()) embed(q, group, program, cut_gid);
  }
  return out;
}

namespace {

void recorded(OH resources, std::set<QPDFObjGen>& seen, std::vector<std::string>& out) {
  if (!resources.isDictionary()) return;
  OH fonts = resources.getKey("/Font");
  if (fonts.isDictionary())
    for (auto& [name, f] : fonts.ditems()) {
      if (!f.isDictionary() || (f.isIndirect() && !seen.insert(f.getObjGen()).second)) continue;
      OH d = descendant(f);  // a simple font has its descriptor itself
      OH desc = d.isDictionary() ? d.getKey("/FontDescriptor") : f.getKey("/FontDescriptor");
      OH program = desc.isDictionary() ? desc.getKey("/FontFile2") : OH();
      OH face = program.isStream() ? program.getDict().getKey(kSubstituteKey) : OH();
      if (!face.isString()) continue;
      std::string font = name_of(f);
      if (font.size() > 7 && font[6] == '+') font = font.substr(7);  // the tag the pass gave it
      const std::string line = font + " → " + face.getUTF8Value();
      if (std::find(out.begin(), out.end(), line) == out.end()) out.push_back(line);
    }
  OH xo = resources.getKey("/XObject");
  if (xo.isDictionary())
    for (auto& [name, x] : xo.ditems())
      if (x.isStream() && x.getDict().getKey("/Subtype").isNameAndEquals("/Form") && x.isIndirect() && seen.insert(x.getObjGen()).second)
        recorded(x.getDict().getKey("/Resources"), seen, out);
}

}  // namespace

std::vector<std::string> substituted_fonts(const std::string& pdf) {
  std::vector<std::string> out;
  // The key sits in a stream dictionary, which is never compressed (no stream is in an object
  // stream): a file without it is not parsed again.
  if (pdf.find(kSubstituteKey) == std::string::npos) return out;
  try {
    auto q = detail::open_memory(pdf, "substituted.pdf");
    return substituted_fonts(*q);
  } catch (const std::exception&) {
    // A file qpdf cannot read records nothing; the read-back check says what is wrong with it.
  }
  return out;
}

std::vector<std::string> substituted_fonts(QPDF& q) {
  std::vector<std::string> out;
  try {
    std::set<QPDFObjGen> seen;
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
      recorded(page.getAttribute("/Resources", false), seen, out);
      for (OH& s : detail::appearance_streams(page)) recorded(s.getDict().getKey("/Resources"), seen, out);
    }
  } catch (const std::exception&) {
    out.clear();  // as above: a file qpdf cannot read records nothing
  }
  return out;
}

std::vector<std::string> unsubstituted_fonts(const std::string& pdf, const std::vector<SubstituteFace>& faces) {
  std::vector<std::string> out;
  if (faces.empty()) return out;
  try {
    auto q = detail::open_memory(pdf, "unsubstituted.pdf");
    for (const FontSubstitution& s : substitute_fonts(*q, faces))
      if (!s.refused.empty()) out.push_back("font " + s.font + " cannot be substituted: " + s.refused);
  } catch (const std::exception&) {
  }
  return out;
}

}  // namespace lh::pdf
