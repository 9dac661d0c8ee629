// 3. The night's 归档文件目录 per 门类 and 年度 (DA/T 22-2015 §7.2), rendered in the derive workers
// (derived_night.h).
#include <set>

#include "compose/catalogue_doc.h"
#include "package/derived_night.h"
#include "package/files.h"
#include "package/preservation.h"

namespace lh::package::night {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The XMP of a year's 归档文件目录 (DA/T 22-2015 §7.2): title, 全宗 as 责任者, the last document's date.
pdf::PdfaMetadata catalogue_pdfa_metadata(const compose::CatalogueSpec& spec) {
  pdf::PdfaMetadata m;
  m.title = "归档文件目录 " + spec.category_name + " " + spec.year;
  m.author = spec.office.empty() ? spec.fonds_name : spec.office;
  m.date = spec.date;
  for (const auto& [name, v] : {std::pair<const char*, std::string>{"全宗号", spec.fonds}, {"年度", spec.year}, {"保管期限", spec.retention},
                                {"题名", m.title}, {"责任者", m.author}, {"日期", spec.date}, {"立档单位名称", spec.office}})
    if (!v.empty()) m.dat46.emplace_back(name, v);
  return m;
}


// One 门类/年度's 归档文件目录 as drawn, from its items' facts and tonight's item entries (文号, 责任者, pages).
compose::CatalogueSpec catalogue_spec(const std::string& category, int year, const std::vector<const ItemFacts*>& members,
                                      const std::map<std::string, EntrySummary>& item_entries, const filing::Scheme& s,
                                      const filing::Office& o) {
  const filing::Category* c = s.category(category);
  compose::CatalogueSpec spec;
  spec.fonds = o.fonds;
  spec.fonds_name = o.fonds_name;
  spec.year = std::to_string(year);
  spec.organisation = o.organisation;
  spec.category_name = c ? c->name : category;
  spec.office = o.name;
  std::set<std::string> periods;
  std::string maxdate;
  static const EntrySummary kNone;
  for (const ItemFacts* it : members) {
    auto at = item_entries.find(it->code);
    const EntrySummary& st = at != item_entries.end() ? at->second : kNone;
    compose::CatalogueRow r;
    r.archival_code = it->code;
    r.doc_number = st.doc_number;
    r.author = !st.author.empty() ? st.author : o.name;
    r.title = it->title;
    r.date8 = compose::date8(it->date);
    r.pages = st.pages > 0 ? std::to_string(st.pages) : "";
    if (st.how == "placeholder") r.remark = "原件损坏";
    spec.rows.push_back(std::move(r));
    periods.insert(s.period(it->retention) ? s.period(it->retention)->name : it->retention);
    maxdate = std::max(maxdate, it->date);
  }
  for (const auto& p : periods) spec.retention += (spec.retention.empty() ? "" : "、") + p;
  spec.date = maxdate.size() >= 10 ? maxdate.substr(0, 10) : "";
  return spec;
}

std::string catalogue_key(const compose::CatalogueSpec& spec, const filing::Scheme& s) {
  std::string k = std::string(kGenerator) + "\n" + spec.fonds + spec.fonds_name + spec.organisation + spec.office +
                  spec.retention + spec.date + pdfa_key(s, {filing::DerivedOutput::Catalogues});
  for (const auto& r : spec.rows)
    k += "\n" + r.archival_code + "|" + r.doc_number + "|" + r.author + "|" + r.title + "|" + r.date8 + "|" + r.pages + "|" + r.remark;
  return sha256_hex(k);
}

}  // namespace

// 3. 归档文件目录 per 门类 and 年度.
void DerivedNight::derive_catalogues() {
  struct CatalogueTask { std::string folder, key; compose::CatalogueSpec spec; };
  std::vector<CatalogueTask> catalogue_tasks;
  std::vector<std::string> catalogue_folders;
  std::map<std::pair<std::string, int>, std::vector<const ItemFacts*>> groups;
  for (const ItemFacts& f : items) groups[{f.category, f.year}].push_back(&f);
  for (auto& [g, members] : groups) {
    if (g.first.empty() || g.second == 0) continue;
    compose::CatalogueSpec spec = catalogue_spec(g.first, g.second, members, next[0], s, o);
    std::string folder = (fs::path(g.first) / spec.year).string();
    std::string key = catalogue_key(spec, s);
    if (!reuse(2, folder, key)) catalogue_tasks.push_back({folder, key, std::move(spec)});
    catalogue_folders.push_back(folder);
  }
  groups.clear();
  const fs::path& root = this->root;
  // Rendered in the workers too: a year's catalogue of thousands of rows is a long table, and the
  // fonts it loads would otherwise stay mapped in the parent for the rest of the night. A worker
  // is forked with catalogue_tasks in its memory, so a task names its index only.
  const bool catalogue_pdfa = s.wants_pdfa(filing::DerivedOutput::Catalogues);
  const bool catalogue_ofd = s.wants_ofd(filing::DerivedOutput::Catalogues);
  const DeriveFn draw = [&catalogue_tasks, &root, catalogue_pdfa, catalogue_ofd](const json& payload) {
    const CatalogueTask& t = catalogue_tasks.at(payload.at("catalogue").get<size_t>());
    return derive_catalogue(root, t.folder, t.key, t.spec, catalogue_pdfa, catalogue_ofd, catalogue_pdfa_metadata(t.spec));
  };
  run_derive_tasks(catalogue_tasks.size(), [](size_t i) { return json{{"catalogue", i}}; }, draw, volume_pool,
                   [&](size_t i, const json& result) {
                     const CatalogueTask& t = catalogue_tasks[i];
                     if (result.contains("error")) {
                       json e = failed(result, "归档文件目录");
                       e["rows"] = t.spec.rows.size();
                       set(2, t.folder, std::move(e));
                     } else {
                       set(2, t.folder, result);
                       ++rebuilt;
                     }
                   });
  for (const auto& folder : catalogue_folders) {
    auto at = next[2].find(folder);
    report["catalogues"].push_back({{"folder", folder}, {"rows", at != next[2].end() ? at->second.rows : 0}});
  }
}

}  // namespace lh::package::night
