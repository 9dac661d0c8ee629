#include "ingest/pdfa_check.h"

#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "ingest/safe_xml.h"

namespace lh::ingest {
namespace {
using OH = QPDFObjectHandle;


// Findings keyed by clause: the first message of each rule is kept (one line per failed rule).
struct Findings {
  std::map<std::string, std::string> by_clause;
  void fail(const std::string& clause, const std::string& message) { by_clause.emplace(clause, message); }
};

std::string obj_name(const OH& o) {
  return o.isIndirect() ? "object " + std::to_string(o.getObjectID()) + " " + std::to_string(o.getGeneration()) : "a direct object";
}

// 6.1.2 and the end of 6.1.3 are about bytes, not objects.
void check_bytes(const std::string& pdf, Findings& f) {
  bool header = pdf.size() >= 9 && pdf.compare(0, 7, "%PDF-1.") == 0 && pdf[7] >= '0' && pdf[7] <= '7';
  size_t eol = 8;
  if (header && eol < pdf.size() && pdf[eol] == '\r') ++eol;
  if (header && eol < pdf.size() && pdf[eol] == '\n') ++eol;
  if (!header || eol == 8) {
    f.fail("6.1.2", "the file does not begin with %PDF-1.n (n 0…7) and an end of line");
  } else {
    bool binary = eol + 5 <= pdf.size() && pdf[eol] == '%';
    for (size_t i = 1; binary && i <= 4; ++i) binary = static_cast<unsigned char>(pdf[eol + i]) > 127;
    if (!binary) f.fail("6.1.2", "the header line is not followed by a comment of at least four bytes above 127");
  }
  // The endstream keyword is preceded by an EOL (6.1.7.1). A byte scan: "endstream" inside stream
  // data is not a keyword, but a deflated stream practically never spells it.
  for (size_t at = pdf.find("endstream"); at != std::string::npos; at = pdf.find("endstream", at + 9))
    if (at == 0 || (pdf[at - 1] != '\n' && pdf[at - 1] != '\r')) {
      f.fail("6.1.7.1", "an endstream keyword at byte " + std::to_string(at) + " is not preceded by an end of line");
      break;
    }
  size_t eof = pdf.rfind("%%EOF");
  if (eof != std::string::npos) {
    std::string tail = pdf.substr(eof + 5);
    if (!(tail.empty() || tail == "\n" || tail == "\r" || tail == "\r\n"))
      f.fail("6.1.3", std::to_string(tail.size()) + " byte(s) follow the last %%EOF");
  }
}

void check_trailer(QPDF& q, Findings& f) {
  OH trailer = q.getTrailer();
  OH id = trailer.getKey("/ID");
  if (!id.isArray() || id.getArrayNItems() != 2 || !id.getArrayItem(0).isString() || id.getArrayItem(0).getStringValue().empty())
    f.fail("6.1.3", "the trailer has no file identifier /ID");
  if (trailer.hasKey("/Encrypt") || q.isEncrypted()) f.fail("6.1.3", "the trailer has /Encrypt: the file is encrypted");
}

// ICC header (ICC.1 §7.2): device class at 12, data colour space at 16.
void check_output_intent(QPDF& q, Findings& f, std::string& intent_cs) {
  OH intents = q.getRoot().getKey("/OutputIntents");
  if (!intents.isArray()) {
    f.fail("6.2.3", "the Catalog has no /OutputIntents (a PDF/A OutputIntent with an ICC profile is required)");
    return;
  }
  for (OH oi : intents.aitems()) {
    if (!oi.isDictionary() || !oi.getKey("/S").isNameAndEquals("/GTS_PDFA1")) continue;
    OH prof = oi.getKey("/DestOutputProfile");
    if (!prof.isStream()) {
      f.fail("6.2.3", "the GTS_PDFA1 OutputIntent has no DestOutputProfile stream");
      return;
    }
    std::string icc;
    try {
      auto buf = prof.getStreamData(qpdf_dl_generalized);
      icc.assign(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    } catch (const std::exception&) {
    }
    if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0) {
      f.fail("6.2.3", "the OutputIntent's DestOutputProfile is not an ICC profile");
      return;
    }
    std::string cls = icc.substr(12, 4), cs = icc.substr(16, 4);
    if ((cls != "mntr" && cls != "prtr") || (cs != "RGB " && cs != "CMYK" && cs != "GRAY"))
      f.fail("6.2.3", "the OutputIntent profile is class '" + cls + "', colour space '" + cs +
                          "' (an output or monitor profile in RGB, CMYK or Gray is required)");
    intent_cs = cs;
    return;
  }
  f.fail("6.2.3", "no OutputIntent has /S /GTS_PDFA1");
}

// Collects the device colour spaces a content stream paints with (operators and cs/CS names).
struct ColourUse : OH::ParserCallbacks {
  std::set<std::string> spaces;
  std::string last_name;
  void handleObject(OH o) override {
    if (o.isName()) {
      last_name = o.getName();
      return;
    }
    if (!o.isOperator()) return;
    const std::string op = o.getOperatorValue();
    if (op == "k" || op == "K") spaces.insert("CMYK");
    else if (op == "rg" || op == "RG") spaces.insert("RGB");
    else if (op == "g" || op == "G") spaces.insert("Gray");
    else if ((op == "cs" || op == "CS") && last_name.rfind("/Device", 0) == 0) spaces.insert(last_name.substr(7));
    last_name.clear();
  }
  void handleEOF() override {}
};

// The device colour space that an OutputIntent of `intent_cs` forbids (6.2.4.3), with the operators
// that set it and the name that selects it; empty for any other intent (nothing to find).
struct ForbiddenSpace {
  std::string space;                      // as ColourUse records it
  std::vector<std::string_view> operators;
  std::string_view name;
};
ForbiddenSpace forbidden_space(const std::string& intent_cs) {
  if (intent_cs == "RGB ") return {"CMYK", {"k", "K"}, "DeviceCMYK"};
  if (intent_cs == "CMYK") return {"RGB", {"rg", "RG"}, "DeviceRGB"};
  return {};
}

bool is_space_or_delimiter(char c) {  // PDF 32000-1 §7.2.2 Table 1 and 7.2.3
  return std::string_view("\0\t\n\f\r ()<>[]{}/%", 16).find(c) != std::string_view::npos;
}

// Whether a content stream may use the forbidden space: it names it, or holds one of its operators
// as a token of its own (white space or a delimiter on both sides). A sieve before qpdf's tokenizer,
// which makes an object of every token (half the checker's time on a night's copies): a stream
// without such a token cannot set the space; one that merely seems to (a string holding " k ")
// only costs the full parse.
bool may_use(const std::string& data, const ForbiddenSpace& s) {
  if (data.find(s.name) != std::string::npos) return true;
  for (std::string_view op : s.operators)
    for (size_t at = data.find(op); at != std::string::npos; at = data.find(op, at + 1)) {
      const size_t end = at + op.size();
      if ((at == 0 || is_space_or_delimiter(data[at - 1])) && (end == data.size() || is_space_or_delimiter(data[end]))) return true;
    }
  return false;
}

bool stream_may_use(OH stream, const ForbiddenSpace& s) {
  try {
    const std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_generalized);
    return may_use(std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()), s);
  } catch (const std::exception&) {
    return true;  // undecodable here: let the parser have its say, as before
  }
}

