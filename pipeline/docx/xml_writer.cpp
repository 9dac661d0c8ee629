#include "docx/xml_writer.h"

#include <libxml/xmlwriter.h>

#include <stdexcept>

#include "normalize/unicode.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

// One sanitizer for the project: normalize::sanitize (same contract as declared in xml_writer.h).
std::string sanitize_xml_text(std::string_view s) { return normalize::sanitize(s); }

static const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// --- Public functions ---------------------------------------------------------------------------

XmlWriter::XmlWriter() {
  buf_ = xmlBufferCreate();
  if (!buf_) throw std::runtime_error("docx: xmlBufferCreate failed");
  w_ = xmlNewTextWriterMemory(buf_, 0);
  if (!w_) {
    xmlBufferFree(buf_);
    throw std::runtime_error("docx: xmlNewTextWriterMemory failed");
  }
  check(xmlTextWriterStartDocument(w_, "1.0", "UTF-8", "yes"), "StartDocument");
}

XmlWriter::~XmlWriter() {
  if (w_) xmlFreeTextWriter(w_);
  if (buf_) xmlBufferFree(buf_);
}

void XmlWriter::check(int rc, const char* what) {
  if (rc < 0) throw std::runtime_error(std::string("docx: xmlTextWriter") + what + " failed");
}

void XmlWriter::start(const char* qname) { check(xmlTextWriterStartElement(w_, X(qname)), "StartElement"); }

void XmlWriter::attr(const char* qname, std::string_view value) {
  std::string clean = sanitize_xml_text(value);
  check(xmlTextWriterWriteAttribute(w_, X(qname), X(clean.c_str())), "WriteAttribute");
}

void XmlWriter::attr(const char* qname, int64_t value) { attr(qname, std::to_string(value)); }

void XmlWriter::ns(const char* prefix, const char* uri) {
  std::string name = prefix && *prefix ? std::string("xmlns:") + prefix : std::string("xmlns");
  check(xmlTextWriterWriteAttribute(w_, X(name.c_str()), X(uri)), "WriteAttribute(xmlns)");
}

void XmlWriter::text(std::string_view value) {
  std::string clean = sanitize_xml_text(value);
  check(xmlTextWriterWriteString(w_, X(clean.c_str())), "WriteString");
}

void XmlWriter::end() { check(xmlTextWriterEndElement(w_), "EndElement"); }

void XmlWriter::empty(const char* qname) {
  start(qname);
  end();
}

void XmlWriter::val(const char* qname, std::string_view value) {
  start(qname);
  attr("w:val", value);
  end();
}

void XmlWriter::val(const char* qname, int64_t value) { val(qname, std::to_string(value)); }

std::string XmlWriter::finish() {
  check(xmlTextWriterEndDocument(w_), "EndDocument");
  check(xmlTextWriterFlush(w_), "Flush");
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf_)),
                  static_cast<size_t>(xmlBufferLength(buf_)));
  return out;
}

}  // namespace lh::docx::detail
