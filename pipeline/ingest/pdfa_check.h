// PDF/A-2b read-back check (ISO 19005-2:2011 = GB/T 23286.2, level B): reads a PDF with qpdf and
// its XMP with the safe XML parser, and reports each rule that fails by its clause. These are the
// rules that matter for what lianghua writes and copies (wave2.md §3.3); numbering and wording
// follow ISO 19005-2 as veraPDF's PDFA-2B profile quotes it:
//   6.1.2      header %PDF-1.0…1.7, then a comment of four bytes above 127
//   6.1.3      trailer /ID present, no /Encrypt, nothing after the last %%EOF but one EOL
//   6.1.7.1    an end of line before every endstream keyword; no stream with /F, /FFilter or
//              /FDecodeParms (external data)
//   6.1.7.2    no LZWDecode or Crypt filter
//   6.2.3      an OutputIntent GTS_PDFA1 whose DestOutputProfile is an ICC output or monitor profile
//   6.2.4.3    DeviceCMYK not used under an RGB OutputIntent, DeviceRGB not under a CMYK one
//   6.2.8      no image with /Interpolate true
//   6.2.10     without an OutputIntent, a page that uses transparency has a group with /CS
//   6.2.11.3.2 every TrueType-based CIDFont (CIDFontType2) names its CIDToGIDMap
//   6.2.11.4.1 every font used is embedded (FontFile, FontFile2 or FontFile3; Type 3 exempt)
//   6.2.11.7   every font has a ToUnicode map or a standard encoding — a level U rule that lianghua
//              also asks of its 2b copies, so a preservation copy's text can still be searched
//   6.3.2      every annotation but Popup has /F with Print set and Hidden/Invisible/NoView clear
//   6.5.1      no Launch, JavaScript, Sound, Movie, ResetForm, ImportData, Hide, Rendition, … action
//   6.6.2.1    the Catalog has a /Metadata stream (/Type /Metadata /Subtype /XML) holding
//              well-formed XMP whose packet header has no bytes= or encoding= attribute
//   6.6.2.3.1  every XMP property is in a predefined schema or one declared in pdfaExtension
//   6.6.4      pdfaid:part is 2 and pdfaid:conformance is B, U or A
// and two rules of ISO 19005-1 that lianghua keeps so PDF/A-1 readers (PDFBox Preflight) agree:
//   1:6.4      no transparency group on a page or form that paints nothing transparent
//   1:6.7.3    the Info dictionary's Title, Author, Subject, Keywords, Creator, Producer and dates
//              equal their XMP twins (dc:title, dc:creator, …, xmp:CreateDate, xmp:ModifyDate).
// Not checked (our writers never produce them; a full validator such as veraPDF is the place):
// implementation limits (6.1.13), CIDSet/CharSet contents (6.2.11.4.2), glyph widths (6.2.11.5),
// .notdef use (6.2.11.8), embedded files (6.8), optional content (6.9).
#pragma once
#include <functional>
#include <string>
#include <vector>

class QPDF;

namespace lh::ingest {

struct PdfaFinding {
  std::string clause;   // "6.2.3", or "1:6.7.3" for an ISO 19005-1 rule
  std::string message;  // what is wrong, in one line (English; names the object where it helps)
  // "ISO 19005-2 6.2.3" / "ISO 19005-1 6.7.3": the clause as a reader looks it up.
  std::string label() const {
    return clause.rfind("1:", 0) == 0 ? "ISO 19005-1 " + clause.substr(2) : "ISO 19005-2 " + clause;
  }
};

// Every failed rule, one finding per rule (the first offending object named); empty: passes.
// A file qpdf cannot open gives one finding with clause "6.1" (file structure).
// `also`, if given, then reads the same parse (the caller's own look at the file, e.g. which fonts
// the PDF/A pass substituted), so a file just written is parsed once, not once per reader.
std::vector<PdfaFinding> check_pdfa(const std::string& pdf, const std::function<void(QPDF&)>& also = {});

}  // namespace lh::ingest
