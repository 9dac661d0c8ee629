// Body content of a WordprocessingML part (ECMA-376 Part 1):
//   paragraphs §17.3.1, runs §17.3.2, run content §17.3.3 (t, tab, br, cr, sym, noBreakHyphen,
//   drawing, pict), hyperlinks §17.16.22, complex fields §17.16.18 (fldChar) / §17.16.23 (instrText)
//   and simple fields §17.16.19, structured document tags §17.5.2 (sdt at block, run, row and cell
//   level), custom XML §17.5.1, revisions §17.13.5 (ins kept, del dropped), bookmarks §17.13.6.2,
//   tables §17.4 (docx_table.cpp),
//   DrawingML pictures (a:blip r:embed, Part 1 §20.1.8.13; wp:extent §20.4.2.7), text boxes
//   (w:txbxContent §17.17.1), markup compatibility (Part 3 §10.2, mc:AlternateContent).
#include <charconv>
#include <cmath>

#include "ingest/docx_internal.h"

namespace lh::ingest::docx {
using model::Block;
using model::Paragraph;
using model::Run;

namespace {

// The inline state of one paragraph being read.
struct Inline {
  Context& ctx;
  const PartContext& part;
  RunProps para_rpr;                 // the paragraph style's run properties
  std::vector<Run> runs;
  std::vector<Block> before, after;  // page breaks before; images and text boxes after
  std::string anchor;
  std::string link;                  // the enclosing w:hyperlink's target
  struct Field {
    bool result = false;  // past fldChar "separate"
    std::string instr;
    bool page = false;    // a PAGE field in a header/footer: "{PAGE}" replaces the result
    std::string link;     // a HYPERLINK field's target
  };
  std::vector<Field> fields;
  int depth = 0;
};

void read_inline(const xmlNode* parent, Inline& st);
void read_run(const xmlNode* r, Inline& st);

bool text_hidden_by_fields(const Inline& st) {
  for (const auto& f : st.fields)
    if (!f.result || f.page) return true;  // instruction text, or a result we replace
  return false;
}

std::string current_link(const Inline& st) {
  for (auto it = st.fields.rbegin(); it != st.fields.rend(); ++it)
    if (!it->link.empty()) return it->link;
  return st.link;
}

bool same_format(const Run& a, const Run& b) {
  return a.role == b.role && a.size_pt == b.size_pt && a.bold == b.bold && a.italic == b.italic &&
         a.underline == b.underline && a.color_rgb == b.color_rgb && a.link == b.link;
}

void emit_text(Inline& st, const RunProps& p, std::string_view text, bool force = false) {
  if (text.empty()) return;
  if (!force && text_hidden_by_fields(st)) return;
  if (p.hidden.value_or(false)) return;  // w:vanish: not printed
  Run r;
  r.text = std::string(text);
  r.role = p.role;
  r.size_pt = p.size_pt.value_or(0);
  r.bold = p.bold.value_or(false);
  r.italic = p.italic.value_or(false);
  r.underline = p.underline.value_or(false);
  r.color_rgb = p.color.value_or(0);
  r.link = current_link(st);
  if (!st.runs.empty() && same_format(st.runs.back(), r)) st.runs.back().text += r.text;
  else st.runs.push_back(std::move(r));
}

// --- fields (§17.16) ----------------------------------------------------------------------------

// HYPERLINK "url" or HYPERLINK \l "anchor" (§17.16.5.25).
std::string hyperlink_target(std::string_view instr) {
  bool local = instr.find("\\l") != std::string_view::npos;
  size_t q1 = instr.find('"');
  if (q1 == std::string_view::npos) return {};
  size_t q2 = instr.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  std::string t(instr.substr(q1 + 1, q2 - q1 - 1));
  return local ? "#" + t : t;
}

void on_fld_char(const xmlNode* e, Inline& st, const RunProps& p) {
  std::string type = w_attr(e, "fldCharType").value_or("");
  if (type == "begin") {
    if (st.fields.size() < 16) st.fields.push_back({});
  } else if (type == "separate") {
    if (st.fields.empty()) return;
    auto& f = st.fields.back();
    f.result = true;
    std::string kind = field_kind(f.instr);
    if (kind == "HYPERLINK") f.link = hyperlink_target(f.instr);
    if (st.part.header_footer && kind == "PAGE") {
      // Show "{PAGE}" once, in place of the result.
      f.page = false;
      emit_text(st, p, "{PAGE}");
      f.page = true;
    }
  } else if (type == "end") {
    if (st.fields.empty()) return;
    auto f = st.fields.back();
    st.fields.pop_back();
    // A PAGE field with no separate (no cached result) still shows a number.
    if (!f.result && st.part.header_footer && field_kind(f.instr) == "PAGE") emit_text(st, p, "{PAGE}");
  }
}

void on_instr_text(const xmlNode* e, Inline& st) {
  if (!st.fields.empty() && !st.fields.back().result && st.fields.back().instr.size() < 4096)
    st.fields.back().instr += own_text(e);
}

// w:fldSimple (§17.16.19): its runs are the result.
void on_simple_field(const xmlNode* e, Inline& st) {
  std::string instr = w_attr(e, "instr").value_or("");
  std::string kind = field_kind(instr);
  if (st.part.header_footer && kind == "PAGE") {
    emit_text(st, st.para_rpr, "{PAGE}");
    return;
  }
  std::string saved = st.link;
  if (kind == "HYPERLINK") st.link = hyperlink_target(instr);
  read_inline(e, st);
  st.link = saved;
}

// --- pictures and text boxes ----------------------------------------------------------------------

void add_image(Inline& st, const std::string& rid, double w_mm, double h_mm, std::string description) {
  const opc::Relationship* rel = st.part.rels.by_id(rid);
  if (!rel || rel->external || rel->target.empty()) {
    ++st.ctx.images_missing;
    return;
  }
  ZipMember m = st.ctx.pkg->zip.read(rel->target);
  if (m.error) {
    if (opc::is_fatal(*m.error)) st.ctx.fatal = m.error;
    ++st.ctx.images_missing;
    return;
  }
  model::Image img;
  img.media_type = opc::image_media_type(*st.ctx.pkg, rel->target, m.bytes);
  img.bytes = std::move(m.bytes);
  img.width_mm = w_mm;
  img.height_mm = h_mm;
  img.description = std::move(description);
  ++st.ctx.images;
  st.after.push_back(Block{std::move(img)});
}

double emu_to_mm(const xmlNode* extent, std::string_view a) {  // 36000 EMU per mm (§20.1.2.1)
  auto v = to_double(attr(extent, a));
  if (!v || !std::isfinite(*v) || *v <= 0 || *v > 1e10) return 0;
  return *v / 36000.0;
}

void read_textbox(const xmlNode* txbx, Inline& st) {
  if (st.depth >= kMaxDepth) return;
  for (xmlNode* c : elements(txbx)) read_block(c, st.ctx, st.part, st.after, st.depth + 1);
}

// Walk a w:drawing or w:pict subtree: pictures, text boxes, charts (skipped, counted).
void scan_graphic(const xmlNode* n, Inline& st, double w_mm, double h_mm, std::string& descr, int depth) {
  if (depth > 64 || st.ctx.fatal) return;
  for (xmlNode* c : elements(n)) {
    if (local_is(c, "extent") && w_mm == 0) {
      w_mm = emu_to_mm(c, "cx");
      h_mm = emu_to_mm(c, "cy");
      continue;
    }
    if (local_is(c, "docPr")) {
      descr = attr(c, "descr");
      if (descr.empty()) descr = attr(c, "title");
      continue;
    }
    if (el_is(c, kA, "blip", kAStrict)) {
      std::string rid = attr(c, "embed", opc::kRelNs);
      if (rid.empty()) rid = attr(c, "embed", opc::kRelNsStrict);
      if (!rid.empty()) add_image(st, rid, w_mm, h_mm, descr);
      continue;
    }
    if (local_is(c, "imagedata")) {  // VML v:imagedata r:id
      std::string rid = attr(c, "id", opc::kRelNs);
      if (!rid.empty()) add_image(st, rid, w_mm, h_mm, attr(c, "title"));
      continue;
    }
    if (is_w(c, "txbxContent")) {
      read_textbox(c, st);
      continue;
    }
    if (local_is(c, "chart") || local_is(c, "relIds")) {  // c:chart, dgm:relIds (SmartArt)
      ++st.ctx.charts_skipped;
      continue;
    }
    if (el_is(c, kMc, "AlternateContent")) {
      xmlNode* pick = nullptr;
      for (xmlNode* alt : elements(c))
        if (!pick && (local_is(alt, "Choice") || local_is(alt, "Fallback"))) pick = alt;
      if (pick) scan_graphic(pick, st, w_mm, h_mm, descr, depth + 1);
      continue;
    }
    scan_graphic(c, st, w_mm, h_mm, descr, depth + 1);
  }
}

void on_drawing(const xmlNode* e, Inline& st) {
  std::string descr;
  scan_graphic(e, st, 0, 0, descr, 0);
}

// --- run content (§17.3.3) ----------------------------------------------------------------------

void on_break(const xmlNode* e, Inline& st, const RunProps& p) {  // §17.3.3.1
  std::string type = w_attr(e, "type").value_or("textWrapping");
  if (type == "page") {
    bool has_text = false;
    for (const auto& r : st.runs)
      if (!r.text.empty()) has_text = true;
    (has_text ? st.after : st.before).push_back(Block{model::PageBreak{}});
  } else if (type != "column") {
    emit_text(st, p, "\n");
  }
}

void on_symbol(const xmlNode* e, Inline& st, const RunProps& p) {  // §17.3.3.30
  std::string hex = w_attr(e, "char").value_or("");
  unsigned cp = 0;
  auto r = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
  if (r.ec != std::errc() || cp == 0) return;
  if (const std::string box = symbol_text(w_attr(e, "font").value_or(""), cp); !box.empty()) return emit_text(st, p, box);
  if (cp >= 0xF000 && cp <= 0xF0FF) return;  // a symbol-font glyph with no Unicode meaning
  if (cp < 0x20 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  std::string u8;
  if (cp < 0x80) u8 += static_cast<char>(cp);
  else if (cp < 0x800) {
    u8 += static_cast<char>(0xC0 | (cp >> 6));
    u8 += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    u8 += static_cast<char>(0xE0 | (cp >> 12));
    u8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    u8 += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    u8 += static_cast<char>(0xF0 | (cp >> 18));
    u8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    u8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    u8 += static_cast<char>(0x80 | (cp & 0x3F));
  }
  emit_text(st, p, u8);
}

void read_run_content(const xmlNode* parent, Inline& st, const RunProps& p) {
  for (xmlNode* e : elements(parent)) {
    if (st.ctx.fatal) return;
    if (is_w(e, "t")) emit_text(st, p, p.symbol_font && !p.symbol_font->empty() ? symbol_run_text(*p.symbol_font, own_text(e)) : own_text(e));
    else if (is_w(e, "tab") || is_w(e, "ptab")) emit_text(st, p, "\t");
    else if (is_w(e, "br")) on_break(e, st, p);
    else if (is_w(e, "cr")) emit_text(st, p, "\n");
    else if (is_w(e, "noBreakHyphen")) emit_text(st, p, "\u2011");
    else if (is_w(e, "sym")) on_symbol(e, st, p);
    else if (is_w(e, "fldChar")) on_fld_char(e, st, p);
    else if (is_w(e, "instrText")) on_instr_text(e, st);
    else if (is_w(e, "drawing") || is_w(e, "pict")) on_drawing(e, st);
    else if (is_w(e, "object")) ++st.ctx.objects_skipped;
    // The note's number; its text follows the document (docx_notes.cpp).
    else if (is_w(e, "footnoteReference") || is_w(e, "endnoteReference"))
      emit_text(st, p, note_reference(st.ctx, is_w(e, "endnoteReference"), w_attr(e, "id").value_or("")));
    else if (el_is(e, kMc, "AlternateContent")) {
      // Take the first choice we are offered (wps/wpg drawings); Fallback only when there is none.
      xmlNode* pick = nullptr;
      for (xmlNode* alt : elements(e))
        if (!pick && local_is(alt, "Choice")) pick = alt;
      if (!pick)
        for (xmlNode* alt : elements(e))
          if (!pick && local_is(alt, "Fallback")) pick = alt;
      if (pick) read_run_content(pick, st, p);
    }
    // w:delText, w:rPr, w:lastRenderedPageBreak: nothing to show.
  }
}

void read_run(const xmlNode* r, Inline& st) {
  RunProps direct = parse_rpr(w_child(r, "rPr"));
  RunProps p = st.para_rpr;
  if (!direct.char_style.empty()) p.merge_from(st.ctx.styles.run_props(direct.char_style));
  p.merge_from(direct);
  read_run_content(r, st, p);
}

// Office Math (Part 1 §22.1): its m:t text, in order.
void read_math(const xmlNode* m, Inline& st, int depth) {
  if (depth > 64) return;
  for (xmlNode* c : elements(m)) {
    if (local_is(c, "t")) emit_text(st, st.para_rpr, own_text(c));
    else read_math(c, st, depth + 1);
  }
}

void on_hyperlink(const xmlNode* e, Inline& st) {  // §17.16.22
  std::string saved = st.link;
  std::string target;
  std::string rid = attr(e, "id", opc::kRelNs);
  if (rid.empty()) rid = attr(e, "id", opc::kRelNsStrict);
  if (const auto* rel = st.part.rels.by_id(rid)) target = rel->target;
  if (auto a = w_attr(e, "anchor"); a && !a->empty()) target = "#" + *a;
  if (!target.empty()) st.link = target;
  read_inline(e, st);
  st.link = saved;
}

void on_bookmark(const xmlNode* e, Inline& st) {  // §17.13.6.2
  std::string name = w_attr(e, "name").value_or("");
  if (st.anchor.empty() && !name.empty() && name != "_GoBack") st.anchor = name;
}

// Inline content of a paragraph, hyperlink, run-level sdt, smartTag, customXml, ins, fldSimple.
void read_inline(const xmlNode* parent, Inline& st) {
  if (++st.depth > kMaxDepth) {
    --st.depth;
    return;
  }
  for (xmlNode* e : elements(parent)) {
    if (st.ctx.fatal) break;
    if (is_w(e, "r")) read_run(e, st);
    else if (is_w(e, "hyperlink")) on_hyperlink(e, st);
    else if (is_w(e, "fldSimple")) on_simple_field(e, st);
    else if (is_w(e, "sdt")) {
      if (xmlNode* c = w_child(e, "sdtContent")) read_inline(c, st);
    } else if (is_w(e, "smartTag") || is_w(e, "customXml") || is_w(e, "ins") || is_w(e, "moveTo") ||
               is_w(e, "dir") || is_w(e, "bdo")) {
      read_inline(e, st);
    } else if (is_w(e, "bookmarkStart")) on_bookmark(e, st);
    else if (local_is(e, "oMathPara") || local_is(e, "oMath")) read_math(e, st, 0);
    else if (el_is(e, kMc, "AlternateContent")) {
      for (xmlNode* alt : elements(e))
        if (local_is(alt, "Choice")) {
          read_inline(alt, st);
          break;
        }
    }
    // w:del, w:moveFrom (deleted text), w:proofErr, w:permStart ...: nothing to show.
  }
  --st.depth;
}

// --- paragraphs (§17.3.1) -------------------------------------------------------------------------

void read_paragraph(const xmlNode* p, Context& ctx, const PartContext& part, std::vector<Block>& out, int depth) {
  ParaProps direct = parse_ppr(w_child(p, "pPr"));
  std::string style_id = direct.style.empty() ? ctx.styles.default_paragraph() : direct.style;
  ParaProps props = ctx.styles.para_props(style_id);
  props.merge_from(direct);

  Inline st{ctx, part, ctx.styles.run_props(style_id), {}, {}, {}, {}, {}, {}, depth};
  // The paragraph mark's run properties (pPr/rPr) describe the mark only, not the text: not used.
  read_inline(p, st);

  Paragraph para;
  para.style = style_id.empty() ? std::string() : ctx.styles.display_name(style_id);
  if (direct.outline) para.heading_level = *direct.outline < 9 ? *direct.outline + 1 : 0;
  else para.heading_level = ctx.styles.heading_level(style_id);
  para.align = props.align;
  para.keep_with_next = props.keep_next.value_or(false);
  para.first_line_indent_chars = props.first_line_chars.value_or(-1);
  if (props.num_id) {
    para.list = ctx.numbering.kind(*props.num_id, props.ilvl.value_or(0));
    para.list_level = para.list == model::ListKind::None ? 0 : props.ilvl.value_or(0);
    std::string number = ctx.numbering.next_label(*props.num_id, props.ilvl.value_or(0));
    // An auto-numbered heading keeps the number Word prints ("第一章　总则", not "总则"): the outline,
    // the 目录 and the structure analysis read headings by their numbers (issue 11). So does an
    // article numbered "第%1条" in a body paragraph: it is a 条, set as one ("第一条" 黑体), not a list
    // item. Other body lists keep their list kind: the layout draws GB/T 9704 markers for them,
    // unless the reader is asked for Word's own numbers (ReadOptions::list_numbers_as_text).
    const bool structure = ctx.numbering.numbers_structure(*props.num_id, props.ilvl.value_or(0));
    if ((para.heading_level > 0 || structure || ctx.list_numbers_as_text) && para.list != model::ListKind::None &&
        !number.empty()) {
      model::Run r = st.runs.empty() ? model::Run{} : st.runs.front();
      r.text = std::move(number);
      r.link.clear();
      st.runs.insert(st.runs.begin(), std::move(r));
      para.list = model::ListKind::None;
      para.list_level = 0;
    }
  }
  para.anchor = st.anchor;
  para.runs = std::move(st.runs);

  if (props.page_break_before.value_or(false)) out.push_back(Block{model::PageBreak{}});
  for (auto& b : st.before) out.push_back(std::move(b));
  // A paragraph that only carried a page break or a picture adds no empty line of its own.
  bool only_objects = para.runs.empty() && (!st.before.empty() || !st.after.empty());
  if (!only_objects) out.push_back(Block{std::move(para)});
  for (auto& b : st.after) out.push_back(std::move(b));
}

}  // namespace

std::string field_kind(std::string_view instr) {
  size_t b = 0;
  while (b < instr.size() && (instr[b] == ' ' || instr[b] == '\t')) ++b;
  size_t e = b;
  while (e < instr.size() && instr[e] != ' ' && instr[e] != '\t') ++e;
  std::string w(instr.substr(b, e - b));
  for (char& c : w)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return w;
}

const xmlNode* paragraph_section(const xmlNode* p) {
  if (xmlNode* ppr = w_child(p, "pPr")) return w_child(ppr, "sectPr");
  return nullptr;
}

void read_block(const xmlNode* el, Context& ctx, const PartContext& part, std::vector<Block>& out, int depth) {
  if (ctx.fatal || depth > kMaxDepth) return;
  if (is_w(el, "p")) read_paragraph(el, ctx, part, out, depth);
  else if (is_w(el, "tbl")) read_table(el, ctx, part, out, depth);
  else if (is_w(el, "sdt")) {  // §17.5.2.29 block-level content control
    if (is_toc_content_control(el)) add_source_toc(toc_content_control_levels(el), out);
    else if (xmlNode* c = w_child(el, "sdtContent"))
      for (xmlNode* k : elements(c)) read_block(k, ctx, part, out, depth + 1);
  } else if (is_w(el, "customXml") || is_w(el, "ins") || is_w(el, "moveTo")) {
    for (xmlNode* k : elements(el)) read_block(k, ctx, part, out, depth + 1);
  } else if (el_is(el, kMc, "AlternateContent")) {
    for (xmlNode* alt : elements(el))
      if (local_is(alt, "Choice")) {
        for (xmlNode* k : elements(alt)) read_block(k, ctx, part, out, depth + 1);
        break;
      }
  } else if (is_w(el, "altChunk")) {
    ctx.meta->problems.push_back(part.name + ": an imported chunk (w:altChunk) was not read");
  }
  // w:sectPr, w:bookmarkStart/End, w:proofErr, w:del ...: nothing to show.
}

}  // namespace lh::ingest::docx
