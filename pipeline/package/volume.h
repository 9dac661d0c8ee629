// 案卷 of one administrative-penalty case (issue 5 §1): 《市场监督管理行政处罚程序规定》第七十八条
// (一案一卷, 正卷 then 副卷, each in its fixed order) with the front and back matter of the 2021 范本:
//   No. 54 卷宗封面, No. 55 卷内文件目录 (页号 taken from the assembled volume), No. 56 卷内备考表.
// Documents: source PDFs are copied page for page with qpdf (lossless); DOCX, text and record
// documents are re-read from the archived original (ingest::inspect_bytes, keep_document) and
// re-typeset in the 公文 style (GB/T 9704-2012); images one per page, scaled to fit. A document that
// cannot be used (damaged PDF, unreadable file) gets a placeholder page that says why.
// 编页 (domain.md §2): pages with writing are numbered 1…N; 封面, 目录 and 备考表 are not numbered.
// The 页号 is printed in the upper-right corner of each numbered page (archive_stamp.h), the same
// number the 目录 gives.
// 责任者 (DA/T 22-2015 目录 column): the agency the document itself names as its issuer, in its
// header (发文机关标志) or its signature (落款), else the office that filed it.
// A volume the scheme marks public (filing::DerivedOutput::Volumes) has 居民身份证号 and mobile
// numbers masked in everything lianghua writes; pages copied from a source PDF cannot be masked
// without re-rendering them, so each such document holding a number is named as a problem.
// Built from manifest entries and the archive's files only, so any run can rebuild any case.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filing/office.h"
#include "filing/scheme.h"
#include "layout/fonts.h"
#include "layout/style.h"
#include "model/document.h"
#include "model/fields.h"
#include "model/record.h"

namespace lh::package {

// Fonts and styles loaded once per process (fonts/roles.json, templates/styles/*.json).
struct RenderKit {
  layout::FontSet fonts;
  layout::Style gongwen;  // re-typeset documents
  layout::Style form;     // forms: 封面, 目录, 备考表, 归档文件目录 (GB/T 9704 margins, no page numbers)
};
const RenderKit& render_kit();

struct VolumeEntry {               // one row of the 卷内文件目录
  int seq = 0;                     // 序号
  std::string archival_code;       // 档号 of the item
  std::string doc_number;          // 文号 (the document's own 文号 when it has one)
  std::string author;              // 责任者
  std::string title;               // 题名
  std::string date;                // YYYYMMDD
  std::string volume_name;         // 正卷 / 副卷
  int first_page = 0, last_page = 0;  // 页号 (numbered pages, 1-based)
  int first_index = 0;             // 0-based physical page index in 案卷.pdf
  std::string how;                 // pdf (copied), typeset, image, placeholder
  std::string problem;             // why a placeholder was used
  std::string original;            // path of the original, relative to ARCHIVE
  std::string remark;              // 备注
};

struct CaseFacts {                 // 卷宗封面 fields (empty when not found: never invented)
  std::string case_number, cause, party, result, opened, closed, archived, retention, retention_name;
  std::string fonds, catalogue_no, volume_no, office, year;
};

struct VolumeOptions {
  std::string volume_no;           // 案卷号 (3 digits), from the caller's state
  std::string catalogue_no;        // 目录号 (optional per DA/T 13-2022; may stay empty)
  std::string archived_date;       // 归档日期 / 立卷时间, YYYY-MM-DD
  bool docx = true;                // also make 案卷.docx
  bool mask = false;               // a public volume: personal numbers masked (issue 5 §5)
};

struct VolumeBuild {
  std::string pdf, docx;
  CaseFacts facts;
  std::vector<VolumeEntry> entries;
  int front_pages = 0;             // 封面 + 目录 pages
  int numbered_pages = 0;          // 页数 of the 封面 and 备考表: pages 1…N of the documents
  int total_pages = 0;             // every page of 案卷.pdf
  std::vector<std::string> problems;  // one line each (placeholders, missing facts)
};

// One item's pages as they go into a volume or a reading copy: a source PDF as is (when qpdf can
// copy it), else re-typeset (公文 style), an image on its own page, or a placeholder page saying why.
struct ItemPages {
  std::string pdf;
  int pages = 0;
  std::string how;                 // pdf, typeset, image, placeholder
  std::string problem;
  std::shared_ptr<const model::Document> doc;  // the re-typeset document (for DOCX output)
  std::string text;                // plain text of the original (facts for the cover)
  model::Fields fields;
  std::string image_type, image_bytes;
  std::vector<model::InspectionRecord> records;  // structured inspection records found in it
  // mask asked for, but the pages are a copied source PDF whose text holds a 居民身份证号 or a
  // mobile number: lianghua cannot mask it without re-rendering the page.
  bool unmasked_numbers = false;
};
// mask: a public output; the re-typeset text, placeholders and `text` have personal numbers masked.
ItemPages render_item(const nlohmann::json& item, const std::filesystem::path& archive_dir, const std::string& date,
                      bool mask = false);

// d with 居民身份证号 and mobile numbers masked in every run (tables and nested tables too).
model::Document masked_document(model::Document d);

// The issuing agency a document's text names: for a 笔录 the office it says inspected (检查机关：…),
// else its first line when that is an agency name (the 发文机关标志, "…文件" dropped), else the 落款 (the organisation signing just above the closing
// date, a party's seal included: 申辩人：…有限公司（盖章）), else the agency before "关于" in a 公文
// title. Empty when the text names none.
std::string issuing_agency(const std::string& text);

// 责任者 of a document in the 目录: issuing_agency of its text, else the office (the inspecting
// office for records and photos, which carry no header).
std::string responsible_party(const std::string& text, const filing::Office& o);

using ItemSource = std::function<const ItemPages&(const nlohmann::json& item)>;

// items: the manifest entries of one case (any order). archive_dir: where their files are.
VolumeBuild build_case_volume(const std::vector<nlohmann::json>& items, const std::filesystem::path& archive_dir,
                              const filing::Scheme& s, const filing::Office& o, const VolumeOptions& opt,
                              const ItemSource& source = {});

// The folder of a case (relative to ARCHIVE) from one of its items: the item folder without the
// 正卷/副卷 level. Empty when the item has no file.
std::string case_folder_of(const nlohmann::json& item);

// 页号 as the 目录 shows it: "5" or "3-7".
std::string page_range_text(const VolumeEntry& e);

// 2024-05-06 → 20240506 (DA/T 22-2015 目录 date: 8 digits); anything else unchanged without '-'.
std::string date8(const std::string& iso);

}  // namespace lh::package
