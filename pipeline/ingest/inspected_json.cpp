#include "ingest/inspected_json.h"

#include "normalize/unicode.h"

namespace lh::ingest {
using nlohmann::json;

namespace {

// The one point where an input's texts become JSON (the worker's answer, the catalogue's facts,
// `inspect --json`): each string is made valid UTF-8 here, so no later dump can throw on a file name
// in GBK bytes or a libxml2 message cut mid-character (issue 9 §4). nlohmann's strict dump would
// turn either into a lost input ("crashed") or a lost night (exit 3).
json text(std::string_view s) { return normalize::sanitize(s); }

json texts(const std::vector<std::string>& v) {
  json a = json::array();
  for (const auto& s : v) a.push_back(text(s));
  return a;
}

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : text(s); }

}  // namespace

json officers_to_json(const std::vector<model::Officer>& officers) {
  json out = json::array();
  for (const auto& o : officers) out.push_back({{"name", text(o.name)}, {"certificate", text(o.certificate)}});
  return out;
}

json fields_to_json(const model::Fields& f) {
  json cases = json::array(), codes = json::array(), ids = json::array();
  for (const auto& c : f.case_numbers) cases.push_back(text(c.normalized));
  for (const auto& c : f.credit_codes) codes.push_back({{"code", text(c.code)}, {"valid", c.valid}});
  for (const auto& i : f.id_numbers) ids.push_back({{"masked", text(i.masked)}, {"valid", i.valid}});
  json labelled = json::array();
  for (const auto& d : f.labelled_dates) labelled.push_back({{"label", text(d.label)}, {"date", text(d.iso)}});
  json out = {{"case_numbers", cases},
          {"parties", texts(f.parties)},
          {"credit_codes", codes},
          {"id_numbers", ids},
          {"dates", texts(f.dates)},
          {"doc_type", text_or_null(f.doc_type)},
          {"doc_type_number", f.doc_type_number},
          {"labelled_dates", labelled},
          {"last_date", text(f.last_date)},
          {"title_line", text(f.title_line)},
          {"own_number", text(f.own_number)},
          {"warnings", texts(f.warnings)}};
  // Only where a typed record names its officers: the facts of every other document stay as they were.
  if (!f.officers.empty()) out["officers"] = officers_to_json(f.officers);
  if (!f.served.empty()) out["served"] = text(f.served);
  if (!f.inspection_result.empty()) out["inspection_result"] = text(f.inspection_result);
  return out;
}

json record_to_json(const model::InspectionRecord& r) {
  const json officers = officers_to_json(r.officers);
  return {{"record_id", text(r.record_id)}, {"subject", text(r.subject)},           {"credit_code", text(r.credit_code)},
          {"address", text(r.address)},     {"inspected_at", text(r.inspected_at)}, {"recorded_at", text(r.recorded_at)},
          {"officers", officers},           {"content", text(r.content)},           {"result", text(r.result)},
          {"measures", text(r.measures)},   {"attachments", texts(r.attachments)},  {"source", text(r.source)}};
}

json error_to_json(const std::optional<model::ReadError>& e) {
  if (!e) return nullptr;
  return {{"kind", model::error_kind_name(e->kind)}, {"message", text(e->message)}};
}

json to_public_json(const model::InspectedFile& f) {
  json children = json::array();
  for (const auto& c : f.children) children.push_back(to_public_json(c));
  json j = {{"path", text(f.path)},
            {"sha256", text(f.sha256)},
            {"size", f.size},
            {"format", model::format_name(f.meta.format)},
            {"encoding", text_or_null(f.meta.encoding)},
            {"pages", f.meta.pages},
            {"title", text(f.title)},
            {"text_chars", f.text_chars},
            {"scanned_pages", f.meta.scanned_pages},
            {"fields", fields_to_json(f.fields)},
            {"error", error_to_json(f.error)},
            {"children", children}};
  json meta = json::object();
  if (!f.meta.author.empty()) meta["author"] = text(f.meta.author);
  if (!f.meta.created.empty()) meta["created"] = text(f.meta.created);
  if (!f.meta.modified.empty()) meta["modified"] = text(f.meta.modified);
  if (!f.meta.application.empty()) meta["application"] = text(f.meta.application);
  if (f.meta.image_width) {
    meta["width"] = f.meta.image_width;
    meta["height"] = f.meta.image_height;
    meta["orientation"] = f.meta.image_orientation;
  }
  j["metadata"] = meta;
  j["problems"] = texts(f.meta.problems);
  if (!f.records.empty()) {
    json recs = json::array();
    for (const auto& r : f.records) recs.push_back(record_to_json(r));
    j["records"] = recs;
  }
  return j;
}

