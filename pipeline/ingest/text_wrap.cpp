// Hard-wrapped plain text joined again (text_wrap.h).
//
// The evidence of a wrap is the file's own. A program that breaks lines at a fixed measure fills
// each line up to it and stops short only where a paragraph ends, so in a run of lines that may be
// one paragraph (no blank line, no indented line, no numbered or listed line between them) most
// lines but the run's last have one display width, and end mid-sentence, where the measure fell.
// A file typed one paragraph a line shows no such width: its lines are as long as what they say,
// and each ends its sentence (wrap_width). Where the file shows a measure, a line is joined to the
// next only when
//   - it reaches the measure, give or take kWrapSlack columns (a CJK line stops a column short when
//     the next character, 2 columns, would pass it; 避头尾 lets a closing 。，” hang past it or
//     moves a character down), and a line wider than that was not cut by the wrap;
//   - it does not end a sentence (。！？；：, the ASCII ones, before closing quotes or brackets): a
//     wrap that falls there cannot be told from a paragraph that ends there, and a paragraph
//     break kept is what the reader gave before;
//   - the next line does not open a unit of its own: a blank line, a line indented past the body's
//     lines (the 首行缩进 of a new paragraph, a 落款 set to the right), a 第X编/章/节/条 or
//     GB/T 9704-2012 §7.3.3 structure number 一、 （一） 1. （1） (normalize::heading_kind, the one
//     detector render and compile use), a list or quote marker, a form field ("当事人：", "问：",
//     "抄送：" — GB/T 9704-2012 §7.4.1), an 附件 line (§7.3.4), a line that is a date (the 成文日期,
//     §7.3.5.1), or a short line naming an organisation (the 发文机关署名 above that date);
//   - neither line is a row of columns aligned with blanks (a tab, two spaces or two U+3000
//     inside) or a pipe-table row: such a "table" has lines of one width too, and it is no prose.
// Joined CJK text takes no space; between two ASCII characters (Latin words, which a wrapper
// breaks only at a space) one space is put back.
#include "ingest/text_wrap.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <map>

#include "normalize/doc_facts.h"
#include "normalize/fields.h"
#include "normalize/structure.h"

