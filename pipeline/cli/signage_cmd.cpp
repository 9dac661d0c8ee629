// lianghua signage SPEC --out DIR [--archive ARCHIVE] [--only TYPE] [--sheet A3|A4|none] [--marks]
// (issue 10). One office's sign pack from its spec: the signs are composed (compose/signs), laid
// out once as one document and drawn by ONE cairo pass, written by qpdf as one PDF per sign
// (pdf::write_pdf_per_page), each with its TrimBox and BleedBox; then a PNG preview per sign, the
// imposed print sheets and the index (PDF and HTML). A sign that cannot be made is named on stderr
// with the reason; the others are still made (exit 1).
#include <getopt.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/signage_inputs.h"
#include "compose/signs/signs.h"
#include "layout/layout.h"
#include "model/paths.h"
#include "normalize/unicode.h"
#include "package/files.h"
#include "render/render_document.h"
#include "pdf/pdf.h"
#include "pdf/preview.h"

namespace lh::cli {
namespace fs = std::filesystem;
namespace sg = compose::signs;

namespace {

const char* kSignageHelp =
    "usage: lianghua signage SPEC --out DIR [options]\n\n"
    "Makes an office's sign pack from its signage spec (templates/signage/signage.xsd, README\n"
    "\"lianghua signage\"): unit name plates, a 门牌 for every room (the 九室二库一厅 set when the spec\n"
    "lists none), 岗位牌, the floor index, hall signs, the 公示栏, 制度上墙 boards from the office's\n"
    "policy files, 流程图 boards, and with --archive the archive's box spine and cabinet labels.\n\n"
    "outputs (byte-identical for identical input):\n"
    "  DIR/signs/<name>.pdf     one per sign: trim size + bleed, TrimBox and BleedBox set\n"
    "  DIR/previews/<name>.png  a proof of each sign, cropped to the trim\n"
    "  DIR/sheets/<type>-A3.pdf the small signs n-up with crop marks\n"
    "  DIR/index.pdf, index.html every sign with its preview and file\n\n"
    "required:\n"
    "  SPEC                the office's signage spec (XML)\n"
    "  --out DIR           where the pack goes (created if missing)\n\n"
    "options:\n"
    "  --archive ARCHIVE   an archive made by 'lianghua archive': spine and cabinet labels from its\n"
    "                      manifest.json (boxes, 件号 ranges, places), each with a QR code\n"
    "  --only TYPE         only signs of this type (id or name: door-plate, 门牌, spine, policy, …)\n"
    "  --sheet A3|A4|none  print sheets for the small signs (default A3)\n"
    "  --marks             crop marks (0.25 pt × 10 mm, 3 mm outside the trim) on every sign's PDF\n"
    "  --types FILE        the sign types (default templates/signage/types.xml)\n"
    "  --fonts FILE        the font-role map (default fonts/roles.json)\n"
    "  --date ISO          the files' date (default SOURCE_DATE_EPOCH, else none; never the clock)\n"
    "  --quiet             no progress output\n\n"
    "exit codes: 0 all made; 1 some signs not made (each named on stderr); 2 usage or spec error;\n"
    "            3 could not run (fonts missing, output not writable).\n";

struct SignageRun {
  std::string spec, out_dir, archive, only, sheet = "A3", types, fonts, date;
  bool marks = false, quiet = false;
};

void parse_args(int argc, char** argv, SignageRun& run) {
  static const option kLong[] = {
      {"out", required_argument, nullptr, 'o'},   {"archive", required_argument, nullptr, 'a'},
      {"only", required_argument, nullptr, 'O'},  {"sheet", required_argument, nullptr, 's'},
      {"marks", no_argument, nullptr, 'm'},       {"types", required_argument, nullptr, 't'},
      {"fonts", required_argument, nullptr, 'f'}, {"date", required_argument, nullptr, 'd'},
      {"quiet", no_argument, nullptr, 'q'},       {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  int idx = 0, c;
  while ((c = getopt_long(argc, argv, "o:qh", kLong, &idx)) != -1) {
    switch (c) {
      case 'o': run.out_dir = optarg; break;
      case 'a': run.archive = optarg; break;
      case 'O': run.only = optarg; break;
      case 's': run.sheet = optarg; break;
      case 'm': run.marks = true; break;
      case 't': run.types = optarg; break;
      case 'f': run.fonts = optarg; break;
      case 'd': run.date = optarg; break;
      case 'q': run.quiet = true; break;
      case 'h': throw UsageError{""};
      default: throw UsageError{std::string("unknown or incomplete option '") + argv[optind - 1] + "'"};
    }
  }
  if (optind + 1 != argc) throw UsageError{optind >= argc ? "no SPEC given" : "one SPEC only"};
  run.spec = argv[optind];
  if (run.out_dir.empty()) throw UsageError{"--out DIR is required"};
  if (run.sheet != "A3" && run.sheet != "A4" && run.sheet != "none")
    throw UsageError{"--sheet takes A3, A4 or none, not '" + run.sheet + "'"};
  if (!run.date.empty() && !render::parse_iso_date(run.date))
    throw UsageError{"--date needs an ISO 8601 date such as 2024-03-05, not '" + run.date + "'"};
}

// --only: a type id ("door-plate"), its family ("spine" → spine-30, "policy" → policy-600x900) or
// its name ("门牌").
bool wanted(const std::string& only, const sg::SignType& t) {
  if (only.empty()) return true;
  return t.id == only || t.id.rfind(only + "-", 0) == 0 || t.name == only || t.name.rfind(only + "（", 0) == 0;
}

// File stems unique in the pack, safe on every file system a print shop uses: no reserved or
// control characters, and short enough that the longest name made from one (".name.pdf.tmpPID"
// while written, " (12)" when taken) stays within the 255 bytes of ext4 and NTFS (a 岗位牌 named
// with its whole duty, 114 characters, made a name the file system refused: exit 3).
void unique_files(std::vector<sg::Sign>& signs) {
  constexpr size_t kStemBytes = 200;
  std::set<std::string> taken;
  for (sg::Sign& s : signs) {
    std::string stem;
    for (char c : normalize::utf8_prefix(s.file, kStemBytes))
      stem += (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' ||
               (static_cast<unsigned char>(c) < 0x20) || c == 0x7F) ? '_' : c;
    std::string name = stem;
    for (int n = 2; taken.count(name); ++n) name = stem + " (" + std::to_string(n) + ")";
    taken.insert(name);
    s.file = name;
  }
}

std::string fmt_mm(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

struct Made {
  std::vector<sg::Sign> signs;
  std::vector<sg::ComposedSign> composed;
};

class Writer {
 public:
  Writer(const SignageRun& run) : run_(run) {}
  bool write(const fs::path& rel, const std::string& bytes) {
    std::string err;
    const fs::path p = fs::path(run_.out_dir) / rel;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (!package::write_atomic(p, bytes, err, false)) {
      std::fprintf(stderr, "lianghua signage: could not run: cannot write %s: %s\n", p.c_str(), err.c_str());
      return false;
    }
    return true;
  }
 private:
  const SignageRun& run_;
};

// A policy or flow board: running text or a flowchart, hundreds of different characters.
bool is_board(const sg::SignType& t) {
  return t.first(sg::Part::Kind::Body) || t.first(sg::Part::Kind::Drawing);
}

// Every sign's PDF, in the order of made.signs. The signs are drawn by one cairo pass per batch
// (pdf::write_pdf_per_page), whose fonts are cut to the batch's glyphs; the boards are a batch of
// their own, so a 门牌's file does not carry the glyphs of every policy (issue 12 item 1: a small
// sign under 40 KB).
std::vector<std::string> sign_pdfs(const Made& made, const pdf::PdfOptions& po, const layout::Style& style,
                                   const layout::FontSet& fonts) {
  std::vector<std::string> out(made.composed.size());
  for (const bool boards : {false, true}) {
    model::Document pack;
    std::vector<size_t> at;
    for (size_t i = 0; i < made.composed.size(); ++i)
      if (is_board(*made.composed[i].type) == boards) {
        pack.sections.push_back(made.composed[i].section);
        at.push_back(i);
      }
    if (at.empty()) continue;
    std::vector<std::string> pdfs = pdf::write_pdf_per_page(layout::lay_out(pack, style, fonts), po);
    for (size_t k = 0; k < pdfs.size() && k < at.size(); ++k) out[at[k]] = std::move(pdfs[k]);
  }
  return out;
}

int draw_pack(const SignageRun& run, const SignageInputs& in, Made& made, std::vector<std::string>& problems,
              const layout::FontSet& fonts) {
  Writer out(run);
  pdf::PdfOptions po;
  po.title = in.brand.office.name + " 标识";
  po.author = in.brand.office.name;
  po.date = run.date;
  const layout::Style style = layout::load_style("plain");
  std::vector<sg::IndexEntry> index;
  if (!made.composed.empty()) {
    const std::vector<std::string> pdfs = sign_pdfs(made, po, style, fonts);
    for (size_t i = 0; i < pdfs.size() && i < made.signs.size(); ++i) {
      const sg::Sign& s = made.signs[i];
      const sg::SignType& t = *made.composed[i].type;
      const std::string png = pdf::preview_png(pdfs[i], 0, made.composed[i].offset_mm * 72 / 25.4, 480);
      if (!out.write(fs::path("signs") / (s.file + ".pdf"), pdfs[i]) ||
          !out.write(fs::path("previews") / (s.file + ".png"), png))
        return kCannotRun;
      index.push_back({s.title, s.file, t.name,
                       fmt_mm(t.width_mm) + "×" + fmt_mm(t.height_mm) + " mm（出血 " + fmt_mm(t.bleed_mm) + " mm）", png});
    }
  }
  std::vector<std::string> sheet_files;
  if (run.sheet != "none") {
    std::vector<const sg::ComposedSign*> cs;
    std::vector<const sg::Sign*> meta;
    for (size_t i = 0; i < made.composed.size(); ++i) cs.push_back(&made.composed[i]), meta.push_back(&made.signs[i]);
    for (const sg::Imposed& imp : sg::impose(cs, meta, run.sheet)) {
      const std::string rel = "sheets/" + imp.name + ".pdf";
      po.title = in.brand.office.name + " " + imp.name;
      if (!out.write(rel, pdf::write_pdf(layout::lay_out(imp.document, style, fonts), po))) return kCannotRun;
      sheet_files.push_back(rel);
    }
  }
  po.title = in.brand.office.name + " 标识清单";
  if (!out.write("index.pdf", pdf::write_pdf(layout::lay_out(sg::index_document(index, in.brand.office.name), style, fonts), po)) ||
      !out.write("index.html", sg::index_html(index, in.brand.office.name, sheet_files, problems)))
    return kCannotRun;
  if (!run.quiet)
    std::printf("signage: %zu sign(s) in %s/signs, %zu print sheet file(s), index.pdf and index.html\n", made.signs.size(),
                run.out_dir.c_str(), sheet_files.size());
  return kOk;
}

}  // namespace

int cmd_signage(int argc, char** argv) {
  SignageRun run;
  try {
    parse_args(argc, argv, run);
  } catch (const UsageError& e) {
    return answer_usage_error(e, "signage", kSignageHelp);
  }
  std::vector<std::string> problems;
  auto problem = [&](const std::string& p) {
    std::fprintf(stderr, "signage: 未制作: %s\n", p.c_str());
    problems.push_back(p);
  };
  SignageInputs in;
  try {
    in = load_signage_inputs(run.spec, run.types, run.archive, problem);
  } catch (const sg::SignageError& e) {
    std::fprintf(stderr, "lianghua signage: configuration error: %s\n", e.what());
    return kUsage;
  }
  pdf::tune_allocator_for_fonts();
  layout::FontSet fonts;
  try {
    fonts = layout::FontSet::load(run.fonts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lianghua signage: could not run: %s\n", e.what());
    return kCannotRun;
  }
  // The composer fits every region (to name a sign that overflows); the layout fits them again and
  // the print sheets once more: with the shapes kept, the text is shaped once.
  const layout::ShapeCache shapes;
  std::vector<sg::Sign> signs = gather_signs(in, fonts, problem);
  unique_files(signs);
  Made made;
  for (sg::Sign& s : signs) {
    const sg::SignType* t = in.types.find(s.type);
    if (!t) {
      problem(s.title + "：未知的标识类型 " + s.type + " (unknown_type)");
      continue;
    }
    if (!wanted(run.only, *t)) continue;
    try {
      made.composed.push_back(sg::compose_sign(s, *t, in.types, in.brand, fonts, run.marks));
      made.signs.push_back(std::move(s));
    } catch (const sg::SignageError& e) {
      problem(e.what());
    }
  }
  std::error_code ec;
  fs::create_directories(run.out_dir, ec);
  if (ec || !fs::is_directory(run.out_dir)) {
    std::fprintf(stderr, "lianghua signage: could not run: cannot create %s\n", run.out_dir.c_str());
    return kCannotRun;
  }
  const int rc = draw_pack(run, in, made, problems, fonts);
  if (rc != kOk) return rc;
  std::printf("signage: %zu made, %zu not made\n", made.signs.size(), problems.size());
  return problems.empty() ? kOk : kSetAside;
}

}  // namespace lh::cli
