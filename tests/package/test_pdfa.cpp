// PDF/A-2b (issue 15 §1, §3): our post-pass output passes the read-back check, keeps Poppler's text,
// is byte-deterministic; and a copy broken on purpose fails the check on exactly the rule it breaks
// (one test per rule). Copies are broken with qpdf (objects) or on the bytes (header, trailer).
#include <gtest/gtest.h>
#include <poppler.h>

#include <functional>
#include <set>
#include <sstream>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "compose/archive_stamp.h"
#include "ingest/pdfa_check.h"
#include "layout_fixtures.h"
#include "page_raster.h"
#include "package/preservation.h"
#include "pdf/pdfa.h"
#include "pdf/qpdf_io.h"
#include "render/render_document.h"
#include "test_support.h"

using namespace lh;
using OH = QPDFObjectHandle;

namespace {

const std::string& source_pdf() {
  static const std::string pdf = [] {
    model::Document doc;
    doc.sections.emplace_back();
    model::Paragraph h;
    h.heading_level = 1;
    h.runs.push_back({"第一章 总则"});
    model::Paragraph p;
    p.runs.push_back({"为规范档案管理，制定本办法。详见 "});
    model::Run link{"国家档案局网站"};
    link.link = "https://www.saac.gov.cn/";
    p.runs.push_back(link);
    model::Run kai{"（楷体：系统的 TrueType 字体）"};  // fonts-arphic-ukai: a CIDFontType2 in the PDF
    kai.role = model::FontRole::Kai;
    p.runs.push_back(kai);
    doc.sections[0].blocks.push_back({h});
    doc.sections[0].blocks.push_back({p});
    render::RenderOptions o;
    o.title = "档案管理办法";
    o.author = "南岭县市场监督管理局";
    o.date = "2024-03-05";
    o.docx = false;
    return render::render_document(doc, test::gongwen(), test::fonts(), o).pdf;
  }();
  return pdf;
}

pdf::PdfaMetadata metadata() {
  pdf::PdfaMetadata m;
  m.title = "档案管理办法";
  m.author = "南岭县市场监督管理局";
  m.date = "2024-03-05";
  m.dat46 = {{"档号", "Z109-WS·2024-Y-SMS-0001"}, {"全宗号", "Z109"}, {"保管期限", "永久"}};
  return m;
}

const std::string& pdfa() {
  static const std::string out = pdf::make_pdfa(source_pdf(), metadata()).pdf;
  return out;
}

std::set<std::string> clauses(const std::string& bytes) {
  std::set<std::string> c;
  for (const auto& f : ingest::check_pdfa(bytes)) c.insert(f.clause);
  return c;
}

// A copy of our PDF/A with `change` applied, written so that nothing else breaks: classic xref
// (the trailer is plain text, for the byte-level tests), EOL before endstream, streams as they are.
std::string broken(const std::function<void(QPDF&)>& change, bool newline_before_endstream = true) {
  QPDF q;
  q.processMemoryFile("pdfa.pdf", pdfa().data(), pdfa().size());
  change(q);
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setDeterministicID(true);
  w.setObjectStreamMode(qpdf_o_disable);
  w.setCompressStreams(false);
  w.setDecodeLevel(qpdf_dl_none);
  w.setNewlineBeforeEndstream(newline_before_endstream);
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

// Our PDF/A with `content` drawn on page 1 after what the page has.
std::string with_page_content(const std::string& content) {
  return broken([&](QPDF& q) { QPDFPageDocumentHelper(q).getAllPages().at(0).addPageContents(OH::newStream(&q, content), false); });
}

OH first_page(QPDF& q) { return QPDFPageDocumentHelper(q).getAllPages().at(0).getObjectHandle(); }

std::string xmp_of(QPDF& q) {
  auto buf = q.getRoot().getKey("/Metadata").getStreamData();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

void set_xmp(QPDF& q, const std::string& xmp) { q.getRoot().getKey("/Metadata").replaceStreamData(xmp, OH::newNull(), OH::newNull()); }

void replace_in_xmp(QPDF& q, const std::string& from, const std::string& to) {
  std::string x = xmp_of(q);
  size_t at = x.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  set_xmp(q, x.replace(at, from.size(), to));
}

// The first Type0 font on page 1 and its CIDFont.
std::pair<OH, OH> first_cid_font(QPDF& q) {
  OH fonts = first_page(q).getKey("/Resources").getKey("/Font");
  for (auto& [name, f] : fonts.ditems())
    if (f.getKey("/Subtype").isNameAndEquals("/Type0")) return {f, f.getKey("/DescendantFonts").getArrayItem(0)};
  ADD_FAILURE() << "no Type0 font on page 1";
  return {};
}

std::string poppler_text(const std::string& pdf) {
  GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(bytes, nullptr, nullptr);
  std::string all;
  for (int i = 0; doc && i < poppler_document_get_n_pages(doc); ++i) {
    PopplerPage* p = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(p);
    all += std::string(t ? t : "") + "\f";
    g_free(t);
    g_object_unref(p);
  }
  if (doc) g_object_unref(doc);
  g_bytes_unref(bytes);
  return all;
}

}  // namespace

TEST(Pdfa, OurOutputPassesEveryRuleAndTheRawCairoFileDoesNot) {
  EXPECT_TRUE(ingest::check_pdfa(pdfa()).empty());
  for (const auto& f : ingest::check_pdfa(pdfa())) ADD_FAILURE() << f.label() << ": " << f.message;
  // The five counts raw cairo output fails on (wave2.md §3.3), in ISO 19005-2's numbering.
  const auto raw = clauses(source_pdf());
  for (const char* c : {"6.2.3", "6.6.2.1", "6.6.4", "1:6.4"}) EXPECT_TRUE(raw.count(c)) << c;
  // cairo 1.16 leaves the TrueType CIDFont's CIDToGIDMap out; the post-pass names the default.
  QPDF q;
  q.processMemoryFile("pdfa.pdf", pdfa().data(), pdfa().size());
  int truetype = 0;
  for (auto& [n, f] : first_page(q).getKey("/Resources").getKey("/Font").ditems())
    if (f.getKey("/Subtype").isNameAndEquals("/Type0") &&
        f.getKey("/DescendantFonts").getArrayItem(0).getKey("/Subtype").isNameAndEquals("/CIDFontType2")) {
      ++truetype;
      EXPECT_TRUE(f.getKey("/DescendantFonts").getArrayItem(0).hasKey("/CIDToGIDMap"));
    }
  EXPECT_GE(truetype, 1) << "the 楷体 run should use a TrueType font";
}

TEST(Pdfa, PostPassIsDeterministicAndKeepsPopplersText) {
  EXPECT_EQ(pdf::make_pdfa(source_pdf(), metadata()).pdf, pdfa());
  EXPECT_NE(pdfa(), source_pdf());
  const std::string text = poppler_text(pdfa());
  EXPECT_NE(text.find("为规范档案管理"), std::string::npos) << text;
  EXPECT_EQ(text, poppler_text(source_pdf()));
}

TEST(Pdfa, XmpCarriesIdentificationTitleCreatorDatesAndDat46Elements) {
  QPDF q;
  q.processMemoryFile("pdfa.pdf", pdfa().data(), pdfa().size());
  const std::string x = xmp_of(q);
  for (const char* want : {"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>", "档案管理办法",
                           "<rdf:li>南岭县市场监督管理局</rdf:li>", "<xmp:CreateDate>2024-03-05T00:00:00+08:00</xmp:CreateDate>",
                           "<dat46:档号>Z109-WS·2024-Y-SMS-0001</dat46:档号>", "<pdfaProperty:name>档号</pdfaProperty:name>"})
    EXPECT_NE(x.find(want), std::string::npos) << want << "\n" << x;
  OH info = q.getTrailer().getKey("/Info");
  EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "档案管理办法");
  EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20240305000000+08'00'");
}

TEST(Pdfa, AnUnknownDat46NameIsRefused) {
  pdf::PdfaMetadata m;
  m.dat46 = {{"不存在的元素", "x"}};
  EXPECT_THROW(pdf::make_pdfa(source_pdf(), m), pdf::PdfError);
}

TEST(Pdfa, AMissingIccProfileIsASetUpErrorNamingThePackage) {
  setenv("LIANGHUA_SRGB_ICC", "/nonexistent/sRGB.icc", 1);
  try {
    pdf::make_pdfa(source_pdf(), metadata());
    ADD_FAILURE() << "no error";
  } catch (const pdf::PdfError& e) {
    EXPECT_NE(std::string(e.what()).find("icc-profiles-free"), std::string::npos) << e.what();
  }
  unsetenv("LIANGHUA_SRGB_ICC");
}

// The reading copy's 归档章 and the volume's 页号 are laid over the PDF in a qpdf pass of their own;
// the PDF/A-2b changes are made in that pass (pdf::apply_pdfa) instead of a second parse and write.
// What comes out must be what the post-pass gives: conformant, the stamp and the text kept, the
// same XMP, deterministic; and an encrypted source is left to make_pdfa, which refuses it.
TEST(Pdfa, TheStampsOwnPassMakesThePdfaThePostPassWouldMake) {
  const compose::StampValues v{"Z109", "2024", "0001", "SMS", "永久", "1"};
  const std::string marks = compose::archive_stamp_pdf(v);
  const compose::MarkPlacement at = compose::archive_stamp_place(source_pdf());
  bool made = false;
  const std::string one_pass = compose::overlay_marks(source_pdf(), marks, {at}, metadata(), made);
  EXPECT_TRUE(made);
  for (const auto& f : ingest::check_pdfa(one_pass)) ADD_FAILURE() << f.label() << ": " << f.message;
  const std::string two_pass = pdf::make_pdfa(compose::overlay_marks(source_pdf(), marks, {at}), metadata()).pdf;
  EXPECT_EQ(poppler_text(one_pass), poppler_text(two_pass));
  EXPECT_NE(poppler_text(one_pass).find("Z109"), std::string::npos);
  QPDF a, b;
  a.processMemoryFile("one.pdf", one_pass.data(), one_pass.size());
  b.processMemoryFile("two.pdf", two_pass.data(), two_pass.size());
  EXPECT_EQ(xmp_of(a), xmp_of(b));
  bool again = false;
  EXPECT_EQ(compose::overlay_marks(source_pdf(), marks, {at}, metadata(), again), one_pass);
  // The 页号 pass of a volume, likewise.
  bool numbered = false;
  const pdf::PdfaMetadata m = metadata();
  const std::string pages = compose::stamp_page_numbers(source_pdf(), 0, 1, 1, &m, numbered);
  EXPECT_TRUE(numbered);
  EXPECT_TRUE(ingest::check_pdfa(pages).empty());
  EXPECT_FALSE((compose::stamp_page_numbers(source_pdf(), 0, 0, 1, &m, numbered), numbered)) << "no pages to number: no pass";
}

TEST(Pdfa, TheStampsOwnPassLeavesAnEncryptedSourceToThePostPass) {
  QPDF q;
  q.processMemoryFile("src.pdf", source_pdf().data(), source_pdf().size());
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setR6EncryptionParameters("", "owner", true, false, true, true, true, true, qpdf_r3p_full, true);
  w.write();
  auto buf = w.getBufferSharedPointer();
  const std::string enc(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
  bool made = true;
  try {  // qpdf cannot give an encrypted file a deterministic /ID: the overlay itself may refuse it
    compose::overlay_marks(enc, compose::archive_stamp_pdf({"Z109", "2024", "0001", "SMS", "永久", "1"}),
                           {compose::archive_stamp_place(enc)}, metadata(), made);
  } catch (const pdf::PdfError&) {
  }
  EXPECT_FALSE(made);
}

TEST(Pdfa, ControlTheBreakingHelperAloneBreaksNothing) { EXPECT_EQ(clauses(broken([](QPDF&) {})), std::set<std::string>{}); }

// --- one deliberately broken copy per rule -------------------------------------------------------

TEST(PdfaRule, Header_6_1_2_NoBinaryComment) {
  std::string b = pdfa();
  size_t nl = b.find('\n');
  b.replace(nl + 2, 4, "abcd");
  EXPECT_TRUE(clauses(b).count("6.1.2"));
}

TEST(PdfaRule, Trailer_6_1_3_NoId) {
  std::string b = broken([](QPDF&) {});
  size_t at = b.rfind("/ID [");
  ASSERT_NE(at, std::string::npos);
  size_t end = b.find(']', at);
  b.replace(at, end + 1 - at, std::string(end + 1 - at, ' '));
  EXPECT_TRUE(clauses(b).count("6.1.3"));
}

TEST(PdfaRule, Trailer_6_1_3_DataAfterEof) { EXPECT_TRUE(clauses(pdfa() + "trailing garbage\n").count("6.1.3")); }

TEST(PdfaRule, Trailer_6_1_3_Encrypted) {
  QPDF q;
  q.processMemoryFile("pdfa.pdf", pdfa().data(), pdfa().size());
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setR6EncryptionParameters("", "owner", true, false, true, true, true, true, qpdf_r3p_full, true);
  w.write();
  auto buf = w.getBufferSharedPointer();
  const std::string enc(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
  EXPECT_TRUE(clauses(enc).count("6.1.3"));
  // The post-pass leaves an encrypted file alone and says why.
  pdf::PdfaConversion c = pdf::make_pdfa(enc, metadata());
  EXPECT_EQ(c.pdf, enc);
  EXPECT_NE(c.refused.find("encrypted"), std::string::npos);
}

TEST(PdfaRule, Streams_6_1_7_1_NoEolBeforeEndstream) {
  EXPECT_TRUE(clauses(broken([](QPDF&) {}, false)).count("6.1.7.1"));
}

TEST(PdfaRule, Streams_6_1_7_1_ExternalFile) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { q.getRoot().getKey("/Metadata").getDict().replaceKey("/F", OH::newString("x.xml")); }))
                  .count("6.1.7.1"));
}

