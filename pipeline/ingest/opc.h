// Open Packaging Conventions (ECMA-376 Part 2), the parts DOCX and XLSX share:
// relationships (§9.3), content types (§10.1.2), part-name resolution (§9.3.3 / RFC 3986 §5.2),
// core properties (§11, docProps/core.xml) and extended properties (Part 1 §22.2, docProps/app.xml).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"
#include "ingest/safe_xml.h"
#include "ingest/zip_part.h"

namespace lh::ingest::opc {

inline constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr std::string_view kRelNsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships";

struct Relationship {
  std::string id, type, target;  // target: resolved part name (no leading '/') unless external
  bool external = false;
};

struct Rels {
  std::vector<Relationship> list;
  const Relationship* by_id(std::string_view id) const;
  // First relationship whose type ends with "/<suffix>" (transitional and strict URIs differ only
  // in their prefix).
  const Relationship* by_type(std::string_view suffix) const;
};

// "word/document.xml" -> "word/_rels/document.xml.rels"; "" (the package) -> "_rels/.rels".
std::string rels_name_for(std::string_view part);
// Resolve a relationship target against its source part; "" if it escapes the package.
std::string resolve(std::string_view source_part, std::string_view target);

struct ContentTypes {
  std::map<std::string, std::string> by_extension;  // lower-case extension -> type
  std::map<std::string, std::string> by_part;       // lower-case part name (no leading '/') -> type
  std::string type_of(std::string_view part) const;
};

// A package being read: the ZIP plus the limits; collects problems in optional parts.
struct Package {
  ZipPackage zip;
  const Limits* limits = nullptr;
  ContentTypes types;

  // Read and parse an XML part. A missing part gives error kind damaged with `missing` set.
  struct Part {
    XmlDocPtr doc;
    std::optional<model::ReadError> error;
    bool missing = false;
  };
  Part parse(std::string_view part_name);
  // Relationships of a part; a missing .rels is an empty list. Unsafe or damaged .rels: error.
  std::optional<model::ReadError> rels_of(std::string_view part_name, Rels& out);
};

// Open the ZIP, reject DOCTYPEs in any XML member, read [Content_Types].xml.
std::optional<model::ReadError> open_package(std::string_view bytes, const Limits& limits, Package& pkg);

// docProps/core.xml and docProps/app.xml (found through the package relationships) into meta.
// Damaged property parts only add a problem; unsafe ones are returned as the error.
std::optional<model::ReadError> read_properties(Package& pkg, const Rels& package_rels, model::Metadata& meta);

// Is this error one that must stop the whole read (never downgraded to a problem)?
bool is_fatal(const model::ReadError& e);

// An image's media type: the part's content type if it is image/*, else from its magic bytes.
std::string image_media_type(const Package& pkg, std::string_view part, std::string_view bytes);

}  // namespace lh::ingest::opc
