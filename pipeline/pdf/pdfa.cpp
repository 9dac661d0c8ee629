#include "pdf/pdfa.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "pdf/pdf.h"
#include "pdf/qpdf_io.h"
#include "pdf/transparency.h"

namespace lh::pdf {
using detail::open_memory;
using detail::pdf_date;
using detail::write_out;
using detail::uses_transparency;
using OH = QPDFObjectHandle;

const char* const kDat46Namespace = "http://lianghua.local/ns/dat46/1.0/";

const std::vector<std::string>& dat46_element_names() {
  static const std::vector<std::string> kNames = {"档号", "全宗号", "年度", "保管期限", "室编件号", "室编案卷号", "文件编号",
                                                  "责任者", "日期", "页数", "立档单位名称", "题名"};
  return kNames;
}

namespace {

constexpr const char* kDefaultIcc = "/usr/share/color/icc/sRGB.icc";

// The profile's bytes, checked and Flate-encoded once per path (a night converts thousands of files).
const std::string& srgb_profile_deflated() {
  static std::mutex mu;
  static std::map<std::string, std::string> cache;
  const std::string path = srgb_profile_path();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  // ICC.1 header: 128 bytes, 'acsp' at 36, data colour space 'RGB ' at 16.
  if (!in || bytes.size() < 128 || bytes.compare(36, 4, "acsp") != 0 || bytes.compare(16, 4, "RGB ") != 0)
    throw PdfError("the sRGB ICC profile " + path + " is missing or not an RGB ICC profile (Debian package icc-profiles-free; "
                   "scripts/setup.sh installs it; LIANGHUA_SRGB_ICC names another file)");
  return cache.emplace(path, codec::zlib_compress(bytes, 1)).first->second;
}

std::string xml_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (unsigned char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c < 0x20 && c != '\t' && c != '\n') o += ' ';  // not allowed in XML 1.0
    else o += static_cast<char>(c);
  }
  return o;
}

// A PDF date (PDF 32000-1 §7.9.4), normalized so the Info entry and its XMP twin say the same:
// all 14 digits, and the zone as written ("Z", "+08'00'") or none.
struct PdfDate {
  std::string digits;  // YYYYMMDDHHmmSS
  std::string zone;    // "", "Z" or "+HH'mm'" / "-HH'mm'"
  std::string pdf() const { return "D:" + digits + zone; }
  std::string xmp() const {
    std::string x = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2) + "T" + digits.substr(8, 2) +
                    ":" + digits.substr(10, 2) + ":" + digits.substr(12, 2);
    if (zone == "Z") return x + "Z";
    if (zone.size() == 7) return x + zone.substr(0, 3) + ":" + zone.substr(4, 2);
    return x;
  }
};

std::optional<PdfDate> parse_pdf_date(std::string s) {
  if (s.rfind("D:", 0) == 0) s = s.substr(2);
  PdfDate d;
  size_t i = 0;
  while (i < s.size() && d.digits.size() < 14 && s[i] >= '0' && s[i] <= '9') d.digits += s[i++];
  if (d.digits.size() < 4) return std::nullopt;
  while (d.digits.size() < 14) d.digits += (d.digits.size() == 4 || d.digits.size() == 6) ? "01" : "00";
  if (i < s.size() && s[i] == 'Z') {
    d.zone = "Z";
  } else if (i + 3 <= s.size() && (s[i] == '+' || s[i] == '-')) {
    std::string hh = s.substr(i + 1, 2), mm = "00";
    size_t k = i + 3;
    if (k < s.size() && s[k] == '\'') ++k;
    if (k + 2 <= s.size() && s[k] >= '0' && s[k] <= '9') mm = s.substr(k, 2);
    d.zone = std::string(1, s[i]) + hh + "'" + mm + "'";
  }
  return d;
}

// The values written to both the Info dictionary and the XMP packet (ISO 19005-1 6.7.3: an Info
// entry with an XMP analogue has an equivalent value there).
struct DocValues {
  std::string title, author, subject, keywords, creator, producer;
  std::optional<PdfDate> created, modified;
};

DocValues doc_values(QPDF& q, const PdfaMetadata& m) {
  DocValues v;
  OH info = q.getTrailer().getKey("/Info");
  auto get = [&](const char* key) -> std::string {
    if (!info.isDictionary()) return {};
    OH o = info.getKey(key);
    return o.isString() ? o.getUTF8Value() : std::string();
  };
  v.title = m.title.empty() ? get("/Title") : m.title;
  v.author = m.author.empty() ? get("/Author") : m.author;
  v.subject = m.subject.empty() ? get("/Subject") : m.subject;
  v.keywords = m.keywords.empty() ? get("/Keywords") : m.keywords;
  v.creator = get("/Creator").empty() ? std::string("lianghua") : get("/Creator");
  v.producer = get("/Producer").empty() ? std::string("lianghua (qpdf)") : get("/Producer");
  if (!m.date.empty()) {
    v.created = v.modified = parse_pdf_date(pdf_date(m.date));
  } else {
    v.created = parse_pdf_date(get("/CreationDate"));
    v.modified = parse_pdf_date(get("/ModDate"));
    if (!v.modified) v.modified = v.created;
  }
  return v;
}

