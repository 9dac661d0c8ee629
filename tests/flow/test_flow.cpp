// The flow module as a clerk and a reader check it: a bad flow file is refused with its line named,
// every sample and generated flow (cycles, 40 steps) lays out inside its box, every label is found
// by Poppler inside the drawing in a rendered PDF, a decision is a diamond, and the bytes repeat.
#include <gtest/gtest.h>

#include <chrono>
#include <poppler.h>

#include <filesystem>
#include <random>
#include <set>

#include "flow/flow.h"
#include "layout_fixtures.h"
#include "render/render_document.h"
#include "poppler_chars.h"
#include "test_support.h"

using namespace lh;
namespace fs = std::filesystem;

namespace {

using lh::test::kMm;

std::string flow_xml(const std::string& body, const std::string& head = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + head +
         "<flow xmlns=\"urn:lianghua:flow:1\" title=\"测试流程\">\n" + body + "</flow>\n";
}

std::string error_of(const std::string& xml) {
  try {
    flow::read_flow(xml, "测试.xml");
  } catch (const flow::FlowError& e) {
    return e.what();
  }
  return "";
}

std::vector<fs::path> sample_flows() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_dir() / "samples" / "flows"))
    if (e.path().extension() == ".xml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

flow::Flow read_sample(const fs::path& p) { return flow::read_flow(test::read_file(p), p.filename().string()); }

// A seeded flow of n steps: a main line with decisions that branch forward and loop back.
flow::Flow generated(int n, unsigned seed) {
  static const std::vector<std::string> words = {"受理", "登记", "核查材料", "调查取证", "案件审核", "告知当事人",
                                                 "听取陈述申辩", "集体讨论决定", "制作文书", "送达", "执行",
                                                 "复查", "公示结果", "立卷归档"};
  std::mt19937 rng(seed);
  flow::Flow f;
  f.title = "生成的流程" + std::to_string(n);
  f.basis = "《测试规则》";
  for (int i = 0; i < n; ++i) {
    flow::Step s;
    s.id = "s" + std::to_string(i);
    s.kind = i == 0 ? flow::StepKind::Start : i == n - 1 ? flow::StepKind::End
             : rng() % 5 == 0 ? flow::StepKind::Decision : static_cast<flow::StepKind>(2 + rng() % 4);
    s.label = words[rng() % words.size()] + (s.kind == flow::StepKind::Decision ? "是否通过" : "");
    if (rng() % 3 == 0) s.actor = "办案人员";
    if (rng() % 4 == 0) s.time_limit = std::to_string(1 + rng() % 15) + "个工作日";
    f.steps.push_back(s);
    if (i > 0) f.edges.push_back({"s" + std::to_string(i - 1), s.id, f.steps[i - 1].kind == flow::StepKind::Decision ? "是" : ""});
  }
  for (int i = 1; i + 1 < n; ++i)
    if (f.steps[i].kind == flow::StepKind::Decision) {
      const int back = std::max(0, i - 1 - static_cast<int>(rng() % 3)), fwd = std::min(n - 1, i + 2 + static_cast<int>(rng() % 3));
      f.edges.push_back({f.steps[i].id, f.steps[rng() % 2 ? back : fwd].id, "否"});
    }
  return f;
}

// Every frame inside the drawing's own box.
void expect_within(const model::Drawing& d, double max_w, double max_h) {
  EXPECT_LE(d.width_mm, max_w + 1e-6);
  EXPECT_LE(d.height_mm, max_h + 1e-6);
  auto inside = [&](double x, double y) { return x >= -0.01 && y >= -0.01 && x <= d.width_mm + 0.01 && y <= d.height_mm + 0.01; };
  for (const model::Frame& f : d.frames) {
    if (const auto* p = std::get_if<model::Path>(&f)) {
      for (const auto& q : p->points) EXPECT_TRUE(inside(q.x_mm, q.y_mm)) << q.x_mm << "," << q.y_mm;
    } else if (const auto* t = std::get_if<model::TextBox>(&f)) {
      EXPECT_TRUE(inside(t->x_mm, t->y_mm) && inside(t->x_mm + t->w_mm, t->y_mm + t->h_mm)) << t->runs[0].text;
    } else if (const auto* s = std::get_if<model::Shape>(&f)) {
      EXPECT_TRUE(inside(s->x_mm, s->y_mm) && inside(s->x_mm + s->w_mm, s->y_mm + s->h_mm));
    }
  }
}

std::string render_pdf(const model::Drawing& d) {
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({d});
  render::RenderOptions o;
  o.date = "2024-03-05";
  o.docx = false;
  return render::render_document(doc, test::gongwen(), test::fonts(), o).pdf;
}

// The page's characters without white space, with their boxes.
std::vector<test::PageChar> solid_chars(const std::string& pdf) {
  GBytes* gb = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
  g_bytes_unref(gb);
  std::vector<test::PageChar> out;
  for (auto& c : test::page_chars(doc, 0))
    if (c.ch != " " && c.ch != "\n" && c.ch != "\t") out.push_back(c);
  g_object_unref(doc);
  return out;
}

}  // namespace

