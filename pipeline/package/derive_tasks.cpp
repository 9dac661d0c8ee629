#include "package/derive_tasks.h"

#include <map>
#include <optional>

#include "compose/archive_stamp.h"
#include "filing/document_facts.h"
#include "package/files.h"
#include "package/ofd_copy.h"
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

// An item's pages as a part of an OFD copy: its laid-out pages, or its source PDF's.
OfdCopyPart item_part(const compose::ItemPages& p) {
  return {p.laid, p.laid ? nullptr : std::make_shared<const std::string>(p.pdf), p.pages};
}

// A mark placed on page `page` of the copy as the PDF places it.
ofd::OfdMark mark_on(const OfdCopy& copy, int page, ofd::MarkKind kind, const compose::MarkPlacement& at, layout::Page drawing) {
  const layout::Page& p = copy.laid.pages.at(static_cast<size_t>(page));
  const auto [x, y] = compose::mark_origin_pt(at, p.width_pt, p.height_pt);
  return {page, kind, x, y, std::move(drawing)};
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
  const compose::StampValues values = stamp_values(item, shown.pages, ctx);
  const bool as_pdfa = ctx.scheme->wants_pdfa(filing::DerivedOutput::ReadingCopies);
  const pdf::PdfaMetadata meta = item_pdfa_metadata(item, e, *ctx.scheme, *ctx.office);
  bool made_pdfa = false;  // in the stamp's own qpdf pass (pdf/pdfa.h apply_pdfa)
  std::optional<compose::MarkPlacement> at;
  try {
    std::string note;
    at = compose::archive_stamp_place(shown.pdf, &note);
    const std::string marks = compose::archive_stamp_pdf(values);
    stamped = as_pdfa ? compose::overlay_marks(shown.pdf, marks, {*at}, meta, made_pdfa) : compose::overlay_marks(shown.pdf, marks, {*at});
    if (!note.empty()) add_problem(e, note);
  } catch (const std::exception& ex) {
    stamped = shown.pdf;
    at.reset();
    made_pdfa = false;
    add_problem(e, std::string("归档章未能加盖：") + ex.what());
  }
  std::string rel = (fs::path(item_folder(item)) / "阅览本" / (fs::path(original_of(item)).stem().string() + ".pdf")).string();
  std::vector<std::string> not_pdfa;  // PDF/A-2b and OFD-A copies that fell short (preservation.h)
  e["files"].push_back(write_derived_pdf(ctx.root, rel, stamped, as_pdfa, meta, not_pdfa, made_pdfa));
  if (ctx.scheme->wants_ofd(filing::DerivedOutput::ReadingCopies)) {
    // The OFD-A copy: the same pages, the stamp an annotation at the PDF's place (ofd_copy.h).
    json ofd = nullptr;
    try {
      OfdCopy copy = join_parts({item_part(shown)}, ctx.page_pictures);
      std::vector<ofd::OfdMark> marks;
      if (at && !copy.laid.pages.empty()) marks.push_back(mark_on(copy, 0, ofd::MarkKind::ArchiveStamp, *at, compose::archive_stamp_page(values)));
      ofd = write_derived_ofd(ctx.root, rel, std::move(copy), std::move(marks), meta, not_pdfa);
    } catch (const std::exception& ex) {
      not_pdfa.push_back(fs::path(rel).filename().replace_extension(".ofd").string() + " 未能生成 OFD-A 副本：" + ex.what());
    }
    if (!ofd.is_null()) e["files"].push_back(ofd);
  }
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
    std::vector<std::string> not_pdfa;  // PDF/A-2b and OFD-A copies that fell short (preservation.h)
    const pdf::PdfaMetadata meta =
        item_pdfa_metadata(item, e, *ctx.scheme, *ctx.office, rec.subject.empty() ? "" : "现场检查笔录 " + rec.subject);
    e["files"].push_back(write_derived_pdf(ctx.root, stem + ".pdf", files.pdf, ctx.scheme->wants_pdfa(filing::DerivedOutput::UniformRecords),
                                           meta, not_pdfa));
    if (ctx.scheme->wants_ofd(filing::DerivedOutput::UniformRecords))
      if (json ofd = write_laid_ofd(ctx.root, stem + ".pdf", files.laid, meta, not_pdfa); !ofd.is_null()) e["files"].push_back(ofd);
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

// The volume's OFD-A copy: the runs of pages 案卷.pdf was assembled from, its bookmarks, and the
// 页号 as annotations where the PDF prints them (pages front_pages … of the documents).
json write_volume_ofd(const fs::path& root, const std::string& rel, const compose::VolumeBuild& vb, const pdf::PdfaMetadata& meta,
                      const PagePictures& pictures, std::vector<std::string>& problems) {
  std::vector<OfdCopyPart> parts;
  for (const auto& s : vb.sources) parts.push_back({s.laid, s.pdf, s.pages});
  OfdCopy copy = join_parts(parts, pictures);
  if (static_cast<int>(copy.laid.pages.size()) != vb.total_pages)
    throw std::runtime_error("the copy has " + std::to_string(copy.laid.pages.size()) + " pages, 案卷.pdf " + std::to_string(vb.total_pages));
  copy.laid.outline = vb.outline;
  std::vector<ofd::OfdMark> marks;
  std::vector<layout::Page> numbers = compose::page_number_pages(1, vb.numbered_pages);
  for (int i = 0; i < vb.numbered_pages; ++i)
    marks.push_back(mark_on(copy, vb.front_pages + i, ofd::MarkKind::PageNumber, compose::page_number_place(),
                            std::move(numbers.at(static_cast<size_t>(i)))));
  return write_derived_ofd(root, rel, std::move(copy), std::move(marks), meta, problems);
}

}  // namespace

