// The GB/T 33190-2016 XSDs for the checker (check_internal.h). They include Definitions.xsd and
// Page.xsd by relative xs:include; ingest's parser refuses every external load (safe_xml.h), so the
// included schemas' top-level declarations are copied into the entry schema's tree (each file
// once), and the merged schema is compiled from memory by ingest::load_schema.
#include <libxml/tree.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "model/paths.h"
#include "ofd/check_internal.h"

namespace lh::ofd::check {
namespace {

using namespace lh::ingest;

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// Copy the declarations of `name` (and of what it includes) under `root`; each file once.
bool merge_includes(const std::string& dir, xmlDoc* into, xmlNode* root, std::set<std::string>& seen, std::string* error) {
  std::vector<xmlNode*> includes;
  for (xmlNode* c : elements(root))
    if (local_is(c, "include")) includes.push_back(c);
  for (xmlNode* inc : includes) {
    const std::string loc = attr(inc, "schemaLocation");
    xmlUnlinkNode(inc);
    xmlFreeNode(inc);
    if (loc.empty() || loc.find('/') != std::string::npos || !seen.insert(loc).second) continue;
    std::string bytes;
    if (!read_file(std::filesystem::path(dir) / loc, bytes)) {
      if (error) *error = "cannot read " + loc + " in " + dir;
      return false;
    }
    XmlParse p = parse_xml(bytes, loc, 16u << 20);
    if (!p.doc) {
      if (error) *error = p.error ? p.error->message : loc + ": not XML";
      return false;
    }
    xmlNode* inc_root = xmlDocGetRootElement(p.doc.get());
    if (!merge_includes(dir, p.doc.get(), inc_root, seen, error)) return false;
    for (xmlNode* c : elements(inc_root)) xmlAddChild(root, xmlDocCopyNode(c, into, 1));
  }
  xmlReconciliateNs(into, root);
  return true;
}

// GB/T 42133-2022 6.2.1 a: DocType "OFD-A" where GB/T 33190's OFD.xsd fixes "OFD".
void allow_ofd_a(xmlNode* root) {
  std::vector<xmlNode*> attrs;
  find_all(root, "attribute", attrs);
  for (xmlNode* a : attrs) {
    if (attr(a, "name") != "DocType") continue;
    xmlUnsetProp(a, xstr("fixed"));
    std::vector<xmlNode*> en;
    find_all(a, "enumeration", en);
    if (en.empty()) continue;
    xmlNode* extra = xmlDocCopyNode(en.front(), a->doc, 1);
    xmlSetProp(extra, xstr("value"), xstr("OFD-A"));
    xmlAddNextSibling(en.front(), extra);
  }
}

}  // namespace

XmlSchemaPtr load_ofd_schema(const std::string& dir, const std::string& entry, std::string* error) {
  std::string bytes;
  if (!read_file(std::filesystem::path(dir) / entry, bytes)) {
    if (error) *error = "cannot read " + entry + " in " + dir;
    return nullptr;
  }
  XmlParse p = parse_xml(bytes, entry, 16u << 20);
  if (!p.doc) {
    if (error) *error = p.error ? p.error->message : entry + ": not XML";
    return nullptr;
  }
  xmlNode* root = xmlDocGetRootElement(p.doc.get());
  std::set<std::string> seen{entry};
  if (!merge_includes(dir, p.doc.get(), root, seen, error)) return nullptr;
  if (entry == "OFD.xsd") allow_ofd_a(root);
  xmlChar* out = nullptr;
  int len = 0;
  xmlDocDumpMemory(p.doc.get(), &out, &len);
  std::string merged(out ? reinterpret_cast<const char*>(out) : "", out ? static_cast<size_t>(len) : 0);
  xmlFree(out);
  return load_schema(merged, entry, error);
}

}  // namespace lh::ofd::check

namespace lh::ofd {

std::string default_schema_dir() {
  if (const char* e = std::getenv("LIANGHUA_OFD_SCHEMAS"); e && *e) return e;
  const std::filesystem::path data = model::project_root() / "schemas" / "ofd";
  std::error_code ec;
  return std::filesystem::is_regular_file(data / "OFD.xsd", ec) ? data.string() : std::string();
}

}  // namespace lh::ofd