void write_info(QPDF& q, const DocValues& v) {
  detail::write_info_dictionary(q, {v.title, v.author, v.subject, v.keywords, v.creator, v.producer,
                                    v.created ? v.created->pdf() : std::string(),
                                    v.modified ? v.modified->pdf() : std::string()});
}

// The PDF/A extension schema (ISO 19005-2 6.6.2.3.3) declaring the DA/T 46 properties used.
std::string dat46_extension(const std::vector<std::pair<std::string, std::string>>& used) {
  if (used.empty()) return {};
  std::string x =
      "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
      "      xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
      "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
      "    <pdfaSchema:schema>DA/T 46-2009 文书类电子文件元数据方案</pdfaSchema:schema>\n"
      "    <pdfaSchema:namespaceURI>" + std::string(kDat46Namespace) + "</pdfaSchema:namespaceURI>\n"
      "    <pdfaSchema:prefix>dat46</pdfaSchema:prefix>\n"
      "    <pdfaSchema:property><rdf:Seq>\n";
  std::set<std::string> seen;
  for (const auto& [name, value] : used) {
    if (!seen.insert(name).second) continue;
    x += "     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>" + name +
         "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
         "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>DA/T 46-2009 " + name +
         "</pdfaProperty:description></rdf:li>\n";
  }
  return x + "    </rdf:Seq></pdfaSchema:property>\n   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n  </rdf:Description>\n";
}

std::string xmp_packet(const DocValues& v, const PdfaMetadata& m) {
  std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                  "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n  </rdf:Description>\n";
  x += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n   <dc:format>application/pdf</dc:format>\n";
  if (!v.title.empty())
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(v.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!v.author.empty()) x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(v.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!v.subject.empty())
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(v.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  x += "  </rdf:Description>\n  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
  x += "   <xmp:CreatorTool>" + xml_escape(v.creator) + "</xmp:CreatorTool>\n";
  if (v.created) x += "   <xmp:CreateDate>" + v.created->xmp() + "</xmp:CreateDate>\n";
  if (v.modified)
    x += "   <xmp:ModifyDate>" + v.modified->xmp() + "</xmp:ModifyDate>\n   <xmp:MetadataDate>" + v.modified->xmp() +
         "</xmp:MetadataDate>\n";
  x += "  </rdf:Description>\n  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  x += "   <pdf:Producer>" + xml_escape(v.producer) + "</pdf:Producer>\n";
  if (!v.keywords.empty()) x += "   <pdf:Keywords>" + xml_escape(v.keywords) + "</pdf:Keywords>\n";
  x += "  </rdf:Description>\n";
  if (!m.dat46.empty()) {
    x += dat46_extension(m.dat46);
    x += "  <rdf:Description rdf:about=\"\" xmlns:dat46=\"" + std::string(kDat46Namespace) + "\">\n";
    for (const auto& [name, value] : m.dat46) x += "   <dat46:" + name + ">" + xml_escape(value) + "</dat46:" + name + ">\n";
    x += "  </rdf:Description>\n";
  }
  return x + " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
}

void set_output_intent(QPDF& q) {
  // Deflated once per process, not by every file's QPDFWriter.
  OH profile = detail::new_flate_stream(q, srgb_profile_deflated());
  profile.getDict().replaceKey("/N", OH::newInteger(3));
  OH intent = OH::newDictionary();
  intent.replaceKey("/Type", OH::newName("/OutputIntent"));
  intent.replaceKey("/S", OH::newName("/GTS_PDFA1"));
  intent.replaceKey("/OutputConditionIdentifier", OH::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/RegistryName", OH::newString("http://www.color.org"));
  intent.replaceKey("/Info", OH::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/DestOutputProfile", profile);
  OH intents = OH::newArray();
  intents.appendItem(q.makeIndirectObject(intent));
  q.getRoot().replaceKey("/OutputIntents", intents);
}

// Drops the transparency group of a page or form that paints nothing transparent (ISO 19005-1 6.4;
// cairo gives every page one, qpdf carries it into the 归档章's form). Forms first, so a page's
// answer covers what its forms draw.
void drop_needless_groups(QPDF& q) {
  for (OH& o : q.getAllObjects()) {
    if (!o.isStream()) continue;
    OH d = o.getDict();
    if (!d.getKey("/Subtype").isNameAndEquals("/Form") || !d.hasKey("/Group")) continue;
    std::set<QPDFObjGen> seen{o.getObjGen()};
    if (!uses_transparency(d.getKey("/Resources"), seen)) d.removeKey("/Group");
  }
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    OH p = page.getObjectHandle();
    if (!p.hasKey("/Group")) continue;
    std::set<QPDFObjGen> seen;
    if (!uses_transparency(page.getAttribute("/Resources", false), seen)) p.removeKey("/Group");
  }
}

// Per-object repairs: /Interpolate false on images (6.2.8); the CIDToGIDMap a TrueType-based
// CIDFont must name (6.2.11.3.2; cairo leaves it out, and /Identity is what a missing one means,
// PDF 32000-1 Table 117, so nothing drawn changes); the print flag and no hidden flags on
// annotations (6.3.2).
void fix_objects(QPDF& q) {
  for (OH& o : q.getAllObjects()) {
    OH d = o.isStream() ? o.getDict() : o;
    if (!d.isDictionary()) continue;
    if (o.isStream() && d.getKey("/Subtype").isNameAndEquals("/Image") && d.hasKey("/Interpolate"))
      d.replaceKey("/Interpolate", OH::newBool(false));
    if (!o.isStream() && d.getKey("/Subtype").isNameAndEquals("/CIDFontType2") && !d.hasKey("/CIDToGIDMap"))
      d.replaceKey("/CIDToGIDMap", OH::newName("/Identity"));
  }
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    OH annots = page.getObjectHandle().getKey("/Annots");
    if (!annots.isArray()) continue;
    for (OH a : annots.aitems()) {
      if (!a.isDictionary() || a.getKey("/Subtype").isNameAndEquals("/Popup")) continue;
      long long f = a.getKey("/F").isInteger() ? a.getKey("/F").getIntValue() : 0;
      f = (f | 4) & ~static_cast<long long>(1 | 2 | 32 | 256);  // Print on; Invisible, Hidden, ToggleNoView, NoView off
      a.replaceKey("/F", OH::newInteger(f));
    }
  }
}

}  // namespace

