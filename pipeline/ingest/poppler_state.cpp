#include "ingest/poppler_state.h"

#include <glib.h>
#include <poppler.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace lh::ingest {
namespace {

// The smallest well-formed PDF (ISO 32000-1 §7.5: header, three objects, xref, trailer): one empty
// 3 × 3 pt page, with a correct cross-reference table so that poppler has nothing to repair.
std::string tiny_pdf() {
  const std::vector<std::string> objects = {
      "<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
      "<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<</Size " + std::to_string(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

void use_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_log_set_handler("Poppler", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    static const std::string bytes = tiny_pdf();  // borrowed by the document, which is never freed
    GBytes* b = g_bytes_new_static(bytes.data(), bytes.size());
    PopplerDocument* keep = poppler_document_new_from_bytes(b, nullptr, nullptr);
    g_bytes_unref(b);
    (void)keep;  // intentionally kept open: its GlobalParams reference lives as long as the process
  });
}

}  // namespace lh::ingest