namespace {

json stamp_json(const FileStamp& s) { return json::array({s.size, s.mtime_ns, s.inode}); }

std::optional<FileStamp> stamp_of(const json& file) {
  auto it = file.find("stamp");
  if (it == file.end() || !it->is_array() || it->size() != 3) return std::nullopt;
  const json& a = *it;
  if (!a[0].is_number_unsigned() || !a[1].is_number_integer() || !a[2].is_number_unsigned()) return std::nullopt;
  return FileStamp{a[0].get<uint64_t>(), a[1].get<int64_t>(), a[2].get<uint64_t>()};
}

}  // namespace

json write_derived_output(const fs::path& root, const std::string& rel, const std::string& bytes) {
  std::string err;
  fs::create_directories((root / rel).parent_path());
  if (!write_atomic(root / rel, bytes, err, false)) throw std::runtime_error(err);
  json entry = {{"path", rel}, {"sha256", sha256_hex(bytes)}};
  if (auto st = file_stamp(root / rel)) entry["stamp"] = stamp_json(*st);
  return entry;
}

std::optional<FileStamp> derived_file_intact(const fs::path& root, const std::string& rel, const std::string& sha,
                                             const filing::DerivedStamp* recorded) {
  if (rel.empty()) return std::nullopt;
  const auto now = file_stamp(root / rel);
  if (!now) return std::nullopt;
  if (recorded && recorded->sha256 == sha && FileStamp{recorded->size, recorded->mtime_ns, recorded->inode} == *now) return now;
  // Stamped before hashing: a file changed while being hashed keeps a stamp that no longer matches.
  auto got = sha256_file(root / rel);
  if (!got || *got != sha) return std::nullopt;
  return now;
}

void take_entry_stamps(json& entry, std::map<std::string, filing::DerivedStamp>& out) {
  if (!entry.is_object()) return;
  auto files = entry.find("files");
  if (files == entry.end() || !files->is_array()) return;
  for (auto& f : *files) {
    if (!f.is_object()) continue;
    if (auto st = stamp_of(f); st && f.value("path", "") != "")
      out[f.value("path", "")] = filing::DerivedStamp{f.value("sha256", ""), st->size, st->mtime_ns, st->inode};
    f.erase("stamp");
  }
}

