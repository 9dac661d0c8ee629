#include "cli/signage_inputs.h"

#include <fstream>

#include "cli/read_input.h"
#include "filing/office.h"
#include "filing/plan.h"
#include "flow/flow.h"
#include "ingest/inspect.h"
#include "model/paths.h"

namespace lh::cli {
namespace fs = std::filesystem;
namespace sg = compose::signs;

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string o;
  for (const auto& s : v) o += (o.empty() ? "" : "\n") + s;
  return o;
}

void load_archive(const fs::path& archive, SignageInputs& in, const ProblemSink& problem) {
  const fs::path mpath = archive / "manifest.json";
  std::ifstream f(mpath, std::ios::binary);
  if (!f) {
    problem(mpath.string() + "：找不到档案的 manifest.json，盒脊和档案柜标签未制作 (no_manifest)");
    return;
  }
  try {
    in.manifest = nlohmann::json::parse(f);
  } catch (const std::exception& e) {
    problem(mpath.string() + "：manifest.json 无法解析：" + e.what() + " (damaged)");
    return;
  }
  const fs::path scheme = in.spec.scheme ? *in.spec.scheme : filing::default_scheme_path(model::project_root());
  filing::SchemeLoad sl = filing::load_scheme(scheme);
  if (!sl.scheme) {
    problem(scheme.string() + "：归档方案无法读取，标签颜色不能按门类取：" + join(sl.errors) + " (bad_scheme)");
    in.manifest.reset();
    return;
  }
  in.scheme = std::move(sl.scheme);
}

}  // namespace

SignageInputs load_signage_inputs(const std::string& spec, const std::string& types_file, const std::string& archive,
                                  const ProblemSink& problem) {
  SignageInputs in;
  const fs::path dir = model::templates_dir() / "signage";
  const std::string xsd = sg::read_signage_file(dir / "signage.xsd");
  const fs::path types = types_file.empty() ? dir / "types.xml" : fs::path(types_file);
  in.types = sg::read_sign_types(sg::read_signage_file(types), xsd, types.string());
  in.default_rooms = sg::read_room_set(sg::read_signage_file(dir / "rooms.xml"), xsd, (dir / "rooms.xml").string());
  in.spec = sg::read_spec(sg::read_signage_file(spec), xsd, fs::absolute(spec));
  filing::OfficeLoad ol = filing::load_office(in.spec.office, model::templates_dir() / "scheme" / "office.xsd");
  if (!ol.office) throw sg::SignageError(join(ol.errors));
  in.brand.office = *ol.office;
  in.brand.hotline = in.spec.hotline;
  in.brand.supervision = in.spec.supervision;
  if (in.spec.emblem) {
    std::string bytes;
    ReadFailure why;
    if (!read_input(in.spec.emblem->string(), 4u << 20, bytes, why)) {
      problem(in.spec.emblem->string() + "：徽标无法读取，标识不带徽标：" + why.chinese());
    } else {
      try {
        in.brand.emblem = sg::load_emblem(bytes, in.spec.emblem->string());
      } catch (const sg::SignageError& e) {
        problem(std::string(e.what()) + "，标识不带徽标");
      }
    }
  }
  if (!archive.empty()) load_archive(archive, in, problem);
  return in;
}

namespace {

void add_policies(const SignageInputs& in, std::vector<sg::Sign>& out, const ProblemSink& problem) {
  ingest::InspectOptions opt;
  for (const sg::BoardRequest& b : in.spec.policies) {
    const std::string path = b.file.string();
    // Every line of the pack's stderr is Chinese, the machine kind in parentheses (a missing
    // policy file said "cannot be opened" among them): read_input's and the reader's reasons are
    // worded as the archive words a file it sets aside (filing::refusal_reason).
    std::string bytes;
    ReadFailure why;
    if (!read_input(path, opt.read.limits.max_file_bytes, bytes, why)) {
      problem(path + "：制度文件无法读取，制度牌未制作：" + why.chinese());
      continue;
    }
    const model::InspectedFile f = ingest::inspect_bytes(path, bytes, opt, true);
    if (f.error || !f.doc) {
      problem(path + "：制度文件无法读取，制度牌未制作：" +
              (f.error ? filing::refusal_reason(*f.error) : std::string("文件中没有可读的文字 (no_text)")));
      continue;
    }
    const model::Document doc = prepare_document(*f.doc, false);
    std::vector<model::Paragraph> paragraphs;
    for (const auto& s : doc.sections)
      for (const auto& blk : s.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&blk.value)) paragraphs.push_back(*p);
    out.push_back(sg::policy_board(paragraphs, f.title, b.board));
  }
}

