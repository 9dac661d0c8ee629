// docProps/app.xml: extended properties (ECMA-376 Part 1 §22.2). No statistics (pages, words):
// they would be wrong until Word repaginates, and Word recomputes them on save.
#include "docx/parts.h"

namespace lh::docx::detail {

// --- XML functions ------------------------------------------------------------------------------

static void write_text_element(XmlWriter& x, const char* qname, const char* value) {
  x.start(qname);
  x.text(value);
  x.end();
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string app_props_xml() {
  XmlWriter x;
  x.start("Properties");
  x.ns(nullptr, "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  x.ns("vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
  write_text_element(x, "Application", "lianghua");
  write_text_element(x, "DocSecurity", "0");
  write_text_element(x, "ScaleCrop", "false");
  write_text_element(x, "LinksUpToDate", "false");
  write_text_element(x, "SharedDoc", "false");
  write_text_element(x, "HyperlinksChanged", "false");
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
