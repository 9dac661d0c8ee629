// The flow module (design.md: pipeline/flow/): a flow description (templates/flow/flow.xsd) →
// a Graphviz (libgvc, "dot") layout → a model::Drawing of frames in millimetres. It does not know
// whether the drawing goes on a 流程图 board (compose/signs) or into a book (compose/book): both
// call draw_flow and place the Drawing they get.
// Symbols follow GB/T 1526-1989 ≡ ISO 5807:1985: 端点符 (rounded terminator) for start/end, a
// rectangle for 处理, a diamond for 判断 (one entry, exits labelled with their conditions), a
// rectangle with double side bars for 既定处理, a parallelogram for 数据. Drawn top to bottom.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "layout/fonts.h"
#include "model/document.h"

namespace lh::flow {

enum class StepKind { Start, End, Process, Decision, Predefined, Data };

struct Step {
  std::string id;
  StepKind kind = StepKind::Process;
  std::string label;        // what is done ("立案审批")
  std::string actor;        // who does it ("办案人员"); may be empty
  std::string time_limit;   // "3个工作日"; may be empty
  std::string note;         // legal basis or remark; may be empty
};

struct Edge {
  std::string from, to;     // step ids
  std::string label;        // condition on a decision's exit ("是" / "否" / "符合立案条件")
};

struct Flow {
  std::string title;        // "行政处罚一般程序流程图"
  std::string basis;        // the rule it follows (shown under the title); may be empty
  std::vector<Step> steps;  // in the order written
  std::vector<Edge> edges;  // cycles are allowed (补正 → 受理)
};

// what(): "<name> 第N行：reason" (or without a line where none applies), in Chinese for the clerk
// who wrote the file, with the machine kind in parentheses where one applies ("(unsafe_xml)").
struct FlowError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads a flow description (bytes of an XML file in urn:lianghua:flow:1). Refuses a DOCTYPE
// (unsafe_xml), validates against templates/flow/flow.xsd, checks that every edge names a step.
// Throws FlowError.
Flow read_flow(std::string_view xml, const std::string& name);

// True when the bytes look like a flow description: XML whose start names urn:lianghua:flow:1 and
// a <flow> element (a cheap look at the first 2 KiB, for dispatch; read_flow decides).
bool is_flow_description(std::string_view bytes);

// An empty title and basis draw no heading above the chart: for a caller that prints them itself
// (a board's title and basis regions; a book's heading).
// Lays the flow out with Graphviz and draws it: nodes as GB/T 1526 symbols with their labels in
// the body font role (actor and time limit as a second, smaller line), edges as paths with arrow
// heads, edge labels beside them. The drawing is scaled uniformly to fit max_width_mm ×
// max_height_mm, enlarged at most `max_scale` times its natural size (where label text is 10.5 pt;
// 1: never enlarged, for a page; a wall board may pass more so its text is read from a distance);
// its width_mm and
// height_mm are the size actually used. Deterministic. Throws FlowError when Graphviz fails or
// the text would fall below 6 pt to fit.
model::Drawing draw_flow(const Flow& flow, const layout::FontSet& fonts, double max_width_mm, double max_height_mm,
                         double max_scale = 1);

}  // namespace lh::flow
