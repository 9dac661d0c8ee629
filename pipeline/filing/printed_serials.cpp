#include "filing/printed_serials.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "normalize/fields.h"

namespace lh::filing {

namespace {

struct Quoted {
  size_t first_item = 0;
  std::vector<std::string> paths;  // the files that print it, in item order
};

}  // namespace

void warn_printed_serials_once(Plan& plan) {
  std::map<std::string, Quoted> by_warning;  // keyed by the warning: one per printed form of a 案号
  std::vector<std::string> order;
  for (size_t k = 0; k < plan.items.size(); ++k) {
    PlannedItem& it = plan.items[k];
    const PlannedInput& in = plan.inputs[static_cast<size_t>(it.final_input)];
    for (const auto& cn : in.file->fields.case_numbers)
      for (const std::string& w : normalize::printed_serial_warnings(cn, "案号")) {
        auto [at, fresh] = by_warning.try_emplace(w, Quoted{k, {}});
        if (fresh) order.push_back(w);
        if (std::find(at->second.paths.begin(), at->second.paths.end(), in.path) == at->second.paths.end())
          at->second.paths.push_back(in.path);
        it.warnings.erase(std::remove(it.warnings.begin(), it.warnings.end(), w), it.warnings.end());
      }
  }
  for (const std::string& w : order) {
    const Quoted& q = by_warning.at(w);
    std::string files;
    for (const auto& p : q.paths) files += (files.empty() ? "" : "、") + p;
    plan.items[q.first_item].warnings.push_back(w + "（见于 " + std::to_string(q.paths.size()) + " 个文件：" + files + "）");
  }
}

}  // namespace lh::filing