bool page_may_use(QPDFPageObjectHelper& page, const ForbiddenSpace& s) {
  for (OH& content : page.getPageContents())
    if (!content.isStream() || stream_may_use(content, s)) return true;
  return false;
}

void check_device_colour(QPDF& q, const std::string& intent_cs, Findings& f) {
  if (intent_cs.empty()) return;  // 6.2.3 already failed; every device space would fail with it
  const ForbiddenSpace forbidden = forbidden_space(intent_cs);
  if (forbidden.space.empty()) return;  // a Gray intent: no device space is forbidden by it here
  ColourUse use;
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    if (!page_may_use(page, forbidden)) continue;
    try {
      page.parseContents(&use);
    } catch (const std::exception&) {
    }
  }
  for (OH& o : q.getAllObjects()) {
    if (!o.isStream()) continue;
    OH d = o.getDict();
    OH st = d.getKey("/Subtype");
    if (st.isNameAndEquals("/Form")) {
      if (!stream_may_use(o, forbidden)) continue;
      try {
        o.parseAsContents(&use);
      } catch (const std::exception&) {
      }
    } else if (st.isNameAndEquals("/Image") && d.getKey("/ColorSpace").isName()) {
      std::string cs = d.getKey("/ColorSpace").getName();
      if (cs.rfind("/Device", 0) == 0) use.spaces.insert(cs.substr(7));
    }
  }
  if (use.spaces.count(forbidden.space))
    f.fail("6.2.4.3", "Device" + forbidden.space + " is used but the OutputIntent profile is " + (intent_cs == "RGB " ? "RGB" : "CMYK"));
}

