// The derived outputs of an archive run (issue 5), rebuilt only for what changed:
//   <item folder>/阅览本/<档号> <题名>.pdf      reading copy with the 归档章 on page 1
//   <item folder>/检查笔录/<档号>-NN.{pdf,docx}  uniform 现场检查笔录 per inspection record
//   <case folder>/案卷.{pdf,docx}                the case volume (volume.h)
//   <门类>/<年度>/归档文件目录.{pdf,docx,xlsx}    the catalogue of a year and category
//   ARCHIVE/derived.json                         state: what each output was built from (keys are
//                                                hashes of the inputs), its SHA-256, 案卷号, pages
//   catalog.db derived_stamps                    each output's stamp as written (size, mtime, inode):
//                                                the next night re-hashes only outputs whose stamp differs
//   catalog.db derived_entries                   derived.json's entries kept beside it (derived_state.h):
//                                                a night neither parses nor dumps the whole file
// Deterministic: no clock except the 归档日期 of a volume's first build, which is then kept in
// derived.json; a re-run with nothing changed rewrites nothing.
// Personal numbers (issue 5 §5): catalogues and the report are masked always; reading copies,
// uniform records and volumes are masked when the scheme's <derived-outputs> marks them public.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filing/office.h"
#include "filing/scheme.h"
#include "ingest/pool.h"
#include "package/manifest.h"

namespace lh::filing {
class Catalogue;
}

namespace lh::package {

// What the derived outputs read of one manifest item (issue 12 §4): the parent keeps these, ~0.5 KB,
// not the item's tree (~10 KB); `row` finds the whole item again when a task needs it (by 档号
// when the catalogue is given).
struct ItemFacts {
  size_t row = 0;
  std::string code, category, original, original_sha, title, format, date, retention;
  std::string volume, case_number, case_folder;  // a case's item with an original only
  int year = 0, slot_order = 0, doc_number = 0;
  bool in_case = false;  // a case's item with an original: part of its 案卷
};
ItemFacts item_facts(size_t row, const nlohmann::json& item, const filing::Scheme& s);

struct DerivedOptions {
  std::string run_date;       // YYYY-MM-DD: 归档日期 of volumes first built in this run
  bool reading_copies = true;
  bool volumes = true;
  bool catalogues = true;
  bool records = true;
  ingest::PoolOptions pool;   // rendering runs in worker processes (derive_pool.h)
  // Where the outputs' stamps are kept between nights (Catalogue::derived_stamps); null: none are
  // read or kept, and every output of the last night is re-hashed.
  filing::Catalogue* catalogue = nullptr;
  // Read last night's derived.json whole even when the catalogue's copy of it vouches for the file
  // (derived_state.h): the oracle of LIANGHUA_PLAN_EVERY_INPUT, which the tests compare a night with.
  bool whole_state_file = false;
  // Every item's facts, gathered while the manifest was written (the catalogue read once, issue 12:
  // parsing each item again was a fifth of the one-new-document night); moved from. Null: read from
  // the items. Given only with `catalogue`.
  std::vector<ItemFacts>* facts = nullptr;
  std::function<void(size_t done, size_t total, const std::string& what)> progress;  // reading copies
};

// Builds what changed and returns the report section ("volumes", "record_issues",
// "placeholders", "catalogues", "derived_counts"). Throws on I/O errors. The items are read one at
// a time (manifest.h ManifestItems): the facts the keys need are kept, a whole item only for a task
// that renders it (issue 12 §4).
nlohmann::json build_derived(const ManifestItems& items, const std::filesystem::path& archive_dir,
                             const filing::Scheme& s, const filing::Office& o, const DerivedOptions& opt);

// Report HTML for that section (inserted before </body> of report.html).
std::string derived_report_html(const nlohmann::json& derived);

// The folder of a case (relative to ARCHIVE) from one of its items: the item folder without the
// 正卷/副卷 level. Empty when the item has no file.
std::string case_folder_of(const nlohmann::json& item);

// Replaces 居民身份证号 and mobile numbers in every string of j (issue 5 §5).
void mask_json_strings(nlohmann::json& j);

}  // namespace lh::package
