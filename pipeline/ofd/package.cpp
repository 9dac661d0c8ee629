// The OFD package (GB/T 33190-2016 §7.2): collects the fonts every page draws, embeds their
// subsets, writes every part in a fixed order and zips them through the DOCX writer's ZIP set-up
// (docx::detail::zip_package: fixed entry dates, no extra fields), so identical pages give
// identical bytes. The document identifier (DocID) is a digest of the parts, not a random UUID.
#include <algorithm>

#include "codec/deflate.h"
#include "codec/png_chunks.h"
#include "docx/docx.h"
#include "docx/parts.h"
#include "ingest/sha256.h"
#include "ofd/internal.h"

namespace lh::ofd {
namespace detail {
namespace {

// The raster formats GB/T 42133 6.2.6 e allows, known by their signatures; "" for any other.
std::string image_format(const std::string& b, std::string& ext) {
  auto starts = [&](std::string_view sig) { return b.size() >= sig.size() && b.compare(0, sig.size(), sig) == 0; };
  if (starts("\x89PNG\r\n\x1a\n")) return ext = "png", "PNG";
  if (starts("\xff\xd8\xff")) return ext = "jpg", "JPEG";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return ext = "tif", "TIFF";
  if (starts("BM")) return ext = "bmp", "BMP";
  return {};
}

void collect_fonts(const layout::Page& page, FontTable& fonts) {
  for (const layout::Item& it : page.items) {
    const auto* g = std::get_if<layout::GlyphLine>(&it);
    if (!g) continue;
    for (const GlyphRun& run : glyph_runs(*g, false)) fonts.note_run(run);
  }
}

}  // namespace

uint32_t Package::image_id(const model::Image& img) {
  std::string ext;
  const std::string format = image_format(img.bytes, ext);
  if (format.empty()) return 0;
  const std::string key = ingest::sha256_hex(img.bytes);
  auto it = images.find(key);
  if (it != images.end()) return it->second.id;
  ImageRes r;
  r.id = ids.take();
  r.format = format;
  r.file_name = "Image_" + std::to_string(images.size()) + "." + ext;
  // A PNG whose chunk overruns the file is embedded up to that chunk (codec/png_chunks.h): an OFD
  // reader's libpng would allocate what it declares, as ours did.
  std::optional<std::string> closed = codec::png_closed_before_overlong_chunk(img.bytes);
  r.bytes = closed ? std::move(*closed) : img.bytes;
  return images.emplace(key, std::move(r)).first->second.id;
}

}  // namespace detail

std::vector<std::pair<std::string, std::string>> custom_metadata(const OfdOptions& o, const std::string& archival_code) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!archival_code.empty()) out.emplace_back("档号", archival_code);
  if (!o.title.empty()) out.emplace_back("题名", o.title);
  if (!o.author.empty()) out.emplace_back("责任者", o.author);
  if (const std::string d = detail::xs_date(o.date); !d.empty()) out.emplace_back("日期", d);
  return out;
}

std::string write_ofd(const layout::Laid& laid, const OfdOptions& options) {
  using namespace detail;
  if (laid.pages.empty()) throw OfdError("ofd: nothing to write (no pages)");
  Package pkg;
  pkg.laid = &laid;
  pkg.options = &options;
  pkg.default_w = laid.pages[0].width_pt;
  pkg.default_h = laid.pages[0].height_pt;
  for (const layout::Page& page : laid.pages) collect_fonts(page, pkg.fonts);
  for (const OfdMark& m : options.marks) {
    if (m.page < 0 || static_cast<size_t>(m.page) >= laid.pages.size()) throw OfdError("ofd: a mark on a page that does not exist");
    collect_fonts(m.drawing, pkg.fonts);
  }
  pkg.fonts.embed(pkg.ids);
  for (size_t i = 0; i < laid.pages.size(); ++i) pkg.page_ids.push_back(pkg.ids.take());

  std::vector<Part> pages, annots;
  std::vector<std::pair<uint32_t, std::string>> annot_files;
  for (size_t i = 0; i < laid.pages.size(); ++i) {
    PageAnnots a;
    for (const OfdMark& m : options.marks)
      if (static_cast<size_t>(m.page) == i) a.marks.push_back(&m);
    const bool scanned = i < options.scanned.size() && options.scanned[i];
    const std::string dir = "Page_" + std::to_string(i);
    pages.push_back({"Doc_0/Pages/" + dir + "/Content.xml", page_content_xml(laid.pages[i], scanned, pkg, a)});
    if (a.empty()) continue;
    annots.push_back({"Doc_0/Annots/" + dir + "/Annotation.xml", page_annotation_xml(a, laid.pages[i], pkg)});
    annot_files.emplace_back(pkg.page_ids[i], dir + "/Annotation.xml");
  }
  std::vector<Part> doc;
  doc.push_back({"Doc_0/Document.xml", document_xml(pkg, !annot_files.empty())});
  doc.push_back({"Doc_0/PublicRes.xml", public_res_xml(pkg)});
  doc.push_back({"Doc_0/DocumentRes.xml", document_res_xml(pkg)});
  for (Part& p : pages) doc.push_back(std::move(p));
  if (!annot_files.empty()) doc.push_back({"Doc_0/Annots/Annotations.xml", annotations_xml(annot_files)});
  for (Part& p : annots) doc.push_back(std::move(p));
  for (const auto& [key, f] : pkg.fonts.all()) doc.push_back({"Doc_0/Res/" + f.file_name, f.bytes});
  std::vector<const ImageRes*> images;
  for (const auto& [hash, im] : pkg.images) images.push_back(&im);
  std::sort(images.begin(), images.end(), [](const ImageRes* a, const ImageRes* b) { return a->id < b->id; });
  for (const ImageRes* im : images) doc.push_back({"Doc_0/Res/" + im->file_name, im->bytes});

  // The DocID (GB/T 33190-2016 7.4: 32 characters) names the content: a digest of each part's
  // name, size and CRC-32 (the checksum the ZIP carries anyway; hashing every font's bytes with
  // SHA-256 as well was ~0.6 % of a night with OFD copies, §8a6).
  std::string digest_input;
  for (const Part& p : doc)
    digest_input += p.name + '\0' + std::to_string(p.bytes.size()) + ' ' + std::to_string(codec::crc32(p.bytes)) + '\0';
  const std::string doc_id = ingest::sha256_hex(digest_input).substr(0, 32);

  std::vector<docx::detail::Part> zip;
  zip.push_back({"OFD.xml", "", ofd_xml(options, doc_id)});
  // Every part at libdeflate level 1. The embedded fonts (most of the bytes): a third of zlib level
  // 1's time, 5 % smaller (docx/package.cpp, bench/RESULTS.md §8a6). The XML parts too (§8a7): a
  // night's 11 MB of them (the generated inbox) took 88 ms at level 6 and take 54 ms at 1 for 7 %
  // more of their bytes (2.38 → 2.55 MB, 0.8 % of the OFD copies). PNG pictures are stored (already
  // deflated), a Group 4 TIFF page picture is deflated (6 % fewer bytes for ~0.4 ms, §8a3).
  for (Part& p : doc) zip.push_back({std::move(p.name), "", std::move(p.bytes)});
  return docx::detail::zip_package(zip, options.timestamp ? options.timestamp : docx::source_date_epoch(), 1);
}

}  // namespace lh::ofd