std::map<std::string, filing::DerivedStamp> take_stamps(json& state) {
  std::map<std::string, filing::DerivedStamp> out;
  if (!state.is_object()) return out;
  for (const char* sec : {"items", "volumes", "catalogues"}) {
    auto s = state.find(sec);
    if (s == state.end() || !s->is_object()) continue;
    for (auto& [k, e] : s->items()) take_entry_stamps(e, out);
  }
  return out;
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
  e["author"] = compose::responsible_party(p.text, *ctx.office, {item.value("doc_number", 0), item.value("title", "")});
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
  vo.ofd = ctx.scheme->wants_ofd(filing::DerivedOutput::Volumes);
  const bool as_pdfa = ctx.scheme->wants_pdfa(filing::DerivedOutput::Volumes);
  if (as_pdfa) vo.pdfa = [&](const compose::VolumeBuild& b) { return volume_pdfa_metadata(b, *ctx.office); };
  compose::VolumeBuild vb = compose::build_case_volume(items, ctx.root, *ctx.scheme, *ctx.office, vo, source);
  json entry = {{"key", payload.value("key", "")}, {"volume_no", vo.volume_no}, {"archived", vo.archived_date},
                {"files", json::array()}, {"pages", vb.total_pages}, {"numbered_pages", vb.numbered_pages},
                {"case_number", vb.facts.case_number}, {"problems", vb.problems}};
  json rows = json::array();
  for (const auto& e : vb.entries)
    rows.push_back({{"seq", e.seq}, {"archival_code", e.archival_code}, {"title", e.title}, {"author", e.author},
                    {"pages", compose::page_range_text(e)}, {"pdf_first_page", e.first_index + 1}, {"how", e.how}});
  entry["contents"] = rows;
  std::vector<std::string> not_pdfa;  // PDF/A-2b and OFD-A copies that fell short (preservation.h)
  const std::string rel = (fs::path(folder) / "案卷.pdf").string();
  const pdf::PdfaMetadata meta = volume_pdfa_metadata(vb, *ctx.office);
  entry["files"].push_back(write_derived_pdf(ctx.root, rel, vb.pdf, as_pdfa, meta, not_pdfa, vb.pdfa));
  if (vo.ofd) {
    json ofd = nullptr;
    try {
      ofd = write_volume_ofd(ctx.root, rel, vb, meta, ctx.page_pictures, not_pdfa);
    } catch (const std::exception& ex) {
      not_pdfa.push_back("案卷.ofd 未能生成 OFD-A 副本：" + std::string(ex.what()));
    }
    if (!ofd.is_null()) entry["files"].push_back(ofd);
  }
  for (const auto& p : not_pdfa) entry["problems"].push_back(p);
  if (!vb.docx.empty()) entry["files"].push_back(write_derived_output(ctx.root, (fs::path(folder) / "案卷.docx").string(), vb.docx));
  return entry;
}

json derive_catalogue(const fs::path& root, const std::string& folder, const std::string& key, const compose::CatalogueSpec& spec,
                      bool pdfa, bool ofd, const pdf::PdfaMetadata& meta) {
  json entry = {{"key", key}, {"rows", spec.rows.size()}, {"files", json::array()}};
  json& files = entry["files"];
  const std::string stem = folder + "/归档文件目录";
  std::vector<std::string> not_pdfa;
  json xlsx;  // made first, listed last (the order derived.json has always had)
  // Each file is written as it is made and released before the next (catalogue_doc.h CatalogueSink).
  compose::CatalogueSink sink;
  sink.xlsx = [&](std::string&& b) { xlsx = write_derived_output(root, stem + ".xlsx", b); };
  sink.pdf = [&](std::string&& b) { files.push_back(write_derived_pdf(root, stem + ".pdf", b, pdfa, meta, not_pdfa)); };
  if (ofd)
    sink.laid = [&](layout::Laid&& laid) {
      // The pages move into the copy (write_laid_ofd would copy them: 2,000 rows are ~40 MB of pages).
      OfdCopy copy;
      copy.laid.pages = std::move(laid.pages);
      copy.laid.outline = std::move(laid.outline);
      copy.scanned.assign(copy.laid.pages.size(), false);
      laid = layout::Laid{};
      if (json o = write_derived_ofd(root, stem + ".pdf", std::move(copy), {}, meta, not_pdfa); !o.is_null()) files.push_back(std::move(o));
    };
  sink.docx = [&](std::string&& b) { files.push_back(write_derived_output(root, stem + ".docx", b)); };
  compose::write_catalogue(spec, sink);
  files.push_back(std::move(xlsx));
  if (!not_pdfa.empty()) entry["problems"] = not_pdfa;
  return entry;
}

}  // namespace lh::package
