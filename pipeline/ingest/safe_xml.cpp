#include "ingest/safe_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <mutex>

namespace lh::ingest {

void XmlDocFree::operator()(xmlDoc* d) const noexcept {
  if (d) xmlFreeDoc(d);
}

namespace {

// Step 3: nothing outside the bytes we were given is ever loaded (file:, http:, ftp:, catalogs).
xmlParserInputPtr deny_all_loader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  (void)url;
  (void)id;
  (void)ctxt;
  return nullptr;
}

void silent_generic(void*, const char*, ...) {}

struct ParseState {
  bool doctype = false;
  int doctype_line = 0;
  int errors = 0;
  int first_line = 0;
  int first_code = 0;
  std::string first_message;
};

std::string one_line(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

void record_error(ParseState* st, const xmlError* e) {
  if (!st || !e) return;
  if (e->level < XML_ERR_ERROR) return;  // warnings do not decide anything
  if (st->errors++ == 0) {
    st->first_line = e->line;
    st->first_code = e->code;
    st->first_message = one_line(e->message);
  }
}

// Errors raised with the parser context (SAX serror channel): user data is the context.
void on_ctxt_error(void* user, xmlErrorPtr e) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  record_error(ctxt ? static_cast<ParseState*>(ctxt->_private) : nullptr, e);
}
// Errors raised without one (encoding, I/O): the thread-local structured channel.
void on_global_error(void* user, xmlErrorPtr e) { record_error(static_cast<ParseState*>(user), e); }

// Step 6: the SAX handler for "<!DOCTYPE name ..." fires before the internal subset is read.
void on_internal_subset(void* user, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  if (!ctxt) return;
  if (auto* st = static_cast<ParseState*>(ctxt->_private)) {
    st->doctype = true;
    st->doctype_line = ctxt->input ? ctxt->input->line : 0;
  }
  xmlStopParser(ctxt);
}

// Restores the thread's structured error channel on scope exit (it is thread-local in libxml2).
class StructuredErrorScope {
 public:
  StructuredErrorScope(void* ctx, xmlStructuredErrorFunc f)
      : prev_f_(xmlStructuredError), prev_ctx_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(ctx, f);
  }
  ~StructuredErrorScope() { xmlSetStructuredErrorFunc(prev_ctx_, prev_f_); }
  StructuredErrorScope(const StructuredErrorScope&) = delete;
  StructuredErrorScope& operator=(const StructuredErrorScope&) = delete;

 private:
  xmlStructuredErrorFunc prev_f_;
  void* prev_ctx_;
};

bool is_entity_abuse(int code) {
  return code == XML_ERR_ENTITY_LOOP || code == XML_ERR_ENTITY_BOUNDARY || code == XML_ERR_ENTITY_PE_INTERNAL ||
         code == XML_ERR_EXT_ENTITY_STANDALONE;
}

}  // namespace

void init_safe_xml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();                                 // step 1
    xmlSetExternalEntityLoader(deny_all_loader);     // step 3
    xmlSetGenericErrorFunc(nullptr, silent_generic); // nothing to stderr from any channel
    xmlThrDefSetGenericErrorFunc(nullptr, silent_generic);
  });
  // The generic channel is thread-local: silence it on every calling thread too.
  thread_local bool silenced = false;
  if (!silenced) {
    xmlSetGenericErrorFunc(nullptr, silent_generic);
    silenced = true;
  }
}

XmlParse parse_xml(std::string_view bytes, std::string_view part, uint64_t max_bytes) {
  XmlParse out;
  const std::string where(part);
  // Every refusal names the part, then the line where one is known, then the reason.
  auto refuse = [&](model::ErrorKind kind, int line, std::string reason) {
    out.error = model::ReadError{kind, where + (line > 0 ? " line " + std::to_string(line) : std::string()) + ": " + reason};
    out.line = line;
    out.reason = std::move(reason);
    return std::move(out);
  };
  if (bytes.size() > max_bytes || bytes.size() > static_cast<size_t>(INT_MAX))  // step 5
    return refuse(model::ErrorKind::TooLarge, 0,
                  "XML part of " + std::to_string(bytes.size()) + " bytes is over the limit of " + std::to_string(max_bytes));
  if (bytes.empty()) return refuse(model::ErrorKind::Damaged, 0, "empty XML");
  init_safe_xml();
  ParseState st;
  StructuredErrorScope scope(&st, on_global_error);  // step 2

  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (!ctxt) return refuse(model::ErrorKind::Damaged, 0, "cannot create an XML parser");
  ctxt->_private = &st;
  // Step 4. Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE.
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (ctxt->sax) {
    ctxt->sax->internalSubset = on_internal_subset;  // step 6
    ctxt->sax->externalSubset = nullptr;
    ctxt->sax->resolveEntity = nullptr;
    ctxt->sax->serror = on_ctxt_error;
    ctxt->sax->error = nullptr;
    ctxt->sax->warning = nullptr;
  }
  xmlParseDocument(ctxt);
  XmlDocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  const bool well_formed = ctxt->wellFormed != 0;
  xmlFreeParserCtxt(ctxt);

  if (st.doctype || (doc && (doc->intSubset || doc->extSubset)))
    return refuse(model::ErrorKind::UnsafeXml, st.doctype_line,
                  "has a DOCTYPE (document type declaration); lianghua never processes DTDs");
  if (st.errors > 0 && is_entity_abuse(st.first_code))
    return refuse(model::ErrorKind::UnsafeXml, st.first_line, st.first_message);
  if (!doc || !well_formed || st.errors > 0)
    return refuse(model::ErrorKind::Damaged, st.errors > 0 ? st.first_line : 0,
                  st.errors > 0 ? st.first_message : "not well-formed XML");
  if (!xmlDocGetRootElement(doc.get())) return refuse(model::ErrorKind::Damaged, 0, "no root element");
  out.doc = std::move(doc);
  return out;
}

