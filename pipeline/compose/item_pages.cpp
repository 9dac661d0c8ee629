#include "compose/item_pages.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "compose/render_kit.h"
#include "compose/uniform_record.h"
#include "compose/volume_forms.h"
#include "ingest/inspect.h"
#include "layout/layout.h"
#include "normalize/fields.h"
#include "pdf/assemble.h"

namespace lh::compose {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string mask(const std::string& s) { return normalize::mask_personal_numbers(s); }

// A paragraph's runs with personal numbers masked. A number split over two runs (a change of
// formatting inside it) would escape a run-by-run mask, so such a paragraph becomes one run.
void mask_paragraph(model::Paragraph& p) {
  std::string whole, each;
  for (auto& r : p.runs) {
    whole += r.text;
    r.text = mask(r.text);
    each += r.text;
  }
  if (p.runs.empty() || mask(whole) == each) return;
  model::Run one = p.runs.front();
  one.text = mask(whole);
  p.runs = {std::move(one)};
}

void mask_blocks(std::vector<model::Block>& blocks) {
  for (auto& b : blocks) {
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
      mask_paragraph(*p);
    } else if (auto* t = std::get_if<model::Table>(&b.value)) {
      for (auto& row : t->rows)
        for (auto& c : row.cells) mask_blocks(c.blocks);
    } else if (auto* im = std::get_if<model::Image>(&b.value)) {
      im->description = mask(im->description);
    }
  }
}

