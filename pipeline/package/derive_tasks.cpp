#include "package/derive_tasks.h"

#include <map>

#include "compose/archive_stamp.h"
#include "filing/document_facts.h"
#include "package/files.h"
#include "package/preservation.h"
#include "compose/uniform_record.h"
#include "compose/volume.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string item_folder(const json& item) { return fs::path(original_of(item)).parent_path().string(); }

// One more problem on an item's state line ("；" between them, as the report shows them).
void add_problem(json& e, const std::string& p) {
  std::string have = e.value("problem", "");
  e["problem"] = have + (have.empty() ? "" : "；") + p;
}

compose::StampValues stamp_values(const json& item, int pages, const DeriveContext& ctx) {
  const filing::Scheme& s = *ctx.scheme;
  const filing::Office& o = *ctx.office;
  const std::string rc = item.value("retention", "");
  compose::StampValues v{o.fonds, std::to_string(item.value("year", 0)), "", o.organisation,
                s.period(rc) ? s.period(rc)->name : rc, std::to_string(pages)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", s.item_digits, item.value("item_number", 0));
  v.item = buf;
  return v;
}

void add_reading_copy(json& e, const json& item, const compose::ItemPages& p, const DeriveContext& ctx) {
  const compose::ItemPages masked = ctx.public_copies ? compose::render_item(item, ctx.root, item.value("date", ""), true) : compose::ItemPages{};
  const compose::ItemPages& shown = ctx.public_copies ? masked : p;
  if (shown.unmasked_numbers) add_problem(e, "公开阅览本中按原样复制的 PDF 含居民身份证号或手机号，无法遮蔽");
  std::string stamped;
  try {
    std::string note;
    stamped = compose::stamp_first_page(shown.pdf, stamp_values(item, shown.pages, ctx), &note);
    if (!note.empty()) add_problem(e, note);
  } catch (const std::exception& ex) {
    stamped = shown.pdf;
    add_problem(e, std::string("归档章未能加盖：") + ex.what());
  }
  std::string rel = (fs::path(item_folder(item)) / "阅览本" / (fs::path(original_of(item)).stem().string() + ".pdf")).string();
  std::vector<std::string> not_pdfa;  // PDF/A-2b when the scheme asks (preservation.h)
  e["files"].push_back(write_derived_pdf(ctx.root, rel, stamped, ctx.scheme->wants_pdfa(filing::DerivedOutput::ReadingCopies),
                                         item_pdfa_metadata(item, e, *ctx.scheme, *ctx.office), not_pdfa));
  for (const auto& p : not_pdfa) add_problem(e, p);
}

json add_uniform_records(json& e, const json& item, const compose::ItemPages& p, const DeriveContext& ctx) {
  json issues = json::array();
  const std::string code = item.value("archival_code", "");
  for (size_t r = 0; r < p.records.size(); ++r) {
    const auto& rec = p.records[r];
    char num[32];
    std::snprintf(num, sizeof num, "%02zu", r + 1);
    std::string stem = (fs::path(item_folder(item)) / "检查笔录" / (code + "-" + num)).string();
    auto files = compose::render_uniform_record(rec, ctx.office->name, item.value("date", ""), ctx.public_records);
    std::vector<std::string> not_pdfa;  // PDF/A-2b when the scheme asks (preservation.h)
    pdf::PdfaMetadata meta = item_pdfa_metadata(item, e, *ctx.scheme, *ctx.office);
    meta.title = rec.subject.empty() ? meta.title : "现场检查笔录 " + rec.subject;
    e["files"].push_back(write_derived_pdf(ctx.root, stem + ".pdf", files.pdf, ctx.scheme->wants_pdfa(filing::DerivedOutput::UniformRecords),
                                           meta, not_pdfa));
    for (const auto& p : not_pdfa) add_problem(e, p);
    e["files"].push_back(write_derived_output(ctx.root, stem + ".docx", files.docx));
    json probs = json::array();
    for (const auto& pr : compose::check_record(rec)) probs.push_back({{"field", pr.field}, {"message", pr.message}, {"clause", pr.clause}});
    if (!probs.empty())
      issues.push_back({{"record_id", rec.record_id}, {"source", rec.source}, {"subject", rec.subject},
                        {"uniform", stem + ".pdf"}, {"problems", probs}});
  }
  return issues;
}

}  // namespace

