#include "filing/plan.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "filing/archival_code.h"
#include "filing/case_folders.h"
#include "filing/category.h"
#include "filing/document_facts.h"
#include "filing/duplicates.h"
#include "filing/file_name.h"
#include "filing/junk.h"
#include "filing/placement.h"
#include "filing/printed_serials.h"
#include "filing/retention.h"
#include "filing/text_util.h"
#include "filing/versions.h"
#include "normalize/fields.h"

namespace lh::filing {

const char* fate_name(Fate f) {
  switch (f) {
    case Fate::Archived: return "archived";
    case Fate::Duplicate: return "duplicate";
    case Fate::Version: return "version";
    case Fate::Junk: return "junk";
    case Fate::Quarantined: return "quarantined";
  }
  return "?";
}

std::string PlannedItem::scope_key(const Scheme& s) const {
  ArchivalCode c{fonds, category, year, retention, organisation, 0};
  return c.scope_key(s.sequence_scope);
}

std::string relative_input_path(const std::string& path, const std::string& root_in) {
  std::string root = root_in;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!root.empty() && path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/')
    return path.substr(root.size() + 1);
  std::string p = path;
  while (p.size() > 2 && p.compare(0, 2, "./") == 0) p.erase(0, 2);
  return p;
}

int year_of_case_number(const std::string& s) {
  static const std::string open = "\u3014";  // 〔
  size_t at = s.find(open);
  if (at == std::string::npos) return 0;
  at += open.size();
  if (at + 4 > s.size()) return 0;
  int y = 0;
  auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + 4, y);
  return (ec == std::errc() && p == s.data() + at + 4 && y >= 1949 && y <= 9999) ? y : 0;
}