TEST(PdfaRule, Streams_6_1_7_2_Lzw) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH s = OH::newStream(&q, std::string("\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", 9));
                s.replaceStreamData(std::string("\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", 9), OH::newName("/LZWDecode"), OH::newNull());
                q.getRoot().replaceKey("/LhExtra", q.makeIndirectObject(s));
              })).count("6.1.7.2"));
}

TEST(PdfaRule, OutputIntent_6_2_3_Dropped) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { q.getRoot().removeKey("/OutputIntents"); })).count("6.2.3"));
}

TEST(PdfaRule, OutputIntent_6_2_3_NotAnIccProfile) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                q.getRoot().getKey("/OutputIntents").getArrayItem(0).getKey("/DestOutputProfile").replaceStreamData(
                    "not a profile", OH::newNull(), OH::newNull());
              })).count("6.2.3"));
}

TEST(PdfaRule, DeviceColour_6_2_4_3_CmykUnderAnRgbIntent) {
  EXPECT_TRUE(clauses(with_page_content("0 0 0 1 k 10 10 5 5 re f\n")).count("6.2.4.3"));
}

// The checker sieves content streams for the forbidden space's operators before qpdf tokenizes
// them (pdfa_check.cpp may_use): these pin what the sieve must still let through, and what not.
TEST(PdfaRule, DeviceColour_6_2_4_3_CmykAtTheVeryEndOfAStream) {
  EXPECT_TRUE(clauses(with_page_content("10 10 5 5 re S 0 0 0 1 K")).count("6.2.4.3"));
}

