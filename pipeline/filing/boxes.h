// 装盒 and 排架 (DA/T 22-2015 §6; 6S 整顿 = 定置): items go into boxes of a fixed capacity (定量, per
// category in the scheme). A box holds one sequence scope only, so files of different 年度, 机构(问题)
// or 保管期限 never share a box (DA/T 22-2015 档案盒: "不同年度、机构(问题)、保管期限的归档文件不得
// 装入同一档案盒"). Box n of a scope holds 件号 (n-1)*capacity+1 … n*capacity: numbers never move.
// Each box gets a place 柜-列-层-盒 when first seen; the Catalogue allocates it, never reuses it.
#pragma once
#include <string>

#include "filing/archival_code.h"
#include "filing/scheme.h"

namespace lh::filing {

int box_number_for(int item_number, int capacity);
int first_item_in_box(int box_number, int capacity);

// "<档号 without 件号>-B<NNN>", e.g. Z109-WS·2024-D30-CDS-B001 (盒号 3 digits).
std::string box_label(const ArchivalCode& code, int box_number, const std::vector<CodeSegment>& layout);

// Place of the index-th box (0-based) in the 柜-列-层-盒 pattern of the scheme: boxes fill a shelf,
// shelves a column, columns a cabinet.
std::string format_location(const LocationRule& r, long index);

}  // namespace lh::filing
