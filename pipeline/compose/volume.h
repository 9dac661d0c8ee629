// 案卷 of one administrative-penalty case (issue 5 §1): 《市场监督管理行政处罚程序规定》第七十八条
// (一案一卷, 正卷 then 副卷, each in its fixed order) with the front and back matter of the 2021 范本:
//   No. 54 卷宗封面, No. 55 卷内文件目录 (页号 taken from the assembled volume), No. 56 卷内备考表
//   (case_forms.h; the cover's facts from the case's documents, case_facts.h).
// Documents: each item's pages as item_pages.h makes them (source PDFs copied page for page,
// others re-typeset, images one per page, placeholders saying why).
// 编页 (domain.md §2): pages with writing are numbered 1…N; 封面, 目录 and 备考表 are not numbered.
// The 页号 is printed in the upper-right corner of each numbered page (archive_stamp.h), the same
// number the 目录 gives. 责任者: issuing_agency.h.
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

#include "compose/issuing_agency.h"
#include "compose/item_pages.h"
#include "compose/render_kit.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "layout/frames.h"
#include "pdf/pdfa.h"

namespace lh::compose {

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
  std::string case_number, case_name, cause, party, result, opened, closed, archived, retention, retention_name;
  std::string fonds, catalogue_no, volume_no, office, year;
  bool simplified = false;         // 简易程序 (当场处罚): no 立案, so 立案日期 reads 不适用 (case_facts.h)
  std::vector<std::string> notes;  // why a field says what the documents do not show as such (备考表)
};

struct VolumeBuild;

struct VolumeOptions {
  std::string volume_no;           // 案卷号 (3 digits), from the caller's state
  std::string catalogue_no;        // 目录号 (optional per DA/T 13-2022; may stay empty)
  std::string archived_date;       // 归档日期 / 立卷时间, YYYY-MM-DD
  bool docx = true;                // also make 案卷.docx
  bool mask = false;               // a public volume: personal numbers masked (issue 5 §5)
  bool ofd = false;                // keep what the OFD copy is written from (VolumeBuild::sources)
  // Set: 案卷.pdf is made PDF/A-2b with these metadata (asked of the volume's facts, known only once
  // they are gathered) in the pass that prints the 页号, instead of a post-pass of its own
  // (pdf/pdfa.h apply_pdfa); VolumeBuild::pdfa says whether it was.
  std::function<pdf::PdfaMetadata(const VolumeBuild&)> pdfa;
};

// A run of 案卷.pdf's pages by where it came from, for the OFD copy (package/ofd_copy.h): pages
// laid out by lianghua (封面, 目录, re-typeset documents, images, placeholders, 备考表) or a copied
// source PDF (all its pages).
struct VolumeSource {
  std::shared_ptr<const layout::Laid> laid;
  std::shared_ptr<const std::string> pdf;
  int pages = 0;
};

struct VolumeBuild {
  std::string pdf, docx;
  CaseFacts facts;
  std::vector<VolumeEntry> entries;
  int front_pages = 0;             // 封面 + 目录 pages
  int numbered_pages = 0;          // 页数 of the 封面 and 备考表: pages 1…N of the documents
  int total_pages = 0;             // every page of 案卷.pdf
  bool pdfa = false;               // pdf was made PDF/A-2b already (VolumeOptions::pdfa)
  std::vector<std::string> problems;  // one line each (placeholders, missing facts)
  // VolumeOptions::ofd: the runs of pages in order, and the bookmarks of 案卷.pdf (levels 1–2).
  std::vector<VolumeSource> sources;
  std::vector<layout::OutlineEntry> outline;
};

using ItemSource = std::function<const ItemPages&(const nlohmann::json& item)>;

// items: the manifest entries of one case (any order). archive_dir: where their files are.
// source: the items' pages when the caller has them already; empty: render_item here.
VolumeBuild build_case_volume(const std::vector<nlohmann::json>& items, const std::filesystem::path& archive_dir,
                              const filing::Scheme& s, const filing::Office& o, const VolumeOptions& opt,
                              const ItemSource& source = {});

// 页号 as the 目录 shows it: "5" or "3-7".
std::string page_range_text(const VolumeEntry& e);

// 2024-05-06 → 20240506 (DA/T 22-2015 目录 date: 8 digits); anything else unchanged without '-'.
std::string date8(const std::string& iso);

}  // namespace lh::compose