TEST(FlowRead, ADoctypeIsRefusedAsUnsafeNamingItsLine) {
  const std::string e = error_of(flow_xml("<step id=\"a\" label=\"甲\"/>\n", "<!DOCTYPE flow [<!ENTITY x \"y\">]>\n"));
  EXPECT_NE(e.find("测试.xml 第2行"), std::string::npos) << e;
  EXPECT_NE(e.find("unsafe_xml"), std::string::npos) << e;
}

TEST(FlowRead, AnEdgeToAnUnknownStepNamesItsLine) {
  const std::string e = error_of(flow_xml("<step id=\"a\" label=\"甲\"/>\n<step id=\"b\" label=\"乙\"/>\n"
                                          "<edge from=\"a\" to=\"c\"/>\n"));
  EXPECT_NE(e.find("第5行"), std::string::npos) << e;
  EXPECT_NE(e.find("to=\"c\""), std::string::npos) << e;
}

TEST(FlowRead, AMissingAttributeNamesTheLineAndTheAttribute) {
  const std::string e = error_of(flow_xml("<step id=\"a\" label=\"甲\"/>\n<step id=\"b\"/>\n"));
  EXPECT_NE(e.find("第4行"), std::string::npos) << e;
  EXPECT_NE(e.find("label"), std::string::npos) << e;
}

TEST(FlowRead, AnUnknownKindAndADuplicateIdAreNamed) {
  EXPECT_NE(error_of(flow_xml("<step id=\"a\" kind=\"circle\" label=\"甲\"/>\n")).find("kind=\"circle\""), std::string::npos);
  EXPECT_NE(error_of(flow_xml("<step id=\"a\" label=\"甲\"/>\n<step id=\"a\" label=\"乙\"/>\n")).find("重复"), std::string::npos);
}

TEST(FlowRead, BrokenXmlNamesTheLine) {
  const std::string e = error_of(flow_xml("<step id=\"a\" label=\"甲\">\n\n</flow>\n"));
  EXPECT_NE(e.find("第"), std::string::npos) << e;
  EXPECT_NE(e.find("damaged"), std::string::npos) << e;
}

TEST(FlowRead, TheSamplesReadWithTheirBasisAndTheLicenceLoop) {
  const auto files = sample_flows();
  ASSERT_EQ(files.size(), 4u);
  for (const auto& p : files) {
    const flow::Flow f = read_sample(p);
    EXPECT_FALSE(f.basis.empty()) << p;
    EXPECT_GE(f.steps.size(), 10u) << p;
  }
  const flow::Flow licence = read_sample(test::source_dir() / "samples" / "flows" / "行政许可登记.xml");
  bool loop = false;
  for (const auto& e : licence.edges) loop = loop || (e.from == "amend" && e.to == "receive");
  EXPECT_TRUE(loop);
}

TEST(FlowDraw, EverySampleAndAFlowWithACycleLayOutWithinTheBox) {
  for (const auto& p : sample_flows()) {
    SCOPED_TRACE(p.filename().string());
    const model::Drawing d = flow::draw_flow(read_sample(p), test::fonts(), 156, 225);
    expect_within(d, 156, 225);
    EXPECT_GT(d.width_mm, 60);
  }
}

