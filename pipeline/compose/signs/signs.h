// Signs built from data (design.md: compose/): a sign instance (type + texts) → one fixed page of
// a model::Document at trim size plus bleed, with the print boxes set in its PageSetup, crop marks
// on request, and every text region fitted by layout::fit_text_size. Also the pieces a pack needs:
// the default pack of an office, policy boards in columns, archive box and cabinet labels from a
// manifest, QR codes as shapes, the office's emblem, imposed print sheets and the index sheet.
// Nothing here reads inputs or writes files: the CLI (cli/signage_cmd.cpp) does both.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/signs/sign_types.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "layout/fonts.h"
#include "model/document.h"

namespace lh::compose::signs {

// One sign to make.
struct Sign {
  std::string type;                           // SignType id
  std::string title;                          // for people: "门牌 · 调解室"
  std::string file;                           // file stem: "门牌-104-调解室" (unique in a pack)
  std::map<std::string, std::string> texts;   // region → text (overrides the type's from/fixed)
  std::optional<uint32_t> category_rgb;       // archive labels: the scheme's colour of the category
  std::string qr;                             // QR payload; empty: no code
  std::vector<model::Paragraph> body;         // policy boards: the rules, title excluded
  std::optional<model::Drawing> drawing;      // flow boards: the laid-out flow
};

// What every sign of an office shares.
struct Brand {
  filing::Office office;
  std::string hotline = "12315", supervision;
  std::optional<model::Image> emblem;         // placed unaltered, aspect kept
};

// Where a text region landed, in page millimetres (for the tests and the index).
struct PlacedRegion {
  std::string region, text;
  double x_mm = 0, y_mm = 0, w_mm = 0, h_mm = 0;
};

struct ComposedSign {
  model::Section section;                     // one fixed page: MediaBox = trim + 2 × (bleed + slug)
  std::vector<PlacedRegion> regions;
  const SignType* type = nullptr;
  double offset_mm = 0;                       // trim box origin on the page (bleed + slug)
  size_t content_frames = 0;                  // frames before the crop marks (a sheet draws its own)
};

// Crop marks (wave2.md §1.6): 0.25 pt lines, 10 mm long, starting 3 mm outside the trim; the slug
// that holds them around the bleed.
constexpr double kMarkOffsetMm = 3, kMarkLengthMm = 10, kMarkWidthMm = 0.25 * 25.4 / 72;
constexpr double kSlugMm = 14;  // 3 mm offset + 10 mm mark, from the trim, less the 3 mm bleed, + 4 mm air

// Builds a sign's page. Throws SignageError naming the sign and the region when a required text is
// missing or a text does not fit its region even at the type's minimum size (by how much), or a
// policy does not fit its board (and which board to use instead).
ComposedSign compose_sign(const Sign& sign, const SignType& type, const SignTypes& types, const Brand& brand,
                          const layout::FontSet& fonts, bool marks);

// The signs an office gets from its spec: unit plates, a 门牌 per room (the default room set when
// the spec lists none), the floor index, hall signs, the notice board, then the spec's own <sign>s.
// Policy and flow boards and archive labels are added by the caller (they need files read).
std::vector<Sign> default_pack(const Spec& spec, const std::vector<Room>& default_rooms, const SignTypes& types);

// The rooms the spec lists that stand on no sign of `signs` (no 门牌 of that room, no 楼层索引 that
// names it): with default-pack="false" the rooms feed only the 门牌 and 楼层索引 the spec lists, so
// a room listed for nothing is an input the pack would otherwise drop without a word.
std::vector<Room> rooms_on_no_sign(const Spec& spec, const std::vector<Sign>& signs);
// Rooms the spec lists more than once (same floor, number and name), each once: the pack makes one
// 门牌 and one index line for them and the office hears of the repeat.
std::vector<Room> rooms_listed_twice(const Spec& spec);

// A policy board: paragraphs of the policy as read (title: the title paragraph, a leading level-1 heading such as Markdown "# …", else
// `fallback_title`), 第X条 and 一、 kept as the structure.
Sign policy_board(const std::vector<model::Paragraph>& paragraphs, const std::string& fallback_title,
                  const std::string& board_type);

// Box spine labels and cabinet labels from an archive's manifest.json: one spine label per box
// (起止件号 = the first and last 件号 in the box, 盒号, 全宗号, 年度, 保管期限, 机构(问题)), one cabinet
// label per cabinet and category; each with a QR code of its 档号 range. Colours from the scheme.
std::vector<Sign> archive_labels(const nlohmann::json& manifest, const filing::Scheme& scheme,
                                 const std::string& spine_type, const std::string& cabinet_type);

// QR code of `text` (libqrencode, level M, 4-module quiet zone) as filled shapes in a w × w mm square.
std::vector<model::Frame> qr_frames(const std::string& text, double x_mm, double y_mm, double w_mm);

// The office's emblem from an SVG (librsvg, rasterised at print resolution; external references
// refused) or a PNG. Throws SignageError naming the file.
model::Image load_emblem(const std::string& bytes, const std::string& name);

// A frame moved by (dx, dy) millimetres.
model::Frame translated(const model::Frame& f, double dx, double dy);

// Print sheets: signs of types marked `sheet` placed n-up on A3 or A4 (portrait or landscape, the
// one holding more), each trim line carried out to the sheet margin as a crop mark. One Document
// per type (several pages when needed). `sheet` is "A3" or "A4".
struct Imposed {
  std::string type_id, name;                  // file name stem: "门牌-A3"
  model::Document document;
  std::vector<std::vector<std::string>> files_per_page;  // which signs are on each sheet
};
std::vector<Imposed> impose(const std::vector<const ComposedSign*>& signs, const std::vector<const Sign*>& meta,
                            const std::string& sheet);

// The contact sheet (index.pdf): every sign's preview with its title and file, A4 pages.
struct IndexEntry {
  std::string title, file, type_name, size;   // size: "300×120 mm（出血 3 mm）"
  std::string preview_png;                    // bytes; empty: a frame only
};
model::Document index_document(const std::vector<IndexEntry>& entries, const std::string& office_name);
std::string index_html(const std::vector<IndexEntry>& entries, const std::string& office_name,
                       const std::vector<std::string>& sheet_files, const std::vector<std::string>& problems);

}  // namespace lh::compose::signs
