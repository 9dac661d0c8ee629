// Test helpers: build small ZIP / DOCX / XLSX packages in memory with libzip, so reader tests need
// no files. Used by test_docx_reader.cpp, test_xlsx_reader.cpp, test_ofd_reader.cpp, test_safe_xml.cpp.
#pragma once
#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ingest/reader.h"

namespace lh::ingest::ooxml_test {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A ZIP of the given entries (deflated), as bytes.
inline std::string make_zip(const Entries& entries) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &ze);
  if (!out) throw std::runtime_error("zip_source_buffer_create");
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
  if (!z) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);  // data outlives zip_close
    if (!s || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (s) zip_source_free(s);
      throw std::runtime_error("zip_file_add " + name);
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::string bytes;
  if (zip_source_open(out) == 0) {
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_source_read(out, buf, sizeof buf)) > 0) bytes.append(buf, static_cast<size_t>(n));
    zip_source_close(out);
  }
  zip_source_free(out);
  zip_error_fini(&ze);
  return bytes;
}

inline const char* kWNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// document.xml with the usual namespaces around `body` (the children of w:body).
inline std::string document_xml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>)" +
         body + "</w:body></w:document>";
}

inline std::string styles_xml(const std::string& styles) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)" +
         styles + "</w:styles>";
}

struct DocxParts {
  std::string body;                 // children of w:body
  std::string styles;               // children of w:styles; empty: no styles part
  std::string numbering;            // whole numbering.xml; empty: none
  std::string document_rels_extra;  // extra <Relationship/> elements for document.xml
  Entries extra;                    // more parts (media, headers, docProps)
  std::string content_types_extra;  // extra <Default/>/<Override/>
};

inline std::string make_docx(const DocxParts& p) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string doc_rels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  if (!p.styles.empty())
    doc_rels += R"(<Relationship Id="rIdStyles" Type=")" + R + R"(/styles" Target="styles.xml"/>)";
  if (!p.numbering.empty())
    doc_rels += R"(<Relationship Id="rIdNum" Type=")" + R + R"(/numbering" Target="numbering.xml"/>)";
  doc_rels += p.document_rels_extra + "</Relationships>";
  Entries e = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)" +
           p.content_types_extra + "</Types>"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>)"},
      {"word/document.xml", document_xml(p.body)},
      {"word/_rels/document.xml.rels", doc_rels},
  };
  if (!p.styles.empty()) e.push_back({"word/styles.xml", styles_xml(p.styles)});
  if (!p.numbering.empty()) e.push_back({"word/numbering.xml", p.numbering});
  for (const auto& x : p.extra) e.push_back(x);
  return make_zip(e);
}

// An XLSX with the given sheets (name, sheetData inner XML, extra XML after sheetData), shared
// strings (the <si> elements) and styles (whole styles.xml, may be empty).
struct XlsxSheet {
  std::string name, sheet_data, after;
};
inline std::string make_xlsx(const std::vector<XlsxSheet>& sheets, const std::string& shared_si,
                             const std::string& styles = "", bool date1904 = false) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string wb = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r=")" + R + R"(">)";
  if (date1904) wb += R"(<workbookPr date1904="1"/>)";
  wb += "<sheets>";
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  Entries e;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + R + "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    e.push_back({"xl/worksheets/sheet" + n + ".xml",
                 R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                     sheets[i].sheet_data + "</sheetData>" + sheets[i].after + "</worksheet>"});
  }
  wb += "</sheets></workbook>";
  rels += "<Relationship Id=\"rIdS\" Type=\"" + R + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  if (!styles.empty()) rels += "<Relationship Id=\"rIdT\" Type=\"" + R + "/styles\" Target=\"styles.xml\"/>";
  rels += "</Relationships>";
  e.push_back({"[Content_Types].xml",
               R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"});
  e.push_back({"_rels/.rels",
               R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"});
  e.push_back({"xl/workbook.xml", wb});
  e.push_back({"xl/_rels/workbook.xml.rels", rels});
  e.push_back({"xl/sharedStrings.xml",
               R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
                   shared_si + "</sst>"});
  if (!styles.empty()) e.push_back({"xl/styles.xml", styles});
  return make_zip(e);
}

inline ReadResult read_with(ReadResult (*reader)(const Input&), const std::string& bytes,
                            const ReadOptions& opts = ReadOptions{}) {
  Input in{bytes, "test", &opts};
  return reader(in);
}

// The DOCX made of these parts, as read_docx reads it.
inline ReadResult read_docx_of(const DocxParts& p) { return read_with(read_docx, make_docx(p)); }

// All paragraphs of a block list, depth first (tables included).
inline void collect_paragraphs(const std::vector<model::Block>& blocks, std::vector<const model::Paragraph*>& out) {
  for (const auto& b : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) out.push_back(p);
    else if (const auto* t = std::get_if<model::Table>(&b.value))
      for (const auto& r : t->rows)
        for (const auto& c : r.cells) collect_paragraphs(c.blocks, out);
  }
}

inline std::vector<const model::Paragraph*> paragraphs(const model::Document& d) {
  std::vector<const model::Paragraph*> out;
  for (const auto& s : d.sections) collect_paragraphs(s.blocks, out);
  return out;
}

template <class T>
std::vector<const T*> blocks_of(const model::Document& d) {
  std::vector<const T*> out;
  for (const auto& s : d.sections)
    for (const auto& b : s.blocks)
      if (const auto* x = std::get_if<T>(&b.value)) out.push_back(x);
  return out;
}

inline std::string cell_text(const model::TableCell& c) {
  std::string s;
  for (const auto& b : c.blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) s += p->plain_text();
  return s;
}

}  // namespace lh::ingest::ooxml_test