// 40 steps do not fit an A4 text block at 6 pt (refused there, as flow.h says); an A3 text block
// (GB/T 9704 margins on 297 × 420 mm) and a 800 × 1200 mm board hold them, folded into columns.
TEST(FlowDraw, FortyStepsWithLoopsLayOutOnA3AndOnABoardWithTextOfAtLeast6Pt) {
  for (unsigned seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    for (auto [w, h] : {std::pair{243.0, 348.0}, std::pair{720.0, 1120.0}}) {
      const model::Drawing d = flow::draw_flow(generated(40, seed), test::fonts(), w, h);
      expect_within(d, w, h);
      double largest = 0;
      for (const model::Frame& f : d.frames)
        if (const auto* t = std::get_if<model::TextBox>(&f); t && t->role == model::FontRole::Body)
          largest = std::max(largest, t->max_pt);
      EXPECT_GE(largest, 6 - 1e-9) << "labels below 6 pt in " << w << " × " << h << " mm";
    }
  }
}

TEST(FlowDraw, ATooSmallBoxIsRefusedRatherThanPrintingUnreadableText) {
  EXPECT_THROW(flow::draw_flow(generated(40, 7), test::fonts(), 30, 30), flow::FlowError);
}

TEST(FlowDraw, ADecisionIsDrawnAsAClosedFourPointDiamond) {
  flow::Flow f;
  f.title = "判断";
  f.steps = {{"a", flow::StepKind::Start, "开始"}, {"q", flow::StepKind::Decision, "是否受理"}, {"b", flow::StepKind::End, "结束"}};
  f.edges = {{"a", "q", ""}, {"q", "b", "是"}, {"q", "a", "否"}};
  const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 225);
  int diamonds = 0;
  for (const model::Frame& fr : d.frames) {
    const auto* p = std::get_if<model::Path>(&fr);
    if (!p || !p->closed || p->points.size() != 4 || p->fill_rgb != 0xFFFFFF) continue;
    const auto& q = p->points;  // top, right, bottom, left
    if (std::abs(q[0].x_mm - q[2].x_mm) < 0.01 && std::abs(q[1].y_mm - q[3].y_mm) < 0.01 && q[0].y_mm < q[1].y_mm &&
        q[1].x_mm > q[0].x_mm && q[2].y_mm > q[1].y_mm && q[3].x_mm < q[0].x_mm)
      ++diamonds;
  }
  EXPECT_EQ(diamonds, 1);
}

TEST(FlowDraw, EveryLabelIsFoundByPopplerInsideTheDrawing) {
  for (const auto& p : sample_flows()) {
    SCOPED_TRACE(p.filename().string());
    const flow::Flow f = read_sample(p);
    const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 225);
    const auto chars = solid_chars(render_pdf(d));
    std::string all;
    std::vector<size_t> at;
    for (const auto& c : chars) {
      at.push_back(all.size());
      all += c.ch;
    }
    // The drawing is the first block: centred in the 版心 (x from 28 mm, 156 mm wide; y from 37 mm).
    const double x1 = (28 + (156 - d.width_mm) / 2) * kMm, y1 = 37 * kMm;
    const double x2 = x1 + d.width_mm * kMm, y2 = y1 + d.height_mm * kMm;
    std::vector<std::string> texts = {f.title};
    for (const auto& s : f.steps) texts.push_back(s.label);
    for (const auto& e : f.edges)
      if (!e.label.empty()) texts.push_back(e.label);
    for (const std::string& t : texts) {
      // Our labels break over lines: search the text with line breaks taken out, line by line
      // through the drawing's own text boxes.
      bool found = false;
      for (const model::Frame& fr : d.frames) {
        const auto* tb = std::get_if<model::TextBox>(&fr);
        std::string joined;
        if (tb)
          for (char c : tb->runs[0].text)
            if (c != '\n') joined += c;
        if (joined != t) continue;
        found = true;
        size_t from = 0, nl;
        const std::string& text = tb->runs[0].text;
        do {
          nl = text.find('\n', from);
          const std::string line = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
          from = nl + 1;
          const size_t hit = all.find(line);
          ASSERT_NE(hit, std::string::npos) << "Poppler does not find " << line;
          for (size_t i = 0; i < chars.size(); ++i)
            if (at[i] >= hit && at[i] < hit + line.size()) {
              EXPECT_GE(chars[i].x1, x1 - 0.5) << line;
              EXPECT_LE(chars[i].x2, x2 + 0.5) << line;
              EXPECT_GE(chars[i].y1, y1 - 0.5) << line;
              EXPECT_LE(chars[i].y2, y2 + 0.5) << line;
            }
        } while (nl != std::string::npos);
      }
      EXPECT_TRUE(found) << "no text box holds " << t;
    }
  }
}