json to_wire_json(const model::InspectedFile& f) {
  json j = to_public_json(f);
  j.erase("children");
  j["source_path"] = text(f.source_path);  // the parent keeps the bytes on disk; this is for reading
  j["mtime_ns"] = f.mtime_ns;
  j["is_zip_entry"] = f.is_zip_entry;
  if (!f.entry_date.empty()) j["entry_date"] = text(f.entry_date);
  j["meta"] = {{"title", text(f.meta.title)},     {"subject", text(f.meta.subject)},   {"author", text(f.meta.author)},
               {"created", text(f.meta.created)}, {"modified", text(f.meta.modified)}, {"application", text(f.meta.application)},
               {"image_width", f.meta.image_width}, {"image_height", f.meta.image_height},
               {"image_orientation", f.meta.image_orientation}};
  // Lossless fields (the public form keeps only normalized case numbers).
  json cases = json::array();
  for (const auto& c : f.fields.case_numbers)
    cases.push_back({{"normalized", text(c.normalized)}, {"raw", text(c.raw)}, {"zero_padded", c.zero_padded},
                     {"with_di", c.with_di}});
  j["fields"]["case_numbers"] = cases;
  if (f.records.empty()) j["records"] = json::array();
  return j;
}

json child_to_wire_json(const ChildInput& c) {
  return {{"name", text(c.name)}, {"error", error_to_json(c.error)}, {"dir", c.is_directory}, {"size", c.bytes.size()},
          {"date", text(c.date)}};
}

static std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

static std::vector<model::Officer> officers_from_json(const json& a) {
  std::vector<model::Officer> out;
  for (const auto& o : a) out.push_back({str(o, "name"), str(o, "certificate")});
  return out;
}

model::InspectedFile from_wire_json(const json& j) {
  model::InspectedFile f;
  f.path = str(j, "path");
  f.source_path = str(j, "source_path");
  f.sha256 = str(j, "sha256");
  f.size = j.value("size", uint64_t{0});
  f.mtime_ns = j.value("mtime_ns", int64_t{0});
  f.is_zip_entry = j.value("is_zip_entry", false);
  f.entry_date = str(j, "entry_date");
  f.title = str(j, "title");
  f.text_chars = j.value("text_chars", uint64_t{0});
  f.meta.format = model::format_from_name(str(j, "format"));
  f.meta.encoding = str(j, "encoding");
  f.meta.pages = j.value("pages", 0);
  f.meta.scanned_pages = j.value("scanned_pages", 0);
  if (auto m = j.find("meta"); m != j.end()) {
    f.meta.title = str(*m, "title");
    f.meta.subject = str(*m, "subject");
    f.meta.author = str(*m, "author");
    f.meta.created = str(*m, "created");
    f.meta.modified = str(*m, "modified");
    f.meta.application = str(*m, "application");
    f.meta.image_width = m->value("image_width", 0);
    f.meta.image_height = m->value("image_height", 0);
    f.meta.image_orientation = m->value("image_orientation", 0);
  }
  if (auto p = j.find("problems"); p != j.end() && p->is_array())
    for (const auto& s : *p) f.meta.problems.push_back(s.get<std::string>());
  if (auto e = j.find("error"); e != j.end() && e->is_object()) {
    auto kind = model::error_kind_from_name(str(*e, "kind"));
    f.error = model::ReadError{kind.value_or(model::ErrorKind::Unsupported), str(*e, "message")};
  }
  const json& fl = j.at("fields");
  for (const auto& c : fl.at("case_numbers"))
    f.fields.case_numbers.push_back(
        {str(c, "normalized"), str(c, "raw"), c.value("zero_padded", false), c.value("with_di", false)});
  for (const auto& p : fl.at("parties")) f.fields.parties.push_back(p.get<std::string>());
  for (const auto& c : fl.at("credit_codes")) f.fields.credit_codes.push_back({str(c, "code"), c.value("valid", false)});
  for (const auto& i : fl.at("id_numbers")) f.fields.id_numbers.push_back({str(i, "masked"), i.value("valid", false)});
  for (const auto& d : fl.at("dates")) f.fields.dates.push_back(d.get<std::string>());
  f.fields.doc_type = str(fl, "doc_type");
  f.fields.doc_type_number = fl.value("doc_type_number", 0);
  for (const auto& w : fl.at("warnings")) f.fields.warnings.push_back(w.get<std::string>());
  if (auto l = fl.find("labelled_dates"); l != fl.end() && l->is_array())
    for (const auto& d : *l) f.fields.labelled_dates.push_back({str(d, "label"), str(d, "date")});
  f.fields.last_date = str(fl, "last_date");
  f.fields.title_line = str(fl, "title_line");
  f.fields.own_number = str(fl, "own_number");
  if (auto o = fl.find("officers"); o != fl.end() && o->is_array()) f.fields.officers = officers_from_json(*o);
  f.fields.served = str(fl, "served");
  f.fields.inspection_result = str(fl, "inspection_result");
  for (const auto& r : j.at("records")) {
    model::InspectionRecord rec;
    rec.record_id = str(r, "record_id");
    rec.subject = str(r, "subject");
    rec.credit_code = str(r, "credit_code");
    rec.address = str(r, "address");
    rec.inspected_at = str(r, "inspected_at");
    rec.recorded_at = str(r, "recorded_at");
    rec.officers = officers_from_json(r.at("officers"));
    rec.content = str(r, "content");
    rec.result = str(r, "result");
    rec.measures = str(r, "measures");
    for (const auto& a : r.at("attachments")) rec.attachments.push_back(a.get<std::string>());
    rec.source = str(r, "source");
    f.records.push_back(std::move(rec));
  }
  return f;
}

}  // namespace lh::ingest
