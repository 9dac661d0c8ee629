// The DOCX reader (issue 2 §4): a WordprocessingML package (ECMA-376 Part 1 §11.3.10 main document,
// §17 WordprocessingML; Part 2 OPC) into model::Document + Metadata.
//   - an OLE compound file is an encrypted package (MS-OFFCRYPTO "EncryptionInfo" +
//     "EncryptedPackage" streams; ECMA-376 Part 1 does not define encryption) -> encrypted,
//     otherwise a legacy binary file -> unsupported;
//   - a broken or truncated ZIP -> damaged; a DOCTYPE in any XML part -> unsafe_xml;
//   - sections (§17.6.17 sectPr: pgSz §17.6.13, pgMar §17.6.11, headerReference §17.10.5,
//     footerReference §17.10.2; a section without a reference inherits the previous one's);
//   - headers and footers (§17.10.3, §17.10.4) as paragraphs, PAGE fields as "{PAGE}";
//   - core properties (Part 2 §11) and extended properties (Part 1 §22.2).
#include <cmath>

#include "ingest/docx_internal.h"

namespace lh::ingest {
using model::ErrorKind;
using model::Format;

namespace docx {
namespace {

struct SectionRefs {
  std::string header_part, footer_part;  // resolved part names; empty: none
};

double twips_to_mm(std::string_view v, double fallback) {
  auto d = to_double(v);
  if (!d || !std::isfinite(*d) || std::fabs(*d) > 1e7) return fallback;
  return std::round(std::fabs(*d) / 1440.0 * 25.4 * 10.0) / 10.0;  // twentieths of a point, to 0.1 mm
}

void read_page_setup(const xmlNode* sect, model::PageSetup& page) {
  if (xmlNode* sz = w_child(sect, "pgSz")) {  // §17.6.13
    page.width_mm = twips_to_mm(w_attr(sz, "w").value_or(""), page.width_mm);
    page.height_mm = twips_to_mm(w_attr(sz, "h").value_or(""), page.height_mm);
  }
  if (xmlNode* m = w_child(sect, "pgMar")) {  // §17.6.11
    page.top_mm = twips_to_mm(w_attr(m, "top").value_or(""), page.top_mm);
    page.bottom_mm = twips_to_mm(w_attr(m, "bottom").value_or(""), page.bottom_mm);
    page.left_mm = twips_to_mm(w_attr(m, "left").value_or(""), page.left_mm);
    page.right_mm = twips_to_mm(w_attr(m, "right").value_or(""), page.right_mm);
  }
}

// The "default" header/footer of a section (§17.10.5: first/even are variants of it).
void read_refs(const xmlNode* sect, const PartContext& body, SectionRefs& refs) {
  std::string header_first, footer_first;
  for (xmlNode* c : elements(sect)) {
    bool header = is_w(c, "headerReference"), footer = is_w(c, "footerReference");
    if (!header && !footer) continue;
    std::string rid = attr(c, "id", opc::kRelNs);
    if (rid.empty()) rid = attr(c, "id", opc::kRelNsStrict);
    const opc::Relationship* rel = body.rels.by_id(rid);
    if (!rel || rel->external) continue;
    std::string type = w_attr(c, "type").value_or("default");
    std::string& slot = header ? refs.header_part : refs.footer_part;
    std::string& any = header ? header_first : footer_first;
    if (type == "default") slot = rel->target;
    else if (any.empty()) any = rel->target;
  }
  if (refs.header_part.empty()) refs.header_part = header_first;
  if (refs.footer_part.empty()) refs.footer_part = footer_first;
}

void flatten_into(const std::vector<model::Block>& blocks, std::vector<model::Paragraph>& out, int depth) {
  if (depth > 8) return;
  for (const auto& b : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      out.push_back(*p);
    } else if (const auto* t = std::get_if<model::Table>(&b.value)) {
      for (const auto& row : t->rows)
        for (const auto& cell : row.cells)
          if (!cell.covered) flatten_into(cell.blocks, out, depth + 1);
    }
  }
}

// A header or footer part (§17.10.3/§17.10.4): its paragraphs (tables flattened, pictures dropped).
std::optional<model::HeaderFooter> read_header_footer(Context& ctx, const std::string& part_name) {
  if (part_name.empty()) return std::nullopt;
  opc::Package::Part p = ctx.pkg->parse(part_name);
  if (p.error) {
    if (opc::is_fatal(*p.error)) ctx.fatal = p.error;
    else ctx.meta->problems.push_back(p.error->message);
    return std::nullopt;
  }
  PartContext part;
  part.name = part_name;
  part.header_footer = true;
  if (auto e = ctx.pkg->rels_of(part_name, part.rels)) {
    if (opc::is_fatal(*e)) ctx.fatal = e;
    else ctx.meta->problems.push_back(e->message);
  }
  std::vector<model::Block> blocks;
  for (xmlNode* c : elements(xmlDocGetRootElement(p.doc.get()))) read_block(c, ctx, part, blocks, 0);
  model::HeaderFooter hf;
  flatten_into(blocks, hf.paragraphs, 0);
  while (!hf.paragraphs.empty() && hf.paragraphs.back().plain_text().empty()) hf.paragraphs.pop_back();
  // An empty header (one empty paragraph, common) is no header.
  bool any_text = false;
  for (const auto& para : hf.paragraphs) any_text |= !para.plain_text().empty();
  if (!any_text) return std::nullopt;
  return hf;
}

// Close the section that `sect` (a w:sectPr) describes.
void finish_section(Context& ctx, const PartContext& body, const xmlNode* sect, std::vector<model::Block>& blocks,
                    SectionRefs& inherited, model::Document& doc) {
  model::Section s;
  SectionRefs refs;
  if (sect) {
    read_page_setup(sect, s.page);
    read_refs(sect, body, refs);
  }
  if (refs.header_part.empty()) refs.header_part = inherited.header_part;
  if (refs.footer_part.empty()) refs.footer_part = inherited.footer_part;
  inherited = refs;
  s.header = read_header_footer(ctx, refs.header_part);
  s.footer = read_header_footer(ctx, refs.footer_part);
  s.blocks = std::move(blocks);
  blocks.clear();
  doc.sections.push_back(std::move(s));
}

// Styles and numbering parts, found through the main part's relationships.
std::optional<model::ReadError> load_styles(Context& ctx, const PartContext& body) {
  struct Aux {
    const char* type;
    const char* fallback;
  };
  for (const Aux a : {Aux{"styles", "word/styles.xml"}, Aux{"numbering", "word/numbering.xml"}}) {
    std::string name = a.fallback;
    if (const auto* r = body.rels.by_type(a.type); r && !r->external) name = r->target;
    opc::Package::Part p = ctx.pkg->parse(name);
    if (p.error) {
      if (opc::is_fatal(*p.error)) return p.error;
      if (!p.missing) ctx.meta->problems.push_back(p.error->message);
      continue;
    }
    const xmlNode* root = xmlDocGetRootElement(p.doc.get());
    if (std::string_view(a.type) == "styles") ctx.styles.load(root);
    else ctx.numbering.load(root);
  }
  return std::nullopt;
}

ReadResult read_package(const Input& in) {
  ReadResult r;
  r.meta.format = Format::Docx;
  opc::Package pkg;
  if (auto e = opc::open_package(in.bytes, in.options->limits, pkg)) return failed(Format::Docx, e->kind, e->message);

  opc::Rels package_rels;
  if (auto e = pkg.rels_of("", package_rels)) return failed(Format::Docx, e->kind, e->message);
  std::string main_part = "word/document.xml";
  if (const auto* rel = package_rels.by_type("officeDocument"); rel && !rel->external && !rel->target.empty())
    main_part = rel->target;

  Context ctx;
  ctx.pkg = &pkg;
  ctx.meta = &r.meta;
  ctx.list_numbers_as_text = in.options->list_numbers_as_text;
  if (auto e = opc::read_properties(pkg, package_rels, r.meta)) return failed(Format::Docx, e->kind, e->message);

  PartContext body;
  body.name = main_part;
  if (auto e = pkg.rels_of(main_part, body.rels)) return failed(Format::Docx, e->kind, e->message);
  if (auto e = load_styles(ctx, body)) return failed(Format::Docx, e->kind, e->message);

  opc::Package::Part doc = pkg.parse(main_part);
  if (doc.error) return failed(Format::Docx, doc.error->kind, doc.error->message);
  const xmlNode* root = xmlDocGetRootElement(doc.doc.get());
  const xmlNode* body_el = w_child(root, "body");
  if (!is_w(root, "document") || !body_el)
    return failed(Format::Docx, ErrorKind::Damaged, main_part + "：不是 Word 文档正文（无 w:body）");

  std::vector<model::Block> blocks;
  SectionRefs inherited;
  const xmlNode* final_sect = nullptr;
  std::vector<const xmlNode*> els;
  for (const xmlNode* c : elements(body_el)) els.push_back(c);
  for (size_t i = 0; i < els.size(); ++i) {
    const xmlNode* c = els[i];
    if (is_w(c, "sectPr")) {
      final_sect = c;
      continue;
    }
    size_t last = i;  // a TOC field's paragraphs are read as one block
    std::optional<SourceToc> toc = toc_field_at(els, i);
    if (!toc) toc = toc_styled_at(els, i, ctx.styles);
    if (toc) {
      last = toc->last;
      add_source_toc(toc->levels, blocks);
    } else {
      read_block(c, ctx, body, blocks, 0);
    }
    if (ctx.fatal) return failed(Format::Docx, ctx.fatal->kind, ctx.fatal->message);
    for (; i <= last; ++i)
      if (is_w(els[i], "p"))
        if (const xmlNode* s = paragraph_section(els[i])) finish_section(ctx, body, s, blocks, inherited, r.doc);
    i = last;
  }
  append_notes(ctx, body, blocks);
  finish_section(ctx, body, final_sect, blocks, inherited, r.doc);
  if (ctx.fatal) return failed(Format::Docx, ctx.fatal->kind, ctx.fatal->message);

  if (ctx.charts_skipped) r.meta.problems.push_back(std::to_string(ctx.charts_skipped) + " chart(s) or diagram(s) not read");
  if (ctx.objects_skipped) r.meta.problems.push_back(std::to_string(ctx.objects_skipped) + " embedded object(s) not read");
  if (ctx.images_missing) r.meta.problems.push_back(std::to_string(ctx.images_missing) + " picture(s) missing from the package");
  return r;
}

}  // namespace
}  // namespace docx

ReadResult read_docx(const Input& in) {
  return guarded(Format::Docx, "document", [&]() -> ReadResult {
    if (is_ole_compound(in.bytes)) {
      if (ole_is_encrypted_ooxml(in.bytes))
        return failed(Format::Docx, ErrorKind::Encrypted, "Office 文档设有打开密码（已加密）");
      if (ole_has_stream(in.bytes, "Workbook") || ole_has_stream(in.bytes, "Book"))
        return failed(Format::Docx, ErrorKind::Unsupported, "不读取 Excel 97-2003 的 .xls，请另存为 .xlsx");
      return failed(Format::Docx, ErrorKind::Unsupported, "不读取 Word 97-2003 的 .doc，请另存为 .docx");
    }
    return docx::read_package(in);
  });
}

}  // namespace lh::ingest