TEST(FlowDraw, TheSameFlowGivesTheSameBytesTwice) {
  const flow::Flow f = read_sample(test::source_dir() / "samples" / "flows" / "行政处罚一般程序.xml");
  EXPECT_EQ(render_pdf(flow::draw_flow(f, test::fonts(), 156, 225)), render_pdf(flow::draw_flow(f, test::fonts(), 156, 225)));
}

namespace {

struct Rect { double x1, y1, x2, y2; };

// The symbols' outer boxes (closed white paths and rounded Shapes) and the arrowheads' tips
// (closed black three-point paths: their first point is the tip).
std::vector<Rect> symbol_boxes(const model::Drawing& d) {
  std::vector<Rect> out;
  for (const model::Frame& f : d.frames) {
    if (const auto* p = std::get_if<model::Path>(&f); p && p->closed && p->fill_rgb == 0xFFFFFF) {
      Rect r{1e9, 1e9, -1e9, -1e9};
      for (const auto& q : p->points) r = {std::min(r.x1, q.x_mm), std::min(r.y1, q.y_mm), std::max(r.x2, q.x_mm), std::max(r.y2, q.y_mm)};
      out.push_back(r);
    } else if (const auto* s = std::get_if<model::Shape>(&f)) {
      out.push_back({s->x_mm, s->y_mm, s->x_mm + s->w_mm, s->y_mm + s->h_mm});
    }
  }
  return out;
}

std::vector<model::PathPoint> arrow_tips(const model::Drawing& d) {
  std::vector<model::PathPoint> out;
  for (const model::Frame& f : d.frames)
    if (const auto* p = std::get_if<model::Path>(&f); p && p->closed && p->filled && p->fill_rgb == 0 && p->points.size() == 3)
      out.push_back(p->points[0]);
  return out;
}

int curved_lines(const model::Drawing& d) {
  int n = 0;
  for (const model::Frame& f : d.frames)
    if (const auto* p = std::get_if<model::Path>(&f); p && p->curved && !p->filled && p->stroke_mm > 0) ++n;
  return n;
}

// Poppler finds every line of every text of the drawing on page 1 of `pdf`, each inside `area`
// (points). The page's other text (its number) is not the drawing's.
void expect_labels_inside(const std::string& pdf, const model::Drawing& d, Rect area) {
  const auto chars = solid_chars(pdf);
  std::string all;
  std::vector<size_t> at;
  for (const auto& c : chars) {
    at.push_back(all.size());
    all += c.ch;
  }
  for (const model::Frame& fr : d.frames) {
    const auto* tb = std::get_if<model::TextBox>(&fr);
    if (!tb) continue;
    const std::string& text = tb->runs[0].text;
    for (size_t from = 0, nl = 0; nl != std::string::npos; from = nl + 1) {
      nl = text.find('\n', from);
      std::string line;
      for (char ch : text.substr(from, nl == std::string::npos ? std::string::npos : nl - from))
        if (ch != ' ') line += ch;
      const size_t hit = all.find(line);
      ASSERT_NE(hit, std::string::npos) << "Poppler does not find " << line;
      for (size_t i = 0; i < chars.size(); ++i)
        if (at[i] >= hit && at[i] < hit + line.size()) {
          EXPECT_GE(chars[i].x1, area.x1 - 0.5) << line;
          EXPECT_LE(chars[i].x2, area.x2 + 0.5) << line;
          EXPECT_GE(chars[i].y1, area.y1 - 0.5) << line;
          EXPECT_LE(chars[i].y2, area.y2 + 0.5) << line;
        }
    }
  }
}

}  // namespace

