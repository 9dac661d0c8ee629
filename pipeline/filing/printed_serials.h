// A 案号 printed otherwise than GB/T 9704-2012 §7.2.5 writes it (桐市监罚字〔2024〕第12号, a padded
// serial) is quoted by every document of its case, and each document's fields carry the warning
// (normalize::extract_fields). A run warns of it once: on the first item, in 排列 order, of the items
// whose documents print it, naming every file that does.
#pragma once
#include "filing/plan.h"

namespace lh::filing {

// Takes the per-document printed-serial warnings of the plan's 案号 off its items and puts each back
// once. Items must be in their final order (arrange_items), inputs wired or not.
void warn_printed_serials_once(Plan& plan);

}  // namespace lh::filing
