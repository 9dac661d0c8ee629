// One sign → one fixed page. The page is the MediaBox: the trim box sits at (bleed + slug) from its
// corner; bands that touch the trim edge run on into the bleed (wave2.md §1.6), so the cut never
// shows a white hairline. Text regions are fitted here first (layout::fit_text_size), so a text
// that does not fit is reported with the sign's and the region's names instead of a frame number.
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <cmath>
#include <sstream>

#include "compose/signs/entry_rows.h"
#include "compose/signs/policy_board.h"
#include "compose/signs/signs.h"
#include "layout/layout.h"

namespace lh::compose::signs {
namespace {

// A size for a message: one decimal, none when it is whole (12.5, 12).
std::string one_decimal(double v) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(1);
  os << v;
  std::string s = os.str();
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

uint32_t colour_of(const std::string& name, const SignTypes& types, const Brand& brand) {
  if (name == "brand") {
    const std::string& c = brand.office.brand_colour;
    uint32_t v = 0x1F4E9A;  // the types file's "blue" when the office gives no brand colour
    if (auto it = types.colours.find("blue"); it != types.colours.end()) v = it->second.rgb;
    if (c.size() == 7 && c[0] == '#') v = static_cast<uint32_t>(std::stoul(c.substr(1), nullptr, 16));
    return v;
  }
  auto it = types.colours.find(name);
  return it == types.colours.end() ? 0 : it->second.rgb;
}

// The text a region shows: the sign's own, else the type's fixed text, else the office's.
std::string region_text(const Part& p, const Sign& sign, const Brand& brand) {
  if (auto it = sign.texts.find(p.region); it != sign.texts.end()) return it->second;
  if (!p.fixed.empty()) return p.fixed;
  const filing::Office& o = brand.office;
  if (p.from == "office-name") return o.name;
  if (p.from == "office-short-name") return o.short_name.empty() ? o.name : o.short_name;
  if (p.from == "parent") return o.parent;
  if (p.from == "fonds-name") return o.fonds_name;
  if (p.from == "slogan") return o.slogan;
  if (p.from == "hotline") return brand.hotline;
  if (p.from == "supervision-phone") return brand.supervision;
  return {};
}

// A 法定名称 cut after each organisation it names (Part::break_after: "…市场监督管理局" |
// "…市场监督管理所"), so a plate that needs two lines gives each organisation its own line instead
// of breaking inside "市场"; the layout keeps each part whole where the name fits that way
// (model::Run::keep_together). A suffix counts only where at least two characters follow it.
std::vector<std::string> organisation_parts(const std::string& name, const std::vector<std::string>& suffixes) {
  std::vector<size_t> starts;  // byte offsets of the code points
  for (size_t i = 0; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) starts.push_back(i);
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t k = 0; k + 2 < starts.size(); ++k) {
    const size_t end = starts[k + 1];  // just after the k-th character
    for (const std::string& sfx : suffixes) {
      if (sfx.empty() || end - from < sfx.size() || name.compare(end - sfx.size(), sfx.size(), sfx) != 0) continue;
      parts.push_back(name.substr(from, end - from));
      from = end;
      break;
    }
  }
  parts.push_back(name.substr(from));
  return parts;
}

// A balanced title cut into its words by ICU's word break (the Chinese dictionary: 投诉|处理|制度;
// "12315" and "GB" whole), each then kept whole on its line (model::Run::keep_together). Pango's
// line breaking (UAX #14) allows a break between any two ideographs, and balancing moved the break
// to wherever the middle fell: "…集体讨" / "论决定…". A lone word of one ideograph joins the word
// before it: mostly it is a suffix (监督管理|所, 工作|的, 处理|及) that should not begin a line.
// Where the dictionary knows no word it gives a run of single ideographs ("举|报|工|单" in
// 投诉举报工单, "所|特|种" in 管理所特种设备): the run most likely is a word or two and stays
// together (a limit of the dictionary: 管理 / 所特种 may then be the break). Between the words the UAX #14 rules still decide (never before "）", never after "（"). A title
// that fits at no size so, down to its minimum, is broken freely (layout's fit_box), as a unit
// plate's name is; one that does not fit even so is refused (text_overflow).
std::vector<std::string> title_words(const std::string& t) {
  UErrorCode err = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, t.data(), static_cast<int64_t>(t.size()), &err);
  UBreakIterator* words = ubrk_open(UBRK_WORD, "zh", nullptr, 0, &err);
  if (U_SUCCESS(err)) ubrk_setUText(words, text, &err);
  struct Word { std::string text; bool single, word; };  // one ideograph; a number, letters or ideographs
  std::vector<Word> ws;
  if (U_SUCCESS(err)) {
    int32_t from = ubrk_first(words);
    for (int32_t to = ubrk_next(words); to != UBRK_DONE; from = to, to = ubrk_next(words)) {
      std::string w = t.substr(static_cast<size_t>(from), static_cast<size_t>(to - from));  // UTF-8 offsets
      const int status = ubrk_getRuleStatus(words);
      int chars = 0;
      for (unsigned char c : w) chars += (c & 0xC0) != 0x80;
      ws.push_back({std::move(w), chars == 1 && status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT,
                    status >= UBRK_WORD_NUMBER});
    }
  }
  ubrk_close(words);
  utext_close(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < ws.size(); ++i) {
    const bool run_before = i > 0 && ws[i - 1].single, run_after = i + 1 < ws.size() && ws[i + 1].single;
    const bool lone = ws[i].single && !run_before && !run_after;
    if (!out.empty() && ((lone && ws[i - 1].word) || (ws[i].single && run_before))) out.back() += ws[i].text;
    else out.push_back(ws[i].text);
  }
  if (out.empty()) out.push_back(t);
  return out;
}

