#include "model/document.h"

namespace lh::model {

std::string Paragraph::plain_text() const {
  std::string out;
  for (const Run& r : runs) out += r.text;
  return out;
}

static void append_blocks(const std::vector<Block>& blocks, std::string& out);

// The text a page or a drawing shows: each TextBox a line.
static void append_frames(const std::vector<Frame>& frames, std::string& out) {
  for (const Frame& f : frames)
    if (const auto* tb = std::get_if<TextBox>(&f)) {
      for (const Run& r : tb->runs) out += r.text;
      out += '\n';
    }
}

static void append_block(const Block& b, std::string& out) {
  if (const auto* p = std::get_if<Paragraph>(&b.value)) {
    out += p->plain_text();
    out += '\n';
  } else if (const auto* t = std::get_if<Table>(&b.value)) {
    for (const TableRow& row : t->rows) {
      bool first = true;
      for (const TableCell& cell : row.cells) {
        if (cell.covered) continue;
        if (!first) out += '\t';
        first = false;
        std::string cell_text;
        append_blocks(cell.blocks, cell_text);
        while (!cell_text.empty() && cell_text.back() == '\n') cell_text.pop_back();
        for (char& c : cell_text)
          if (c == '\n') c = ' ';
        out += cell_text;
      }
      out += '\n';
    }
  } else if (const auto* d = std::get_if<Drawing>(&b.value)) {
    append_frames(d->frames, out);
  }
}

static void append_blocks(const std::vector<Block>& blocks, std::string& out) {
  for (const Block& b : blocks) append_block(b, out);
}

std::string Document::plain_text() const {
  std::string out;
  for (const Section& s : sections) {
    if (s.header)
      for (const Paragraph& p : s.header->paragraphs) out += p.plain_text() + '\n';
    append_blocks(s.blocks, out);
    for (const auto& page : s.fixed_pages) append_frames(page, out);
    if (s.footer)
      for (const Paragraph& p : s.footer->paragraphs) out += p.plain_text() + '\n';
  }
  return out;
}

}  // namespace lh::model