// A 流程图 board (wave2.md §1.4): the flow's title and basis in the board's text regions, the chart
// drawn by the flow module into the board's drawing area, enlarged up to 4× its page size so its
// 10.5 pt labels read at 42 pt from across the hall. A flow that cannot be read or fit is named and
// the board left out; the rest of the pack is made.
void add_flow_boards(const SignageInputs& in, const layout::FontSet& fonts, std::vector<sg::Sign>& out,
                     const ProblemSink& problem) {
  constexpr double kBoardMaxScale = 4;
  for (const sg::BoardRequest& b : in.spec.flows) {
    const std::string path = b.file.string();
    const sg::SignType* type = in.types.find(b.board);
    const sg::Part* area = type ? type->first(sg::Part::Kind::Drawing) : nullptr;
    if (!area) {
      problem(path + "：流程图板类型 " + b.board + " 不存在或没有流程图区域 (bad_board)");
      continue;
    }
    std::string bytes;
    ReadFailure why;
    if (!read_input(path, 4u << 20, bytes, why)) {
      problem(path + "：流程说明无法读取，流程图牌未制作：" + why.chinese());
      continue;
    }
    try {
      const flow::Flow fl = flow::read_flow(bytes, b.file.filename().string());
      sg::Sign s;
      s.type = b.board;
      s.texts["title"] = fl.title;
      if (!fl.basis.empty()) s.texts["basis"] = "依据：" + fl.basis;
      s.title = "流程图牌 · " + fl.title;
      s.file = "流程-" + fl.title;
      flow::Flow chart = fl;  // the board's own regions carry the title and the basis
      chart.title.clear();
      chart.basis.clear();
      s.drawing = flow::draw_flow(chart, fonts, area->w, area->h, kBoardMaxScale);
      out.push_back(std::move(s));
    } catch (const flow::FlowError& e) {
      problem(path + "：" + e.what());
    }
  }
}

// Rooms the spec lists for no sign (default-pack="false" makes only the signs listed, README): named
// with the spec, as any input the pack sets aside is, so the office hears that they got no 门牌.
void report_rooms_on_no_sign(const SignageInputs& in, const std::vector<sg::Sign>& signs, const ProblemSink& problem) {
  const std::vector<sg::Room> unused = sg::rooms_on_no_sign(in.spec, signs);
  if (unused.empty()) return;
  std::string names;
  for (const sg::Room& r : unused) names += (names.empty() ? "" : "、") + (r.number.empty() ? "" : r.number + " ") + r.name;
  problem(in.spec.file.string() + "：列出的 " + std::to_string(unused.size()) + " 个房间不在任何标识上（" + names +
          "）：default-pack=\"false\" 只制作列出的 <sign>；要门牌请为房间列出 <sign type=\"door-plate\">，"
          "要楼层索引请列出 <sign type=\"floor-index\"/>，或去掉 default-pack=\"false\" (rooms_on_no_sign)");
}

// A room listed twice gets one 门牌 (sg::default_pack), and the spec's author is told: a repeat is
// a copy-paste slip or two rooms that lack what tells them apart (a number, a floor).
void report_rooms_listed_twice(const SignageInputs& in, const ProblemSink& problem) {
  for (const sg::Room& r : sg::rooms_listed_twice(in.spec))
    problem(in.spec.file.string() + "：房间 " + (r.floor.empty() ? "" : r.floor + " ") + (r.number.empty() ? "" : r.number + " ") +
            r.name + " 列出不止一次，只制作一块门牌；如是两个房间，请写明各自的门牌号或楼层 (room_listed_twice)");
}

}  // namespace

std::vector<sg::Sign> gather_signs(const SignageInputs& in, const layout::FontSet& fonts, const ProblemSink& problem) {
  std::vector<sg::Sign> out = sg::default_pack(in.spec, in.default_rooms, in.types);
  report_rooms_listed_twice(in, problem);
  report_rooms_on_no_sign(in, out, problem);
  add_policies(in, out, problem);
  add_flow_boards(in, fonts, out, problem);
  if (in.manifest && in.scheme) {
    std::vector<sg::Sign> labels = sg::archive_labels(*in.manifest, *in.scheme, in.spec.spine_type, in.spec.cabinet_type);
    out.insert(out.end(), std::make_move_iterator(labels.begin()), std::make_move_iterator(labels.end()));
  }
  return out;
}

}  // namespace lh::cli
