// Fonts and styles of the documents compose builds, loaded once per process (fonts/roles.json,
// templates/styles/*.json): the 公文 style for re-typeset documents, the form style for the 范本
// forms, catalogues, uniform records and marks.
#pragma once
#include <string>

#include "layout/fonts.h"
#include "layout/style.h"
#include "model/document.h"
#include "render/render_document.h"

namespace lh::compose {

struct RenderKit {
  layout::FontSet fonts;
  layout::Style gongwen;  // re-typeset documents
  layout::Style form;     // forms: 封面, 目录, 备考表, 归档文件目录 (GB/T 9704 margins, no page numbers)
};
const RenderKit& render_kit();

// d as a PDF only (render_document with the kit's fonts), dated `date` (ISO), titled `title`, with
// the laid-out pages it was written from (RenderedDocument::laid).
render::RenderedDocument render_pdf(const model::Document& d, const layout::Style& st, const std::string& date,
                                    const std::string& title = "");

}  // namespace lh::compose
