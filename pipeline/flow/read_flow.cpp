// Reading a flow description (templates/flow/flow.xsd, namespace urn:lianghua:flow:1) through the
// project's one safe XML parser (ingest/safe_xml.h: a DOCTYPE is refused as unsafe_xml before any
// entity is read, no network, no XInclude, capped size). Each problem is one Chinese sentence that
// names the file and the line, so the clerk who wrote the file can fix it; the XSD is checked last,
// as a net under the reader's own checks.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "flow/flow.h"
#include "ingest/safe_xml.h"
#include "model/paths.h"

namespace lh::flow {
namespace {

constexpr std::string_view kNs = "urn:lianghua:flow:1";
constexpr uint64_t kMaxBytes = 4u << 20;  // a flow of 500 steps is well under 1 MiB

[[noreturn]] void fail(const std::string& name, int line, const std::string& reason) {
  throw FlowError(name + (line > 0 ? " 第" + std::to_string(line) + "行" : "") + "：" + reason);
}

int line_of(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(const_cast<xmlNode*>(n))); }

// The line of the first "<!DOCTYPE" in the bytes (the parser stops before building a node for it).
int doctype_line(std::string_view xml) {
  const size_t at = xml.find("<!DOCTYPE");
  if (at == std::string_view::npos) return 0;
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += xml[i] == '\n';
  return line;
}

// "… line 7: message" as ingest writes it → 7 (0 when absent).
int line_in_message(const std::string& msg) {
  const size_t at = msg.find(" line ");
  if (at == std::string::npos) return 0;
  int v = 0;
  const char* b = msg.data() + at + 6;
  std::from_chars(b, msg.data() + msg.size(), v);
  return v;
}

const ingest::XmlSchemaHandle* flow_schema() {
  static ingest::XmlSchemaPtr schema;
  static std::once_flag once;
  std::call_once(once, [] {
    std::ifstream f(model::templates_dir() / "flow" / "flow.xsd", std::ios::binary);
    if (!f) return;  // the reader's own checks below cover every rule of the schema
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string err;
    schema = ingest::load_schema(ss.str(), "flow.xsd", &err);
  });
  return schema.get();
}

std::string required(const xmlNode* n, std::string_view attr, const char* what, const std::string& name) {
  auto v = ingest::attr_opt(n, attr);
  if (!v || ingest::trim(*v).empty())
    fail(name, line_of(n), "<" + std::string(ingest::cstr(n->name)) + "> 缺少属性 " + std::string(attr) + "（" + what + "）");
  return ingest::trim(*v);
}

StepKind kind_of(const xmlNode* n, const std::string& name) {
  static const std::map<std::string, StepKind, std::less<>> kKinds = {
      {"start", StepKind::Start},     {"end", StepKind::End},
      {"process", StepKind::Process}, {"decision", StepKind::Decision},
      {"predefined", StepKind::Predefined}, {"data", StepKind::Data}};
  const std::string k = ingest::trim(ingest::attr(n, "kind"));
  if (k.empty()) return StepKind::Process;
  auto it = kKinds.find(k);
  if (it == kKinds.end())
    fail(name, line_of(n), "kind=\"" + k + "\" 不是可用的符号（start 开始、end 结束、process 处理、decision 判断、predefined 既定处理、data 数据）");
  return it->second;
}

Step read_step(const xmlNode* n, const std::string& name) {
  Step s;
  s.id = required(n, "id", "步骤编号", name);
  s.kind = kind_of(n, name);
  s.label = required(n, "label", "步骤名称", name);
  s.actor = ingest::trim(ingest::attr(n, "actor"));
  s.time_limit = ingest::trim(ingest::attr(n, "time-limit"));
  s.note = ingest::trim(ingest::attr(n, "note"));
  return s;
}

}  // namespace

bool is_flow_description(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 2048);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  return head.substr(0, 5) == "<?xml" && head.find(kNs) != std::string_view::npos &&
         head.find("<flow") != std::string_view::npos;
}

Flow read_flow(std::string_view xml, const std::string& name) {
  ingest::XmlParse parsed = ingest::parse_xml(xml, name, kMaxBytes);
  if (parsed.error) {
    const std::string& m = parsed.error->message;
    switch (parsed.error->kind) {
      case model::ErrorKind::UnsafeXml:
        fail(name, doctype_line(xml) ? doctype_line(xml) : line_in_message(m),
             "含 DOCTYPE（文档类型声明）或实体，出于安全不予读取 (unsafe_xml)");
      case model::ErrorKind::TooLarge:
        fail(name, 0, "文件过大，流程描述不应超过 4 MiB (too_large)");
      default:
        fail(name, line_in_message(m), "不是格式正确的 XML：" + m.substr(std::min(m.size(), m.find(": ") + 2)) + " (damaged)");
    }
  }
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (!ingest::el_is(root, kNs, "flow"))
    fail(name, line_of(root), "根元素应为命名空间 urn:lianghua:flow:1 中的 <flow>，不是流程描述");
  Flow f;
  f.title = required(root, "title", "流程图标题", name);
  f.basis = ingest::trim(ingest::attr(root, "basis"));
  std::map<std::string, int> line_of_step;
  std::vector<std::pair<Edge, int>> edges;
  for (const xmlNode* c : ingest::elements(root)) {
    if (ingest::el_is(c, kNs, "step")) {
      Step s = read_step(c, name);
      if (auto [it, fresh] = line_of_step.emplace(s.id, line_of(c)); !fresh)
        fail(name, line_of(c), "步骤编号 \"" + s.id + "\" 重复（第" + std::to_string(it->second) + "行已用）");
      f.steps.push_back(std::move(s));
    } else if (ingest::el_is(c, kNs, "edge")) {
      Edge e{required(c, "from", "起点步骤编号", name), required(c, "to", "终点步骤编号", name),
             ingest::trim(ingest::attr(c, "label"))};
      edges.emplace_back(std::move(e), line_of(c));
    } else {
      fail(name, line_of(c), "不认识的元素 <" + std::string(ingest::cstr(c->name)) + ">（只允许 <step> 和 <edge>）");
    }
  }
  if (f.steps.empty()) fail(name, line_of(root), "流程中没有任何 <step> 步骤");
  for (auto& [e, line] : edges) {
    for (const std::string* id : {&e.from, &e.to})
      if (!line_of_step.count(*id))
        fail(name, line, "连线 " + std::string(id == &e.from ? "from" : "to") + "=\"" + *id + "\" 指向不存在的步骤");
    f.edges.push_back(std::move(e));
  }
  if (const ingest::XmlSchemaHandle* schema = flow_schema()) {
    auto problems = ingest::validate(*schema, parsed.doc.get());
    if (!problems.empty())
      fail(name, problems[0].line, "不符合流程描述格式 templates/flow/flow.xsd：" + problems[0].message);
  }
  return f;
}

}  // namespace lh::flow
