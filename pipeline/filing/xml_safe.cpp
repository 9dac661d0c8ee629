#include "filing/xml_safe.h"

#include "ingest/safe_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
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

}  // namespace

std::string XmlProblem::text(const std::string& name) const {
  return name + ":" + std::to_string(line) + ": " + message;
}

XmlDocPtr parse_xml_safely(const std::string& bytes, std::vector<XmlProblem>& problems) {
  // One safe parser for every XML lianghua reads (ingest/safe_xml.h): its SAX hook stops at a
  // DOCTYPE before one entity is declared, so a spec with a DOCTYPE or entities is refused as
  // unsafe_xml, as a DOCX part would be.
  ingest::XmlParse p = ingest::parse_xml(bytes, "config.xml", kMaxConfigBytes);
  if (p.error) {
    std::string why = p.reason;
    if (p.error->kind == model::ErrorKind::UnsafeXml)
      why = "含 DOCTYPE（文档类型声明）或实体，出于安全不予读取 (unsafe_xml)";
    else if (p.error->kind == model::ErrorKind::TooLarge)
      why = "文件过大，不是配置文件 (too_large)：" + why;
    problems.push_back({p.line, why});
    return nullptr;
  }
  return XmlDocPtr(p.doc.release());
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
  // Refused by its size before a byte is read (issue 13 §4); the size read is checked again, for a
  // file that grows while it is read.
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    error = path + ": too large (" + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes) + ")";
    return false;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) { error = path + ": cannot open"; return false; }
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  if (out.size() > max_bytes) { error = path + ": too large (over the limit of " + std::to_string(max_bytes) + " bytes)"; return false; }
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