bool filter_has(OH filter, const char* name) {
  if (filter.isName()) return filter.getName() == name;
  if (filter.isArray())
    for (OH x : filter.aitems())
      if (x.isName() && x.getName() == name) return true;
  return false;
}

const std::set<std::string>& forbidden_actions() {
  static const std::set<std::string> k = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide",
                                          "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript",
                                          "/SetState", "/NOP"};
  return k;
}

// Rules about single objects: 6.1.7.1, 6.1.7.2, 6.2.8, 6.5.1.
void check_objects(QPDF& q, Findings& f) {
  for (OH& o : q.getAllObjects()) {
    if (o.isStream()) {
      OH d = o.getDict();
      if (d.hasKey("/F") || d.hasKey("/FFilter") || d.hasKey("/FDecodeParms"))
        f.fail("6.1.7.1", "stream " + obj_name(o) + " refers to external data (/F, /FFilter or /FDecodeParms)");
      if (filter_has(d.getKey("/Filter"), "/LZWDecode")) f.fail("6.1.7.2", "stream " + obj_name(o) + " uses the LZWDecode filter");
      if (filter_has(d.getKey("/Filter"), "/Crypt")) f.fail("6.1.7.2", "stream " + obj_name(o) + " uses the Crypt filter");
      if (d.getKey("/Subtype").isNameAndEquals("/Image") && d.getKey("/Interpolate").isBool() && d.getKey("/Interpolate").getBoolValue())
        f.fail("6.2.8", "image " + obj_name(o) + " has /Interpolate true");
    } else if (o.isDictionary() && o.getKey("/S").isName() && forbidden_actions().count(o.getKey("/S").getName())) {
      f.fail("6.5.1", "action " + obj_name(o) + " is " + o.getKey("/S").getName().substr(1) + ", which PDF/A forbids");
    }
  }
}

void check_annotations(QPDF& q, Findings& f) {
  int n = 0;
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    ++n;
    OH annots = page.getObjectHandle().getKey("/Annots");
    if (!annots.isArray()) continue;
    for (OH a : annots.aitems()) {
      if (!a.isDictionary() || a.getKey("/Subtype").isNameAndEquals("/Popup")) continue;
      OH flags = a.getKey("/F");
      long long v = flags.isInteger() ? flags.getIntValue() : -1;
      if (v < 0 || (v & 4) == 0 || (v & (1 | 2 | 32 | 256)) != 0)
        f.fail("6.3.2", "an annotation on page " + std::to_string(n) + " lacks the Print flag or is hidden (/F " +
                            (v < 0 ? std::string("missing") : std::to_string(v)) + ")");
    }
  }
}

}  // namespace

// Defined in pdfa_check_fonts.cpp (fonts and transparency) and pdfa_check_xmp.cpp (metadata).
void check_pdfa_fonts(QPDF& q, std::map<std::string, std::string>& findings);
void check_pdfa_transparency(QPDF& q, bool has_output_intent, std::map<std::string, std::string>& findings);
void check_pdfa_metadata(QPDF& q, std::map<std::string, std::string>& findings);

std::vector<PdfaFinding> check_pdfa(const std::string& pdf, const std::function<void(QPDF&)>& also) {
  Findings f;
  check_bytes(pdf, f);
  QPDF q;
  bool opened = false;
  try {
    q.setSuppressWarnings(true);
    q.processMemoryFile("check-pdfa.pdf", pdf.data(), pdf.size());
    opened = true;
    check_trailer(q, f);
    std::string intent_cs;
    check_output_intent(q, f, intent_cs);
    check_device_colour(q, intent_cs, f);
    check_objects(q, f);
    check_annotations(q, f);
    check_pdfa_fonts(q, f.by_clause);
    check_pdfa_transparency(q, !intent_cs.empty(), f.by_clause);
    check_pdfa_metadata(q, f.by_clause);
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
    f.fail("6.1", "qpdf cannot read the file: " + what);
  }
  if (also && opened) also(q);  // outside the try: what `also` throws is the caller's, not a finding
  std::vector<PdfaFinding> out;
  for (const auto& [clause, message] : f.by_clause) out.push_back({clause, message});
  return out;
}

}  // namespace lh::ingest