namespace lh::ingest {
namespace {

constexpr size_t kTabStop = 8;
// A measure narrower than 20 CJK characters is no wrap (old systems and mail clients wrap at
// 30–40 CJK characters, 60–80 columns): a list of short items (names, 岗位, 材料清单) can have
// lines of one width by chance, and they end with no punctuation.
constexpr size_t kMinWrapColumns = 40;
constexpr size_t kWrapSlack = 2;
// At least this many lines at the measure: a notice of one paragraph wrapped over three lines
// shows two (its last falls short).
constexpr size_t kMinWrappedLines = 2;

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

struct TextLine {
  std::string_view text;  // trimmed
  size_t indent = 0;      // display columns of the blanks before the text
  size_t width = 0;       // display columns up to the text's last character, indent included
  bool aligned = false;   // columns aligned with blanks, or a pipe-table row: never joined
};

// Leading and trailing spaces, tabs, CRs and U+3000 (the 首行缩进 of Chinese prose: the paragraph
// style supplies it), as the text reader always trimmed its lines.
std::string_view trim_line(std::string_view s) {
  auto strip = [&](std::string_view pre) {
    while (s.substr(0, pre.size()) == pre) s.remove_prefix(pre.size());
    while (s.size() >= pre.size() && s.substr(s.size() - pre.size()) == pre) s.remove_suffix(pre.size());
  };
  for (int pass = 0; pass < 2; ++pass)
    for (std::string_view ws : {std::string_view(" "), std::string_view("\t"), std::string_view("\r"), kIdeographicSpace}) strip(ws);
  return s;
}

TextLine measure_line(std::string_view raw) {
  TextLine l;
  l.text = trim_line(raw);
  if (l.text.empty()) return l;
  const size_t start = static_cast<size_t>(l.text.data() - raw.data());
  l.indent = display_columns(raw.substr(0, start));
  l.width = display_columns(raw.substr(0, start + l.text.size()));
  l.aligned = l.text.find('\t') != std::string_view::npos || l.text.find("  ") != std::string_view::npos ||
              l.text.find("\xE3\x80\x80\xE3\x80\x80") != std::string_view::npos || l.text.front() == '|' ||
              l.text.back() == '|';
  return l;
}

UChar32 first_code_point(std::string_view s) {
  UChar32 c = U_SENTINEL;
  int32_t i = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(std::min<size_t>(s.size(), 4)), c);
  return c;
}

UChar32 last_code_point(std::string_view s, int32_t* start) {
  UChar32 c = U_SENTINEL;
  int32_t i = static_cast<int32_t>(std::min<size_t>(s.size(), INT32_MAX));
  U8_PREV(s.data(), 0, i, c);
  *start = i;
  return c;
}

// Ends with 。！？；： (or ! ? ; : .), closing quotes and brackets after it left aside.
bool ends_sentence(std::string_view s) {
  static constexpr std::array<UChar32, 7> kClosers = {U'”', U'’', U'」', U'』', U'）', U')', U'"'};
  static constexpr std::array<UChar32, 10> kEnds = {U'。', U'！', U'？', U'；', U'：', U'!', U'?', U';', U':', U'.'};
  while (!s.empty()) {
    int32_t at = 0;
    const UChar32 c = last_code_point(s, &at);
    if (std::find(kEnds.begin(), kEnds.end(), c) != kEnds.end()) return true;
    if (std::find(kClosers.begin(), kClosers.end(), c) == kClosers.end()) return false;
    s = s.substr(0, static_cast<size_t>(at));
  }
  return false;
}

// A list or quote marker opening the line: bullets offices type (- * + • · ● ○ ■ □ ◆ ▲ ★ ※ √ …),
// a mail quote ">", circled and bracketed numbers ① ⑴ ⒈ ❶, and "1)" / "1）".
bool opens_with_marker(std::string_view s) {
  static constexpr std::array<UChar32, 24> kMarks = {
      U'-', U'*', U'+', U'>', U'•', U'·', U'●', U'○', U'◎', U'■', U'□', U'◆', U'◇', U'▲', U'△', U'►', U'▶', U'★',
      U'☆', U'※', U'√', U'✓', U'▪', U'◦'};
  const UChar32 c = first_code_point(s);
  if (std::find(kMarks.begin(), kMarks.end(), c) != kMarks.end()) return true;
  if ((c >= 0x2460 && c <= 0x24FF) || (c >= 0x2776 && c <= 0x2793)) return true;  // ① ⑴ ⒈ ⓐ, ❶ ➀
  size_t digits = 0;
  while (digits < s.size() && digits < 3 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  return digits > 0 && (s.substr(digits, 1) == ")" || s.substr(digits, 3) == "）");
}

// An 附件 line (GB/T 9704-2012 §7.3.4 附件说明: "附件：1. …", "附件1", "附件" over an attachment) opens
// a unit; "附件中…" inside a sentence does not. "附件：" and "抄送：" (§7.4.1) are fields too.
bool opens_attachment(std::string_view s) {
  if (s.substr(0, 6) != "附件") return false;
  const UChar32 c = first_code_point(s.substr(6));
  return s.size() == 6 || c == 0xFF1A || c == ':' || (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

// A form's field, "当事人：…", "联系电话：…", a 笔录's "问：" / "答：" (2021 范本 No. 9, 14): a label of
// up to kMaxLabelChars ideographs and a colon. Its value may fill the line to the measure by chance,
// and the field after it must not be taken for the rest of that value.
constexpr size_t kMaxLabelChars = 6;
bool opens_field(std::string_view s) {
  size_t chars = 0;
  for (int32_t i = 0, n = static_cast<int32_t>(std::min<size_t>(s.size(), 64)); i < n && chars <= kMaxLabelChars;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c == U'：' || c == U':') return chars > 0;
    if (!((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))) return false;
    ++chars;
  }
  return false;
}

// A line that is only a date: the 成文日期 under a 落款 (GB/T 9704-2012 §7.3.5.1). Only a line that
// opens as a date can be one (2024年… 二〇二四年… ２０２４…), so the others skip the date parser.
bool is_date_line(std::string_view s) {
  const UChar32 c = first_code_point(s);
  const bool may = (c >= 0x30 && c <= 0x39) || (c >= 0xFF10 && c <= 0xFF19) || c == 0x4E8C || c == 0x4E00;  // 0-9 ０-９ 二 一
  return may && normalize::parse_date(s).has_value();
}

// Whether `next` opens a unit of its own (see the top of the file).
bool opens_unit(const WrapEvidence& next) {
  if (normalize::heading_kind(next.text) != normalize::HeadingKind::None) return true;
  if (opens_with_marker(next.text) || opens_attachment(next.text) || opens_field(next.text)) return true;
  if (is_date_line(next.text)) return true;
  // Short: a line of a paragraph that fills the measure and happens to end in 局/所/行/处 is none.
  // (is_organisation_line takes at most 40 characters, spaces aside: longer lines skip it.)
  constexpr size_t kMaxOrganisationBytes = 160;
  return next.short_of_measure && next.text.size() <= kMaxOrganisationBytes && normalize::is_organisation_line(next.text);
}

// A text line's evidence against `measure` (SIZE_MAX while the measure is being sought: then no
// line reaches it and any line naming an organisation counts as short) and the body's indent.
WrapEvidence evidence_of(const TextLine& l, size_t measure, size_t body_indent) {
  WrapEvidence e;
  e.text = l.text;
  e.reaches_measure = measure != SIZE_MAX && l.width + kWrapSlack >= measure && l.width <= measure + kWrapSlack;
  e.short_of_measure = measure == SIZE_MAX || l.width + kWrapSlack < measure;
  e.indented = l.indent > body_indent;
  e.aligned = l.aligned;
  return e;
}

// Whether `next` may go on the paragraph of the line before it: not blank, not indented past the
// body's lines, no aligned columns, opening no unit.
bool may_continue(const WrapEvidence& next) {
  return !next.text.empty() && !next.aligned && !next.indented && !opens_unit(next);
}

// The measure the file was wrapped at, 0 when it shows none (see the top of the file). A run of
// lines that may be one paragraph ends where the next line may not continue it (may_continue): a
// text typed one paragraph a line with a 首行缩进, or a blank line between, has a run a line and
// shows no measure at all. Evidence, over the runs of more than one line:
//   - most of their lines but the last have one width (± kWrapSlack), kMinWrappedLines at least;
//   - most of those end mid-sentence, where the measure fell. Lines of one width by chance end
//     their clauses: a rule generated from a template (samples/manual 04 学习培训.txt) has 26 of
//     its 50 lines 42 columns wide, each ending in ；or ：;
//   - most runs end a sentence, as a paragraph does. Titles, list items or form fields typed one a
//     line, of one length by chance, end none.
size_t wrap_width(const std::vector<TextLine>& lines, size_t body_indent) {
  std::map<size_t, std::pair<size_t, size_t>> at_width;  // width: lines, of them mid-sentence
  size_t evidence = 0, runs = 0, runs_ending_sentences = 0;
  bool in_run = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool goes_on = i + 1 < lines.size() && !lines[i].text.empty() && !lines[i].aligned &&
                         may_continue(evidence_of(lines[i + 1], SIZE_MAX, body_indent));
    if (goes_on) {
      auto& [n, cut] = at_width[lines[i].width];
      ++n;
      cut += ends_sentence(lines[i].text) ? 0 : 1;
      ++evidence;
    } else if (in_run) {
      ++runs;
      runs_ending_sentences += ends_sentence(lines[i].text) ? 1 : 0;
    }
    in_run = goes_on;
  }
  size_t mode = 0, most = 0;
  for (const auto& [width, counts] : at_width)
    if (counts.first >= most) mode = width, most = counts.first;  // a tie: the wider, the measure a shorter line fell short of
  size_t near = 0, near_cut = 0;
  for (auto it = at_width.lower_bound(mode > kWrapSlack ? mode - kWrapSlack : 0);
       it != at_width.end() && it->first <= mode + kWrapSlack; ++it)
    near += it->second.first, near_cut += it->second.second;
  const bool shows_measure = mode >= kMinWrapColumns && near >= kMinWrappedLines && 2 * near > evidence;
  return shows_measure && 2 * near_cut > near && 2 * runs_ending_sentences > runs ? mode : 0;
}

}  // namespace

size_t display_columns(std::string_view utf8) {
  size_t cols = 0;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, n, c);
    if (c == '\t') {
      cols += kTabStop - cols % kTabStop;
      continue;
    }
    if (c < 0) {  // an ill-formed byte: one column, as U+FFFD would take
      ++cols;
      continue;
    }
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    // Ambiguous ones (“” …  — ① ā) are double-byte in GB2312/GBK and 2 columns on a Chinese screen.
    cols += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH || eaw == U_EA_AMBIGUOUS) ? 2 : 1;
  }
  return cols;
}

