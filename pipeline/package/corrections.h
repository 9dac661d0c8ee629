// Proposed corrections of an item's place (issue 9 item 1). A nightly run never moves a numbered item
// (DA/T 22-2015: a 档号 and its place are permanent); when new evidence would place one elsewhere (a
// 案号 found later, a scheme change) the run proposes a correction (catalogue table `corrections`,
// report["corrections"]). Applying one is a person's decision:
//   lianghua corrections ARCHIVE               lists the open proposals
//   lianghua corrections ARCHIVE --apply C0001 moves the item's files (rename, made durable), gives it a
//       new 档号 only if it changes 门类/年度/保管期限 (the old number stays unused, logged), records
//       the old and new place in the catalogue and keeps a pointer in the manifest ("moved_from").
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "filing/catalogue.h"

namespace lh::package {

struct CorrectionsResult {
  int status = 0;                            // CLI exit code: 0 ok, 2 usage/config, 3 could not run
  std::string error;                         // one line, Chinese
  std::vector<filing::Correction> listed;    // open proposals (list)
  filing::Correction applied;                // the applied one (apply)
};

CorrectionsResult list_corrections(const std::filesystem::path& archive_dir);

// decided_at: the time written in the log (ISO 8601, local).
CorrectionsResult apply_correction(const std::filesystem::path& archive_dir, const std::filesystem::path& scheme,
                                   const std::string& id, const std::string& decided_at);

}  // namespace lh::package
