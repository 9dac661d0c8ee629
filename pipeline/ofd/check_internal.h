// Internal interface of the OFD-A checker (check.h): the package as read back, and the schema
// loader. Reading only: the parts are parsed by ingest's safe parser, the ZIP read by its reader.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ingest/safe_xml.h"
#include "ingest/zip_part.h"
#include "ofd/check.h"

namespace lh::ofd::check {

// ST_Loc (GB/T 33190-2016 §7.3): "/x" from the package root, else relative to `base_folder`.
// "" when it climbs out of the package or names something outside it (a URI).
std::string resolve_loc(std::string_view base_folder, std::string_view loc);
std::string folder_of(std::string_view part);
bool is_external(std::string_view loc);  // "http://…", "file:…", "C:\…": not a package part

// The package read back: parts parsed on first use, with what went wrong.
struct Package {
  ingest::ZipPackage zip;
  ingest::Limits limits;
  std::map<std::string, ingest::XmlParse> parsed;
  std::vector<std::string> encrypted;          // members stored encrypted (6.16)
  std::set<std::string> referenced;            // members some part points to (6.1)
  std::vector<std::string> broken_refs;        // references to nothing or outside the package (6.1)
  // The root element of `part`, or null (missing or not well-formed: recorded in broken_refs).
  xmlNode* root(const std::string& part);
  xmlDoc* doc(const std::string& part);
  // The first `n` bytes of a binary member ("" if missing or encrypted: recorded): what a rule about
  // its format needs (a signature, a font's table directory) without inflating a whole font.
  std::string head(const std::string& part, size_t n);
  // Note a reference from `from_folder`; returns the part it names or "".
  std::string refer(std::string_view from_folder, std::string_view loc, const std::string& what);
};

// Every descendant element named `local` (depth-first, document order).
void find_all(xmlNode* n, std::string_view local, std::vector<xmlNode*>& out, int depth = 0);

// What an embedded font file lacks for 6.2.6 c ("" = a TrueType (glyf) sfnt with cmap, loca,
// glyf, head, hhea, hmtx, maxp, name, OS/2 and post). `bytes`: the file, or at least its table
// directory (font_directory_bytes).
std::string font_problem(const std::string& bytes);
// How many bytes of a font file hold its table directory (OpenType "Organization of an OpenType
// Font": the 12-byte header, then 16 bytes a table), from the header's first 12 bytes.
size_t font_directory_bytes(const std::string& header);
// The raster format of image bytes (BMP, JPEG, PNG, JBIG2, JPEG2000, TIFF: 6.2.6 e) or "".
std::string image_format(const std::string& bytes);

// An entry schema of GB/T 33190's XSD annex from `dir`, its xs:includes merged in memory (the safe
// parser loads no files), OFD.xsd's DocType extended by "OFD-A". Null with `error` set on failure.
ingest::XmlSchemaPtr load_ofd_schema(const std::string& dir, const std::string& entry, std::string* error);

}  // namespace lh::ofd::check
