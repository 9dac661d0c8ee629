// Sign types, room sets and an office's signage spec, read from XML (templates/signage/signage.xsd,
// urn:lianghua:signage:1) through the one safe parser (filing/xml_safe.h: a DOCTYPE is refused,
// every error names its line). The types are data (templates/signage/types.xml): trim size, bleed,
// bands, colours, text regions with their size range; this file only reads them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/document.h"

namespace lh::compose::signs {

// A problem with a spec, a types file or one sign. what(): one line in Chinese, naming the file
// and line, or the sign and region.
struct SignageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Colour {
  std::string name;
  uint32_t rgb = 0;
  std::string cmyk;      // "c,m,y,k" in percent, for the print shop (cairo writes RGB)
  std::string source;
};

// One element of a sign type, in trim-box millimetres.
struct Part {
  enum class Kind { Band, Outline, Rule, Text, Emblem, Qr, Body, Drawing } kind = Kind::Band;
  double x = 0, y = 0, w = 0, h = 0;        // Rule: x,y → x2,y2
  double x2 = 0, y2 = 0;
  std::string colour = "black";
  bool by_category = false;                 // Band: the archive category's colour (scheme)
  double corner = 0, stroke = 0;            // Band corner; Outline and Rule width
  // Text
  std::string region, label, fixed, from, source;
  model::FontRole role = model::FontRole::Body;
  double min_pt = 8, max_pt = 72;
  model::Align align = model::Align::Center;
  int max_lines = 0;
  // Body: the longest line, in characters of the body size, before a second column is opened.
  double line_chars = 40;
  bool balance = false, vertical = false, bold = false, required = false;
  // Text: one entry a line, set as rows (compose/signs/entry_rows.h: the 楼层索引)
  bool rows = false;
  // Text: where a name may go onto a new line, after one of these (break-after="局 所"); none: anywhere
  std::vector<std::string> break_after;
  // Body (a policy in columns)
  int columns = 1;
  double gap = 10;
};

struct SignType {
  std::string id, name, source, background = "white", next_size;
  double width_mm = 0, height_mm = 0, bleed_mm = 3;  // wave2.md §1.6: 3 mm bleed per side
  bool sheet = false;                                 // n-up on print sheets
  std::vector<Part> parts;
  const Part* region(const std::string& name) const;  // a Text part by region name
  const Part* first(Part::Kind k) const;
};

struct SignTypes {
  std::map<std::string, Colour> colours;
  std::vector<SignType> types;  // in file order
  const SignType* find(const std::string& id) const;
};

struct Room {
  std::string name, english, number, floor, group;
};

struct SignRequest {          // a <sign> of the spec
  std::string type, name;
  std::vector<std::pair<std::string, std::string>> texts;  // region → text, in spec order
};
struct BoardRequest {         // a <policy> or <flow>
  std::filesystem::path file;  // absolute (relative paths are resolved against the spec's folder)
  std::string board;
};

struct Spec {
  std::filesystem::path file;    // the spec itself, absolute (for messages)
  std::filesystem::path office;  // the office profile (samples/office.xml), absolute
  std::optional<std::filesystem::path> emblem;
  std::string hotline = "12315", supervision;
  bool default_pack = true;
  bool default_rooms = true;     // no <rooms>, or <rooms default-set="true"> with no room
  std::vector<Room> rooms;
  std::vector<SignRequest> signs;
  std::vector<BoardRequest> policies, flows;
  bool archive_labels = false;   // <archive-labels>: labels when --archive is given
  std::string spine_type = "spine-30", cabinet_type = "cabinet-label";
  std::optional<std::filesystem::path> scheme;  // colours by category; default templates/scheme/default.xml
};

// Each reads XML bytes (name: the file, for messages) and validates it against the XSD given as text.
// Throws SignageError listing every problem ("<name>:<line>: …").
SignTypes read_sign_types(const std::string& xml, const std::string& xsd, const std::string& name);
std::vector<Room> read_room_set(const std::string& xml, const std::string& xsd, const std::string& name);
Spec read_spec(const std::string& xml, const std::string& xsd, const std::filesystem::path& path);

// Reads a file of templates/signage/ (or a spec) from disk; throws SignageError.
std::string read_signage_file(const std::filesystem::path& p);

}  // namespace lh::compose::signs