TEST(FlowDraw, EveryEdgeIsALineEndingInAnArrowheadOnASymbolsOutline) {
  for (const auto& p : sample_flows()) {
    SCOPED_TRACE(p.filename().string());
    const flow::Flow f = read_sample(p);
    const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 225);
    EXPECT_GE(curved_lines(d), static_cast<int>(f.edges.size()));
    const auto tips = arrow_tips(d);
    EXPECT_EQ(tips.size(), f.edges.size());
    const auto boxes = symbol_boxes(d);
    EXPECT_EQ(boxes.size(), f.steps.size());
    for (const auto& t : tips) {
      bool on_outline = false;  // within 1 mm of a symbol's box, not deep inside it
      for (const Rect& r : boxes)
        on_outline = on_outline || (t.x_mm >= r.x1 - 1 && t.x_mm <= r.x2 + 1 && t.y_mm >= r.y1 - 1 && t.y_mm <= r.y2 + 1);
      EXPECT_TRUE(on_outline) << t.x_mm << "," << t.y_mm;
    }
  }
}

TEST(FlowDraw, ADecisionWithUnlabelledExitsSaysYesThenNo) {
  flow::Flow f;
  f.title = "判断";
  f.steps = {{"a", flow::StepKind::Start, "开始"}, {"q", flow::StepKind::Decision, "材料齐全"},
             {"b", flow::StepKind::End, "受理"}, {"c", flow::StepKind::End, "退回"}};
  f.edges = {{"a", "q", ""}, {"q", "b", ""}, {"q", "c", ""}};
  const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 225);
  std::vector<std::string> texts;
  for (const model::Frame& fr : d.frames)
    if (const auto* tb = std::get_if<model::TextBox>(&fr)) texts.push_back(tb->runs[0].text);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "是"), 1);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "否"), 1);
}

// A step's note (flow.xsd step/@note: "行政许可法第三十二条" on the licence flow's 补正 step) was read
// and never drawn, on a page or a board. It is the step's last line, in 楷体, and Poppler reads it.
TEST(FlowDraw, AStepsNoteIsDrawnUnderItsLabel) {
  const flow::Flow f = read_sample(test::source_dir() / "samples" / "flows" / "行政许可登记.xml");
  const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 225);
  std::string text;
  for (const auto& c : solid_chars(render_pdf(d))) text += c.ch;
  int notes = 0;
  for (const flow::Step& s : f.steps) {
    if (s.note.empty()) continue;
    ++notes;
    std::string note;
    for (char c : s.note)
      if (c != ' ' && c != '\n') note += c;
    EXPECT_NE(text.find(note), std::string::npos) << s.id << ": " << s.note;
    bool in_kai = false;
    for (const model::Frame& fr : d.frames)
      if (const auto* tb = std::get_if<model::TextBox>(&fr))
        in_kai = in_kai || (tb->role == model::FontRole::Kai && tb->runs[0].text.find(s.note.substr(0, 6)) != std::string::npos);
    EXPECT_TRUE(in_kai) << s.id;
  }
  EXPECT_GE(notes, 3);
}