TEST(PdfaRule, DeviceColour_6_2_4_3_CmykSelectedByName) {
  EXPECT_TRUE(clauses(with_page_content("/DeviceCMYK cs 0 0 0 1 sc 10 10 5 5 re f\n")).count("6.2.4.3"));
}

TEST(PdfaRule, DeviceColour_6_2_4_3_CmykInAFormXObject) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH form = OH::newStream(&q, "[]0 d 0 0 0 1 k\n10 10 5 5 re f\n");
                form.getDict().replaceKey("/Type", OH::newName("/XObject"));
                form.getDict().replaceKey("/Subtype", OH::newName("/Form"));
                form.getDict().replaceKey("/BBox", OH::newArray(QPDFObjectHandle::Rectangle(0, 0, 20, 20)));
                q.getRoot().replaceKey("/LhExtra", q.makeIndirectObject(form));
              })).count("6.2.4.3"));
}

TEST(PdfaRule, DeviceColour_6_2_4_3_TheLetterKInTextIsNoColourOperator) {
  EXPECT_FALSE(clauses(with_page_content("BT /F1 12 Tf 10 10 Td ( k K ) Tj [(k)] TJ ET\n")).count("6.2.4.3"));
}

TEST(PdfaRule, Images_6_2_8_Interpolate) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH img = OH::newStream(&q, std::string(3, '\xff'));
                OH d = img.getDict();
                d.replaceKey("/Type", OH::newName("/XObject"));
                d.replaceKey("/Subtype", OH::newName("/Image"));
                d.replaceKey("/Width", OH::newInteger(1));
                d.replaceKey("/Height", OH::newInteger(1));
                d.replaceKey("/ColorSpace", OH::newName("/DeviceRGB"));
                d.replaceKey("/BitsPerComponent", OH::newInteger(8));
                d.replaceKey("/Interpolate", OH::newBool(true));
                q.getRoot().replaceKey("/LhExtra", q.makeIndirectObject(img));
              })).count("6.2.8"));
}

