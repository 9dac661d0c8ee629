#include "package/preservation.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "compose/render_kit.h"
#include "ingest/pdfa_check.h"
#include "ofd/check.h"
#include "render/render_document.h"
#include "package/derive_tasks.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

PreservedPdf preserve_pdf(const std::string& bytes, const pdf::PdfaMetadata& meta, bool converted) {
  PreservedPdf out;
  pdf::PdfaConversion c = converted ? pdf::PdfaConversion{bytes, {}} : pdf::make_pdfa(bytes, meta);
  out.pdf = std::move(c.pdf);
  if (!c.refused.empty()) {
    out.problems.push_back(c.refused);
    return out;
  }
  bool unembedded = false;
  // The read-back check and the list of substituted fonts share one parse of the file.
  auto record_substitutes = [&](QPDF& q) { out.substituted = pdf::substituted_fonts(q); };
  for (const auto& f : ingest::check_pdfa(out.pdf, record_substitutes)) {
    out.problems.push_back(f.clause + " " + f.message);
    unembedded = unembedded || f.clause == "6.2.11.4.1";
  }
  // Why a font was not substituted, beside the finding that it is not embedded (read again only
  // for a file that fails that rule).
  if (unembedded)
    for (const auto& why : pdf::unsubstituted_fonts(out.pdf, meta.substitutes)) out.problems.push_back("6.2.11.4.1 " + why);
  out.conformant = out.problems.empty();
  return out;
}

namespace {

// The Liberation faces of Debian's fonts-liberation2 (scripts/setup.sh installs it), in the four
// styles a font name can ask for (pdf::latin_names). TrueType already: each is its own cut source.
// A face whose file is missing is left out, and the fonts it would stand in for stay refused.
constexpr const char* kLiberationDir = "/usr/share/fonts/truetype/liberation2";

void add_latin_faces(std::vector<pdf::SubstituteFace>& out) {
  struct Style {
    const char* style;   // as pdf::latin_style names it
    const char* suffix;  // of the file: LiberationSans-BoldItalic.ttf
    const char* shown;   // after the family in derived.json: "Liberation Sans Bold Italic"
  };
  static const Style kStyles[] = {{"regular", "Regular", ""}, {"bold", "Bold", " Bold"}, {"italic", "Italic", " Italic"},
                                  {"bold-italic", "BoldItalic", " Bold Italic"}};
  for (const pdf::LatinNames& l : pdf::latin_names())
    for (const auto& [style, suffix, shown] : kStyles) {
      std::string stem = l.family;
      stem.erase(std::remove(stem.begin(), stem.end(), ' '), stem.end());
      const fs::path file = fs::path(kLiberationDir) / (stem + "-" + suffix + ".ttf");
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) continue;
      pdf::SubstituteFace f;
      f.role = "西文";
      f.family = std::string(l.family) + shown;
      f.file = file.string();
      f.latin_style = style;
      for (const char* n : l.names) f.names.push_back(pdf::folded_family(n));
      const std::string path = f.file;
      f.truetype_file = [path] { return path; };
      out.push_back(std::move(f));
    }
}

}  // namespace

const std::vector<pdf::SubstituteFace>& substitute_faces() {
  static const std::vector<pdf::SubstituteFace> faces = [] {
    std::vector<pdf::SubstituteFace> out;
    const layout::FontSet& fonts = compose::render_kit().fonts;
    for (const pdf::SubstituteNames& s : pdf::substitute_names()) {
      const layout::RoleFont& r = fonts.role(s.role);
      if (r.matched_file.empty() || r.families.empty()) continue;
      pdf::SubstituteFace f;
      f.role = r.chinese;
      f.family = r.families.front();
      f.file = r.matched_file;
      for (const char* n : s.names) f.names.push_back(pdf::folded_family(n));
      const std::string file = f.file;
      f.truetype_file = [file] { return ofd::truetype_form(file, 0); };
      out.push_back(std::move(f));
    }
    add_latin_faces(out);
    return out;
  }();
  return faces;
}

pdf::PdfaMetadata item_pdfa_metadata(const json& item, const json& state, const filing::Scheme& s, const filing::Office& o,
                                     const std::string& title) {
  pdf::PdfaMetadata m;
  m.title = title.empty() ? item.value("title", "") : title;
  m.author = state.value("author", "");
  if (m.author.empty()) m.author = o.name;
  m.date = item.value("date", "");
  if (m.date.size() > 10) m.date.resize(10);  // the 形成日期 (a document's day, not a time of writing)
  const std::string rc = item.value("retention", "");
  char number[16];
  std::snprintf(number, sizeof number, "%0*d", s.item_digits, item.value("item_number", 0));
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty() && v != "0") m.dat46.emplace_back(name, v);
  };
  add("档号", item.value("archival_code", ""));
  add("全宗号", o.fonds);
  add("年度", std::to_string(item.value("year", 0)));
  add("保管期限", s.period(rc) ? s.period(rc)->name : rc);
  add("室编件号", item.value("item_number", 0) > 0 ? std::string(number) : std::string());
  add("题名", m.title);
  add("文件编号", state.value("doc_number", ""));
  add("责任者", m.author);
  add("日期", m.date);
  add("页数", state.value("pages", 0) > 0 ? std::to_string(state.value("pages", 0)) : std::string());
  add("立档单位名称", o.name);
  m.substitutes = substitute_faces();
  return m;
}