// --- schemas ---------------------------------------------------------------------------------------

struct XmlSchemaHandle {
  XmlDocPtr doc;  // the schema document; the compiled schema points into it, so it lives as long
  xmlSchemaPtr schema = nullptr;
  ~XmlSchemaHandle() {
    if (schema) xmlSchemaFree(schema);
  }
};

namespace {
struct ProblemSink {
  std::vector<SchemaProblem>* out;
};
void on_schema_error(void* user, xmlErrorPtr e) {
  auto* sink = static_cast<ProblemSink*>(user);
  if (!sink || !e) return;
  if (sink->out->size() >= 200) return;  // enough to tell what is wrong
  sink->out->push_back(SchemaProblem{e->line, one_line(e->message)});
}
}  // namespace

XmlSchemaPtr load_schema(std::string_view xsd_bytes, std::string_view name, std::string* error) {
  XmlParse p = parse_xml(xsd_bytes, name, 16u << 20);
  if (!p.doc) {
    if (error) *error = p.error ? p.error->message : "cannot parse schema";
    return nullptr;
  }
  auto h = std::make_shared<XmlSchemaHandle>();
  h->doc = std::move(p.doc);
  std::vector<SchemaProblem> problems;
  ProblemSink sink{&problems};
  StructuredErrorScope scope(&sink, on_schema_error);
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewDocParserCtxt(h->doc.get());
  if (!pc) {
    if (error) *error = std::string(name) + ": cannot create a schema parser";
    return nullptr;
  }
  xmlSchemaSetParserStructuredErrors(pc, on_schema_error, &sink);
  h->schema = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  if (!h->schema) {
    if (error) {
      *error = std::string(name) + ": schema does not compile";
      if (!problems.empty())
        *error += " (line " + std::to_string(problems[0].line) + ": " + problems[0].message + ")";
    }
    return nullptr;
  }
  return h;
}

std::vector<SchemaProblem> validate(const XmlSchemaHandle& schema, xmlDoc* doc) {
  std::vector<SchemaProblem> problems;
  if (!schema.schema || !doc) return problems;
  init_safe_xml();
  ProblemSink sink{&problems};
  StructuredErrorScope scope(&sink, on_schema_error);
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema.schema);
  if (!vc) {
    problems.push_back({0, "cannot create a schema validation context"});
    return problems;
  }
  xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &sink);
  int rc = xmlSchemaValidateDoc(vc, doc);
  xmlSchemaFreeValidCtxt(vc);
  if (rc != 0 && problems.empty()) problems.push_back({0, "the document does not validate against the schema"});
  return problems;
}

// --- DOM helpers ---------------------------------------------------------------------------------

bool local_is(const xmlNode* n, std::string_view local) {
  return n && n->type == XML_ELEMENT_NODE && n->name && local == cstr(n->name);
}

std::string_view ns_of(const xmlNode* n) {
  if (!n || !n->ns || !n->ns->href) return {};
  return cstr(n->ns->href);
}

bool el_is(const xmlNode* n, std::string_view ns1, std::string_view local, std::string_view ns2) {
  if (!local_is(n, local)) return false;
  std::string_view ns = ns_of(n);
  return ns == ns1 || (!ns2.empty() && ns == ns2);
}

std::optional<std::string> attr_opt(const xmlNode* n, std::string_view local, std::string_view ns) {
  if (!n || n->type != XML_ELEMENT_NODE) return std::nullopt;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->name || local != cstr(a->name)) continue;
    std::string_view ans = (a->ns && a->ns->href) ? std::string_view(cstr(a->ns->href)) : std::string_view();
    if (ans != ns) continue;
    std::string v;
    for (const xmlNode* c = a->children; c; c = c->next)
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) v += cstr(c->content);
    return v;
  }
  return std::nullopt;
}

std::string attr(const xmlNode* n, std::string_view local, std::string_view ns) {
  return attr_opt(n, local, ns).value_or(std::string());
}

namespace {
void collect_text(const xmlNode* n, std::string& out, size_t cap, int depth) {
  if (depth > 512) return;
  for (const xmlNode* c = n->children; c && out.size() < cap; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) out += cstr(c->content);
    else if (c->type == XML_ELEMENT_NODE) collect_text(c, out, cap, depth + 1);
  }
}
}  // namespace

std::string text_content(const xmlNode* n, size_t cap) {
  std::string out;
  if (n) collect_text(n, out, cap, 0);
  if (out.size() > cap) out.resize(cap);
  return out;
}

std::string own_text(const xmlNode* n) {
  std::string out;
  if (!n) return out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) out += cstr(c->content);
  return out;
}

ElementIter& ElementIter::operator++() {
  do n = n->next;
  while (n && n->type != XML_ELEMENT_NODE);
  return *this;
}

ElementRange elements(const xmlNode* parent) {
  xmlNode* c = parent ? parent->children : nullptr;
  while (c && c->type != XML_ELEMENT_NODE) c = c->next;
  return {c};
}

xmlNode* first_element(const xmlNode* parent, std::string_view local) {
  for (xmlNode* c : elements(parent))
    if (local_is(c, local)) return c;
  return nullptr;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace lh::ingest