TEST(PdfaRule, Transparency_6_2_10_WithoutOutputIntentOrGroupColourSpace) {
  const auto c = clauses(broken([](QPDF& q) {
    q.getRoot().removeKey("/OutputIntents");
    OH gs = OH::newDictionary();
    gs.replaceKey("/ca", OH::newReal(0.5, 1));
    OH res = first_page(q).getKey("/Resources");
    OH ext = res.getKey("/ExtGState").isDictionary() ? res.getKey("/ExtGState") : OH::newDictionary();
    ext.replaceKey("/LhHalf", gs);
    res.replaceKey("/ExtGState", ext);
  }));
  EXPECT_TRUE(c.count("6.2.10"));
}

TEST(PdfaRule, NeedlessGroup_1_6_4_AddedBack) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH g = OH::newDictionary();
                g.replaceKey("/S", OH::newName("/Transparency"));
                g.replaceKey("/CS", OH::newName("/DeviceRGB"));
                first_page(q).replaceKey("/Group", g);
              })).count("1:6.4"));
}

TEST(PdfaRule, Fonts_6_2_11_3_2_TrueTypeCidFontWithoutCidToGidMap) {
  // Whichever fonts the roles name, page 1's first CIDFont is made a TrueType one without the map.
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH cid = first_cid_font(q).second;
                cid.replaceKey("/Subtype", OH::newName("/CIDFontType2"));
                cid.removeKey("/CIDToGIDMap");
              })).count("6.2.11.3.2"));
}