pdf::PdfaMetadata volume_pdfa_metadata(const compose::VolumeBuild& vb, const filing::Office& o) {
  const compose::CaseFacts& f = vb.facts;
  pdf::PdfaMetadata m;
  // The title stays the volume's own (案号 案由, compose/volume.cpp): Info and XMP get the same one.
  m.author = o.name;
  m.date = f.archived;
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty()) m.dat46.emplace_back(name, v);
  };
  add("全宗号", o.fonds);
  add("年度", f.year);
  add("保管期限", f.retention_name);
  add("室编案卷号", f.volume_no);
  add("文件编号", f.case_number);
  add("责任者", m.author);
  add("日期", m.date);
  add("页数", vb.total_pages > 0 ? std::to_string(vb.total_pages) : std::string());
  add("立档单位名称", o.name);
  m.substitutes = substitute_faces();
  return m;
}

json write_derived_pdf(const fs::path& root, const std::string& rel, const std::string& bytes, bool as_pdfa,
                       const pdf::PdfaMetadata& meta, std::vector<std::string>& problems, bool converted) {
  if (!as_pdfa) return write_derived_output(root, rel, bytes);
  PreservedPdf p = preserve_pdf(bytes, meta, converted);
  json entry = write_derived_output(root, rel, p.pdf);
  if (!p.substituted.empty()) entry["pdfa_font_substitutes"] = p.substituted;
  if (p.conformant) {
    entry["pdfa"] = "2b";
  } else {
    entry["pdfa_problems"] = p.problems;
    std::string why;
    for (const auto& pr : p.problems) why += (why.empty() ? "" : "；") + pr;
    problems.push_back(fs::path(rel).filename().string() + " 不符合 PDF/A-2b（GB/T 23286.2），未作为长期保存格式：" + why);
  }
  return entry;
}

ofd::OfdOptions ofd_options(const pdf::PdfaMetadata& meta) {
  ofd::OfdOptions o;
  o.title = meta.title;
  o.author = meta.author;
  o.date = meta.date;
  o.timestamp = render::parse_iso_date(meta.date);  // ZIP dates: the document's, never the clock
  o.custom = meta.dat46;
  if (o.custom.empty()) o.custom = ofd::custom_metadata(o);
  return o;
}

json write_derived_ofd(const fs::path& root, const std::string& pdf_rel, OfdCopy copy, std::vector<ofd::OfdMark> marks,
                       const pdf::PdfaMetadata& meta, std::vector<std::string>& problems) {
  const std::string rel = fs::path(pdf_rel).replace_extension(".ofd").string();
  const std::string name = fs::path(rel).filename().string();
  std::string bytes;
  // How the pages copied from source PDFs went (ofd_copy.h): as vector content, or as pictures and why.
  const int vector_pages = copy.vector_pages;
  const std::vector<std::string> picture_pages = copy.picture_pages;
  try {
    ofd::OfdOptions o = ofd_options(meta);
    o.scanned = copy.scanned;
    o.marks = std::move(marks);
    bytes = ofd::write_ofd(copy.laid, o);
    copy = OfdCopy{};  // the pages go before the check reads the file back (issue 12 §4: worker memory)
  } catch (const std::exception& e) {
    problems.push_back(name + " 未能生成 OFD-A 副本（GB/T 42133-2022）：" + e.what());
    return nullptr;
  }
  json entry = write_derived_output(root, rel, bytes);
  if (vector_pages > 0) entry["vector_pages"] = vector_pages;
  if (!picture_pages.empty()) entry["picture_pages"] = picture_pages;
  std::vector<std::string> failed;
  for (const auto& r : ofd::check_ofd(bytes).rules)
    if (!r.passed) failed.push_back(r.clause + " " + r.rule + (r.detail.empty() ? "" : "：" + r.detail));
  if (failed.empty()) {
    entry["ofda"] = "GB/T 42133-2022";
  } else {
    entry["ofda_problems"] = failed;
    std::string why;
    for (const auto& f : failed) why += (why.empty() ? "" : "；") + f;
    problems.push_back(name + " 不符合 OFD-A（GB/T 42133-2022），未作为长期保存格式：" + why);
  }
  return entry;
}

json write_laid_ofd(const fs::path& root, const std::string& pdf_rel, const std::shared_ptr<const layout::Laid>& laid,
                    const pdf::PdfaMetadata& meta, std::vector<std::string>& problems) {
  if (!laid) return nullptr;
  return write_derived_ofd(root, pdf_rel, join_parts({OfdCopyPart{laid, nullptr, static_cast<int>(laid->pages.size())}}), {},
                           meta, problems);
}

namespace {

// The derived files (derived.json: items, volumes, catalogues) that `is_copy` picks, by path.
template <typename Pick>
std::vector<std::string> derived_files_where(const json& d, Pick is_copy) {
  std::vector<std::string> out;
  if (!d.is_object()) return out;
  for (const char* sec : {"items", "volumes", "catalogues"})
    if (d.contains(sec) && d[sec].is_object())
      for (auto& [key, v] : d[sec].items())
        for (const auto& f : v.value("files", json::array()))
          if (is_copy(f)) out.push_back(f.value("path", ""));
  return out;
}

}  // namespace

std::vector<std::string> ofd_files(const json& d) {
  return derived_files_where(d, [](const json& f) { return f.contains("ofda"); });
}

std::vector<std::string> pdfa_files(const json& d) {
  return derived_files_where(d, [](const json& f) { return f.value("pdfa", "") == "2b"; });
}

}  // namespace lh::package
