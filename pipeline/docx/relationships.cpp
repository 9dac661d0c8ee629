// _rels/.rels and word/_rels/document.xml.rels: OPC relationship parts (ECMA-376 Part 2 §9.3).
// Ids are "rId<n>" in registration order, so they are stable for identical input.
#include "docx/parts.h"

namespace lh::docx::detail {

static constexpr const char* kNsRels = "http://schemas.openxmlformats.org/package/2006/relationships";

// --- XML functions ------------------------------------------------------------------------------

// Write the <Relationship> element (Part 2 §9.3.2.2).
static void write_relationship(XmlWriter& x, const Relationship& r) {
  x.start("Relationship");
  x.attr("Id", r.id);
  x.attr("Type", r.type);
  x.attr("Target", r.target);
  if (r.external) x.attr("TargetMode", "External");
  x.end();
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string relationships_xml(const std::vector<Relationship>& rels) {
  XmlWriter x;
  x.start("Relationships");
  x.ns(nullptr, kNsRels);
  for (const Relationship& r : rels) write_relationship(x, r);
  x.end();
  return x.finish();
}

// The package relationships: main document, core and extended properties (Part 1 §15.2.12.1, §15.2.12.3).
std::string package_rels_xml() {
  return relationships_xml({
      {"rId1", std::string(kRelBase) + "officeDocument", "word/document.xml", false},
      {"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
       "docProps/core.xml", false},
      {"rId3", std::string(kRelBase) + "extended-properties", "docProps/app.xml", false},
  });
}

// --- Public functions ---------------------------------------------------------------------------

std::string Package::add_rel(const std::string& type_suffix, const std::string& target, bool external) {
  std::string id = "rId" + std::to_string(doc_rels.size() + 1);
  doc_rels.push_back({id, std::string(kRelBase) + type_suffix, target, external});
  return id;
}

}  // namespace lh::docx::detail