TEST(PdfaRule, Fonts_6_2_11_4_1_NotEmbedded) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH desc = first_cid_font(q).second.getKey("/FontDescriptor");
                for (const char* k : {"/FontFile", "/FontFile2", "/FontFile3"}) desc.removeKey(k);
              })).count("6.2.11.4.1"));
}

// A Type0 font whose /DescendantFonts holds a null (pdf.js issue 12823's NotoColorEmoji): a font
// with nothing to draw with, reported as not embedded. The check asked a key of that null, which
// qpdf refuses by throwing: the whole file was reported unreadable (6.1) and every other rule unsaid.
TEST(PdfaRule, Fonts_6_2_11_4_1_ADescendantFontsArrayHoldingNullIsAFontNotEmbeddedNotAnUnreadableFile) {
  const std::set<std::string> found = clauses(broken([](QPDF& q) { first_cid_font(q).first.replaceKey("/DescendantFonts", OH::parse("[ null ]")); }));
  EXPECT_TRUE(found.count("6.2.11.4.1"));
  EXPECT_FALSE(found.count("6.1")) << "the file was called unreadable";
}

TEST(PdfaRule, Fonts_6_2_11_7_NoToUnicode) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { first_cid_font(q).first.removeKey("/ToUnicode"); })).count("6.2.11.7"));
}

TEST(PdfaRule, Annotations_6_3_2_NoPrintFlag) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH annots = first_page(q).getKey("/Annots");
                ASSERT_TRUE(annots.isArray() && annots.getArrayNItems() > 0) << "the link should be an annotation";
                annots.getArrayItem(0).removeKey("/F");
              })).count("6.3.2"));
}

TEST(PdfaRule, Actions_6_5_1_JavaScript) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                OH a = OH::newDictionary();
                a.replaceKey("/S", OH::newName("/JavaScript"));
                a.replaceKey("/JS", OH::newString("app.alert(1)"));
                q.getRoot().replaceKey("/OpenAction", q.makeIndirectObject(a));
              })).count("6.5.1"));
}

TEST(PdfaRule, Metadata_6_6_2_1_XmpStripped) {
  const auto c = clauses(broken([](QPDF& q) { q.getRoot().removeKey("/Metadata"); }));
  EXPECT_TRUE(c.count("6.6.2.1"));
  EXPECT_TRUE(c.count("6.6.4"));
}

