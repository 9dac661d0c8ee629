// The XML reader (issue 2 §4).
//  - Inspection-record exports (namespace urn:lianghua:inspection-record:1, templates/xsd/README.md):
//    validated against templates/xsd/inspection-record.xsd (loaded once), schema errors become
//    meta.problems with their line; each 检查记录 becomes an InspectionRecord holding what it has
//    (a missing field is reported, never invented) and a heading + label/value table in the Document.
//  - Any other XML: the text of each element, one paragraph per element that holds text.
//  - Declared encodings (GBK via iconv, UTF-16 with BOM) are honoured by libxml2; any DOCTYPE is
//    unsafe_xml (safe_xml.h: we never process DTDs).
#include <fstream>
#include <mutex>
#include <sstream>

#include "ingest/reader.h"
#include "ingest/safe_xml.h"
#include "model/paths.h"

namespace lh::ingest {
using model::ErrorKind;
using model::Format;

namespace xmlr {
namespace {

constexpr std::string_view kNs = "urn:lianghua:inspection-record:1";

// --- the schema, loaded once per process -----------------------------------------------------------

struct SchemaSlot {
  XmlSchemaPtr schema;
  std::string error;
};

const SchemaSlot& inspection_schema() {
  static SchemaSlot slot;
  static std::once_flag once;
  std::call_once(once, [] {
    std::filesystem::path p = model::templates_dir() / "xsd" / "inspection-record.xsd";
    std::ifstream f(p, std::ios::binary);
    if (!f) {
      slot.error = "schema " + p.string() + " not found; records were not validated";
      return;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string err;
    slot.schema = load_schema(ss.str(), "inspection-record.xsd", &err);
    if (!slot.schema) slot.error = "schema inspection-record.xsd unusable (" + err + "); records were not validated";
  });
  return slot;
}

// --- records ---------------------------------------------------------------------------------------

bool is_rec(const xmlNode* n, std::string_view local) {
  if (!local_is(n, local)) return false;
  std::string_view ns = ns_of(n);
  return ns == kNs || ns.empty();  // un-namespaced exports are read too (the schema will say so)
}

xmlNode* child(const xmlNode* n, std::string_view local) {
  for (xmlNode* c : elements(n))
    if (is_rec(c, local)) return c;
  return nullptr;
}

std::string child_text(const xmlNode* n, std::string_view local) {
  xmlNode* c = child(n, local);
  return c ? trim(text_content(c, 1u << 20)) : std::string();
}

// 检查人员/人员: 姓名 + 执法证号.
std::vector<model::Officer> read_officers(const xmlNode* rec) {
  std::vector<model::Officer> out;
  xmlNode* list = child(rec, "检查人员");
  for (xmlNode* p : elements(list)) {
    if (!is_rec(p, "人员")) continue;
    model::Officer o{child_text(p, "姓名"), child_text(p, "执法证号")};
    if (!o.name.empty() || !o.certificate.empty()) out.push_back(std::move(o));
  }
  return out;
}

std::vector<std::string> read_attachments(const xmlNode* rec) {
  std::vector<std::string> out;
  for (xmlNode* f : elements(child(rec, "附件")))
    if (is_rec(f, "文件")) {
      std::string name = trim(attr(f, "名称"));
      if (name.empty()) name = trim(text_content(f, 4096));
      if (!name.empty()) out.push_back(std::move(name));
    }
  return out;
}

model::InspectionRecord read_record(const xmlNode* rec) {
  model::InspectionRecord r;
  r.record_id = trim(attr(rec, "编号"));
  r.subject = child_text(rec, "检查对象");
  r.credit_code = child_text(rec, "统一社会信用代码");
  r.address = child_text(rec, "地址");
  r.inspected_at = child_text(rec, "检查时间");
  r.recorded_at = child_text(rec, "记录时间");
  r.officers = read_officers(rec);
  r.content = child_text(rec, "检查内容");
  r.result = child_text(rec, "检查结果");
  r.measures = child_text(rec, "处理措施");
  r.attachments = read_attachments(rec);
  r.source = "xml";
  if (xmlGetLineNo(rec) > 0) r.source += " line " + std::to_string(xmlGetLineNo(rec));
  return r;
}

// Fields the schema requires, named in Chinese (libxml2 stops at the first schema error of a record,
// and may not be there at all when the schema file is missing).
void check_required(const model::InspectionRecord& r, std::vector<std::string>& problems) {
  std::vector<std::string> missing;
  if (r.record_id.empty()) missing.push_back("编号");
  if (r.subject.empty()) missing.push_back("检查对象");
  if (r.address.empty()) missing.push_back("地址");
  if (r.inspected_at.empty()) missing.push_back("检查时间");
  if (r.officers.size() < 2) missing.push_back("检查人员（至少两名）");
  if (r.content.empty()) missing.push_back("检查内容");
  if (r.result.empty()) missing.push_back("检查结果");
  if (missing.empty()) return;
  std::string msg = r.source + ": 缺少";
  for (size_t i = 0; i < missing.size(); ++i) msg += (i ? "、" : " ") + missing[i];
  problems.push_back(msg);
}

model::Paragraph text_paragraph(std::string text, int heading = 0) {
  model::Paragraph p;
  p.heading_level = heading;
  p.runs.push_back(model::Run{std::move(text)});
  return p;
}

void add_row(model::Table& t, std::string label, std::string value) {
  if (value.empty()) return;
  model::TableRow row;
  model::TableCell a, b;
  a.blocks.push_back(model::Block{text_paragraph(std::move(label))});
  b.blocks.push_back(model::Block{text_paragraph(std::move(value))});
  row.cells.push_back(std::move(a));
  row.cells.push_back(std::move(b));
  t.rows.push_back(std::move(row));
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? std::string(sep) : std::string()) + v[i];
  return s;
}

// The heading and label/value table of one record.
void record_blocks(const model::InspectionRecord& r, std::vector<model::Block>& out) {
  out.push_back(model::Block{text_paragraph(r.record_id.empty() ? "检查记录" : "检查记录 " + r.record_id, 1)});
  model::Table t;
  add_row(t, "编号", r.record_id);
  add_row(t, "检查对象", r.subject);
  add_row(t, "统一社会信用代码", r.credit_code);
  add_row(t, "地址", r.address);
  add_row(t, "检查时间", r.inspected_at);
  add_row(t, "记录时间", r.recorded_at);
  std::vector<std::string> officers;
  for (const auto& o : r.officers) officers.push_back(o.certificate.empty() ? o.name : o.name + "（执法证号 " + o.certificate + "）");
  add_row(t, "检查人员", join(officers, "、"));
  add_row(t, "检查内容", r.content);
  add_row(t, "检查结果", r.result);
  add_row(t, "处理措施", r.measures);
  add_row(t, "附件", join(r.attachments, "、"));
  t.col_widths_mm = {40, 116};
  out.push_back(model::Block{std::move(t)});
}

void read_records(xmlDoc* doc, const xmlNode* root, ReadResult& r) {
  const SchemaSlot& schema = inspection_schema();
  if (schema.schema) {
    for (const auto& p : validate(*schema.schema, doc))
      r.meta.problems.push_back("inspection-record.xsd" + (p.line > 0 ? " line " + std::to_string(p.line) : std::string()) +
                                ": " + p.message);
  } else {
    r.meta.problems.push_back(schema.error);
  }
  std::vector<const xmlNode*> recs;
  if (is_rec(root, "检查记录")) recs.push_back(root);
  else
    for (xmlNode* c : elements(root))
      if (is_rec(c, "检查记录")) recs.push_back(c);
  model::Section s;
  for (const xmlNode* n : recs) {
    model::InspectionRecord rec = read_record(n);
    check_required(rec, r.meta.problems);
    record_blocks(rec, s.blocks);
    r.records.push_back(std::move(rec));
  }
  if (recs.empty()) s.blocks.push_back(model::Block{text_paragraph("检查记录集（无记录）", 1)});
  r.meta.title = recs.size() == 1 && !r.records[0].record_id.empty() ? "检查记录 " + r.records[0].record_id : "检查记录";
  r.doc.sections.push_back(std::move(s));
}

// --- any other XML ---------------------------------------------------------------------------------

// An element with text of its own is one paragraph (mixed content such as "各单位：<b>请</b>按时"
// stays together); an element with element children only is walked into.
void text_paragraphs(const xmlNode* n, std::vector<model::Block>& out, int depth) {
  if (depth > 256 || out.size() > 1000000) return;
  if (!trim(own_text(n)).empty()) {
    out.push_back(model::Block{text_paragraph(trim(text_content(n, 16u << 20)))});
    return;
  }
  for (xmlNode* c : elements(n)) text_paragraphs(c, out, depth + 1);
}

// meta.encoding: the BOM, else the declaration (GB2312/GBK as their superset GB18030), else UTF-8.
std::string encoding_of(std::string_view bytes, const xmlDoc* doc) {
  if (bytes.substr(0, 2) == "\xFF\xFE") return "UTF-16LE";
  if (bytes.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return "UTF-8";
  if (bytes.size() >= 2 && bytes[0] == '<' && bytes[1] == '\0') return "UTF-16LE";
  if (bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] == '<') return "UTF-16BE";
  std::string enc = doc && doc->encoding ? cstr(doc->encoding) : "UTF-8";
  for (char& c : enc)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  if (enc == "GBK" || enc == "GB2312" || enc == "GB18030" || enc == "CP936" || enc == "EUC-CN") return "GB18030";
  if (enc == "BIG5" || enc == "BIG-5" || enc == "CP950") return "Big5";
  if (enc == "UTF8") return "UTF-8";
  return enc;
}

ReadResult read(const Input& in) {
  XmlParse p = parse_xml(in.bytes, "XML", in.options->limits.max_xml_bytes);
  if (p.error) return failed(Format::Xml, p.error->kind, p.error->message);
  ReadResult r;
  r.meta.format = Format::Xml;
  r.meta.encoding = encoding_of(in.bytes, p.doc.get());
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  if (ns_of(root) == kModelXmlNamespace) return read_model_xml(in);  // the model's own form (issue 3 §7)
  if (is_rec(root, "检查记录集") || is_rec(root, "检查记录")) {
    read_records(p.doc.get(), root, r);
    return r;
  }
  model::Section s;
  text_paragraphs(root, s.blocks, 0);
  r.doc.sections.push_back(std::move(s));
  return r;
}

}  // namespace
}  // namespace xmlr

ReadResult read_xml(const Input& in) {
  try {
    return xmlr::read(in);
  } catch (const std::bad_alloc&) {
    return failed(Format::Xml, ErrorKind::TooLarge, "out of memory while reading the XML");
  } catch (const std::exception& e) {
    return failed(Format::Xml, ErrorKind::Damaged, std::string("cannot read the XML: ") + e.what());
  } catch (...) {
    return failed(Format::Xml, ErrorKind::Damaged, "cannot read the XML");
  }
}

}  // namespace lh::ingest
