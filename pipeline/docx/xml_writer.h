// A thin RAII wrapper over libxml2's xmlTextWriter writing to memory, used by every part.
//
// Traps handled here (libraries.md §6):
// - xmlTextWriter writes control characters and invalid UTF-8 silently, giving a file Word
//   refuses: every text and attribute value goes through sanitize_xml_text() first.
// - StartElementNS with a namespace URI repeats xmlns:… on every element: we write qualified names
//   ("w:p") with the plain StartElement call and declare the namespaces once, as attributes of the
//   root element (XmlWriter::ns).
// - User text is never a format string: there is no printf-style entry point.
// Escaping (& < > " and \t \n \r in attributes) is left to libxml2.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

typedef struct _xmlTextWriter xmlTextWriter;
typedef struct _xmlBuffer xmlBuffer;

namespace lh::docx::detail {

// Drop what XML 1.0 §2.2 forbids (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, surrogates) and any
// invalid or overlong UTF-8 sequence: normalize::sanitize.
std::string sanitize_xml_text(std::string_view utf8);

class XmlWriter {
 public:
  XmlWriter();  // writes <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  void start(const char* qname);                             // <qname
  void attr(const char* qname, std::string_view value);      // sanitized
  void attr(const char* qname, int64_t value);
  void ns(const char* prefix, const char* uri);              // xmlns:prefix="uri" (root only)
  void text(std::string_view value);                         // sanitized character data
  void end();                                                // </qname> or />
  // <qname/> or <qname val="…"/>, the commonest shapes in WordprocessingML.
  void empty(const char* qname);
  void val(const char* qname, std::string_view value);       // <qname w:val="value"/>
  void val(const char* qname, int64_t value);
  std::string finish();                                      // closes everything, returns the part

 private:
  void check(int rc, const char* what);
  xmlBuffer* buf_ = nullptr;
  xmlTextWriter* w_ = nullptr;
};

}  // namespace lh::docx::detail
