#include "cli/signage_inputs.h"

#include <fstream>

#include "cli/read_input.h"
#include "filing/office.h"
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
    std::string bytes, why;
    if (!read_input(in.spec.emblem->string(), 4u << 20, bytes, why)) {
      problem(in.spec.emblem->string() + "：徽标无法读取：" + why + "，标识不带徽标 (emblem)");
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
    std::string bytes, why;
    if (!read_input(path, opt.read.limits.max_file_bytes, bytes, why)) {
      problem(path + "：制度文件无法读取：" + why);
      continue;
    }
    const model::InspectedFile f = ingest::inspect_bytes(path, bytes, opt, true);
    if (f.error || !f.doc) {
      problem(path + "：制度文件无法读取：" + (f.error ? std::string(model::error_kind_name(f.error->kind)) + ": " + f.error->message : "no text"));
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

}  // namespace

std::vector<sg::Sign> gather_signs(const SignageInputs& in, const layout::FontSet& fonts, const ProblemSink& problem) {
  std::vector<sg::Sign> out = sg::default_pack(in.spec, in.default_rooms, in.types);
  add_policies(in, out, problem);
  for (const sg::BoardRequest& b : in.spec.flows)
    problem(b.file.string() + "：流程图板需要流程模块（pipeline/flow），本版本尚未包含 (not_available)");
  if (in.manifest && in.scheme) {
    std::vector<sg::Sign> labels = sg::archive_labels(*in.manifest, *in.scheme, in.spec.spine_type, in.spec.cabinet_type);
    out.insert(out.end(), std::make_move_iterator(labels.begin()), std::make_move_iterator(labels.end()));
  }
  return out;
}

}  // namespace lh::cli
