// Safe loading of the office's configuration XML (scheme, office profile, signage and book specs,
// SVG emblems) and XSD validation. Parsing goes through ingest's one safe parser (ingest/safe_xml.h,
// libraries.md §6: a DOCTYPE is refused as unsafe_xml before any entity is declared, NONET, no
// entity substitution, no XInclude, a size cap); errors carry the line number so a clerk can fix
// the file.
#pragma once
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

namespace lh::filing {

struct XmlDocFree { void operator()(xmlDoc* d) const { if (d) xmlFreeDoc(d); } };
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// "<name>:<line>: <message>"
struct XmlProblem {
  int line = 0;
  std::string message;
  std::string text(const std::string& name) const;
};

// Parses bytes; returns null and fills problems on any error (not well-formed, DOCTYPE present, too big).
XmlDocPtr parse_xml_safely(const std::string& bytes, std::vector<XmlProblem>& problems);

// Validates doc against the XSD given as text (itself parsed safely). Every violation is reported
// with the line of the offending node. Returns true when valid.
bool validate_with_xsd(xmlDoc* doc, const std::string& xsd_bytes, std::vector<XmlProblem>& problems);

// Reads a whole regular file (capped at max_bytes). False with a message on failure.
bool read_config_file(const std::string& path, std::string& out, std::string& error,
                      size_t max_bytes = 8u << 20);

// Small helpers over the tree (element children only, UTF-8 strings).
std::vector<xmlNode*> child_elements(xmlNode* parent, const char* name = nullptr);
xmlNode* first_child(xmlNode* parent, const char* name);
std::string attr(xmlNode* n, const char* name, const std::string& fallback = {});
bool has_attr(xmlNode* n, const char* name);
std::string text_of(xmlNode* n);

}  // namespace lh::filing
