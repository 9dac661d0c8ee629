// Footnotes and endnotes (ECMA-376 Part 1 §17.11): w:footnoteReference / w:endnoteReference in a
// run (§17.11.14, §17.11.7) name a w:footnote / w:endnote (§17.11.10, §17.11.2) by w:id in the
// part the main part's footnotes / endnotes relationship points at. The separators Word keeps
// there (w:type separator, continuationSeparator, continuationNotice, §17.18.33) are no notes.
//
// Neither a book nor a reading copy has the source's page feet, so the notes go where Word's
// "convert all footnotes to endnotes" puts them: after the document's text, in the order they are
// referenced, each opening with the number its reference shows in the text ("[1]"). Before, their
// text was dropped with only a warning (another office's rules book lost its notes).
#include <map>
#include <utility>

#include "ingest/docx_internal.h"

namespace lh::ingest::docx {
namespace {

std::string note_mark(size_t n) { return "[" + std::to_string(n) + "]"; }

bool is_separator(const xmlNode* note) {
  const std::string type = w_attr(note, "type").value_or("normal");
  return type != "normal";
}

// The notes of one kind by w:id: the part's children, as parsed (kept alive by `part`).
struct NotesPart {
  opc::Package::Part part;
  PartContext context;
  std::map<std::string, const xmlNode*> by_id;
  bool read = false;
};

NotesPart load_notes(Context& ctx, const PartContext& body, bool endnotes) {
  NotesPart n;
  const opc::Relationship* rel = body.rels.by_type(endnotes ? "endnotes" : "footnotes");
  n.context.name = rel && !rel->external ? rel->target : (endnotes ? "word/endnotes.xml" : "word/footnotes.xml");
  n.part = ctx.pkg->parse(n.context.name);
  if (n.part.error) {
    if (!n.part.missing) ctx.meta->problems.push_back(n.part.error->message);
    return n;
  }
  if (ctx.pkg->rels_of(n.context.name, n.context.rels)) n.context.rels = opc::Rels{};  // its pictures then count as missing
  const xmlNode* root = xmlDocGetRootElement(n.part.doc.get());
  if (!is_w(root, endnotes ? "endnotes" : "footnotes")) return n;
  for (const xmlNode* note : elements(root))
    if (is_w(note, endnotes ? "endnote" : "footnote") && !is_separator(note))
      if (auto id = w_attr(note, "id")) n.by_id.emplace(*id, note);
  n.read = true;
  return n;
}

// The note's number at the head of its first paragraph (a paragraph of its own when the note
// opens with a table).
void mark_first_paragraph(std::vector<model::Block>& blocks, size_t from, const std::string& mark) {
  if (from < blocks.size())
    if (auto* p = std::get_if<model::Paragraph>(&blocks[from].value)) {
      // Word opens a note's text with a space after its mark (w:footnoteRef): one space is kept.
      if (!p->runs.empty()) {
        std::string& t = p->runs.front().text;
        t.erase(0, t.find_first_not_of(" \t"));
      }
      model::Run r;
      r.text = mark + " ";
      p->runs.insert(p->runs.begin(), std::move(r));
      return;
    }
  model::Paragraph p;
  model::Run r;
  r.text = mark;
  p.runs.push_back(std::move(r));
  blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(from), model::Block{std::move(p)});
}

}  // namespace

std::string note_reference(Context& ctx, bool endnote, const std::string& id) {
  if (ctx.reading_notes) return {};  // a reference inside a note's own text: not a new note
  for (size_t i = 0; i < ctx.notes.size(); ++i)
    if (ctx.notes[i].endnote == endnote && ctx.notes[i].id == id) return note_mark(i + 1);  // referenced again
  ctx.notes.push_back({endnote, id});
  return note_mark(ctx.notes.size());
}

void append_notes(Context& ctx, const PartContext& body, std::vector<model::Block>& out) {
  if (ctx.notes.empty()) return;
  NotesPart parts[2];
  bool loaded[2] = {false, false};
  std::vector<model::Block> notes;
  int unread = 0;
  ctx.reading_notes = true;
  for (size_t i = 0; i < ctx.notes.size() && !ctx.fatal; ++i) {
    const int kind = ctx.notes[i].endnote ? 1 : 0;
    if (!loaded[kind]) parts[kind] = load_notes(ctx, body, kind == 1), loaded[kind] = true;
    auto it = parts[kind].by_id.find(ctx.notes[i].id);
    if (it == parts[kind].by_id.end()) {
      ++unread;
      continue;
    }
    const size_t from = notes.size();
    for (const xmlNode* c : elements(it->second)) read_block(c, ctx, parts[kind].context, notes, 0);
    mark_first_paragraph(notes, from, note_mark(i + 1));
  }
  ctx.reading_notes = false;
  if (unread) ctx.meta->problems.push_back(std::to_string(unread) + " footnote(s) or endnote(s) not read");
  if (notes.empty()) return;
  model::Paragraph label;
  model::Run r;
  r.text = "注：";
  label.runs.push_back(std::move(r));
  out.push_back(model::Block{std::move(label)});
  for (auto& b : notes) out.push_back(std::move(b));
}

}  // namespace lh::ingest::docx