std::string date_from_mtime(int64_t mtime_ns) {
  int64_t secs = mtime_ns / 1000000000 + 8 * 3600;  // 北京时间
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

namespace {

// A penalty case is named by its decision number: <简称>市监处罚〔Y〕N号, or 当罚 for a 简易程序 case
// (程序规定 第七十八条: one case, one file). Other numbers a document carries (罚告 of a 告知书, 责改 of
// a 责令改正通知书) are that document's own 文号 and must not split the case.
std::string case_identifier(const model::Fields& fields, const Scheme& s) {
  for (const auto& cn : fields.case_numbers)  // 处罚 before other penalty 类, as written in 2021 范本
    if (cn.normalized.find("市监处罚") != std::string::npos) return cn.normalized;
  for (const auto& cn : fields.case_numbers)
    if (names_a_case(cn.normalized, s)) return cn.normalized;
  return {};
}

int year_of_date(const std::string& d) {
  if (d.size() < 4) return 0;
  int y = 0;
  auto [p, ec] = std::from_chars(d.data(), d.data() + 4, y);
  return (ec == std::errc() && p == d.data() + 4 && y >= 1949 && y <= 9999) ? y : 0;
}

std::string lower_format(model::Format f) {
  std::string s = model::format_name(f);
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// An item's title and date: filing/document_facts.h (issue 9 §3).

void flatten(const model::InspectedFile& f, const std::string& root, std::vector<PlannedInput>& out) {
  PlannedInput in;
  in.path = relative_input_path(f.path, root);
  in.file = &f;
  in.standard_name = is_standard_name(base_name(in.path));
  out.push_back(in);
  for (const auto& c : f.children) flatten(c, root, out);
}

// A refusal: the reader would not go on (safety) or could not finish (time, memory). It is set aside
// whatever the file is called: a leftover's name does not make a ZIP bomb harmless. Only a damaged
// or unknown file keeps its junk fate by name (a Word lock file "~$…" is not a document).
bool is_refusal(model::ErrorKind k) { return k != model::ErrorKind::Damaged && k != model::ErrorKind::Unsupported; }

// What a clerk reads, then the machine kind in parentheses, then the reader's own words.
const char* error_kind_zh(model::ErrorKind k) {
  switch (k) {
    case model::ErrorKind::Encrypted: return "文件已加密，无法读取";
    case model::ErrorKind::Damaged: return "文件已损坏，无法读取";
    case model::ErrorKind::TooLarge: return "文件过大，超出读取限额";
    case model::ErrorKind::ZipBomb: return "疑似压缩炸弹（解压后远超限额），未解压";
    case model::ErrorKind::UnsafePath: return "压缩包内路径不安全（“../”、绝对路径或链接），未解压";
    case model::ErrorKind::UnsafeXml: return "XML 含文档类型声明（DOCTYPE），按不安全拒绝读取";
    case model::ErrorKind::Timeout: return "读取超时";
    case model::ErrorKind::Crashed: return "读取程序崩溃";
    case model::ErrorKind::Unsupported: return "不支持的文件格式";
    case model::ErrorKind::Unreadable: return "文件无法读取，下次运行再试";
  }
  return "无法读取";
}

bool set_aside(PlannedInput& in, std::string reason) {
  in.fate = Fate::Quarantined;
  in.reason = std::move(reason);
  return false;
}

// A ZIP is a container: its entries are inputs of their own. The entries refused are named on the
// ZIP too, so whoever looks at the ZIP sees that not all of it was filed: in path order, so the
// reason is the same whether the entries were read from the ZIP (its own order) or given back by
// the catalogue (path order) on a later night.
std::string container_reason(const model::InspectedFile& f, const Scheme& s) {
  // The entries sweep() sets aside: an entry it could not read but takes for junk by its name
  // (Thumbs.db, ~$ lock files) is junk there, not "refused and set aside" here.
  auto set_aside_entry = [&](const model::InspectedFile& c) {
    return c.error && (is_refusal(c.error->kind) || !classify_junk(base_name(c.path), UINT64_MAX, s));
  };
  std::vector<const model::InspectedFile*> refused_entries;
  for (const auto& c : f.children)
    if (set_aside_entry(c)) refused_entries.push_back(&c);
  std::stable_sort(refused_entries.begin(), refused_entries.end(),
                   [](const model::InspectedFile* a, const model::InspectedFile* b) { return a->path < b->path; });
  std::string refused;
  for (size_t i = 0; i < refused_entries.size() && i < 5; ++i)
    refused += (refused.empty() ? "" : "、") + base_name(refused_entries[i]->path) + " (" +
               model::error_kind_name(refused_entries[i]->error->kind) + ")";
  const size_t n_refused = refused_entries.size();
  std::string r = "压缩包：" + std::to_string(f.children.size()) + " 个条目各自作为输入归档 (container)";
  if (n_refused)
    r += "；其中 " + std::to_string(n_refused) + " 个条目被拒绝并搁置：" + refused + (n_refused > 5 ? " 等" : "");
  return r;
}

}  // namespace

std::string refusal_reason(const model::ReadError& e) {
  return std::string(error_kind_zh(e.kind)) + " (" + model::error_kind_name(e.kind) + ")：" + e.message;
}

namespace {

// 清扫 of one input: refusals, junk by name, unreadable, a container, junk by (no) content. True: it
// goes on.
bool sweep(PlannedInput& in, const Scheme& s) {
  const auto& f = *in.file;
  if (f.error && is_refusal(f.error->kind)) return set_aside(in, refusal_reason(*f.error));
  // A refused ZIP entry was never extracted: its size is unknown, not 0 (an "empty file").
  const bool size_known = !(f.is_zip_entry && f.error);
  if (auto j = classify_junk(base_name(in.path), size_known ? f.size : UINT64_MAX, s)) {
    in.fate = Fate::Junk;
    in.reason = *j;
    return false;
  }
  if (f.error) return set_aside(in, refusal_reason(*f.error));
  if (f.meta.format == model::Format::Zip && !f.is_zip_entry && f.children.empty())
    return set_aside(in, "压缩包中没有可读取的条目 (no_entries)");
  if (!f.children.empty()) {
    in.container = true;
    in.fate = Fate::Archived;
    in.reason = container_reason(f, s);
    return false;
  }
  if (f.sha256.size() != 64) return set_aside(in, "未读取，没有 SHA-256 (not_read)");
  if (auto j = classify_empty_document(f, s)) { in.fate = Fate::Junk; in.reason = *j; return false; }
  return true;
}

// What filing knows of one document before case grouping.
struct Facts {
  int doc = 0;
  std::string cat;
  std::string folder;
  std::string case_number;  // the case it names (case documents only), then the case it is placed in
  std::string case_key;
  std::string placed_by;    // the evidence, in Chinese (manifest "placed_by")
  std::string cited_case;   // a 案号 an office document only cites in its text (not evidence)
};

// Office documents of no 范本 type (a 通知, a 工作小结, a 报告: the scheme's <office-document-words>) are
// filed by their type: only their own 案号 puts them in a case, never the folder or ZIP they were saved
// in (issue 9: an office's quarterly summary sat in a case's ZIP). DA/T 22-2015 §5.2: 文书 are
// classified by what they are.
bool is_office_document(const PlannedInput& in, int doc_number, const Scheme& s) {
  if (doc_number != 0) return false;
  const std::string name = base_name(in.path);
  for (const auto& w : s.office_document_words)
    if (in.file->title.find(w) != std::string::npos || name.find(w) != std::string::npos) return true;
  return false;
}

// An office document's own 案号 is one it is named by: in its title or file name ("关于南市监处罚〔2024〕
// 12号案的情况报告"), or printed alone on a line of its head as its 发文字号 (GB/T 9704-2012 §7.2.5,
// Fields::own_number). A 案号 only in its running text ("办结…其中厦集市监罚〔2023〕10号已执行完毕") is a
// citation of a case it reports on, and the document stays where its type files it (issue 9).
std::string own_case_of_office_document(const PlannedInput& in, const Scheme& s) {
  model::Fields named;
  // The file name held for the loop: a temporary in the range's initializer would be gone before the
  // loop body reads it (clang -Wdangling-gsl; a use after free on long names).
  const std::string file_name = base_name(in.path);
  for (std::string_view where : {std::string_view(in.file->title), std::string_view(file_name)})
    for (auto& cn : normalize::find_case_numbers(where)) named.case_numbers.push_back(std::move(cn));
  if (std::string own = in.file->fields.own_number; !own.empty()) {
    model::CaseNumber cn;
    cn.normalized = own;
    named.case_numbers.push_back(std::move(cn));
  }
  return case_identifier(named, s);
}

Facts facts_of(const PlannedInput& in, const Scheme& s) {
  const auto& f = *in.file;
  Facts fa;
  fa.doc = document_number(f, s);
  fa.cat = assign_category(f, fa.doc, s);
  fa.folder = parent_path(in.path);
  const Category* c = s.category(fa.cat);
  if (!c || c->kind != CategoryKind::Case) return fa;
  fa.case_number = case_identifier(f.fields, s);
  if (!fa.case_number.empty() && is_office_document(in, fa.doc, s)) {
    std::string own = own_case_of_office_document(in, s);
    if (own.empty()) {
      fa.cited_case = fa.case_number;
      fa.case_number.clear();
      fa.cat = assign_category(f, fa.doc, s, false);
    } else {
      fa.case_number = own;
    }
  }
  return fa;
}

// The case documents among the given inputs, by folder.
CaseFolders case_folders_of(const Plan& plan, const std::vector<size_t>& ids, const std::map<size_t, Facts>& facts) {
  CaseFolders cf;
  for (size_t i : ids)
    if (auto it = facts.find(i); it != facts.end() && !it->second.case_number.empty())
      cf.add(plan.inputs[i].path, plan.inputs[i].file->sha256, it->second.case_number);
  return cf;
}

// 整理: same bytes, one item. Marks the copies that are not kept as duplicates; returns the kept
// inputs (sorted) and, per hash, the kept input.
std::vector<size_t> set_duplicates(Plan& plan, const std::vector<size_t>& live, const std::map<size_t, Facts>& facts,
                                   const Scheme& s, const PlanContext& ctx, std::map<std::string, size_t>& kept_of_sha) {
  std::map<std::string, size_t> copies_of_sha, folder_load;
  std::map<std::pair<std::string, std::string>, size_t> copies_in_folder;  // (folder, sha) → count
  for (size_t i : live) {
    const std::string& sha = plan.inputs[i].file->sha256;
    const std::string folder = parent_path(plan.inputs[i].path);
    copies_of_sha[sha]++;
    folder_load[folder]++;
    copies_in_folder[{folder, sha}]++;
  }
  // Where a copy sits is asked only where there is a choice, and without the copies themselves: a copy
  // filed in an outbox (发文存档/) does not make that folder a case's.
  const CaseFolders case_folders = case_folders_of(plan, live, facts);
  std::vector<HashedPath> hp;
  std::map<std::string, size_t> by_path;
  for (size_t i : live) {
    const PlannedInput& in = plan.inputs[i];
    HashedPath h{in.path, in.file->sha256, false, 0};
    if (copies_of_sha.at(h.sha256) > 1) {
      const std::string folder = parent_path(in.path);
      h.in_case_folder = !case_folders.cases_of(folder, h.sha256).empty();
      h.neighbours = folder_load.at(folder) - copies_in_folder.at({folder, h.sha256});
    }
    hp.push_back(std::move(h));
    by_path[in.path] = i;
  }
  auto archived_before = [&](const std::string& sha) -> std::optional<std::string> {
    return ctx.archived_path ? ctx.archived_path(sha) : std::nullopt;
  };
  std::vector<size_t> uniques;
  for (const auto& d : find_duplicates(hp, s, archived_before)) {
    size_t kept = by_path.at(d.kept);
    uniques.push_back(kept);
    kept_of_sha[d.sha256] = kept;
    for (const auto& p : d.paths) {
      if (p == d.kept) continue;
      PlannedInput& in = plan.inputs[by_path.at(p)];
      in.fate = Fate::Duplicate;
      in.reason = "与 " + d.kept + " 内容相同（SHA-256 一致）";
    }
  }
  std::sort(uniques.begin(), uniques.end());
  return uniques;
}

PlacementDoc placement_doc(const PlannedInput& in, const Facts& fa) {
  PlacementDoc d;
  d.path = in.path;
  d.own_case = fa.case_number;
  for (const auto& cn : in.file->fields.case_numbers) {
    const std::string& n = cn.normalized.empty() ? cn.raw : cn.normalized;
    if (n != fa.case_number) d.other_numbers.push_back(n);
  }
  d.parties = in.file->fields.parties;
  // Only named in a reason ("cited in …"): the recorded title, else the file's name.
  d.title = trim(to_nfc(in.file->title));
  if (d.title.empty()) d.title = stem_of(base_name(in.path));
  return d;
}

// Only what could be case material looks for evidence beyond its own 案号: a 范本 document, or a
// document of no particular category that is not an office document. Inspection records never do.
bool may_join_a_case(const PlannedInput& in, const Facts& fa, const Scheme& s) {
  const Category* c = s.category(fa.cat);
  if (c && c->kind == CategoryKind::Case) return true;
  if (fa.cat != s.default_category) return false;
  return !is_office_document(in, fa.doc, s);
}

std::string type_reason(const model::InspectedFile& f, const Facts& fa, const Scheme& s) {
  const Category* c = s.category(fa.cat);
  const std::string category = c ? c->name : fa.cat;
  if (f.records.size() >= 2) return "按记录内容：" + std::to_string(f.records.size()) + " 条检查记录 → " + category;
  std::string type = !f.fields.doc_type.empty() ? f.fields.doc_type
                     : (fa.doc && s.document(fa.doc)) ? s.document(fa.doc)->name : std::string("未识别");
  return "按文书类型：" + type + " → " + category;
}

// 分类 into cases on evidence, not proximity (placement.h): its own 案号, else a 文号 of its own the
// case's documents cite, else a folder or ZIP that is the case's by name. Without evidence a document
// is filed by its own type, never made a case of its own.
void place_documents(const Plan& plan, const std::vector<size_t>& uniques, std::map<size_t, Facts>& facts,
                     const Scheme& s) {
  const Category* case_cat = nullptr;
  for (const auto& c : s.categories) if (c.kind == CategoryKind::Case) { case_cat = &c; break; }
  CaseEvidenceIndex index(s);
  for (size_t i : uniques) index.add(placement_doc(plan.inputs[i], facts.at(i)));
  for (size_t i : uniques) {
    Facts& fa = facts.at(i);
    const PlannedInput& in = plan.inputs[i];
    const Category* c = s.category(fa.cat);
    const bool typed_as_case = c && c->kind == CategoryKind::Case;
    if (!fa.case_number.empty()) {
      fa.placed_by = "本文案号 " + fa.case_number;
    } else if (case_cat && may_join_a_case(in, fa, s)) {
      auto ev = index.by_cited_number(placement_doc(in, fa));
      if (!ev) ev = index.by_folder(in.path);
      if (ev) {
        fa.cat = case_cat->code;
        fa.case_number = ev->case_number;
        fa.placed_by = ev->placed_by;
      }
    }
    if (fa.case_number.empty()) {
      if (typed_as_case) fa.cat = assign_category(*in.file, fa.doc, s, false);
      fa.placed_by = (typed_as_case ? std::string("无案件证据（本文无案号，所在文件夹不是案卷），") : std::string()) +
                     (fa.cited_case.empty() ? std::string()
                                            : "正文引用案号 " + fa.cited_case + "（引用，不是本文案号），") +
                     type_reason(*in.file, fa, s);
    }
    fa.case_key = fa.case_number.empty() ? std::string() : "case:" + fa.case_number;
  }
}

// 整理: versions within one scope (case, else category + folder).
std::vector<VersionGroup> group_versions(const Plan& plan, const std::vector<size_t>& uniques,
                                         const std::map<size_t, Facts>& facts, const Scheme& s) {
  std::vector<VersionCandidate> vc;
  for (size_t i : uniques) {
    const auto& f = *plan.inputs[i].file;
    const Facts& fa = facts.at(i);
    std::string scope = fa.case_key.empty() ? fa.cat + '\x1f' + version_folder(fa.folder, s) : fa.case_key;
    // Inspection records share titles (日常监督检查记录): only the same subject and time is the same record.
    const Category* c = s.category(fa.cat);
    if (c && c->kind == CategoryKind::Inspection)
      scope += '\x1f' + (f.records.empty() ? plan.inputs[i].path : f.records.front().subject + '\x1f' + f.records.front().inspected_at);
    std::string name = base_name(plan.inputs[i].path);
    std::string stem = is_standard_name(name) ? title_of_standard_name(name) : stem_of(name);
    vc.push_back({i, scope, stem, f.title, f.mtime_ns, plan.inputs[i].path});
  }
  return find_versions(vc, s);
}

// Every input, files inside containers too, in path order. The same path twice (a caller bug):
// keep the first, quarantine the rest.
Plan gather_inputs(const std::vector<model::InspectedFile>& files, const std::string& inbox_root) {
  Plan plan;
  for (const auto& f : files) flatten(f, inbox_root, plan.inputs);
  std::stable_sort(plan.inputs.begin(), plan.inputs.end(),
                   [](const PlannedInput& a, const PlannedInput& b) { return a.path < b.path; });
  for (size_t i = 1; i < plan.inputs.size(); ++i)
    if (plan.inputs[i].path == plan.inputs[i - 1].path) {
      plan.inputs[i].fate = Fate::Quarantined;
      plan.inputs[i].reason = "同一输入路径出现两次 (same_path)";
    }
  return plan;
}

// The item a version group becomes: its final file's facts, category, retention and place.
PlannedItem item_of_group(const Plan& plan, const VersionGroup& g, const Facts& fa, const Scheme& s, const Office& o,
                          const PlanContext& ctx) {
  PlannedItem it;
  size_t fi = g.final_id;
  const auto& f = *plan.inputs[fi].file;
  it.final_input = static_cast<int>(fi);
  it.member_hashes.push_back(f.sha256);
  for (size_t v : g.versions) {
    it.version_inputs.push_back(static_cast<int>(v));
    it.member_hashes.push_back(plan.inputs[v].file->sha256);
  }
  it.identity = f.sha256;
  if (ctx.known_identity) {
    for (const auto& h : it.member_hashes)
      if (ctx.known_identity(h)) { it.identity = h; break; }
  }
  it.category = fa.cat;
  const Category* c = s.category(fa.cat);
  it.kind = c ? c->kind : CategoryKind::Documents;
  it.case_key = fa.case_key;
  it.case_number = fa.case_number;
  it.case_name = fa.case_number;
  it.placed_by = fa.placed_by;
  it.fonds = o.fonds;
  it.organisation = o.organisation;
  const ItemFacts facts_of_item = item_facts(f, s, fa.doc);
  it.title = facts_of_item.title;
  it.title_by = facts_of_item.title_by;
  it.doc_number = fa.doc;
  it.doc_type = !f.fields.doc_type.empty() ? f.fields.doc_type
                : (fa.doc && s.document(fa.doc)) ? s.document(fa.doc)->name : std::string();
  it.date = facts_of_item.date;
  it.date_by = facts_of_item.date_by;
  it.year = year_of_date(it.date);
  it.ext = extension_lower(plan.inputs[fi].path);
  it.format = lower_format(f.meta.format);
  if (c) {
    // What the inspection found, from the record's form or its structured records (a register's rows).
    std::vector<std::string> results;
    if (!f.fields.inspection_result.empty()) results.push_back(f.fields.inspection_result);
    for (const auto& rec : f.records)
      if (!rec.result.empty()) results.push_back(rec.result);
    RetentionChoice rc = retention_for_document(*c, fa.doc, it.title, results);
    it.retention = std::move(rc.retention);
    it.retention_by = std::move(rc.by);
    if (it.kind == CategoryKind::Case) it.place = place_in_case(*c, fa.doc, it.title, it.format, f.fields.served);
    if (it.kind == CategoryKind::Inspection) it.issues = check_officers_of(*c, f);
  }
  // The 归档文件目录's 日期 is the document's own (DA/T 22-2015); the day a file was saved is not.
  if (facts_of_item.date_unsure)
    it.issues.push_back({"date-unsure", "日期待核：文件本身无日期，暂取" + facts_of_item.date_by.substr(0, facts_of_item.date_by.find("（")),
                         "DA/T 22-2015 归档文件目录“日期”"});
  for (const auto& cc : f.fields.credit_codes)
    if (!cc.valid) it.invalid_credit_codes.push_back(cc.code);
  // Those about how its 案号 is printed are taken off again and given once a run (printed_serials.h).
  for (const auto& w : f.fields.warnings) it.warnings.push_back(w);
  return it;
}

// One case, one file: a case shares one 年度 and one 保管期限 (so one sequence scope and one box run).
void settle_case_scopes(Plan& plan, const Scheme& s, const PlanContext& ctx) {
  std::map<std::string, std::vector<size_t>> cases;
  for (size_t k = 0; k < plan.items.size(); ++k)
    if (!plan.items[k].case_key.empty()) cases[plan.items[k].case_key].push_back(k);
  for (auto& [key, members] : cases) {
    const Category* c = s.category(plan.items[members.front()].category);
    if (!c) continue;
    int year = year_of_case_number(plan.items[members.front()].case_number);
    if (!year) {
      for (size_t k : members) if (plan.items[k].year && (!year || plan.items[k].year < year)) year = plan.items[k].year;
    }
    std::vector<int> docs;
    std::vector<std::string> periods;
    for (size_t k : members) { docs.push_back(plan.items[k].doc_number); periods.push_back(plan.items[k].retention); }
    RetentionChoice rc = retention_for_case(*c, s, docs, periods);
    std::string ret = rc.retention, by = rc.by;
    if (auto committed = ctx.case_scope ? ctx.case_scope(key) : std::nullopt) {
      if (committed->second != ret) by = committed->second + "：本案前次归档已定（档号一经编定不再变动）";
      std::tie(year, ret) = *committed;
    }
    for (size_t k : members) {
      plan.items[k].year = year;
      plan.items[k].retention = ret;
      plan.items[k].retention_by = by;
    }
  }
}

// 排列: scope, then the cases in the order of their 案号 and each in 第七十八条 order, date order
// elsewhere (DA/T 22-2015 §5.3).
void arrange_items(Plan& plan, const Scheme& s) {
  std::vector<std::string> scopes(plan.items.size());
  for (size_t k = 0; k < plan.items.size(); ++k) scopes[k] = plan.items[k].scope_key(s);
  std::vector<size_t> order(plan.items.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const PlannedItem& x = plan.items[a];
    const PlannedItem& y = plan.items[b];
    if (scopes[a] != scopes[b]) return scopes[a] < scopes[b];
    if (x.case_key != y.case_key) return case_key_less(x.case_key, y.case_key);
    return std::tie(x.place.volume_index, x.place.slot_order, x.date, x.title, x.identity) <
           std::tie(y.place.volume_index, y.place.slot_order, y.date, y.title, y.identity);
  });
  std::vector<PlannedItem> sorted;
  sorted.reserve(order.size());
  for (size_t k : order) sorted.push_back(std::move(plan.items[k]));
  plan.items = std::move(sorted);
}

// Wire inputs to items: the final file is archived, its earlier versions point at it, and every
// duplicate at the item of the copy that was kept.
void wire_inputs_to_items(Plan& plan, std::map<std::string, size_t>& kept_of_sha) {
  for (size_t k = 0; k < plan.items.size(); ++k) {
    PlannedItem& it = plan.items[k];
    PlannedInput& fin = plan.inputs[static_cast<size_t>(it.final_input)];
    fin.fate = Fate::Archived;
    fin.item = static_cast<int>(k);
    for (int v : it.version_inputs) {
      PlannedInput& vin = plan.inputs[static_cast<size_t>(v)];
      vin.fate = Fate::Version;
      vin.item = static_cast<int>(k);
      vin.reason = fin.path + " 的较早版本（草稿或副本）";
    }
  }
  for (size_t i = 0; i < plan.inputs.size(); ++i) {
    PlannedInput& in = plan.inputs[i];
    if (in.fate != Fate::Duplicate) continue;
    size_t kept = kept_of_sha[in.file->sha256];
    in.item = plan.inputs[kept].item;
    if (in.item >= 0) plan.items[static_cast<size_t>(in.item)].duplicate_inputs.push_back(static_cast<int>(i));
  }
}

}  // namespace

Plan plan_filing(const std::vector<model::InspectedFile>& files, const Scheme& s, const Office& o,
                 const std::string& inbox_root, const PlanContext& ctx) {
  Plan plan = gather_inputs(files, inbox_root);

  // 清扫: junk, unreadable, containers, empty documents.
  std::vector<size_t> live;
  for (size_t i = 0; i < plan.inputs.size(); ++i)
    if (plan.inputs[i].fate != Fate::Quarantined && sweep(plan.inputs[i], s)) live.push_back(i);

  // 分类 of every document first: which copy of the same bytes is kept depends on where the cases are.
  std::map<size_t, Facts> facts;
  for (size_t i : live) facts[i] = facts_of(plan.inputs[i], s);

  // 整理: duplicates, then cases, then versions.
  std::map<std::string, size_t> kept_of_sha;
  std::vector<size_t> uniques = set_duplicates(plan, live, facts, s, ctx, kept_of_sha);
  place_documents(plan, uniques, facts, s);
  std::vector<VersionGroup> groups = group_versions(plan, uniques, facts, s);

  // Items.
  for (const auto& g : groups) plan.items.push_back(item_of_group(plan, g, facts.at(g.final_id), s, o, ctx));

  add_case_parties_to_titles(plan);
  settle_case_scopes(plan, s, ctx);
  arrange_items(plan, s);
  warn_printed_serials_once(plan);
  wire_inputs_to_items(plan, kept_of_sha);
  return plan;
}

}  // namespace lh::filing
