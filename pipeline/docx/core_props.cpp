// docProps/core.xml: OPC core properties (ECMA-376 Part 2 §11; Dublin Core elements).
// Dates come from DocxOptions::timestamp or SOURCE_DATE_EPOCH, never from the clock, so two runs
// give the same bytes; without either the dates are left out (they are optional, Part 2 §11.1).
// This part cannot be schema-checked with shared/schemas/ooxml (no Dublin Core schemas there).
#include <chrono>
#include <cstdio>

#include "docx/parts.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

// W3CDTF in UTC, "2024-01-05T08:30:00Z" (Part 2 §11.1: dcterms:created/modified use xsi:type W3CDTF).
static std::string w3cdtf(int64_t seconds) {
  using namespace std::chrono;
  sys_seconds t{std::chrono::seconds{seconds}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

// --- XML functions ------------------------------------------------------------------------------

// Write a simple text element (dc:title, dc:creator, …) unless the value is empty.
static void write_text_element(XmlWriter& x, const char* qname, const std::string& value) {
  if (value.empty()) return;
  x.start(qname);
  x.text(value);
  x.end();
}

// Write <dcterms:created> / <dcterms:modified>.
static void write_date(XmlWriter& x, const char* qname, int64_t seconds) {
  x.start(qname);
  x.attr("xsi:type", "dcterms:W3CDTF");
  x.text(w3cdtf(seconds));
  x.end();
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string core_props_xml(const DocxOptions& opt, const std::optional<int64_t>& when) {
  XmlWriter x;
  x.start("cp:coreProperties");
  x.ns("cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  x.ns("dc", "http://purl.org/dc/elements/1.1/");
  x.ns("dcterms", "http://purl.org/dc/terms/");
  x.ns("dcmitype", "http://purl.org/dc/dcmitype/");
  x.ns("xsi", "http://www.w3.org/2001/XMLSchema-instance");
  write_text_element(x, "dc:title", opt.title);
  write_text_element(x, "dc:subject", opt.subject);
  write_text_element(x, "dc:creator", opt.author);
  write_text_element(x, "cp:keywords", opt.keywords);
  write_text_element(x, "cp:lastModifiedBy", opt.author);
  if (when) {
    write_date(x, "dcterms:created", *when);
    write_date(x, "dcterms:modified", *when);
  }
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