// An exit's condition was put where Graphviz puts a tail label, at a fixed angle and distance from
// the tail whatever its size: the licence flow's "补正后" sat on its own line. No flow line passes
// through an exit's condition, on any sample flow, on a page or on a board.
TEST(FlowDraw, NoFlowLineCrossesAnExitsCondition) {
  for (const fs::path& file : sample_flows()) {
    const flow::Flow f = read_sample(file);
    std::set<std::string> conditions = {"是", "否"};
    for (const flow::Edge& e : f.edges)
      if (!e.label.empty()) conditions.insert(e.label);
    for (const auto& [w, h] : {std::pair<double, double>{156, 225}, {540, 705}}) {
      const model::Drawing d = flow::draw_flow(f, test::fonts(), w, h, 4);
      std::vector<model::PathPoint> line;  // every curved flow line, 24 points a Bézier segment
      for (const model::Frame& fr : d.frames)
        if (const auto* p = std::get_if<model::Path>(&fr); p && p->curved)
          for (size_t k = 0; k + 3 < p->points.size(); k += 3)
            for (int j = 0; j <= 24; ++j) {
              const double t = j / 24.0, a = (1 - t) * (1 - t) * (1 - t), b = 3 * t * (1 - t) * (1 - t), c = 3 * t * t * (1 - t), e = t * t * t;
              const auto& q = p->points;
              line.push_back({a * q[k].x_mm + b * q[k + 1].x_mm + c * q[k + 2].x_mm + e * q[k + 3].x_mm,
                              a * q[k].y_mm + b * q[k + 1].y_mm + c * q[k + 2].y_mm + e * q[k + 3].y_mm});
            }
      for (const model::Frame& fr : d.frames) {
        const auto* tb = std::get_if<model::TextBox>(&fr);
        if (!tb || !conditions.count(tb->runs[0].text)) continue;
        const double mx = tb->w_mm * 0.1, my = tb->h_mm * 0.1;  // the text, inside its box's margin
        int through = 0;
        for (const auto& q : line)
          through += q.x_mm > tb->x_mm + mx && q.x_mm < tb->x_mm + tb->w_mm - mx && q.y_mm > tb->y_mm + my &&
                     q.y_mm < tb->y_mm + tb->h_mm - my;
        EXPECT_EQ(through, 0) << file.filename() << " " << w << "×" << h << ": a line through \"" << tb->runs[0].text << "\"";
      }
    }
  }
}

// The penalty flow: 16 steps, 2 decisions, a predefined process and a document.
TEST(FlowDraw, TheSixteenStepPenaltyFlowFitsAnA4PageAndAn800By1200Board) {
  const flow::Flow f = read_sample(test::source_dir() / "samples" / "flows" / "行政处罚一般程序.xml");
  ASSERT_GE(f.steps.size(), 15u);
  ASSERT_EQ(std::count_if(f.steps.begin(), f.steps.end(), [](const flow::Step& s) { return s.kind == flow::StepKind::Decision; }), 2);
  // A4 公文 text block, less the grid line layout keeps under a drawing.
  const model::Drawing a4 = flow::draw_flow(f, test::fonts(), 156, 214);
  expect_within(a4, 156, 214);
  const double x1 = (28 + (156 - a4.width_mm) / 2) * kMm, y1 = 37 * kMm;
  expect_labels_inside(render_pdf(a4), a4, {x1, y1, x1 + a4.width_mm * kMm, y1 + a4.height_mm * kMm});
  // The board: 800 × 1200 mm less 40 mm margins; at natural size (never enlarged) it fits easily.
  const model::Drawing board = flow::draw_flow(f, test::fonts(), 720, 1120);
  expect_within(board, 720, 1120);
  EXPECT_GE(board.width_mm, a4.width_mm);
  model::Document doc;
  model::Section s;
  s.page = {800, 1200, 40, 40, 40, 40};
  s.blocks.push_back({board});
  doc.sections.push_back(s);
  render::RenderOptions o;
  o.date = "2024-03-05";
  o.docx = false;
  const std::string pdf = render::render_document(doc, test::gongwen(), test::fonts(), o).pdf;
  const double bx = (40 + (720 - board.width_mm) / 2) * kMm, by = 40 * kMm;
  expect_labels_inside(pdf, board, {bx, by, bx + board.width_mm * kMm, by + board.height_mm * kMm});
}

TEST(FlowDraw, OnABoardTheChartIsEnlargedUpToMaxScaleToFillItsBox) {
  const flow::Flow f = read_sample(test::source_dir() / "samples" / "flows" / "投诉举报处理.xml");
  const model::Drawing natural = flow::draw_flow(f, test::fonts(), 720, 1120);
  const model::Drawing board = flow::draw_flow(f, test::fonts(), 720, 1120, 4);
  expect_within(board, 720, 1120);
  EXPECT_GT(board.width_mm, natural.width_mm * 1.5);
  EXPECT_TRUE(board.width_mm > 719 || board.height_mm > 1119 ||
              std::abs(board.width_mm / natural.width_mm - 4) < 0.01)  // fills one side, or reaches 4×
      << board.width_mm << " × " << board.height_mm;
  double largest = 0;
  for (const model::Frame& fr : board.frames)
    if (const auto* t = std::get_if<model::TextBox>(&fr); t && t->role == model::FontRole::Body)
      largest = std::max(largest, t->max_pt);
  EXPECT_GT(largest, 10.5 * 1.5);
}