std::string read_all(const fs::path& p, bool& ok) {
  std::ifstream f(p, std::ios::binary);
  ok = static_cast<bool>(f);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

model::Document placeholder_doc(const RenderKit& k, const std::string& code, const std::string& title,
                                const std::string& original, const std::string& why) {
  model::Document d;
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("文件无法编入本卷", 18)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("档号：" + code, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("题名：" + title, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("原件：" + original, model::Align::Start, 12)));
  s.blocks.push_back(forms::block(forms::para("原因：" + why, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("本页为占位页。原件按原样保存在档案中，未作改动；请核对原件或补充完好的副本后重新立卷。",
                                              model::Align::Start, 12, false, model::FontRole::Song, 2)));
  d.sections.push_back(std::move(s));
  return d;
}

model::Document image_doc(const RenderKit& k, const std::string& media_type, const std::string& bytes,
                          const std::string& caption) {
  model::Image img;
  img.media_type = media_type;
  img.bytes = bytes;
  auto [w, h] = layout::image_pixel_size(img);
  img.width_px = w;
  img.height_px = h;
  img.description = caption;
  const model::PageSetup& pg = k.form.page;
  double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 12;
  double iw = bw, ih = bh;
  if (w > 0 && h > 0) {
    double sc = std::min(bw / w, bh / h);
    iw = w * sc;
    ih = h * sc;
  }
  model::Section s = forms::section(pg);
  std::vector<model::Frame> frames;
  frames.push_back(model::PlacedImage{pg.left_mm + (bw - iw) / 2, pg.top_mm + (bh - ih) / 2, iw, ih, img});
  model::TextBox cap{pg.left_mm, pg.height_mm - pg.bottom_mm - 10, bw, 10, {}, model::FontRole::Song, 6, 10.5,
                     model::Align::Center, true, 0, 1.2};
  model::Run r;
  r.text = caption;
  cap.runs.push_back(r);
  frames.push_back(cap);
  s.fixed_pages.push_back(std::move(frames));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

std::string media_type_of(const std::string& bytes) {
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8)
    return "image/jpeg";
  if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "image/png";
  return {};
}

// An image item: JPEG and PNG as they are, TIFF and others through ingest, which converts them into
// the document model. Leaves p.problem set when the image cannot be used.
void image_pages(ItemPages& p, const std::string& rel, std::string bytes, const std::string& title,
                 const std::string& date) {
  const RenderKit& k = render_kit();
  std::string mt = media_type_of(bytes);
  if (mt.empty()) {
    auto f = ingest::inspect_bytes(rel, bytes, ingest::InspectOptions{}, true);
    if (f.doc)
      for (const auto& sec : f.doc->sections)
        for (const auto& b : sec.blocks)
          if (auto im = std::get_if<model::Image>(&b.value); im && !media_type_of(im->bytes).empty() && mt.empty()) {
            mt = media_type_of(im->bytes);
            bytes = im->bytes;
          }
  }
  if (mt.empty()) {
    p.problem = "图像格式无法编入（仅支持 JPEG、PNG、TIFF）";
    return;
  }
  p.image_type = mt;
  p.image_bytes = bytes;
  try {
    auto r = render_pdf(image_doc(k, mt, bytes, title), k.form, date);
    p.pdf = std::move(r.pdf);
    p.pages = r.pages;
    p.laid = r.laid;
    p.how = "image";
  } catch (const std::exception& e) {
    p.problem = std::string("图像无法排版：") + e.what();
  }
}

// Any other item: a PDF copied as it is, records only as uniform 现场检查笔录, else the document
// re-typeset in the 公文 style. Leaves p.problem set when none of these works.
void document_pages(ItemPages& p, const std::string& rel, std::string bytes, const std::string& fmt,
                    const std::string& title, const std::string& date, bool masked) {
  const RenderKit& k = render_kit();
  auto f = ingest::inspect_bytes(rel, bytes, ingest::InspectOptions{}, true);
  p.fields = f.fields;
  p.records = f.records;
  if (f.doc) p.text = f.doc->plain_text();
  if (masked && f.doc) f.doc = std::make_shared<model::Document>(masked_document(*f.doc));
  if (fmt == "pdf" || f.meta.format == model::Format::Pdf) {
    auto probe = pdf::probe_pdf(bytes);
    if (probe.ok) {
      p.pdf = std::move(bytes);
      p.pages = probe.pages;
      p.how = "pdf";
      p.unmasked_numbers = masked && mask(p.text) != p.text;
    } else {
      p.problem = "PDF 原件已损坏，无法复制其页面（" + probe.error + "）";
    }
  } else if (f.error) {
    p.problem = "原件无法读取（" + std::string(model::error_kind_name(f.error->kind)) + "：" + f.error->message + "）";
  } else if ((!f.doc || f.doc->sections.empty()) && !f.records.empty()) {
    // Records only (an export without prose): the uniform 现场检查笔录 of each record.
    auto d = std::make_shared<model::Document>();
    for (const auto& rec : f.records)
      for (auto& sec : uniform_record_document(rec, "", masked).sections) d->sections.push_back(std::move(sec));
    try {
      auto r = render_pdf(*d, k.form, date, title);
      p.pdf = std::move(r.pdf);
      p.pages = r.pages;
      p.laid = r.laid;
      p.how = "typeset";
      p.doc = d;
    } catch (const std::exception& e) {
      p.problem = std::string("检查记录无法排版：") + e.what();
    }
  } else if (!f.doc || f.doc->sections.empty()) {
    p.problem = "原件没有可排版的内容";
  } else {
    try {
      auto r = render_pdf(*f.doc, k.gongwen, date, title);
      p.pdf = std::move(r.pdf);
      p.pages = r.pages;
      p.laid = r.laid;
      p.how = "typeset";
      p.doc = f.doc;
    } catch (const std::exception& e) {
      p.problem = std::string("原件无法重新排版：") + e.what();
    }
  }
}

}  // namespace

std::string original_of(const json& item) {
  for (const auto& f : item.value("files", json::array()))
    if (f.value("role", "") == "original") return f.value("path", "");
  return {};
}

model::Document masked_document(model::Document d) {
  for (auto& sec : d.sections) {
    mask_blocks(sec.blocks);
    for (auto* hf : {&sec.header, &sec.footer})
      if (*hf)
        for (auto& p : (*hf)->paragraphs) mask_paragraph(p);
    for (auto& page : sec.fixed_pages)
      for (auto& fr : page)
        if (auto* tb = std::get_if<model::TextBox>(&fr))
          for (auto& r : tb->runs) r.text = mask(r.text);
  }
  return d;
}

ItemPages render_item(const json& it, const fs::path& archive_dir, const std::string& date, bool masked) {
  const RenderKit& k = render_kit();
  ItemPages p;
  auto shown = [&](const std::string& s) { return masked ? mask(s) : s; };
  const std::string title = shown(it.value("title", ""));
  std::string rel = original_of(it);
  std::string fmt = it.value("format", "");
  bool ok = false;
  std::string bytes = rel.empty() ? std::string() : read_all(archive_dir / rel, ok);
  if (!ok) p.problem = "原件无法读取（" + rel + "）";
  else if (fmt == "image") image_pages(p, rel, std::move(bytes), title, date);
  else document_pages(p, rel, std::move(bytes), fmt, title, date, masked);
  if (!p.problem.empty() || p.pages <= 0) {
    if (p.problem.empty()) p.problem = "原件没有页面";
    auto r = render_pdf(placeholder_doc(k, it.value("archival_code", ""), title, shown(rel), shown(p.problem)), k.form, date);
    p.pdf = std::move(r.pdf);
    p.pages = r.pages;
    p.laid = r.laid;
    p.how = "placeholder";
  }
  p.text = shown(p.text);
  p.problem = shown(p.problem);
  return p;
}

}  // namespace lh::compose