json write_derived_output(const fs::path& root, const std::string& rel, const std::string& bytes) {
  std::string err;
  fs::create_directories((root / rel).parent_path());
  if (!write_atomic(root / rel, bytes, err, false)) throw std::runtime_error(err);
  return {{"path", rel}, {"sha256", sha256_hex(bytes)}};
}

std::string original_sha_of(const json& item) {
  for (const auto& f : item.value("files", json::array()))
    if (f.value("role", "") == "original") return f.value("sha256", "");
  return {};
}

json derive_item(const json& payload, const DeriveContext& ctx) {
  const json& item = payload.at("item");
  const compose::ItemPages p = compose::render_item(item, ctx.root, item.value("date", ""));
  json e = {{"key", payload.value("key", "")}, {"pages", p.pages}, {"how", p.how}, {"problem", p.problem},
            {"files", json::array()}};
  // 文号: only the one the document prints itself (a 案号 quoted in its body is not its own).
  e["doc_number"] = filing::own_doc_number(*ctx.scheme, item.value("doc_number", 0), item.value("doc_type", ""), p.fields);
  e["author"] = compose::responsible_party(p.text, *ctx.office);
  if (ctx.opt.reading_copies) add_reading_copy(e, item, p, ctx);
  e["record_issues"] = ctx.opt.records ? add_uniform_records(e, item, p, ctx) : json::array();
  e["records"] = p.records.size();
  return e;
}

json derive_volume(const json& payload, const DeriveContext& ctx) {
  const std::string folder = payload.value("folder", "");
  const std::vector<json> items = payload.at("items").get<std::vector<json>>();
  compose::VolumeOptions vo;
  vo.volume_no = payload.value("volume_no", "");
  vo.archived_date = payload.value("archived", "");
  vo.mask = ctx.public_volumes;
  std::map<std::string, compose::ItemPages> rendered;  // this case's items only, freed with the task
  auto source = [&](const json& item) -> const compose::ItemPages& {
    std::string code = item.value("archival_code", "");
    auto it = rendered.find(code);
    if (it == rendered.end()) it = rendered.emplace(code, compose::render_item(item, ctx.root, item.value("date", ""), vo.mask)).first;
    return it->second;
  };
  compose::VolumeBuild vb = compose::build_case_volume(items, ctx.root, *ctx.scheme, *ctx.office, vo, source);
  json entry = {{"key", payload.value("key", "")}, {"volume_no", vo.volume_no}, {"archived", vo.archived_date},
                {"files", json::array()}, {"pages", vb.total_pages}, {"numbered_pages", vb.numbered_pages},
                {"case_number", vb.facts.case_number}, {"problems", vb.problems}};
  json rows = json::array();
  for (const auto& e : vb.entries)
    rows.push_back({{"seq", e.seq}, {"archival_code", e.archival_code}, {"title", e.title}, {"author", e.author},
                    {"pages", compose::page_range_text(e)}, {"pdf_first_page", e.first_index + 1}, {"how", e.how}});
  entry["contents"] = rows;
  std::vector<std::string> not_pdfa;  // PDF/A-2b when the scheme asks (preservation.h)
  entry["files"].push_back(write_derived_pdf(ctx.root, (fs::path(folder) / "案卷.pdf").string(), vb.pdf,
                                             ctx.scheme->wants_pdfa(filing::DerivedOutput::Volumes), volume_pdfa_metadata(vb, *ctx.office), not_pdfa));
  for (const auto& p : not_pdfa) entry["problems"].push_back(p);
  if (!vb.docx.empty()) entry["files"].push_back(write_derived_output(ctx.root, (fs::path(folder) / "案卷.docx").string(), vb.docx));
  return entry;
}

}  // namespace lh::package
