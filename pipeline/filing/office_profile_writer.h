// Writes an office profile (立档单位) as templates/scheme/office.xsd describes it, for
// `lianghua init` (issue 14 §3). A writer only: office.cpp reads it back (and validates it).
#pragma once
#include <string>

#include "filing/office.h"

namespace lh::filing {

// The XML of an office profile, with a comment naming each field's source (DA/T 22-2015), in the
// element order the schema fixes. Optional fields left empty are left out.
std::string office_profile_xml(const Office& office);

}  // namespace lh::filing
