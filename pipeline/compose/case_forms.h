// The front and back matter of a case volume, 《市场监督管理行政处罚文书格式范本（2021年修订版）》:
//   No. 54 卷宗封面 (fields as local practice gives them, domain.md §2), No. 55 卷内文件目录
//   (序号、文号、责任者、题名、日期、页号、备注), No. 56 卷内备考表 (本卷情况说明、立卷人、检查人、立卷时间).
#pragma once
#include <string>
#include <vector>

#include "compose/render_kit.h"
#include "compose/volume.h"
#include "model/document.h"

namespace lh::compose {

// items and pages: the 件数 and 页数 of the documents (front and back matter not counted).
model::Document cover_doc(const RenderKit& k, const CaseFacts& f, int items, int pages);
model::Document contents_doc(const RenderKit& k, const std::vector<VolumeEntry>& entries);
// numbered: pages of the documents; total: every page of the volume; notes: one paragraph each.
model::Document notes_doc(const RenderKit& k, const CaseFacts& f, size_t items, int numbered, int total,
                          const std::vector<std::string>& notes);

}  // namespace lh::compose
