// lianghua render INPUT... --out DIR [--style gongwen|plain|FILE] [--toc] [--title T] [--date D] [--format ofd]
// (issue 3 §7). Re-typesets every document ingest can read (DOCX, text in any encoding, Markdown,
// the document XML form, ...) into DIR/<stem>.pdf and DIR/<stem>.docx (and with --format ofd an
// OFD-A copy, DIR/<stem>.ofd, GB/T 42133-2022) from one document model,
// laid out once (render/render_document.h). Reading is in-process (ingest::inspect_bytes).
// A bad input never stops the run: one line on stderr names it and the reason, exit code 1.
#include <getopt.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/read_input.h"
#include "flow/flow.h"
#include "ingest/inspect.h"
#include "layout/layout.h"
#include "normalize/unicode.h"
#include "package/files.h"
#include "package/preservation.h"
#include "render/render_document.h"
#include "pdf/pdf.h"

namespace lh::cli {
namespace fs = std::filesystem;

namespace {

const char* kRenderHelp =
    "usage: lianghua render INPUT... --out DIR [options]\n\n"
    "Re-typesets each input (DOCX, text in any Chinese encoding, Markdown, the document XML form of\n"
    "templates/xsd/lianghua-document.xsd, and anything else lianghua reads; a directory: each file in\n"
    "it) into DIR/<name>.pdf and DIR/<name>.docx. Headings are found from the text where the source\n"
    "has no styles (第一章, 一、, （一）, 1., （1）, Markdown #). Identical input gives identical files.\n\n"
    "required:\n"
    "  INPUT...            files or folders to typeset\n"
    "  --out DIR           where the files go (created if missing): DIR/<name>.pdf, DIR/<name>.docx\n\n"
    "options:\n"
    "  --style NAME|FILE   gongwen (GB/T 9704-2012, default), plain, or a style JSON file\n"
    "  --toc               a table of contents after the title\n"
    "  --title TEXT        the documents' title property (default: each document's own title)\n"
    "  --date ISO          the files' date, e.g. 2024-03-05 or 2024-03-05T10:00:00+08:00\n"
    "                      (default: SOURCE_DATE_EPOCH, else none; never the clock)\n"
    "  --fonts FILE        the font-role map (default: fonts/roles.json)\n"
    "  --format ofd         also write DIR/<name>.ofd: OFD-A (GB/T 42133-2022) from the same pages,\n"
    "                      fonts embedded as TrueType subsets; check it with lianghua check-ofd\n"
    "                      (pdf and docx are always written; a list such as pdf,docx,ofd is accepted)\n"
    "  --pdfa              write DIR/<name>.pdf as PDF/A-2b (ISO 19005-2 = GB/T 23286.2, level B) for\n"
    "                      长期保存: XMP metadata, sRGB OutputIntent, checked as `check-pdfa` does\n"
    "  --quiet             no progress output\n"
    "  --pdf-password PW   password tried on encrypted PDFs\n"
    "  --big5 POLICY       detect | big5 | gb18030 (default detect)\n"
    "  --no-simplify       keep Traditional characters (default: 繁→简 with OpenCC tw2s)\n";

struct RenderRun {
  std::string out_dir, style = "gongwen", title, date, fonts;
  bool toc = false, quiet = false, pdfa = false, ofd = false;
  ingest::InspectOptions ingest;
};

// --format LIST: pdf and docx are always made; ofd adds the OFD-A copy.
void apply_formats(const std::string& list, RenderRun& run) {
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string f = list.substr(start, comma - start);
    if (f == "ofd") run.ofd = true;
    else if (f != "pdf" && f != "docx")
      throw UsageError{"--format takes pdf, docx and ofd (comma-separated), not '" + f + "'"};
    start = comma + 1;
  }
}

// The output name of an input: its stem, NFC, Chinese kept; "/" and NUL never occur in a stem.
// A second input with the same stem gets " (2)", then " (3)" ..., in input order.
std::string output_stem(const std::string& path, std::set<std::string>& taken) {
  std::string stem = normalize::clean_line(fs::path(path).stem().string());
  if (stem.empty() || stem == "." || stem == "..") stem = "document";
  std::string name = stem;
  for (int n = 2; taken.count(name); ++n) name = stem + " (" + std::to_string(n) + ")";
  taken.insert(name);
  return name;
}

// A flow description rendered on its own: one A4 page (GB/T 9704-2012 §5.2 margins) holding the
// chart at the largest size that fits the 156 × 225 mm text block (less one grid line, which
// layout keeps free below a drawing).
model::InspectedFile flow_as_document(const std::string& path, const std::string& bytes, const layout::FontSet& fonts) {
  const flow::Flow fl = flow::read_flow(bytes, fs::path(path).filename().string());
  model::InspectedFile f;
  f.path = path;
  f.title = fl.title;
  f.meta.format = model::Format::Xml;
  model::Document doc;
  doc.sections.emplace_back();
  const model::PageSetup& pg = doc.sections[0].page;
  doc.sections[0].blocks.push_back({flow::draw_flow(fl, fonts, pg.width_mm - pg.left_mm - pg.right_mm,
                                                    pg.height_mm - pg.top_mm - pg.bottom_mm - 11)});
  f.doc = std::make_shared<const model::Document>(std::move(doc));
  return f;
}

void parse_args(int argc, char** argv, RenderRun& run, std::vector<std::string>& inputs) {
  static const option kLong[] = {
      {"out", required_argument, nullptr, 'o'},   {"style", required_argument, nullptr, 's'},
      {"toc", no_argument, nullptr, 't'},         {"title", required_argument, nullptr, 'T'},
      {"date", required_argument, nullptr, 'd'},  {"fonts", required_argument, nullptr, 'f'},
      {"quiet", no_argument, nullptr, 'q'},       {"help", no_argument, nullptr, 'h'},
      {"pdf-password", required_argument, nullptr, 1}, {"big5", required_argument, nullptr, 1},
      {"no-simplify", no_argument, nullptr, 1},   {"pdfa", no_argument, nullptr, 'A'},
      {"format", required_argument, nullptr, 'F'},
      {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  int idx = 0, c;
  while ((c = getopt_long(argc, argv, "o:qh", kLong, &idx)) != -1) {
    switch (c) {
      case 'o': run.out_dir = optarg; break;
      case 's': run.style = optarg; break;
      case 't': run.toc = true; break;
      case 'T': run.title = optarg; break;
      case 'd': run.date = optarg; break;
      case 'f': run.fonts = optarg; break;
      case 'q': run.quiet = true; break;
      case 'F': apply_formats(optarg, run); break;
      case 'A': run.pdfa = true; break;
      case 'h': throw UsageError{""};
      case 1: apply_ingest_option(kLong[idx].name, optarg, run.ingest); break;
      default: throw UsageError{std::string("unknown or incomplete option '") + argv[optind - 1] + "'"};
    }
  }
  inputs.assign(argv + optind, argv + argc);
  if (inputs.empty()) throw UsageError{"no input given"};
  if (run.out_dir.empty()) throw UsageError{"--out DIR is required"};
  if (!run.date.empty() && !render::parse_iso_date(run.date))
    throw UsageError{"--date needs an ISO 8601 date such as 2024-03-05 or 2024-03-05T10:00:00+08:00, not '" + run.date + "'"};
}

// What the whole run needs before any input is read: the style, the fonts and the output folder.
// kOk, or the exit code of the one that could not be had (with its line on stderr).
int prepare_run(const RenderRun& run, layout::Style& style, layout::FontSet& fonts) {
  try {
    style = layout::load_style(run.style);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lianghua render: configuration error: %s\n", e.what());
    return kUsage;
  }
  pdf::tune_allocator_for_fonts();
  try {
    fonts = layout::FontSet::load(run.fonts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lianghua render: could not run: %s\n", e.what());
    return kCannotRun;
  }
  std::error_code ec;
  fs::create_directories(run.out_dir, ec);
  if (ec || !fs::is_directory(run.out_dir)) {
    std::fprintf(stderr, "lianghua render: could not run: cannot create %s: %s\n", run.out_dir.c_str(),
                 ec ? ec.message().c_str() : "not a directory");
    return kCannotRun;
  }
  return kOk;
}

// Something to typeset: text that is not all blank, or a picture or drawing.
bool has_content(const model::InspectedFile& f) {
  if (f.doc && f.doc->plain_text().find_first_not_of(" \t\r\n") != std::string::npos) return true;
  bool has_image = false;
  if (f.doc)
    for (const auto& s : f.doc->sections)
      for (const auto& b : s.blocks) has_image = has_image || std::holds_alternative<model::Image>(b.value) ||
                                                       std::holds_alternative<model::Drawing>(b.value);
  return has_image;
}

// One input read into a document that can be typeset (a flow description drawn on a page of its
// own), or nothing and why it is set aside.
std::optional<model::InspectedFile> read_for_render(const ingest::WalkedFile& in, const RenderRun& run,
                                                    const layout::FontSet& fonts, std::string& why) {
  std::string bytes;
  if (!read_input(in.fs_path, run.ingest.read.limits.max_file_bytes, bytes, why)) return std::nullopt;
  model::InspectedFile f;
  if (flow::is_flow_description(bytes)) {
    try {
      f = flow_as_document(in.path, bytes, fonts);
    } catch (const flow::FlowError& e) {
      why = e.what();
      return std::nullopt;
    }
  } else {
    f = ingest::inspect_bytes(in.path, bytes, run.ingest, true);
  }
  if (f.error) {
    why = std::string(model::error_kind_name(f.error->kind)) + ": " + f.error->message;
    return std::nullopt;
  }
  if (f.meta.format == model::Format::Zip) {
    why = "a ZIP holds several documents; unpack it and render them one by one";
    return std::nullopt;
  }
  if (!has_content(f)) {
    why = "no text to typeset";
    return std::nullopt;
  }
  return f;
}

// --pdfa: the PDF rewritten as PDF/A-2b, one note per rule it still fails; false when it is not conformant.
bool make_pdfa(render::RenderedDocument& out, const render::RenderOptions& ro, const std::string& stem,
               Progress& progress) {
  pdf::PdfaMetadata meta;
  meta.title = ro.title;
  meta.author = ro.author;
  meta.date = ro.date;
  package::PreservedPdf p = package::preserve_pdf(out.pdf, meta);
  out.pdf = std::move(p.pdf);
  for (const auto& why : p.problems) progress.note("render: " + stem + ".pdf is not PDF/A-2b: " + why);
  return p.conformant;
}

// DIR/<stem>.pdf, .docx and (when made) .ofd, each written atomically. nullptr, or the extension of
// the file that could not be written (err says why).
const char* write_rendered(const std::string& out_dir, const std::string& stem, const render::RenderedDocument& out,
                           std::string& err) {
  for (const auto& [ext, data] : {std::pair<const char*, const std::string*>{".pdf", &out.pdf}, {".docx", &out.docx},
                                  {".ofd", &out.ofd}}) {
    if (data->empty()) continue;  // the OFD when not asked for
    if (!package::write_atomic(fs::path(out_dir) / (stem + ext), *data, err)) return ext;
  }
  return nullptr;
}

}  // namespace

int cmd_render(int argc, char** argv) {
  RenderRun run;
  std::vector<std::string> inputs;
  try {
    parse_args(argc, argv, run, inputs);
  } catch (const UsageError& e) {
    return answer_usage_error(e, "render", std::string(kRenderHelp) + kExitCodesHelp);
  }
  layout::Style style;
  layout::FontSet fonts;
  if (const int refused = prepare_run(run, style, fonts); refused != kOk) return refused;

  // Directories are walked (sorted by name, like inspect); a missing file stays in the list and is
  // reported when read.
  const std::vector<ingest::WalkedFile> files = ingest::walk_inputs(inputs, false);
  Progress progress("render", run.quiet);
  std::set<std::string> taken;
  size_t failed = 0, done = 0, not_pdfa = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i].path;
    progress.update(i, files.size(), path);
    auto set_aside = [&](const std::string& why) {
      progress.note("render: not rendered: " + path + ": " + why);
      ++failed;
    };
    std::string why;
    const std::optional<model::InspectedFile> f = read_for_render(files[i], run, fonts, why);
    if (!f) {
      set_aside(why);
      continue;
    }
    render::RenderOptions ro;
    ro.title = run.title.empty() ? f->title : run.title;
    ro.author = f->meta.author;
    ro.date = run.date;
    ro.ofd = run.ofd;
    render::RenderedDocument out;
    try {
      out = render::render_document(prepare_document(*f->doc, run.toc), style, fonts, ro);
    } catch (const layout::FontError& e) {
      progress.finish();
      std::fprintf(stderr, "lianghua render: could not run: %s\n", e.what());
      return kCannotRun;
    } catch (const std::exception& e) {
      set_aside(std::string("cannot typeset: ") + e.what());
      continue;
    }
    const std::string stem = output_stem(path, taken);
    if (run.pdfa && !make_pdfa(out, ro, stem, progress)) ++not_pdfa;
    std::string err;
    if (const char* ext = write_rendered(run.out_dir, stem, out, err)) {
      progress.finish();
      std::fprintf(stderr, "lianghua render: could not run: cannot write %s%s in %s: %s\n", stem.c_str(), ext,
                   run.out_dir.c_str(), err.c_str());
      return kCannotRun;
    }
    ++done;
    if (!run.quiet)
      progress.note("render: " + path + " → " + stem + ".pdf, " + stem + ".docx" + (run.ofd ? ", " + stem + ".ofd" : "") +
                    " (" + std::to_string(out.pages) + " page(s))");
  }
  progress.update(files.size(), files.size(), "");
  progress.finish();
  std::printf("render: %zu input(s), %zu rendered, %zu not rendered", files.size(), done, failed);
  if (run.pdfa) std::printf(", %zu not PDF/A-2b", not_pdfa);
  std::printf("\n");
  return failed || not_pdfa ? kSetAside : kOk;
}

}  // namespace lh::cli
