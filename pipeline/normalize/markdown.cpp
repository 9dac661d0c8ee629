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

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string text_of(const model::Block& b) {
  const auto* p = std::get_if<model::Paragraph>(&b.value);
  return p ? p->plain_text() : std::string();
}

// "---" on the first line, "key: value" lines, "---" again. The blocks are removed.
FrontMatter take_front_matter(std::vector<model::Block>& blocks) {
  FrontMatter fm;
  if (blocks.empty() || strip(text_of(blocks[0])) != "---") return fm;
  size_t end = 1;
  while (end < blocks.size() && strip(text_of(blocks[end])) != "---") ++end;
  if (end == blocks.size()) return fm;  // no closing line: not front matter
  for (size_t i = 1; i < end; ++i) {
    const std::string line = text_of(blocks[i]);
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string_view key = strip(std::string_view(line).substr(0, colon));
    std::string_view value = strip(std::string_view(line).substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (key == "title") fm.title = value;
    else if (key == "author") fm.author = value;
    else if (key == "date") fm.date = value;
  }
  blocks.erase(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(end + 1));
  // Pandoc's and Jekyll's files often repeat the YAML title as the first "# " heading: it is the
  // same title, once (left in, it was printed twice and every "##" fell a level under it).
  size_t first = 0;
  while (first < blocks.size() && strip(text_of(blocks[first])).empty()) ++first;
  if (!fm.title.empty() && first < blocks.size()) {
    const std::string line = text_of(blocks[first]);
    const std::string_view h = strip(line);
    if (h.size() > 2 && h.substr(0, 2) == "# " && strip(h.substr(2)) == strip(fm.title))
      blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(first));
  }
  if (!fm.title.empty()) {
    model::Paragraph t;
    t.style = "title";
    t.runs.push_back({.text = fm.title});
    blocks.insert(blocks.begin(), model::Block{t});
  }
  return fm;
}

std::vector<std::string> pipe_cells(std::string_view line) {
  line = strip(line);
  if (!line.empty() && line.front() == '|') line.remove_prefix(1);
  if (!line.empty() && line.back() == '|') line.remove_suffix(1);
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))) {
      cells.emplace_back(strip(line.substr(start, i - start)));
      start = i + 1;
    }
  return cells;
}

bool is_pipe_row(std::string_view line) { return strip(line).substr(0, 1) == "|"; }

bool is_delimiter_row(std::string_view line) {
  if (!is_pipe_row(line)) return false;
  for (const std::string& c : pipe_cells(line))
    if (c.empty() || c.find_first_not_of(":-") != std::string::npos || c.find('-') == std::string::npos) return false;
  return true;
}

model::TableCell cell_of(const std::string& text, bool bold) {
  model::TableCell c;
  model::Paragraph p;
  p.runs.push_back({.text = text, .bold = bold});
  c.blocks.push_back({p});
  return c;
}

// Header line, delimiter line, body lines → one table; other blocks stay.
void take_pipe_tables(std::vector<model::Block>& blocks) {
  std::vector<model::Block> out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i + 1 < blocks.size() && is_pipe_row(text_of(blocks[i])) && is_delimiter_row(text_of(blocks[i + 1]))) {
      model::Table t;
      const std::vector<std::string> head = pipe_cells(text_of(blocks[i]));
      model::TableRow hr;
      hr.header = true;
      for (const auto& c : head) hr.cells.push_back(cell_of(c, true));
      t.rows.push_back(std::move(hr));
      size_t j = i + 2;
      for (; j < blocks.size() && is_pipe_row(text_of(blocks[j])); ++j) {
        std::vector<std::string> cells = pipe_cells(text_of(blocks[j]));
        cells.resize(head.size());
        model::TableRow r;
        for (const auto& c : cells) r.cells.push_back(cell_of(c, false));
        t.rows.push_back(std::move(r));
      }
      out.push_back({std::move(t)});
      i = j - 1;
      continue;
    }
    out.push_back(std::move(blocks[i]));
  }
  blocks = std::move(out);
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
  return hash_heading || (!doc.sections.empty() && !doc.sections[0].blocks.empty() &&
                          strip(text_of(doc.sections[0].blocks[0])) == "---");
}

FrontMatter apply_markdown(model::Document& doc) {
  FrontMatter fm;
  if (!doc.sections.empty()) fm = take_front_matter(doc.sections[0].blocks);
  for (auto& s : doc.sections) take_pipe_tables(s.blocks);
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
  return fm;
}

}  // namespace lh::normalize
