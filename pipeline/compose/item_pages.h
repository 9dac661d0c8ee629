// One archived item's pages as they go into a case volume or a reading copy (issue 5): a source PDF
// copied page for page with qpdf (lossless); DOCX, text and record documents re-read from the
// archived original (ingest::inspect_bytes, keep_document) and re-typeset in the 公文 style
// (GB/T 9704-2012); an image alone on a page, scaled to fit; a document that cannot be used (damaged
// PDF, unreadable file) a placeholder page that says why.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "layout/frames.h"
#include "model/document.h"
#include "model/fields.h"
#include "model/record.h"

namespace lh::compose {

struct ItemPages {
  std::string pdf;
  int pages = 0;
  std::string how;                 // pdf, typeset, image, placeholder
  std::string problem;
  std::shared_ptr<const model::Document> doc;  // the re-typeset document (for DOCX output)
  // The pages `pdf` was written from, when lianghua laid them out (how != "pdf"): the OFD copy is
  // written from them (package/ofd_copy.h). Null for a copied source PDF.
  std::shared_ptr<const layout::Laid> laid;
  std::string text;                // plain text of the original (facts for the cover)
  model::Fields fields;
  std::string image_type, image_bytes;
  std::vector<model::InspectionRecord> records;  // structured inspection records found in it
  // mask asked for, but the pages are a copied source PDF whose text holds a 居民身份证号 or a
  // mobile number: lianghua cannot mask it without re-rendering the page.
  bool unmasked_numbers = false;
};

// item: a manifest entry. mask: a public output; the re-typeset text, placeholders and `text` have
// personal numbers masked.
ItemPages render_item(const nlohmann::json& item, const std::filesystem::path& archive_dir, const std::string& date,
                      bool mask = false);

// d with 居民身份证号 and mobile numbers masked in every run (tables and nested tables too).
model::Document masked_document(model::Document d);

// The item's original file (relative to ARCHIVE, the manifest's file with role "original"); empty
// when it has none.
std::string original_of(const nlohmann::json& item);

}  // namespace lh::compose
