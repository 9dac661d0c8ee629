// The one way lianghua parses untrusted XML (libraries.md §6, "safe recipe", each step verified on
// libxml2 2.9.14). Every reader that parses XML (DOCX, XLSX, OFD parts, XML exports) goes through
// parse_xml():
//   1. xmlInitParser() once;
//   2. a structured error handler, so nothing reaches stderr; errors become ReadError values;
//   3. a deny-all external entity loader (process-wide, installed once);
//   4. options XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING, never NOENT, DTDLOAD,
//      DTDATTR, DTDVALID, XINCLUDE or HUGE;
//   5. the input size is capped;
//   6. ANY document type declaration is rejected as unsafe_xml: the parser is stopped in the SAX
//      internalSubset callback, before a single entity declaration is read (billion laughs,
//      quadratic blowup, XXE). OOXML/OPC/OFD parts never carry one (ECMA-376 Part 2 §8.1.4 forbids
//      DTDs in OPC parts: "M1.17");
//   7. XInclude is never called.
#pragma once
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/metadata.h"

namespace lh::ingest {

struct XmlDocFree {
  void operator()(xmlDoc* d) const noexcept;
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlParse {
  XmlDocPtr doc;                          // null exactly when error is set
  std::optional<model::ReadError> error;  // unsafe_xml, damaged (libxml2 message + line) or too_large
  int line = 0;                           // with an error: its line (the DOCTYPE's for unsafe_xml), 0 unknown
  std::string reason;                     // with an error: the message without part name and line
};

// Idempotent; parse_xml() calls it. Installs the deny-all entity loader and silences the generic
// error channel process-wide.
void init_safe_xml();

// Parse `bytes` (any encoding libxml2 detects: BOM, or the declaration, e.g. GBK via iconv).
// `part` names the input in messages ("word/document.xml"). Inputs over `max_bytes` are too_large.
XmlParse parse_xml(std::string_view bytes, std::string_view part, uint64_t max_bytes);

// --- XML Schema (XSD) validation ----------------------------------------------------------------

struct XmlSchemaHandle;  // the parsed schema plus the document it came from, kept together
using XmlSchemaPtr = std::shared_ptr<const XmlSchemaHandle>;

// Parse an XSD from bytes through parse_xml() (so the deny-all loader applies; the schema must be
// self-contained: no xs:include/xs:import). Null and `error` set on failure.
XmlSchemaPtr load_schema(std::string_view xsd_bytes, std::string_view name, std::string* error);

struct SchemaProblem {
  int line = 0;
  std::string message;  // libxml2's message, one line
};
// Validate a parsed document; returns the problems (empty: valid). Thread-safe for a shared schema.
std::vector<SchemaProblem> validate(const XmlSchemaHandle& schema, xmlDoc* doc);

// --- small DOM helpers (namespace-aware, never expand anything) ---------------------------------

inline const char* cstr(const xmlChar* s) { return reinterpret_cast<const char*>(s); }
inline const xmlChar* xstr(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

bool local_is(const xmlNode* n, std::string_view local);  // element with this local name
std::string_view ns_of(const xmlNode* n);                 // the element's namespace URI, "" if none
// Element with local name `local` in namespace `ns1` (or `ns2` if given, e.g. OOXML Strict).
bool el_is(const xmlNode* n, std::string_view ns1, std::string_view local, std::string_view ns2 = {});
// Attribute value by local name and namespace (ns empty: an attribute without namespace), or "".
std::string attr(const xmlNode* n, std::string_view local, std::string_view ns = {});
std::optional<std::string> attr_opt(const xmlNode* n, std::string_view local, std::string_view ns = {});
// The text and CDATA of n's descendants, in order, stopping at `cap` bytes. No entity expansion
// (a document with a DOCTYPE never gets this far).
std::string text_content(const xmlNode* n, size_t cap = 16u << 20);
// The text directly inside n (its text and CDATA children only).
std::string own_text(const xmlNode* n);

// Iterate the element children of a node: for (xmlNode* c : elements(n)) ...
struct ElementIter {
  xmlNode* n;
  xmlNode* operator*() const { return n; }
  ElementIter& operator++();
  bool operator!=(const ElementIter& o) const { return n != o.n; }
};
struct ElementRange {
  xmlNode* first;
  ElementIter begin() const { return {first}; }
  ElementIter end() const { return {nullptr}; }
};
ElementRange elements(const xmlNode* parent);
xmlNode* first_element(const xmlNode* parent, std::string_view local);  // by local name

std::string trim(std::string_view s);  // ASCII white space at both ends

}  // namespace lh::ingest