TEST(PdfaRule, Metadata_6_6_2_1_NotWellFormed) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { replace_in_xmp(q, "</pdfaid:part>", "</pdfaid:prt>"); })).count("6.6.2.1"));
}

TEST(PdfaRule, Metadata_6_6_2_1_EncodingAttributeInPacketHeader) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { replace_in_xmp(q, "<?xpacket begin=", "<?xpacket encoding=\"UTF-8\" begin="); }))
                  .count("6.6.2.1"));
}

TEST(PdfaRule, Metadata_6_6_2_3_1_UndeclaredProperty) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                replace_in_xmp(q, "<pdfaid:part>2</pdfaid:part>",
                               "<pdfaid:part>2</pdfaid:part><lh:x xmlns:lh=\"http://example.com/undeclared/\">1</lh:x>");
              })).count("6.6.2.3.1"));
}

TEST(PdfaRule, Identification_6_6_4_PartOne) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) { replace_in_xmp(q, "<pdfaid:part>2</pdfaid:part>", "<pdfaid:part>1</pdfaid:part>"); }))
                  .count("6.6.4"));
}

TEST(PdfaRule, InfoAgreesWithXmp_1_6_7_3_TitleChanged) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                q.getTrailer().getKey("/Info").replaceKey("/Title", OH::newUnicodeString("另一个题名"));
              })).count("1:6.7.3"));
}

TEST(PdfaRule, InfoAgreesWithXmp_1_6_7_3_DateChanged) {
  EXPECT_TRUE(clauses(broken([](QPDF& q) {
                q.getTrailer().getKey("/Info").replaceKey("/ModDate", OH::newString("D:20240306000000+08'00'"));
              })).count("1:6.7.3"));
}

TEST(PdfaPreserve, ANonEmbeddedSourceFontIsReportedNotClaimed) {
  // A source PDF copied as it is (a scanned office's export with STSong-Light unembedded): the
  // post-pass cannot embed a font it does not have, so the copy is not called PDF/A.
  const std::string src = broken([](QPDF& q) {
    OH desc = first_cid_font(q).second.getKey("/FontDescriptor");
    for (const char* k : {"/FontFile", "/FontFile2", "/FontFile3"}) desc.removeKey(k);
  });
  package::PreservedPdf p = package::preserve_pdf(src, metadata());
  EXPECT_FALSE(p.conformant);
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].rfind("6.2.11.4.1 ", 0), 0u) << p.problems[0];
  EXPECT_TRUE(package::preserve_pdf(source_pdf(), metadata()).conformant);
}

