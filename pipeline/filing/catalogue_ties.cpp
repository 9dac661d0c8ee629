// The catalogue's planning ties (catalogue.h, filing/plan_ties.h): which inputs a night must plan
// again when another input is new, changed or gone.
#include "filing/catalogue.h"

#include <algorithm>

namespace lh::filing {

void Catalogue::for_each_path_with_tie(const std::string& tie, const std::function<void(const std::string&)>& fn) const {
  sql::Statement q(db_.get(), "SELECT path FROM input_ties WHERE tie = ?1 ORDER BY path");
  q.bind(1, tie);
  while (q.step()) fn(q.column_text(0));
}

std::vector<std::string> Catalogue::ties_of(const std::string& path) const {
  std::vector<std::string> out;
  {
    sql::Statement q(db_.get(), "SELECT tie FROM input_ties WHERE path = ?1");
    q.bind(1, path);
    while (q.step()) out.push_back(q.column_text(0));
  }
  // A ZIP's entries: a range on the path (BINARY order): every path below "<zip>/" is >= it and
  // < "<zip>0" ('0' follows '/').
  sql::Statement q(db_.get(), "SELECT tie FROM input_ties WHERE path >= ?1 AND path < ?2");
  q.bind(1, path + "/").bind(2, path + "0");
  while (q.step()) out.push_back(q.column_text(0));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lh::filing
