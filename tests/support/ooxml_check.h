// Checks of a .docx as a reader would make them, for tests that see only the file (tests/e2e):
// unzip it, and validate each part against ../shared/schemas/ooxml with the libxml2 C API
// (shared/schemas/ooxml/README.md: compile each schema once, xmlSchemaValidateDoc == 0 is valid).
// Header-only so that only the test executables that include it link libzip and libxml2.
// (tests/docx/docx_test_util.h has the same checks for the writer's own tests.)
#pragma once
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <zip.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.h"

namespace lh::test::ooxml {

// Entry name → bytes; `order`, when given, receives the entry names in archive order. Throws
// std::runtime_error when the bytes are not a ZIP.
inline std::map<std::string, std::string> unzip(const std::string& bytes, std::vector<std::string>* order = nullptr) {
  std::map<std::string, std::string> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) throw std::runtime_error("zip_source_buffer_create");
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    zip_source_free(src);
    throw std::runtime_error(std::string("not a zip: ") + zip_error_strerror(&err));
  }
  const zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || st.size > (64u << 20)) continue;
    std::string data(static_cast<size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    const bool ok = f && zip_fread(f, data.data(), data.size()) == static_cast<zip_int64_t>(data.size());
    if (f) zip_fclose(f);
    if (!ok) {
      zip_close(za);
      throw std::runtime_error(std::string("cannot read ") + st.name);
    }
    if (order) order->push_back(st.name);
    parts[st.name] = std::move(data);
  }
  zip_discard(za);
  zip_error_fini(&err);
  return parts;
}

// <source>/../shared/schemas/ooxml, or nullopt where ../shared is absent (tests GTEST_SKIP then).
inline std::optional<std::filesystem::path> schema_dir() {
  const std::filesystem::path p = source_dir().parent_path() / "shared" / "schemas" / "ooxml";
  if (std::filesystem::is_regular_file(p / "wml-wrapper.xsd")) return p;
  return std::nullopt;
}

// The schema a part validates against, or "" for parts the set has none for (core.xml needs the
// Dublin Core schemas, which the set lacks; media).
inline std::string schema_for(const std::string& name) {
  if (name == "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".rels") == 0) return "opc-relationships.xsd";
  if (name == "docProps/app.xml") return "shared-documentPropertiesExtended.xsd";
  if (name.rfind("word/", 0) == 0 && name.find('/', 5) == std::string::npos && name.size() > 4 &&
      name.compare(name.size() - 4, 4, ".xml") == 0)
    return "wml-wrapper.xsd";
  return {};
}

inline void collect_error(void* ctx, const char* msg, ...) {
  va_list ap;
  va_start(ap, msg);
  char buf[1024];
  std::vsnprintf(buf, sizeof buf, msg, ap);
  va_end(ap);
  *static_cast<std::string*>(ctx) += buf;
}

// "" when `xml` is valid against `xsd_file` (in schema_dir()); otherwise libxml2's messages.
inline std::string validate(const std::string& xml, const std::string& xsd_file) {
  struct Compiled {
    xmlSchemaPtr schema = nullptr;
    ~Compiled() {
      if (schema) xmlSchemaFree(schema);
    }
  };
  static std::map<std::string, std::shared_ptr<Compiled>> cache;
  std::string errors;
  auto& c = cache[xsd_file];
  if (!c) {
    c = std::make_shared<Compiled>();
    const std::string path = (*schema_dir() / xsd_file).string();
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(path.c_str());
    xmlSchemaSetParserErrors(pctx, collect_error, collect_error, &errors);
    c->schema = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
  }
  if (!c->schema) return "schema " + xsd_file + " does not compile: " + errors;
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return "not well-formed XML";
  xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(c->schema);
  xmlSchemaSetValidErrors(vctx, collect_error, collect_error, &errors);
  const int rc = xmlSchemaValidateDoc(vctx, doc);
  xmlSchemaFreeValidCtxt(vctx);
  xmlFreeDoc(doc);
  if (rc == 0) return {};
  return errors.empty() ? "invalid (rc " + std::to_string(rc) + ")" : errors;
}

}  // namespace lh::test::ooxml
