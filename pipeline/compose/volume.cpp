#include "compose/volume.h"

#include <algorithm>
#include <tuple>

#include "compose/archive_stamp.h"
#include "compose/case_facts.h"
#include "compose/case_forms.h"
#include "compose/volume_forms.h"
#include "docx/docx.h"
#include "filing/completeness.h"
#include "filing/document_facts.h"
#include "layout/layout.h"
#include "normalize/fields.h"
#include "pdf/assemble.h"

namespace lh::compose {
namespace fs = std::filesystem;
using json = nlohmann::json;

std::string date8(const std::string& iso) {
  std::string o;
  for (char c : iso)
    if (c != '-') o += c;
  return o;
}

std::string page_range_text(const VolumeEntry& e) {
  if (e.first_page == e.last_page) return std::to_string(e.first_page);
  return std::to_string(e.first_page) + "-" + std::to_string(e.last_page);
}

namespace {

int volume_rank(const filing::Scheme& s, const json& item) {
  const filing::Category* c = s.category(item.value("category", ""));
  std::string v = item.value("volume", "");
  if (c)
    for (size_t i = 0; i < c->volumes.size(); ++i)
      if (c->volumes[i].name == v || c->volumes[i].code == v) return static_cast<int>(i);
  return 99;
}

// 第七十八条 order: volume (正卷, 副卷), slot, date, title, 档号. A source 卷宗封面/卷内文件目录/
// 卷内备考表 (范本 No. 54–56) goes to `replaced`: the volume's own supersede it.
std::vector<const json*> ordered_items(const std::vector<json>& items_in, const filing::Scheme& s,
                                       std::vector<const json*>& replaced) {
  std::vector<const json*> items;
  for (const auto& it : items_in) {
    int dn = it.value("doc_number", 0);
    (dn == 54 || dn == 55 || dn == 56 ? replaced : items).push_back(&it);
  }
  std::sort(items.begin(), items.end(), [&](const json* a, const json* b) {
    auto key = [&](const json* j) {
      return std::make_tuple(volume_rank(s, *j), j->value("slot_order", 0), j->value("date", ""), j->value("title", ""),
                             j->value("archival_code", ""));
    };
    return key(a) < key(b);
  });
  return items;
}

// The 卷内文件目录 rows, with the pages of the assembled volume (编页: documents only).
void contents_entries(VolumeBuild& vb, const std::vector<VolumePart>& parts, const filing::Scheme& s,
                      const filing::Office& o, const VolumeOptions& opt) {
  int page = 1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const json& it = *parts[i].item;
    const ItemPages& pp = *parts[i].pages;
    VolumeEntry e;
    e.seq = static_cast<int>(i) + 1;
    e.archival_code = it.value("archival_code", "");
    int dn = it.value("doc_number", 0);
    e.doc_number = filing::own_doc_number(s, dn, it.value("doc_type", ""), pp.fields);
    e.author = responsible_party(pp.text, o, {dn, it.value("title", "")});
    e.title = opt.mask ? normalize::mask_personal_numbers(it.value("title", "")) : it.value("title", "");
    const filing::DocumentType* dt = s.document(dn);
    if (dt && e.title.find(dt->name) == std::string::npos &&
        (e.title.empty() || e.title == o.fonds_name || e.title == o.name))
      e.title = "[" + dt->name + "]";  // archivist-supplied title (DA/T 22-2015)
    e.date = date8(it.value("date", ""));
    e.volume_name = it.value("volume", "");
    e.first_page = page;
    e.last_page = page + pp.pages - 1;
    page += pp.pages;
    e.how = pp.how;
    e.problem = pp.problem;
    e.original = original_of(it);
    if (e.how == "placeholder") e.remark = "原件损坏，见占位页";
    else if (e.how == "typeset") e.remark = "重排";
    if (pp.unmasked_numbers)
      vb.problems.push_back(e.archival_code + " " + e.title + "：公开案卷中按原样复制的 PDF 含居民身份证号或手机号，无法遮蔽，请人工处理");
    vb.entries.push_back(std::move(e));
  }
  vb.numbered_pages = page - 1;
}

// What the 备考表 (范本 No. 56, 本卷情况说明) states beyond the totals: the documents the case lacks
// by the scheme's completeness rules (第七十八条: 决定书及送达回证 …), placeholders, superseded forms.
std::vector<std::string> record_notes(const VolumeBuild& vb, const std::vector<const json*>& items,
                                      const std::vector<const json*>& replaced, const filing::Scheme& s) {
  std::vector<std::string> notes = vb.facts.notes;  // why cover fields say what they say
  const filing::Category* c = items.empty() ? nullptr : s.category(items.front()->value("category", ""));
  std::vector<int> docs;
  for (const json* it : items) docs.push_back(it->value("doc_number", 0));
  if (c)
    for (const auto& m : filing::check_completeness(*c, s, docs)) {
      std::string which;
      for (const auto& d : m.documents) which += (which.empty() ? "" : "或") + d;
      notes.push_back("缺" + which + "（" + m.clause + "：" + m.message + "）。");
    }
  for (const auto& e : vb.entries)
    if (e.how == "placeholder") notes.push_back("第" + std::to_string(e.seq) + "号文件（" + e.archival_code + "）" + e.problem + "，以占位页代替。");
  for (const json* r : replaced)
    notes.push_back("原卷内" + r->value("doc_type", std::string("目录")) + "（" + r->value("archival_code", "") +
                    "）已由本卷生成的封面、目录和备考表取代，原件保存在档案中。");
  return notes;
}

struct Matter {
  render::RenderedDocument cover, contents, back;
};

// Front and back matter. The 目录 does not change the 页号 (it is not numbered), so it is laid out
// once; the 备考表 states the total, which depends on its own length: lay out until stable.
Matter front_and_back(VolumeBuild& vb, size_t items, const std::vector<std::string>& notes, const std::string& date) {
  const RenderKit& k = render_kit();
  Matter m;
  m.cover = render_pdf(cover_doc(k, vb.facts, static_cast<int>(items), vb.numbered_pages), k.form, date);
  m.contents = render_pdf(contents_doc(k, vb.entries), k.form, date);
  vb.front_pages = m.cover.pages + m.contents.pages;
  int back_pages = 1;
  for (int tries = 0; tries < 3; ++tries) {
    vb.total_pages = vb.front_pages + vb.numbered_pages + back_pages;
    m.back = render_pdf(notes_doc(k, vb.facts, items, vb.numbered_pages, vb.total_pages, notes), k.form, date);
    if (m.back.pages == back_pages) break;
    back_pages = m.back.pages;
  }
  vb.total_pages = vb.front_pages + vb.numbered_pages + m.back.pages;
  for (auto& e : vb.entries) e.first_index = vb.front_pages + e.first_page - 1;
  return m;
}

// Outline (one bookmark per document under 正卷/副卷), page labels and metadata of 案卷.pdf.
pdf::AssembleOptions assemble_options(const VolumeBuild& vb, const Matter& m, const filing::Office& o,
                                      const std::string& date) {
  const CaseFacts& f = vb.facts;
  pdf::AssembleOptions ao;
  ao.title = f.case_number + (f.cause.empty() ? "" : " " + f.cause);
  ao.author = o.name;
  ao.subject = "行政处罚案卷（《市场监督管理行政处罚程序规定》第七十八条）";
  ao.keywords = f.case_number;
  ao.date = date;
  ao.outline.push_back({"卷宗封面", 0, true, {}});
  ao.outline.push_back({"卷内文件目录", m.cover.pages, true, {}});
  for (const auto& e : vb.entries) {
    std::string vol = e.volume_name.empty() ? "其他" : e.volume_name;
    if (ao.outline.back().title != vol || ao.outline.back().page >= 0) ao.outline.push_back({vol, -1, true, {}});
    ao.outline.back().children.push_back({std::to_string(e.seq) + " " + e.title, e.first_index, true, {}});
  }
  ao.outline.push_back({"卷内备考表", vb.front_pages + vb.numbered_pages, true, {}});
  ao.labels.push_back({0, "封面", false, 1});
  ao.labels.push_back({m.cover.pages, "目录", m.contents.pages > 1, 1});
  if (vb.numbered_pages > 0) ao.labels.push_back({vb.front_pages, "", true, 1});
  ao.labels.push_back({vb.front_pages + vb.numbered_pages, "备考表", m.back.pages > 1, 1});
  return ao;
}

// What the OFD copy is written from (VolumeOptions::ofd): each part's laid-out pages, or the source
// PDF of a copied document; the bookmarks as a flat list with levels.
void keep_sources(VolumeBuild& vb, const Matter& m, const std::vector<VolumePart>& parts, const pdf::AssembleOptions& ao) {
  vb.sources.push_back({m.cover.laid, nullptr, m.cover.pages});
  vb.sources.push_back({m.contents.laid, nullptr, m.contents.pages});
  for (const auto& pv : parts) {
    const ItemPages& p = *pv.pages;
    vb.sources.push_back({p.laid, p.laid ? nullptr : std::make_shared<const std::string>(p.pdf), p.pages});
  }
  vb.sources.push_back({m.back.laid, nullptr, m.back.pages});
  std::function<void(const std::vector<pdf::OutlineNode>&, int)> flat = [&](const auto& nodes, int level) {
    for (const auto& n : nodes) {
      layout::OutlineEntry e;
      e.level = level;
      e.title = n.title;
      e.page_index = n.page >= 0 ? n.page : (n.children.empty() ? -1 : n.children.front().page);
      vb.outline.push_back(e);
      flat(n.children, level + 1);
    }
  };
  flat(ao.outline, 1);
}

// An image item in 案卷.docx: the picture scaled to the text block, its title below.
model::Section image_section(const RenderKit& k, const ItemPages& p, const std::string& title) {
  model::Section sec = forms::section(k.form.page);
  model::Image img;
  img.media_type = p.image_type;
  img.bytes = p.image_bytes;
  auto [w, h] = layout::image_pixel_size(img);
  img.width_px = w;
  img.height_px = h;
  const auto& pg = k.form.page;
  double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 20;
  if (w > 0 && h > 0) {
    double sc = std::min(bw / w, bh / h);
    img.width_mm = w * sc;
    img.height_mm = h * sc;
  }
  sec.blocks.push_back(model::Block{img});
  sec.blocks.push_back(forms::block(forms::para(title, model::Align::Center, 10.5)));
  return sec;
}

// A PDF original or a placeholder in 案卷.docx: where its pages are in 案卷.pdf, or why it is missing.
model::Section reference_section(const RenderKit& k, const ItemPages& p, const VolumeEntry& e) {
  model::Section sec = forms::section(k.form.page);
  sec.blocks.push_back(forms::block(forms::title(e.title, 18)));
  std::string what = p.how == "pdf" ? "PDF 原件，按原样编入 案卷.pdf 第 " + std::to_string(e.first_index + 1) + "–" +
                                          std::to_string(e.first_index + e.last_page - e.first_page + 1) +
                                          " 页（页号 " + page_range_text(e) + "）。"
                                    : "占位：" + e.problem;
  sec.blocks.push_back(forms::block(forms::para("档号：" + e.archival_code, model::Align::Start, 14)));
  sec.blocks.push_back(forms::block(forms::para(what, model::Align::Start, 14)));
  sec.blocks.push_back(forms::block(forms::para("原件：" + e.original, model::Align::Start, 12)));
  return sec;
}

// 案卷.docx: the same front matter, the re-typeset documents, PDF originals listed with pages.
std::string volume_docx(const VolumeBuild& vb, const std::vector<VolumePart>& parts, const std::vector<std::string>& notes,
                        const pdf::AssembleOptions& ao, const std::string& date) {
  const RenderKit& k = render_kit();
  model::Document d;
  auto append = [&](model::Document&& part) {
    for (auto& sec : part.sections) d.sections.push_back(std::move(sec));
  };
  append(cover_doc(k, vb.facts, static_cast<int>(parts.size()), vb.numbered_pages));
  append(contents_doc(k, vb.entries));
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& e = vb.entries[i];
    const ItemPages& p = *parts[i].pages;
    if (p.how == "typeset" && p.doc) {
      model::Document copy = *p.doc;
      append(std::move(copy));
    } else if (p.how == "image") {
      d.sections.push_back(image_section(k, p, e.title));
    } else {
      d.sections.push_back(reference_section(k, p, e));
    }
  }
  append(notes_doc(k, vb.facts, parts.size(), vb.numbered_pages, vb.total_pages, notes));
  docx::DocxOptions dopt;
  dopt.title = ao.title;
  dopt.author = ao.author;
  dopt.subject = ao.subject;
  if (auto t = render::parse_iso_date(date)) dopt.timestamp = *t;
  return docx::write_docx(d, k.gongwen, dopt);
}

}  // namespace