// In vertical text brackets, book-title marks and quotes take their vertical forms (GB/T 15834-2011
// §5.2, 竖排): "（石门所）" on a 条牌 is ︵石门所︶. A horizontal "（" alone on a line would also be
// an opening mark ending a line, which the fitting refuses at every size.
const char* vertical_form(const std::string& ch) {
  static const std::pair<const char*, const char*> kForms[] = {
      {"（", "︵"}, {"）", "︶"}, {"(", "︵"}, {")", "︶"}, {"《", "︽"}, {"》", "︾"}, {"〈", "︿"}, {"〉", "﹀"},
      {"「", "﹁"}, {"」", "﹂"}, {"『", "﹃"}, {"』", "﹄"}, {"【", "︻"}, {"】", "︼"}, {"〔", "︹"}, {"〕", "︺"},
      {"〖", "︗"}, {"〗", "︘"}, {"“", "﹃"}, {"”", "﹄"}, {"‘", "﹁"}, {"’", "﹂"}};
  for (const auto& [h, v] : kForms)
    if (ch == h) return v;
  return nullptr;
}

// 条牌 text runs top to bottom: one character per line.
std::string stacked(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    const unsigned char c = s[i];
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    if (s[i] == ' ') {
      i += 1;
      continue;
    }
    if (!out.empty()) out += '\n';
    const char* v = vertical_form(s.substr(i, n));
    if (v) out += v;
    else out.append(s, i, n);
    i += n;
  }
  return out;
}

std::string overflow_message(const Sign& sign, const Part& p, const layout::TextOverflow& e) {
  std::string what = sign.title + "（" + sign.file + "）：区域 " + p.region + " 的文字在最小字号 " + one_decimal(p.min_pt) +
                     " pt 时仍放不下";
  if (e.max_lines > 0 && e.lines > e.max_lines)
    what += "，需 " + std::to_string(e.lines) + " 行（最多 " + std::to_string(e.max_lines) + " 行）";
  if (e.over_height_mm > 0) what += "，超出高度 " + one_decimal(e.over_height_mm) + " mm";
  if (e.over_width_mm > 0) what += "，超出宽度 " + one_decimal(e.over_width_mm) + " mm";
  return what + " (text_overflow)";
}

class Builder {
 public:
  Builder(const Sign& sign, const SignType& type, const SignTypes& types, const Brand& brand,
          const layout::FontSet& fonts, double offset)
      : sign_(sign), type_(type), types_(types), brand_(brand), fonts_(fonts), o_(offset) {}

  void background(std::vector<model::Frame>& page) {
    const double b = type_.bleed_mm;
    page.push_back(model::Shape{o_ - b, o_ - b, type_.width_mm + 2 * b, type_.height_mm + 2 * b,
                                colour_of(type_.background, types_, brand_)});
  }