// Apache PDFBox Preflight (Debian libpdfbox2-java) validates PDF/A-1b only, so four of its
// messages are about rules PDF/A-2b does not have and are filtered, each for a reason:
//   1.4    "/XRef cross reference streams are not allowed": PDF/A-1 is PDF 1.4; PDF/A-2 is based
//          on PDF 1.7 (ISO 32000-1), where cross-reference and object streams are allowed;
//   3.1.11 "The CIDSet entry is missing": ISO 19005-1 6.3.5 requires a CIDSet, ISO 19005-2
//          6.2.11.4.2 makes it optional (and only a complete one is allowed);
//   7.11.2 "part must be 1": pdfaid:part is 2 on purpose (ISO 19005-2 6.6.4);
//   3.1.7  "The CMap is a string but it isn't an Identity-H/V": Preflight takes only those two by
//          name, but ISO 19005-2 6.2.11.3.3 (and ISO 19005-1 6.3.3.3) allow every predefined CMap of
//          ISO 32000-1 Table 118 (UniGB-UCS2-H, GBK-EUC-H, …), which a source PDF's Chinese font
//          names and a substituted font keeps (pdf/font_substitute.h).
// Everything else Preflight says is a failure. Skipped where Java or the jars are missing.
namespace {

// Preflight's findings on `pdf`, split into those kept and the PDF/A-1-only ones filtered (above);
// false (and a reason in `skip`) where Java or the jars are missing.
bool preflight(const std::string& pdf, std::vector<std::string>& kept, std::vector<std::string>& filtered, std::string& skip) {
  const std::vector<std::string> jars = {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"};
  std::string cp;
  for (const auto& j : jars) {
    std::filesystem::path p = "/usr/share/java/" + j + ".jar";
    if (!std::filesystem::exists(p)) return skip = p.string() + " missing (scripts/setup.sh --test installs libpdfbox2-java)", false;
    cp += (cp.empty() ? "" : ":") + p.string();
  }
  if (!test::have_program("java")) return skip = "no java (scripts/setup.sh --test installs default-jre-headless)", false;
  const auto dir = test::temp_dir("pdfa-preflight");
  test::write_file(dir / "a.pdf", pdf);
  auto r = test::run({"java", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", (dir / "a.pdf").string()});
  std::istringstream lines(r.out + r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() < 4 || line.find(" : ") == std::string::npos || !(line[0] >= '0' && line[0] <= '9')) continue;
    bool pdfa1_only = line.rfind("1.4 : Trailer Syntax error, /XRef cross reference streams", 0) == 0 ||
                      (line.rfind("3.1.11 : ", 0) == 0 && line.find("CIDSet") != std::string::npos) ||
                      line.rfind("7.11.2 : Error on MetaData, part must be 1", 0) == 0 ||
                      (line.rfind("3.1.7 : ", 0) == 0 && line.find("The CMap is a string but it isn't an Identity-H/V") != std::string::npos);
    (pdfa1_only ? filtered : kept).push_back(line);
  }
  return true;
}

}  // namespace

TEST(PdfaCrossCheck, PdfBoxPreflightFindsNothingBeyondThePdfA1OnlyRules) {
  std::vector<std::string> kept, filtered;
  std::string skip;
  if (!preflight(pdfa(), kept, filtered, skip)) GTEST_SKIP() << skip;
  for (const auto& k : kept) ADD_FAILURE() << "Preflight: " << k;
  EXPECT_FALSE(filtered.empty()) << "Preflight should at least note pdfaid:part 2";
  // The same check fails a copy without XMP: the filter does not hide real problems.
  std::vector<std::string> b_kept, b_filtered;
  preflight(broken([](QPDF& q) { q.getRoot().removeKey("/Metadata"); }), b_kept, b_filtered, skip);
  std::string all;
  for (const auto& k : b_kept) all += k + "\n";
  EXPECT_NE(all.find("7.1 : "), std::string::npos) << all;
}

// A source PDF's STSong-Light made PDF/A with our 宋体 face embedded for it (pdf/font_substitute.h):
// Preflight reads the embedded TrueType program and its widths against /W (PDF/A-1 6.3.6, as
// ISO 19005-2 6.2.11.5) and finds nothing but the PDF/A-1-only rules.
TEST(PdfaCrossCheck, PdfBoxPreflightAcceptsASubstitutedFont) {
  pdf::PdfaMetadata m = metadata();
  m.substitutes = package::substitute_faces();
  const std::string copy = pdf::make_pdfa(test::make_pdf("BT /F1 12 Tf 72 700 Td <884C653F59040020004100420031> Tj ET\n"), m).pdf;
  ASSERT_EQ(pdf::substituted_fonts(copy).size(), 1u);
  std::vector<std::string> kept, filtered;
  std::string skip;
  if (!preflight(copy, kept, filtered, skip)) GTEST_SKIP() << skip;
  for (const auto& k : kept) ADD_FAILURE() << "Preflight: " << k;
  // The 公文 fonts' faces too: FandolFang and the bold Noto Serif (cut from their glyf forms) and AR PL
  // UKai CN (a TrueType collection's first face, cut as it is).
  for (const char* name : {"FangSong_GB2312", "KaiTi_GB2312", "FZXiaoBiaoSong-B05S"}) {
    std::string font = test::kSongLight;
    for (size_t at; (at = font.find("STSong-Light")) != std::string::npos;) font.replace(at, 12, name);
    const std::string gongwen = pdf::make_pdfa(test::make_pdf("BT /F1 12 Tf 72 700 Td <884C653F59040020004100420031> Tj ET\n", font), m).pdf;
    ASSERT_EQ(pdf::substituted_fonts(gongwen).size(), 1u) << name;
    std::vector<std::string> g_kept, g_filtered;
    preflight(gongwen, g_kept, g_filtered, skip);
    for (const auto& k : g_kept) ADD_FAILURE() << name << ": Preflight: " << k;
  }
  // iText's Helvetica (WinAnsiEncoding, its standard widths, not embedded) beside its STSong-Light:
  // Liberation Sans embedded as a simple TrueType font. Preflight checks the program's widths against
  // /Widths and its cmap for a non-symbolic TrueType font (PDF/A-1 6.3.6, 6.3.7).
  {
    std::string src = test::make_pdf("BT /F1 12 Tf 72 700 Td <884C653F5904> Tj ET\nBT /F2 12 Tf 72 680 Td (AB 12) Tj ET\n");
    QPDF q;
    q.processMemoryFile("src.pdf", src.data(), src.size());
    first_page(q).getKey("/Resources").getKey("/Font").replaceKey(
        "/F2", q.makeIndirectObject(OH::parse("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
                                              "/FirstChar 32 /LastChar 66 /Widths [278 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 556 556 556 0 0 0 0 "
                                              "0 0 0 0 0 0 0 0 0 0 667 667] >>")));
    const std::string latin = pdf::make_pdfa(pdf::detail::write_out(q, false, false), m).pdf;
    ASSERT_EQ(pdf::substituted_fonts(latin).size(), 2u);
    std::vector<std::string> l_kept, l_filtered;
    preflight(latin, l_kept, l_filtered, skip);
    for (const auto& k : l_kept) ADD_FAILURE() << "Helvetica: Preflight: " << k;
  }
  // Unsubstituted, Preflight refuses the font: the check can fail.
  std::vector<std::string> u_kept, u_filtered;
  preflight(pdf::make_pdfa(test::make_pdf("BT /F1 12 Tf 72 700 Td <884C653F5904> Tj ET\n"), metadata()).pdf, u_kept, u_filtered, skip);
  EXPECT_FALSE(u_kept.empty());
}

// A page that really paints something transparent keeps its group: PDF/A-2 allows transparency
// once an OutputIntent is present (6.2.10), and dropping the group could change how it blends.
TEST(Pdfa, APageThatUsesTransparencyKeepsItsGroupAndStillPasses) {
  QPDF q;
  q.processMemoryFile("src.pdf", source_pdf().data(), source_pdf().size());
  OH page = first_page(q);
  ASSERT_TRUE(page.hasKey("/Group")) << "cairo gives every page a group";
  OH gs = OH::newDictionary();
  gs.replaceKey("/ca", OH::newReal(0.5, 1));
  OH res = page.getKey("/Resources");
  OH ext = res.getKey("/ExtGState").isDictionary() ? res.getKey("/ExtGState") : OH::newDictionary();
  ext.replaceKey("/LhHalf", gs);
  res.replaceKey("/ExtGState", ext);
  QPDFPageDocumentHelper(q).getAllPages().at(0).addPageContents(OH::newStream(&q, "q /LhHalf gs 1 0 0 rg 10 10 50 50 re f Q\n"), false);
  QPDFWriter w(q);
  w.setOutputMemory();
  w.write();
  auto buf = w.getBufferSharedPointer();
  const std::string out = pdf::make_pdfa(std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize()), metadata()).pdf;
  EXPECT_EQ(clauses(out), std::set<std::string>{});
  QPDF r;
  r.processMemoryFile("out.pdf", out.data(), out.size());
  EXPECT_TRUE(first_page(r).hasKey("/Group"));
}

// Info and XMP must say the same even where XML needs escaping, and for a UTC date.
TEST(Pdfa, EscapedTitleAndUtcDateStayConsistent) {
  pdf::PdfaMetadata m = metadata();
  m.title = "公告 A & B <第1号>";
  m.date = "2024-03-05T10:00:00Z";
  const std::string out = pdf::make_pdfa(source_pdf(), m).pdf;
  EXPECT_EQ(clauses(out), std::set<std::string>{});
  QPDF q;
  q.processMemoryFile("out.pdf", out.data(), out.size());
  EXPECT_EQ(q.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(), m.title);
  EXPECT_NE(xmp_of(q).find("公告 A &amp; B &lt;第1号&gt;"), std::string::npos);
  EXPECT_NE(xmp_of(q).find("<xmp:CreateDate>2024-03-05T10:00:00Z</xmp:CreateDate>"), std::string::npos) << xmp_of(q);
}
