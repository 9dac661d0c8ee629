// Markdown lists and bold → model (see markdown.h).
#include "normalize/markdown.h"

#include <string>
#include <string_view>

#include "normalize/structure.h"

namespace lh::normalize {

namespace {

constexpr int kMaxListLevel = 8;

// "**bold** text" → runs; an unmatched "**" stays as written.
std::vector<model::Run> bold_runs(const model::Run& base) {
  std::vector<model::Run> out;
  const std::string& t = base.text;
  size_t pos = 0;
  while (pos < t.size()) {
    size_t open = t.find("**", pos);
    size_t close = open == std::string::npos ? std::string::npos : t.find("**", open + 2);
    if (close == std::string::npos || close == open + 2) {
      model::Run r = base;
      r.text = t.substr(pos);
      out.push_back(std::move(r));
      break;
    }
    if (open > pos) {
      model::Run r = base;
      r.text = t.substr(pos, open - pos);
      out.push_back(std::move(r));
    }
    model::Run b = base;
    b.text = t.substr(open + 2, close - open - 2);
    b.bold = true;
    out.push_back(std::move(b));
    pos = close + 2;
  }
  return out;
}

// The list item a line opens, if any: kind, level and the length of the marker to drop.
struct ListItem {
  model::ListKind kind = model::ListKind::None;
  int level = 0;
  size_t marker_bytes = 0;
};

ListItem list_item(std::string_view line) {
  ListItem li;
  size_t indent = 0;
  while (indent < line.size() && line[indent] == ' ') ++indent;
  std::string_view rest = line.substr(indent);
  const int level = static_cast<int>(indent / 2) > kMaxListLevel ? kMaxListLevel : static_cast<int>(indent / 2);
  if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ') {
    li = {model::ListKind::Bullet, level, indent + 2};
  } else {
    size_t d = 0;
    while (d < rest.size() && d < 3 && rest[d] >= '0' && rest[d] <= '9') ++d;
    if (d > 0 && d + 1 < rest.size() && rest[d] == '.' && rest[d + 1] == ' ') li = {model::ListKind::Decimal, level, indent + d + 2};
  }
  return li;
}

}  // namespace

bool looks_like_markdown(const model::Document& doc) {
  bool hash_heading = false;
  for (const auto& s : doc.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
        if (p->heading_level > 0 || p->list != model::ListKind::None) return false;
        int md = 0;
        if (!hash_heading && heading_kind(p->plain_text(), &md) == HeadingKind::Markdown) hash_heading = true;
      }
  return hash_heading;
}

void apply_markdown(model::Document& doc) {
  for (auto& s : doc.sections)
    for (auto& b : s.blocks) {
      auto* p = std::get_if<model::Paragraph>(&b.value);
      if (!p || p->runs.empty()) continue;
      const ListItem li = list_item(p->runs.front().text);
      if (li.kind != model::ListKind::None) {
        p->runs.front().text.erase(0, li.marker_bytes);
        p->list = li.kind;
        p->list_level = li.level;
      }
      std::vector<model::Run> runs;
      for (const model::Run& r : p->runs) {
        if (r.text.find("**") == std::string::npos) {
          runs.push_back(r);
          continue;
        }
        for (model::Run& x : bold_runs(r)) runs.push_back(std::move(x));
      }
      p->runs = std::move(runs);
    }
}

}  // namespace lh::normalize