  void part(const Part& p, std::vector<model::Frame>& page, std::vector<PlacedRegion>& regions) {
    switch (p.kind) {
      case Part::Kind::Band: band(p, page); break;
      case Part::Kind::Outline:
        page.push_back(model::Shape{o_ + p.x, o_ + p.y, p.w, p.h, 0, false, p.stroke, colour_of(p.colour, types_, brand_)});
        break;
      case Part::Kind::Rule:
        page.push_back(model::Rule{o_ + p.x, o_ + p.y, o_ + p.x2, o_ + p.y2, p.stroke, colour_of(p.colour, types_, brand_)});
        break;
      case Part::Kind::Text: text(p, page, regions); break;
      case Part::Kind::Emblem: emblem(p, page); break;
      case Part::Kind::Qr:
        if (!sign_.qr.empty()) {
          const double side = std::min(p.w, p.h);
          for (auto& f : qr_frames(sign_.qr, o_ + p.x + (p.w - side) / 2, o_ + p.y + (p.h - side) / 2, side))
            page.push_back(std::move(f));
        }
        break;
      case Part::Kind::Body: body(p, page, regions); break;
      case Part::Kind::Drawing: drawing(p, page); break;
    }
  }

 private:
  // A band touching a trim edge runs on into the bleed on that side.
  void band(const Part& p, std::vector<model::Frame>& page) {
    const double b = type_.bleed_mm, eps = 0.01;
    double x0 = p.x, y0 = p.y, x1 = p.x + p.w, y1 = p.y + p.h;
    if (x0 <= eps) x0 = -b;
    if (y0 <= eps) y0 = -b;
    if (x1 >= type_.width_mm - eps) x1 = type_.width_mm + b;
    if (y1 >= type_.height_mm - eps) y1 = type_.height_mm + b;
    const uint32_t rgb = p.by_category && sign_.category_rgb ? *sign_.category_rgb : colour_of(p.colour, types_, brand_);
    model::Shape s{o_ + x0, o_ + y0, x1 - x0, y1 - y0, rgb};
    s.corner_mm = p.corner;
    page.push_back(s);
  }

  void text(const Part& p, std::vector<model::Frame>& page, std::vector<PlacedRegion>& regions) {
    std::string t = region_text(p, sign_, brand_);
    if (t.empty()) {
      if (p.required)
        throw SignageError(sign_.title + "（" + sign_.file + "）：缺少区域 " + p.region + " 的文字 (missing_text)");
      return;
    }
    t = p.label + t;
    model::TextBox tb{o_ + p.x, o_ + p.y, p.w, p.h, {}, p.role, p.min_pt, p.max_pt, p.align};
    std::vector<std::string> parts;
    if (!p.vertical && !p.break_after.empty()) parts = organisation_parts(t, p.break_after);
    else if (!p.vertical && p.balance) parts = title_words(t);
    if (parts.size() > 1) {
      for (const std::string& part : parts) {
        model::Run r;
        r.text = part;
        r.bold = p.bold;
        r.keep_together = true;
        tb.runs.push_back(std::move(r));
      }
    } else {
      model::Run r;
      r.text = p.vertical ? stacked(t) : t;
      r.bold = p.bold;
      tb.runs.push_back(std::move(r));
    }
    tb.color_rgb = colour_of(p.colour, types_, brand_);
    tb.max_lines = p.max_lines;
    tb.balance = p.balance;
    if (p.vertical) tb.line_spacing = 1.05;
    try {
      if (p.rows) {
        EntryRows rows = entry_rows(t, tb, p.region, fonts_);
        for (auto& f : rows.frames) page.push_back(std::move(f));
        for (auto& r : rows.regions) regions.push_back(std::move(r));
        return;
      }
      layout::fit_text_size(tb, fonts_);
    } catch (const layout::TextOverflow& e) {
      throw SignageError(overflow_message(sign_, p, e));
    }
    regions.push_back({p.region, t, tb.x_mm, tb.y_mm, tb.w_mm, tb.h_mm});
    page.push_back(std::move(tb));
  }

