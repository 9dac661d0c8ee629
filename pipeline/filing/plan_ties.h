// What the plan's decisions about one input can depend on (plan.h): its ties to other inputs. Two
// inputs that share no tie, directly or through others, cannot change each other's fate, item,
// place or title, so a night needs to plan again only the inputs tied to what changed (the
// incremental night, package/night_scope.h; issue 12 §4: a night's memory and time must not grow
// with the inputs that stay in the inbox unchanged). Each kind of tie is one rule of plan.cpp:
//   s:<sha256>   整理, same bytes are one item (duplicates.h); the choice of the copy kept also
//                looks at each copy's folder, hence d:
//   d:<folder>   the folder an input sits in (followed only between copies of the same bytes:
//                duplicates.h counts a copy's neighbours)
//   k:<number>   a case's own number it carries (第七十八条 一案一卷; placement.h rule 1)
//   a:<number>   another number, carried by a document that carries a case's number
//   b:<number>   another number, carried by a document that does not: placement.h rule 2 (a 文号
//                of its own that a case's documents cite) ties a b: to an a:, never two b: (two
//                notices that happen to cite one 函 decide nothing about each other)
//   t:<folder>   the top-most folder above it that could be a case folder (placement.h rules 3 and
//                4: a folder and its sub-folders); none when every folder above is a sorting folder
//                (a year, a category, a clerk's name: never a case) or it sits at the inbox root
//   v:<key>      its folder and its name without draft or copy marks (versions.h: versions group
//                within one folder by their base name)
//   c:<case>     the case its item was filed in (recorded with the input; a case's items share a
//                年度, a 保管期限 and the parties in their titles)
// Over-approximate on purpose: a tie too many costs a re-plan, a tie missing would misfile.
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::filing {

// The ties of one input (not of its ZIP entries: each entry is an input with its own path).
// rel_path: relative to the inbox, as the catalogue keys inputs ("<zip>/<entry>" for an entry).
std::vector<std::string> planning_ties(const model::InspectedFile& f, const std::string& rel_path, const Scheme& s);

// The tie of the case an item was filed in (empty when none).
std::string case_tie(const std::string& case_key);

// The folder tie of an input's folder (d:), followed only between copies of the same bytes.
std::string folder_tie(const std::string& rel_path);

// The ties to look up from an input that carries `tie`: d: none (followed only between copies), a:
// both a: and b:, b: only a:, the others themselves.
std::vector<std::string> ties_to_follow(const std::string& tie);

}  // namespace lh::filing
