// The filing scheme (归档方案) as data: loaded from templates/scheme/default.xml, validated against
// templates/scheme/scheme.xsd. Every number in it cites its clause in the XML:
//   DA/T 22-2015《归档文件整理规则》 — 档号 segments, 件号 4 digits, retention Y/D30/D10, boxes;
//   《市场监督管理行政处罚程序规定》第七十八条 — 正卷/副卷 order; 第二十二条 — two officers;
//   《市场监督管理行政处罚文书格式范本（2021年修订版）》 — the 56 documents.
// Retention rules are the office's EXAMPLE configuration, never a national table.
// <derived-outputs> marks which outputs of `archive --documents` the office makes public; issue 5 §5:
// 居民身份证号 and mobile numbers are masked in those (catalogues and reports are masked always).
#pragma once
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lh::filing {

enum class Segment { Fonds, Category, Year, Retention, Organisation, Item };
const char* segment_name(Segment s);

struct CodeSegment {
  Segment name;
  std::string separator;  // written before this segment ("-" between levels, "·" within one)
};

struct RetentionPeriod {
  std::string code;  // Y, D30, D10
  std::string name;  // 永久, 定期30年, 定期10年
  int years = 0;     // 0 = permanent
};

struct DocumentType {  // one of the 56 文书 of the 2021 范本
  int number = 0;
  std::string name;
  std::vector<std::string> aliases;  // title spellings that identify it (longest match wins)
};

// <document-facts>: what a document type's own form says about its date and 文号 (issue 9 §3).
// A type without a rule is dated by its 落款 (the last full date it writes, GB/T 9704-2012 §7.3.5.3).
struct FactRule {
  std::vector<std::string> types;        // 范本 names or aliases, or 检查记录
  std::vector<std::string> date_labels;  // the fields that hold its date, tried in order
  bool own_number = false;               // the form carries a 文号 of its own
  std::string clause;                    // where the rule comes from
};

struct DocRef {          // matches a document into a slot
  int number = 0;        // 范本 number, 0 = any
  std::string title_contains;  // "a|b": any of these in the title
  std::string format;    // e.g. "image": only for documents of no known type in that format
};

struct Slot {
  int order = 0;
  std::string name;
  bool other = false;    // the 其他有关材料 slot of the volume: takes unknown documents
  std::vector<DocRef> docs;
};

struct Volume {
  std::string code;      // ZJ / FJ
  std::string name;      // 正卷 / 副卷
  std::vector<Slot> slots;
};

struct CategoryMatch {
  bool records = false;        // has structured inspection records
  int min_records = 0;         // holds at least this many (a register or an export), when > 0
  bool case_number = false;    // carries a 案号
  std::vector<int> docs;       // one of these 范本 numbers
  std::string title_contains;  // "a|b"
  int priority = 100;          // lower is tried first, across categories
};

struct RetentionRule {
  std::vector<int> docs;
  std::string title_contains;
  std::string retention;
  std::string note;
  std::string result_contains;  // "a|b": any of these in what an inspection record found (检查结果)
};

struct CaseRetentionRule {
  std::vector<int> when_any, when_none;
  std::string retention;
  std::string note;
};

struct CompletenessRule {
  std::string id, message, clause;
  std::vector<int> when_any, when_none, requires_any;
  int min_officers = 0;
  bool require_certificate = false;
};

enum class CategoryKind { Documents, Case, Inspection };

struct Category {
  std::string code, name;
  CategoryKind kind = CategoryKind::Documents;
  std::string colour, colour_name;  // 标识 colour: configuration (domain.md §6: no national code)
  int box_capacity = 50;            // 定量 per box
  std::string retention;            // default retention
  std::vector<CategoryMatch> matches;
  std::vector<RetentionRule> retention_rules;
  std::optional<std::string> case_retention_default;
  std::vector<CaseRetentionRule> case_retention_rules;
  std::vector<Volume> volumes;
  std::vector<CompletenessRule> completeness;
};

// The derived outputs of an archive run (package/volume_run.h), as named in the scheme's
// <derived-outputs>: reading-copies, uniform-records, volumes, catalogues.
enum class DerivedOutput { ReadingCopies, UniformRecords, Volumes, Catalogues };
const char* derived_output_name(DerivedOutput o);
std::optional<DerivedOutput> derived_output_from(const std::string& name);

struct JunkGlob { std::string glob, reason; };

struct LocationRule {               // 柜-列-层-盒
  std::string pattern = "{cabinet}-{column}-{shelf}-{box}";
  int columns = 4, shelves = 5, boxes = 10, digits = 2;
};

struct Scheme {
  std::string name, version;
  std::vector<CodeSegment> code_segments;
  int item_digits = 4;
  std::vector<Segment> sequence_scope;
  std::vector<RetentionPeriod> periods;
  std::vector<DocumentType> documents;
  std::vector<FactRule> fact_rules;
  std::vector<Category> categories;
  std::string default_category;
  std::vector<JunkGlob> junk_globs;
  std::optional<std::string> empty_file_reason;
  std::vector<std::string> draft_markers, copy_markers, final_markers, generic_names;
  // <placement>: the 类 of a 案号 that names a penalty case (程序规定 第七十八条), and the 文种 words
  // of office documents, which only a 案号 they are named by puts in a case (filing/placement.h).
  std::vector<std::string> case_classes = {"处罚", "处罚字", "当罚", "处字", "罚字", "处", "罚", "案", "案字"};
  std::vector<std::string> office_document_words = {"通知", "通报", "总结", "小结", "计划", "请示",
                                                    "批复", "纪要", "简报", "报告", "方案", "制度"};
  std::string naming_pattern = "{code} {title}.{ext}";
  int max_name_bytes = 255;
  LocationRule location;
  // 公开: outputs shown outside the archive (a 政务公开 page, the service counter); personal numbers
  // are masked in them. None unless the scheme says so: an archive copy is complete by default.
  std::set<DerivedOutput> public_outputs;
  // 长期保存: the preservation formats an output is also written in (<output preservation=…>),
  // PDF/A-2b (GB/T 23286.2 = ISO 19005-2) and OFD/A (GB/T 42133-2022); none unless the scheme asks.
  std::set<DerivedOutput> pdfa_outputs, ofd_outputs;

  const Category* category(const std::string& code) const;
  const RetentionPeriod* period(const std::string& code) const;
  const DocumentType* document(int number) const;
  // The <document-facts> rule of a 范本 document (by number) or of a type name (检查记录); null: none.
  const FactRule* fact_rule(int number, const std::string& type_name) const;
  int retention_rank(const std::string& code) const;  // larger = kept longer (Y highest)
  bool is_public(DerivedOutput o) const { return public_outputs.count(o) > 0; }
  bool wants_pdfa(DerivedOutput o) const { return pdfa_outputs.count(o) > 0; }
  bool wants_ofd(DerivedOutput o) const { return ofd_outputs.count(o) > 0; }
};

struct SchemeLoad {
  std::optional<Scheme> scheme;
  std::vector<std::string> errors;  // "<file>:<line>: <message>"
};

// Reads, validates (XSD) and checks the cross-references (codes that must exist). xsd empty: the
// scheme.xsd beside the XML.
SchemeLoad load_scheme(const std::filesystem::path& xml, const std::filesystem::path& xsd = {});
SchemeLoad load_scheme_text(const std::string& xml, const std::string& xsd, const std::string& name);

// templates/scheme/default.xml under a source or install root.
std::filesystem::path default_scheme_path(const std::filesystem::path& root);

// Which 范本 document a title names: the longest alias or name contained in it, 0 if none.
int match_document_type(const Scheme& s, std::string_view title);

}  // namespace lh::filing
