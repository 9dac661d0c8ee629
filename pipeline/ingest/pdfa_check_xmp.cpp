// The metadata rules of the PDF/A-2b check (pdfa_check.h): ISO 19005-2 6.6.2.1 (an XMP stream in
// the Catalog, well-formed, no bytes=/encoding= in the packet header), 6.6.2.3.1 (properties only
// from predefined or declared schemas), 6.6.4 (pdfaid) and ISO 19005-1 6.7.3 (Info = XMP). The XMP
// is parsed with the one safe XML parser (safe_xml.h): a DOCTYPE in it is refused, never expanded.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "ingest/safe_xml.h"

namespace lh::ingest {
namespace {
using OH = QPDFObjectHandle;

constexpr uint64_t kMaxXmpBytes = 4u << 20;
constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXmlNs = "http://www.w3.org/XML/1998/namespace";
constexpr const char* kPdfaId = "http://www.aiim.org/pdfa/ns/id/";
constexpr const char* kDc = "http://purl.org/dc/elements/1.1/";
constexpr const char* kXmp = "http://ns.adobe.com/xap/1.0/";
constexpr const char* kPdf = "http://ns.adobe.com/pdf/1.3/";

// The schemas XMP 2005 and ISO 19005 predefine (ISO 19005-2 6.6.2.3.1).
const std::set<std::string>& predefined_schemas() {
  static const std::set<std::string> k = {
      kDc, kXmp, kPdf, kPdfaId, "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
      "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
      "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/",
      "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/", "http://www.aiim.org/pdfa/ns/extension/",
      "http://www.aiim.org/pdfa/ns/schema#", "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
      "http://www.aiim.org/pdfa/ns/field#", "http://ns.adobe.com/xap/1.0/g/img/"};
  return k;
}

struct Property {
  std::string ns, name, value;
};

// The value of a property element: an rdf:Alt's x-default item, else the first rdf:li, else its text.
std::string prop_value(const xmlNode* n) {
  const xmlNode* first_li = nullptr;
  std::vector<const xmlNode*> stack{n};
  while (!stack.empty()) {
    const xmlNode* cur = stack.back();
    stack.pop_back();
    for (xmlNode* c : elements(cur)) {
      if (el_is(c, kRdf, "li")) {
        if (attr(c, "lang", kXmlNs) == "x-default") return trim(text_content(c));
        if (!first_li) first_li = c;
      } else {
        stack.push_back(c);
      }
    }
  }
  return trim(text_content(first_li ? first_li : n));
}

// Every top-level property of every rdf:Description (elements and the attribute shorthand).
void collect(const xmlNode* n, std::vector<Property>& props, std::set<std::string>& declared) {
  for (xmlNode* c : elements(n)) {
    if (el_is(c, "http://www.aiim.org/pdfa/ns/schema#", "namespaceURI")) declared.insert(trim(text_content(c)));
    if (el_is(c, kRdf, "Description")) {
      for (xmlAttr* a = c->properties; a; a = a->next) {
        std::string ns = a->ns && a->ns->href ? cstr(a->ns->href) : "";
        if (ns == kRdf || ns == kXmlNs || ns.empty()) continue;
        xmlChar* v = xmlGetNsProp(c, a->name, a->ns->href);
        props.push_back({ns, cstr(a->name), v ? trim(cstr(v)) : std::string()});
        xmlFree(v);
      }
      for (xmlNode* p : elements(c)) props.push_back({std::string(ns_of(p)), cstr(p->name), prop_value(p)});
    }
    collect(c, props, declared);
  }
}

const Property* find(const std::vector<Property>& props, const char* ns, const char* name) {
  for (const auto& p : props)
    if (p.ns == ns && p.name == name) return &p;
  return nullptr;
}

// A date as 14 digits and a zone offset in minutes (none: no zone written), from either
// "D:YYYYMMDDHHmmSS+HH'mm'" (PDF) or "YYYY-MM-DDThh:mm:ss+hh:mm" (XMP), so the two compare.
struct Instant {
  std::string digits;
  std::optional<int> zone;
  bool operator==(const Instant& o) const { return digits == o.digits && zone == o.zone; }
};

std::optional<Instant> parse_date(std::string s) {
  if (s.rfind("D:", 0) == 0) s = s.substr(2);
  Instant t;
  size_t i = 0;
  for (; i < s.size() && t.digits.size() < 14; ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') t.digits += c;
    else if (c == '-' && t.digits.size() < 8) continue;
    else if (c == 'T' || c == ':') continue;
    else break;
  }
  if (t.digits.size() < 4) return std::nullopt;
  while (i < s.size() && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) ++i;  // fractions of a second
  while (t.digits.size() < 14) t.digits += (t.digits.size() == 4 || t.digits.size() == 6) ? "01" : "00";
  if (i < s.size() && s[i] == 'Z') {
    t.zone = 0;
  } else if (i + 3 <= s.size() && (s[i] == '+' || s[i] == '-')) {
    auto two = [&](size_t at) { return at + 2 <= s.size() ? (s[at] - '0') * 10 + (s[at + 1] - '0') : 0; };
    size_t m = i + 3;
    if (m < s.size() && (s[m] == '\'' || s[m] == ':')) ++m;
    int minutes = two(i + 1) * 60 + (m + 2 <= s.size() && s[m] >= '0' && s[m] <= '9' ? two(m) : 0);
    t.zone = s[i] == '-' ? -minutes : minutes;
  }
  return t;
}

// ISO 19005-1 6.7.3: each Info entry with an XMP analogue has the same value there.
void check_info(QPDF& q, const std::vector<Property>& props, std::map<std::string, std::string>& findings) {
  OH info = q.getTrailer().getKey("/Info");
  if (!info.isDictionary()) return;
  struct Twin { const char* key; const char* ns; const char* name; bool date; };
  static const Twin kTwins[] = {{"/Title", kDc, "title", false},          {"/Author", kDc, "creator", false},
                                {"/Subject", kDc, "description", false},  {"/Keywords", kPdf, "Keywords", false},
                                {"/Creator", kXmp, "CreatorTool", false}, {"/Producer", kPdf, "Producer", false},
                                {"/CreationDate", kXmp, "CreateDate", true}, {"/ModDate", kXmp, "ModifyDate", true}};
  for (const Twin& t : kTwins) {
    OH v = info.getKey(t.key);
    if (!v.isString()) continue;
    const std::string info_value = v.getUTF8Value();
    const Property* p = find(props, t.ns, t.name);
    bool same = p && (t.date ? (parse_date(info_value) && parse_date(p->value) && *parse_date(info_value) == *parse_date(p->value))
                             : p->value == info_value);
    if (!same)
      findings.emplace("1:6.7.3", std::string("Info ") + t.key + " (" + info_value + ") differs from XMP " + t.name + " (" +
                                      (p ? p->value : std::string("missing")) + ")");
  }
}

void check_pdfaid(const std::vector<Property>& props, std::map<std::string, std::string>& findings) {
  const Property* part = find(props, kPdfaId, "part");
  const Property* conf = find(props, kPdfaId, "conformance");
  if (!part || !conf) {
    findings.emplace("6.6.4", "the XMP has no PDF/A identification (pdfaid:part and pdfaid:conformance)");
    return;
  }
  if (part->value != "2") findings.emplace("6.6.4", "pdfaid:part is '" + part->value + "', not 2");
  if (conf->value != "B" && conf->value != "U" && conf->value != "A")
    findings.emplace("6.6.4", "pdfaid:conformance is '" + conf->value + "', not B, U or A");
}

}  // namespace

void check_pdfa_metadata(QPDF& q, std::map<std::string, std::string>& findings) {
  OH md = q.getRoot().getKey("/Metadata");
  if (!md.isStream() || !md.getDict().getKey("/Type").isNameAndEquals("/Metadata") ||
      !md.getDict().getKey("/Subtype").isNameAndEquals("/XML")) {
    findings.emplace("6.6.2.1", "the Catalog has no /Metadata stream of /Type /Metadata, /Subtype /XML");
    findings.emplace("6.6.4", "the XMP has no PDF/A identification (there is no XMP)");
    return;
  }
  std::string xmp;
  try {
    auto buf = md.getStreamData(qpdf_dl_generalized);
    xmp.assign(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
  } catch (const std::exception& e) {
    findings.emplace("6.6.2.1", std::string("the metadata stream cannot be decoded: ") + e.what());
    return;
  }
  size_t head = xmp.find("<?xpacket");
  if (head != std::string::npos) {
    std::string pi = xmp.substr(head, xmp.find("?>", head) - head);
    if (pi.find("bytes=") != std::string::npos || pi.find("encoding=") != std::string::npos)
      findings.emplace("6.6.2.1", "the XMP packet header has a bytes= or encoding= attribute");
  }
  XmlParse parsed = parse_xml(xmp, "XMP metadata", kMaxXmpBytes);
  if (parsed.error) {
    findings.emplace("6.6.2.1", "the XMP is not well-formed XML: " + parsed.error->message);
    return;
  }
  std::vector<Property> props;
  std::set<std::string> declared;
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (root) {
    // The root itself may be rdf:RDF (no x:xmpmeta wrapper); collect() looks at children.
    xmlNode wrapper{};
    wrapper.children = const_cast<xmlNode*>(root);
    collect(&wrapper, props, declared);
  }
  for (const auto& p : props)
    if (!predefined_schemas().count(p.ns) && !declared.count(p.ns)) {
      findings.emplace("6.6.2.3.1", "XMP property " + p.name + " (" + p.ns + ") is in no predefined schema and no declared extension schema");
      break;
    }
  check_pdfaid(props, findings);
  check_info(q, props, findings);
}

}  // namespace lh::ingest