namespace {

// A wrapped sentence's last words before its colon ("…本年度费用合 / 计如下：") look like a form's
// label alone on its line ("检查情况：", its answer below). They are that sentence's end where the
// line before stops inside a word (its last character an ideograph, no mark: the wrap cut it) and
// the paragraph is no field itself ("检查地点：…" then "检查情况：" are two fields).
bool wrapped_sentence_tail(const WrapEvidence& line, const WrapEvidence& next, std::string_view paragraph) {
  if (paragraph.empty() || opens_field(paragraph)) return false;
  if (next.text.empty() || next.aligned || next.indented || !opens_field(next.text)) return false;
  int32_t at = 0;
  const UChar32 colon = last_code_point(next.text, &at);
  if (colon != U'：' && colon != U':') return false;  // a label with its answer after it is a field
  if (normalize::heading_kind(next.text) != normalize::HeadingKind::None || opens_with_marker(next.text) ||
      opens_attachment(next.text))
    return false;
  const UChar32 last = last_code_point(line.text, &at);
  return (last >= 0x4E00 && last <= 0x9FFF) || (last >= 0x3400 && last <= 0x4DBF);
}

}  // namespace

bool wrapped_line_goes_on(const WrapEvidence& line, const WrapEvidence& next, bool indents_open_paragraphs,
                          std::string_view paragraph) {
  if (line.text.empty() || line.aligned || !line.reaches_measure) return false;
  if (!indents_open_paragraphs && ends_sentence(line.text)) return false;
  return may_continue(next) || wrapped_sentence_tail(line, next, paragraph);
}

void append_wrapped(std::string& para, std::string_view next) {
  if (next.empty()) return;
  const bool ascii_both = !para.empty() && static_cast<unsigned char>(para.back()) < 0x80 &&
                          static_cast<unsigned char>(next.front()) < 0x80;
  if (ascii_both) para += ' ';
  para.append(next);
}

std::vector<std::string> text_paragraphs(const std::vector<std::string_view>& raw) {
  std::vector<TextLine> lines;
  lines.reserve(raw.size());
  size_t body_indent = SIZE_MAX;  // the least indent of any line: a margin every line shares is no indent
  for (std::string_view r : raw) {
    lines.push_back(measure_line(r));
    if (!lines.back().text.empty()) body_indent = std::min(body_indent, lines.back().indent);
  }
  const size_t measure = wrap_width(lines, body_indent);
  std::vector<std::string> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].text.empty()) continue;
    std::string para(lines[i].text);
    while (measure > 0 && i + 1 < lines.size() &&
           wrapped_line_goes_on(evidence_of(lines[i], measure, body_indent), evidence_of(lines[i + 1], measure, body_indent), false,
                                para))
      append_wrapped(para, lines[++i].text);
    out.push_back(std::move(para));
  }
  return out;
}

}  // namespace lh::ingest