VolumeBuild build_case_volume(const std::vector<json>& items_in, const fs::path& archive_dir, const filing::Scheme& s,
                              const filing::Office& o, const VolumeOptions& opt, const ItemSource& source) {
  VolumeBuild vb;
  std::vector<const json*> replaced;
  const std::vector<const json*> items = ordered_items(items_in, s, replaced);
  const std::string date = opt.archived_date;

  // 1. Each document → its pages.
  std::vector<ItemPages> own;
  own.reserve(items.size());
  std::vector<VolumePart> parts;
  for (const json* it : items) {
    if (source) {
      parts.push_back({it, &source(*it)});
    } else {
      own.push_back(render_item(*it, archive_dir, date));
      parts.push_back({it, &own.back()});
    }
    if (parts.back().pages->how == "placeholder")
      vb.problems.push_back(it->value("archival_code", "") + " " + it->value("title", "") + "：" + parts.back().pages->problem);
  }

  // 2. Facts for the cover; 3. the 目录 rows; 4. front and back matter.
  vb.facts = case_facts(parts, s, o, opt, vb.problems);
  contents_entries(vb, parts, s, o, opt);
  const std::vector<std::string> notes = record_notes(vb, items, replaced, s);
  const Matter m = front_and_back(vb, items.size(), notes, date);

  // 5. Assembly; 编页: the 页号 the 目录 gives, printed upper right on each numbered page (domain.md §2).
  const pdf::AssembleOptions ao = assemble_options(vb, m, o, date);
  std::vector<const std::string*> pdfs = {&m.cover.pdf, &m.contents.pdf};
  for (const auto& pv : parts) pdfs.push_back(&pv.pages->pdf);
  pdfs.push_back(&m.back.pdf);
  const std::optional<pdf::PdfaMetadata> pdfa = opt.pdfa ? std::optional(opt.pdfa(vb)) : std::nullopt;
  vb.pdf = stamp_page_numbers(pdf::assemble_pdf(pdfs, ao), vb.front_pages, vb.numbered_pages, 1, pdfa ? &*pdfa : nullptr, vb.pdfa);
  if (opt.ofd) keep_sources(vb, m, parts, ao);

  // 6. 案卷.docx.
  if (opt.docx) vb.docx = volume_docx(vb, parts, notes, ao, date);
  return vb;
}

}  // namespace lh::compose