  // Placed unaltered: scaled uniformly into its box and centred (wave2.md §1.1: never distorted).
  void emblem(const Part& p, std::vector<model::Frame>& page) {
    if (!brand_.emblem) return;
    const model::Image& img = *brand_.emblem;
    const double aspect = img.height_px > 0 && img.width_px > 0 ? double(img.width_px) / img.height_px : 1.0;
    double w = p.w, h = p.w / aspect;
    if (h > p.h) {
      h = p.h;
      w = p.h * aspect;
    }
    page.push_back(model::PlacedImage{o_ + p.x + (p.w - w) / 2, o_ + p.y + (p.h - h) / 2, w, h, img});
  }

  void body(const Part& p, std::vector<model::Frame>& page, std::vector<PlacedRegion>& regions) {
    if (sign_.body.empty()) return;
    PolicyColumns cols = policy_columns(sign_.body, p, o_, fonts_);
    if (!cols.fits) {
      std::string what = sign_.title + "（" + sign_.file + "）：制度正文在 " + type_.name + " 上放不下（最小字号 " +
                         one_decimal(p.min_pt) + " pt 时超出 " + one_decimal(cols.over_mm) + " mm）";
      if (const SignType* next = types_.find(type_.next_size))
        what += "，请改用更大的 " + next->name + "（board=\"" + next->id + "\"）";
      else
        what += "，请删减内容或分成两块";
      throw SignageError(what + " (policy_too_long)");
    }
    for (auto& f : cols.frames) page.push_back(std::move(f));
    for (auto& r : cols.regions) regions.push_back(std::move(r));
  }

  void drawing(const Part& p, std::vector<model::Frame>& page) {
    if (!sign_.drawing) return;
    const model::Drawing& d = *sign_.drawing;
    const double dx = o_ + p.x + std::max(0.0, (p.w - d.width_mm) / 2), dy = o_ + p.y;
    for (const model::Frame& f : d.frames) page.push_back(translated(f, dx, dy));
  }

  const Sign& sign_;
  const SignType& type_;
  const SignTypes& types_;
  const Brand& brand_;
  const layout::FontSet& fonts_;
  double o_;
};

// wave2.md §1.6: 0.25 pt × 10 mm, 3 mm outside the trim, at each corner, in both directions.
void crop_marks(double o, double w, double h, std::vector<model::Frame>& page) {
  const double a = kMarkOffsetMm, l = kMarkLengthMm, t = kMarkWidthMm;
  for (double x : {o, o + w})
    for (double y : {o, o + h}) {
      const double sx = x == o ? -1 : 1, sy = y == o ? -1 : 1;
      page.push_back(model::Rule{x + sx * a, y, x + sx * (a + l), y, t, 0});
      page.push_back(model::Rule{x, y + sy * a, x, y + sy * (a + l), t, 0});
    }
}

}  // namespace

model::Frame translated(const model::Frame& f, double dx, double dy) {
  model::Frame out = f;
  std::visit(
      [&](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, model::Rule>) {
          v.x1_mm += dx, v.x2_mm += dx, v.y1_mm += dy, v.y2_mm += dy;
        } else if constexpr (std::is_same_v<T, model::Path>) {
          for (auto& pt : v.points) pt.x_mm += dx, pt.y_mm += dy;
        } else {
          v.x_mm += dx, v.y_mm += dy;
        }
      },
      out);
  return out;
}

ComposedSign compose_sign(const Sign& sign, const SignType& type, const SignTypes& types, const Brand& brand,
                          const layout::FontSet& fonts, bool marks) {
  ComposedSign out;
  out.type = &type;
  const double slug = marks ? kSlugMm : 0;
  out.offset_mm = type.bleed_mm + slug;
  model::PageSetup& ps = out.section.page;
  ps.width_mm = type.width_mm + 2 * out.offset_mm;
  ps.height_mm = type.height_mm + 2 * out.offset_mm;
  ps.top_mm = ps.bottom_mm = ps.left_mm = ps.right_mm = 0;
  ps.bleed_mm = type.bleed_mm;
  ps.slug_mm = slug;
  std::vector<model::Frame> page;
  Builder b(sign, type, types, brand, fonts, out.offset_mm);
  b.background(page);
  for (const Part& p : type.parts) b.part(p, page, out.regions);
  out.content_frames = page.size();
  if (marks) crop_marks(out.offset_mm, type.width_mm, type.height_mm, page);
  out.section.fixed_pages.push_back(std::move(page));
  return out;
}

}  // namespace lh::compose::signs