TEST(FlowDraw, ATooSmallBoxIsRefusedWithFlowTooLargeNamingTheFlow) {
  try {
    flow::draw_flow(generated(40, 7), test::fonts(), 30, 30);
    FAIL() << "a 40-step flow fitted 30 × 30 mm";
  } catch (const flow::FlowError& e) {
    EXPECT_NE(std::string(e.what()).find("流程图过大"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("生成的流程40"), std::string::npos) << e.what();
  }
}

TEST(FlowDocx, LibreOfficeOpensADocxHoldingAFlowAndShowsItsPicture) {
  const flow::Flow f = read_sample(test::source_dir() / "samples" / "flows" / "行政许可登记.xml");
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({flow::draw_flow(f, test::fonts(), 156, 214)});
  render::RenderOptions o;
  o.date = "2024-03-05";
  const std::string docx = render::render_document(doc, test::gongwen(), test::fonts(), o).docx;
  ASSERT_FALSE(docx.empty());
  if (!test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  const fs::path dir = test::temp_dir("flow-lo");
  test::write_file(dir / "flow.docx", docx);
  const auto r = test::run({"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(), "--headless",
                            "--convert-to", "pdf", "--outdir", dir.string(), (dir / "flow.docx").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pdf = test::read_file(dir / "flow.pdf");
  GBytes* gb = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* pd = poppler_document_new_from_bytes(gb, nullptr, nullptr);
  g_bytes_unref(gb);
  ASSERT_TRUE(pd);
  EXPECT_EQ(poppler_document_get_n_pages(pd), 1);
  PopplerPage* page = poppler_document_get_page(pd, 0);
  GList* images = poppler_page_get_image_mapping(page);
  ASSERT_EQ(g_list_length(images), 1u) << "LibreOffice shows no picture of the flow";
  const auto* m = static_cast<PopplerImageMapping*>(images->data);
  EXPECT_GT((m->area.x2 - m->area.x1) / kMm, 60);  // the drawing's width, not a thumbnail
  poppler_page_free_image_mapping(images);
  g_object_unref(page);
  g_object_unref(pd);
}

// Issue 13 §4: a flow with a cycle or 500 steps is handled within stated time: the cycle is drawn
// (its back edge with its label), 500 steps on one page are refused as too large, naming the flow.
namespace {
std::string chain_xml(int steps, bool back_edge) {
  std::string body;
  for (int i = 0; i < steps; ++i)
    body += "<step id=\"s" + std::to_string(i) + "\" label=\"第" + std::to_string(i) + "步 审查材料\"/>\n";
  for (int i = 0; i + 1 < steps; ++i)
    body += "<edge from=\"s" + std::to_string(i) + "\" to=\"s" + std::to_string(i + 1) + "\"/>\n";
  if (back_edge) body += "<edge from=\"s" + std::to_string(steps - 1) + "\" to=\"s0\" label=\"退回\"/>\n";
  return flow_xml(body);
}
}  // namespace

TEST(FlowLimits, AFlowWithACycleIsDrawnWithItsBackEdge) {
  const flow::Flow f = flow::read_flow(chain_xml(5, true), "环.xml");
  const model::Drawing d = flow::draw_flow(f, test::fonts(), 156, 214);
  EXPECT_GT(d.width_mm, 0);
  bool label = false;
  for (const model::Frame& fr : d.frames)
    if (const auto* t = std::get_if<model::TextBox>(&fr))
      for (const auto& r : t->runs) label = label || r.text.find("退回") != std::string::npos;
  EXPECT_TRUE(label) << "the back edge's label is drawn";
}

TEST(FlowLimits, FiveHundredStepsOnOnePageAreRefusedQuicklyAsTooLarge) {
  const flow::Flow f = flow::read_flow(chain_xml(500, false), "长流程.xml");
  const auto start = std::chrono::steady_clock::now();
  try {
    flow::draw_flow(f, test::fonts(), 156, 214);
    FAIL() << "500 steps fitted one page";
  } catch (const flow::FlowError& e) {
    EXPECT_NE(std::string(e.what()).find("流程图过大"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 60.0);
}
