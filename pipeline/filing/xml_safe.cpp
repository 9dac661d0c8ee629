#include "filing/xml_safe.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <fstream>
#include <mutex>
#include <sstream>

namespace lh::filing {
namespace {

constexpr size_t kMaxConfigBytes = 8u << 20;  // a scheme is a few kB; refuse anything absurd

// Never fetch anything from outside (libraries.md §6 step 3) — used only during our parses.
xmlParserInputPtr deny_loader(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string trim_msg(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct ParserCtxtFree { void operator()(xmlParserCtxt* c) const { if (c) xmlFreeParserCtxt(c); } };
struct SchemaParserFree { void operator()(xmlSchemaParserCtxt* c) const { if (c) xmlSchemaFreeParserCtxt(c); } };
struct SchemaFree { void operator()(xmlSchema* s) const { if (s) xmlSchemaFree(s); } };
struct ValidFree { void operator()(xmlSchemaValidCtxt* c) const { if (c) xmlSchemaFreeValidCtxt(c); } };

void collect(void* user, xmlErrorPtr e) {
  if (!user || !e) return;
  auto* out = static_cast<std::vector<XmlProblem>*>(user);
  int line = e->line;
  if (line <= 0 && e->node) line = xmlGetLineNo(static_cast<xmlNode*>(e->node));
  out->push_back({line, trim_msg(e->message)});
}

// Swaps the thread's libxml2 error sink and entity loader for the duration of one parse.
class ErrorScope {
 public:
  explicit ErrorScope(std::vector<XmlProblem>* sink) {
    init_once();
    old_loader_ = xmlGetExternalEntityLoader();
    old_fn_ = xmlStructuredError;
    old_ctx_ = xmlStructuredErrorContext;
    xmlSetExternalEntityLoader(deny_loader);
    xmlSetStructuredErrorFunc(sink, collect);
  }
  ~ErrorScope() {
    xmlSetStructuredErrorFunc(old_ctx_, old_fn_);
    xmlSetExternalEntityLoader(old_loader_);
  }
  ErrorScope(const ErrorScope&) = delete;
  ErrorScope& operator=(const ErrorScope&) = delete;
 private:
  xmlExternalEntityLoader old_loader_;
  xmlStructuredErrorFunc old_fn_;
  void* old_ctx_;
};

constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

}  // namespace

std::string XmlProblem::text(const std::string& name) const {
  return name + ":" + std::to_string(line) + ": " + message;
}

XmlDocPtr parse_xml_safely(const std::string& bytes, std::vector<XmlProblem>& problems) {
  if (bytes.size() > kMaxConfigBytes) {
    problems.push_back({0, "file too large for a configuration file"});
    return nullptr;
  }
  std::vector<XmlProblem> raw;
  XmlDocPtr doc;
  {
    ErrorScope scope(&raw);
    std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt) { problems.push_back({0, "out of memory"}); return nullptr; }
    doc.reset(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), "config.xml",
                                nullptr, kOptions));
    if (!doc) {
      xmlErrorPtr e = xmlCtxtGetLastError(ctxt.get());
      if (raw.empty()) raw.push_back({e ? e->line : 0, e ? trim_msg(e->message) : "not well-formed XML"});
      for (auto& p : raw) problems.push_back(p);
      return nullptr;
    }
  }
  if (doc->intSubset || doc->extSubset) {
    xmlDtd* dtd = doc->intSubset ? doc->intSubset : doc->extSubset;
    problems.push_back({static_cast<int>(xmlGetLineNo(reinterpret_cast<xmlNode*>(dtd))),
                        "DOCTYPE is not allowed in configuration files"});
    return nullptr;
  }
  if (!xmlDocGetRootElement(doc.get())) {
    problems.push_back({1, "document has no root element"});
    return nullptr;
  }
  return doc;
}

bool validate_with_xsd(xmlDoc* doc, const std::string& xsd_bytes, std::vector<XmlProblem>& problems) {
  std::vector<XmlProblem> xsd_problems;
  XmlDocPtr xsd = parse_xml_safely(xsd_bytes, xsd_problems);
  if (!xsd) {
    for (auto& p : xsd_problems) problems.push_back({p.line, "schema: " + p.message});
    return false;
  }
  std::vector<XmlProblem> raw;
  ErrorScope scope(&raw);
  std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> pctxt(xmlSchemaNewDocParserCtxt(xsd.get()));
  if (!pctxt) { problems.push_back({0, "schema: cannot create parser"}); return false; }
  xmlSchemaSetParserStructuredErrors(pctxt.get(), collect, &raw);
  std::unique_ptr<xmlSchema, SchemaFree> schema(xmlSchemaParse(pctxt.get()));
  if (!schema) {
    for (auto& p : raw) problems.push_back({p.line, "schema: " + p.message});
    if (raw.empty()) problems.push_back({0, "schema: invalid XSD"});
    return false;
  }
  std::unique_ptr<xmlSchemaValidCtxt, ValidFree> vctxt(xmlSchemaNewValidCtxt(schema.get()));
  if (!vctxt) { problems.push_back({0, "schema: cannot create validator"}); return false; }
  raw.clear();
  xmlSchemaSetValidStructuredErrors(vctxt.get(), collect, &raw);
  int rc = xmlSchemaValidateDoc(vctxt.get(), doc);
  for (auto& p : raw) problems.push_back(p);
  if (rc != 0 && raw.empty()) problems.push_back({0, "document does not match its schema"});
  return rc == 0;
}

bool read_config_file(const std::string& path, std::string& out, std::string& error, size_t max_bytes) {
  std::ifstream f(path, std::ios::binary);
  if (!f) { error = path + ": cannot open"; return false; }
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  if (out.size() > max_bytes) { error = path + ": too large"; return false; }
  return true;
}

std::vector<xmlNode*> child_elements(xmlNode* parent, const char* name) {
  std::vector<xmlNode*> out;
  if (!parent) return out;
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name && xmlStrcmp(c->name, reinterpret_cast<const xmlChar*>(name)) != 0) continue;
    out.push_back(c);
  }
  return out;
}

xmlNode* first_child(xmlNode* parent, const char* name) {
  auto v = child_elements(parent, name);
  return v.empty() ? nullptr : v.front();
}

bool has_attr(xmlNode* n, const char* name) {
  return n && xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string attr(xmlNode* n, const char* name, const std::string& fallback) {
  if (!n) return fallback;
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return fallback;
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string text_of(xmlNode* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace lh::filing