std::string srgb_profile_path() {
  const char* env = std::getenv("LIANGHUA_SRGB_ICC");
  return env && *env ? std::string(env) : std::string(kDefaultIcc);
}

void require_srgb_profile() { srgb_profile_deflated(); }

namespace {

// Faults of the set-up or the caller, not of the file: thrown before any file is touched.
void require_known_metadata(const PdfaMetadata& meta) {
  const std::vector<std::string>& names = dat46_element_names();
  for (const auto& [name, value] : meta.dat46)
    if (std::find(names.begin(), names.end(), name) == names.end()) throw PdfError("not a DA/T 46 element lianghua declares: " + name);
  srgb_profile_deflated();  // a missing profile
}

}  // namespace

std::vector<FontSubstitution> apply_pdfa(QPDF& q, const PdfaMetadata& meta) {
  require_known_metadata(meta);
  // Before fix_objects: a substituted font is a TrueType CIDFont with a CIDToGIDMap of its own.
  std::vector<FontSubstitution> fonts = substitute_fonts(q, meta.substitutes);
  const DocValues v = doc_values(q, meta);
  write_info(q, v);
  OH xmp = OH::newStream(&q, xmp_packet(v, meta));
  xmp.getDict().replaceKey("/Type", OH::newName("/Metadata"));
  xmp.getDict().replaceKey("/Subtype", OH::newName("/XML"));
  OH root = q.getRoot();
  root.replaceKey("/Metadata", q.makeIndirectObject(xmp));
  set_output_intent(q);
  drop_needless_groups(q);
  fix_objects(q);
  return fonts;
}

PdfaConversion make_pdfa(const std::string& pdf, const PdfaMetadata& meta) {
  require_known_metadata(meta);
  PdfaConversion out;
  try {
    auto q = open_memory(pdf, "pdfa-source.pdf");
    if (q->isEncrypted()) {
      out.pdf = pdf;
      out.refused = "the PDF is encrypted (ISO 19005-2 6.1.3); its owner's restrictions are kept, so it is not made PDF/A";
      return out;
    }
    apply_pdfa(*q, meta);
    out.pdf = write_out(*q, true, true);
  } catch (const std::exception& e) {
    out.pdf = pdf;
    out.refused = std::string("qpdf could not rewrite the PDF: ") + e.what();
  }
  return out;
}

}  // namespace lh::pdf
