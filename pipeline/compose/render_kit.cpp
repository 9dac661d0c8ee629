#include "compose/render_kit.h"

namespace lh::compose {

const RenderKit& render_kit() {
  static const RenderKit kit = [] {
    RenderKit k{layout::FontSet::load(), layout::load_style("gongwen"), layout::load_style("plain")};
    k.form.page = k.gongwen.page;       // GB/T 9704-2012 §5.2.2 margins for the forms too
    k.form.page_number.enabled = false; // 封面, 目录, 备考表 are not numbered (编页, domain.md §2)
    return k;
  }();
  return kit;
}

render::RenderedDocument render_pdf(const model::Document& d, const layout::Style& st, const std::string& date,
                                    const std::string& title) {
  render::RenderOptions ro;
  ro.date = date;
  ro.docx = false;
  ro.title = title;
  ro.keep_laid = true;  // the archive's OFD copies are written from the same pages (package/ofd_copy.h)
  return render::render_document(d, st, render_kit().fonts, ro);
}

}  // namespace lh::compose
