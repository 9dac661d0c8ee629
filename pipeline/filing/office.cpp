#include "filing/office.h"

#include "filing/xml_safe.h"

namespace lh::filing {

OfficeLoad load_office_text(const std::string& xml, const std::string& xsd, const std::string& name) {
  OfficeLoad out;
  std::vector<XmlProblem> problems;
  XmlDocPtr doc = parse_xml_safely(xml, problems);
  if (doc && !validate_with_xsd(doc.get(), xsd, problems)) doc.reset();
  if (!doc) {
    for (auto& p : problems) out.errors.push_back(p.text(name));
    return out;
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  Office o;
  o.fonds = text_of(first_child(root, "fonds"));
  o.fonds_name = text_of(first_child(root, "fonds-name"));
  o.name = text_of(first_child(root, "name"));
  o.short_name = text_of(first_child(root, "short-name"));
  o.organisation = text_of(first_child(root, "organisation-code"));
  o.parent = text_of(first_child(root, "parent"));
  if (xmlNode* b = first_child(root, "brand")) {
    o.brand_colour = attr(b, "colour");
    o.emblem = attr(b, "emblem");
    o.slogan = attr(b, "slogan");
  }
  out.office = std::move(o);
  return out;
}

OfficeLoad load_office(const std::filesystem::path& xml, const std::filesystem::path& xsd) {
  OfficeLoad out;
  std::string xml_text, xsd_text, e;
  if (!read_config_file(xml.string(), xml_text, e)) { out.errors.push_back(e); return out; }
  if (!read_config_file(xsd.string(), xsd_text, e)) { out.errors.push_back(e); return out; }
  return load_office_text(xml_text, xsd_text, xml.string());
}

}  // namespace lh::filing
