// Resource files (GB/T 33190-2016 §7.9): fonts in PublicRes.xml and images (MultiMedia) in
// DocumentRes.xml, as GB/T 42133-2022 6.2.6 a places them; every file under Doc_0/Res/ in the
// package (6.1: nothing outside it).
#include <algorithm>

#include "ofd/internal.h"

namespace lh::ofd::detail {

std::string public_res_xml(const Package& pkg) {
  XmlWriter x;
  x.start("ofd:Res");
  x.ns("ofd", kNs);
  x.attr("BaseLoc", "Res");
  if (!pkg.fonts.all().empty()) {
    x.start("ofd:Fonts");
    for (const auto& [key, f] : pkg.fonts.all()) {
      x.start("ofd:Font");
      x.attr("ID", f.id);
      x.attr("FontName", f.postscript);
      x.attr("FamilyName", f.family);
      if (f.bold) x.attr("Bold", "true");
      if (f.italic) x.attr("Italic", "true");
      if (f.serif) x.attr("Serif", "true");
      if (f.fixed) x.attr("FixedWidth", "true");
      x.start("ofd:FontFile");
      x.text(f.file_name);
      x.end();
      x.end();
    }
    x.end();
  }
  x.end();
  return x.finish();
}

std::string document_res_xml(const Package& pkg) {
  XmlWriter x;
  x.start("ofd:Res");
  x.ns("ofd", kNs);
  x.attr("BaseLoc", "Res");
  std::vector<const ImageRes*> images;
  for (const auto& [hash, im] : pkg.images) images.push_back(&im);
  std::sort(images.begin(), images.end(), [](const ImageRes* a, const ImageRes* b) { return a->id < b->id; });
  if (!images.empty()) {
    x.start("ofd:MultiMedias");
    for (const ImageRes* im : images) {
      x.start("ofd:MultiMedia");
      x.attr("ID", im->id);
      x.attr("Type", "Image");
      x.attr("Format", im->format);
      x.start("ofd:MediaFile");
      x.text(im->file_name);
      x.end();
      x.end();
    }
    x.end();
  }
  x.end();
  return x.finish();
}

}  // namespace lh::ofd::detail
