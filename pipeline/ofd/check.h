// The OFD-A checker behind `lianghua check-ofd`: reads an OFD package back (ingest's ZIP reader and
// its one safe XML parser; nothing is written) and reports each rule of GB/T 42133-2022
// 《信息技术 OFD档案应用指南》 that a program can decide, by its clause (wave2.md §3.2; the clause
// list as ofdrw-archive and zc310/ofd's ofd-validator implement it), plus validation of every part
// against the GB/T 33190-2016 XSDs when a schema folder is given.
//
// Schemas: the XSD annex of GB/T 33190 is not shipped with lianghua (no licence grant from its
// owner: shared/schemas/ofd/README.md), so the checker validates only when told where the XSDs are
// (CheckOptions::schema_dir: `check-ofd --schemas DIR`, or LIANGHUA_OFD_SCHEMAS); otherwise the
// report says the validation was skipped. OFD.xsd fixes DocType to "OFD"; GB/T 42133 6.2.1 a adds
// "OFD-A", so the checker extends that one enumeration in memory before validating OFD.xml.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace lh::ofd {

struct RuleResult {
  std::string clause;  // "GB/T 42133-2022 6.2.6 c", "GB/T 33190-2016 XSD", …
  std::string rule;    // what the clause asks, one line
  bool passed = true;
  std::string detail;  // why it failed (first offending part or object), or a note
};

struct CheckReport {
  std::vector<RuleResult> rules;   // every rule checked, in clause order
  std::vector<std::string> notes;  // what was not checked and why (no schemas, …)
  bool ok() const {
    for (const RuleResult& r : rules)
      if (!r.passed) return false;
    return true;
  }
};

struct CheckOptions {
  std::string schema_dir;  // folder with OFD.xsd, Document.xsd, …; "" = no XSD validation
};

CheckReport check_ofd(std::string_view bytes, const CheckOptions& options = {});

// Where the XSDs are when nobody says: $LIANGHUA_OFD_SCHEMAS, else <data folder>/schemas/ofd
// (model/paths.h) if it holds OFD.xsd, else "" (no validation). check-ofd and verify use it.
std::string default_schema_dir();

}  // namespace lh::ofd
