#include "package/archive_stamp.h"

#include "package/render_document.h"
#include "package/volume.h"
#include "pdf/assemble.h"

namespace lh::package {

std::string archive_stamp_pdf(const StampValues& v) {
  const RenderKit& k = render_kit();
  const double w = kStampWidthMm, h = kStampHeightMm, cw = w / 3, ch = h / 2;
  std::vector<model::Frame> frames;
  const double line = 0.3;
  frames.push_back(model::Shape{line / 2, line / 2, w - line, h - line, 0, false, line, kStampRed, 0});
  frames.push_back(model::Rule{0, ch, w, ch, line, kStampRed});
  frames.push_back(model::Rule{cw, 0, cw, h, line, kStampRed});
  frames.push_back(model::Rule{2 * cw, 0, 2 * cw, h, line, kStampRed});
  const std::string cells[6] = {v.fonds, v.year, v.item, v.organisation, v.retention, v.pages};
  for (int i = 0; i < 6; ++i) {
    model::TextBox tb{(i % 3) * cw + 0.6, (i / 3) * ch + 0.6, cw - 1.2, ch - 1.2, {}, model::FontRole::Song, 4, 10,
                      model::Align::Center, true, kStampRed, 1.0};
    model::Run r;
    r.text = cells[i].empty() ? " " : cells[i];
    r.color_rgb = kStampRed;
    tb.runs.push_back(r);
    frames.push_back(tb);
  }
  model::Section s;
  s.page.width_mm = w;
  s.page.height_mm = h;
  s.page.top_mm = s.page.bottom_mm = s.page.left_mm = s.page.right_mm = 0;
  s.fixed_pages.push_back(std::move(frames));
  model::Document d;
  d.sections.push_back(std::move(s));
  layout::Style st = k.form;
  st.page = d.sections[0].page;
  RenderOptions ro;
  ro.docx = false;
  ro.date = "2000-01-01";
  return render_document(d, st, k.fonts, ro).pdf;
}

std::string stamp_first_page(const std::string& pdf, const StampValues& v) {
  constexpr double pt = 72.0 / 25.4;
  auto size = pdf::page_size(pdf, 0);
  double pw = size ? size->first : 595.2756, ph = size ? size->second : 841.8898;
  double w = kStampWidthMm * pt, h = kStampHeightMm * pt;
  return pdf::overlay_stamp(pdf, archive_stamp_pdf(v), 0, (pw - w) / 2, ph - 6 * pt - h, w, h);
}

}  // namespace lh::package
