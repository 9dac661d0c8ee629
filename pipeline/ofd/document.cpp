// The entry file OFD.xml (GB/T 33190-2016 §7.4) and Doc_0/Document.xml (§7.5). OFD.xml declares
// DocType "OFD-A" (GB/T 42133-2022 6.2.1 a), one DocBody (6.2.1 c) and DocInfo with the archive's
// metadata as CustomData named per DA/T 46 (6.2.1 b). Document.xml has no Permissions,
// VPreferences, Extensions or document Actions (6.2.2), and its outline entries go to a page
// position through Goto actions only (6.2.5).
#include <charconv>
#include <cstdio>

#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

void dest(XmlWriter& x, uint32_t page_id, double left_pt, double top_pt) {
  x.start("ofd:Dest");
  x.attr("Type", "XYZ");
  x.attr("PageID", page_id);
  x.attr("Left", mm(left_pt));
  x.attr("Top", mm(top_pt));
  x.end();
}

// Entries [i, end) at `level` and their children; returns the first index not consumed.
size_t outline_elems(XmlWriter& x, const std::vector<layout::OutlineEntry>& e, size_t i, int level, const Package& pkg) {
  while (i < e.size() && e[i].level >= level) {
    const layout::OutlineEntry& o = e[i];
    x.start("ofd:OutlineElem");
    x.attr("Title", o.title);
    if (o.page_index >= 0 && static_cast<size_t>(o.page_index) < pkg.page_ids.size()) {
      x.start("ofd:Actions");
      x.start("ofd:Action");
      x.attr("Event", "CLICK");
      x.start("ofd:Goto");
      dest(x, pkg.page_ids[static_cast<size_t>(o.page_index)], 0, o.y_pt);
      x.end();
      x.end();
      x.end();
    }
    i = outline_elems(x, e, i + 1, o.level + 1, pkg);
    x.end();
  }
  return i;
}

void text_el(XmlWriter& x, const char* name, const std::string& v) {
  if (v.empty()) return;
  x.start(name);
  x.text(v);
  x.end();
}

}  // namespace

std::string num(double v) {
  // std::to_chars: the digits printf's "%.3f" gives (both round the exact binary value), without
  // the locale and format parsing that made snprintf most of a page's XML time (§8a6).
  char b[40];
  const auto r = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 3);
  std::string s(b, r.ec == std::errc() ? r.ptr : b);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0" || s.empty()) s = "0";
  return s;
}

// From the integer itself, not through a double and to_chars: DeltaX lists are most of a page's
// numbers (bench/RESULTS.md §8a7).
std::string milli(long k) {
  if (k == 0) return "0";
  const unsigned long a = k < 0 ? 0UL - static_cast<unsigned long>(k) : static_cast<unsigned long>(k);
  std::string out = (k < 0 ? "-" : "") + std::to_string(a / 1000);
  unsigned long frac = a % 1000;
  if (frac == 0) return out;
  int digits = 3;
  while (frac % 10 == 0) frac /= 10, --digits;
  const std::string f = std::to_string(frac);
  return out + '.' + std::string(static_cast<size_t>(digits) - f.size(), '0') + f;
}

std::string box_mm(double x, double y, double w, double h) { return mm(x) + " " + mm(y) + " " + mm(w) + " " + mm(h); }

std::string rgb_value(uint32_t rgb) {
  return std::to_string((rgb >> 16) & 0xff) + " " + std::to_string((rgb >> 8) & 0xff) + " " + std::to_string(rgb & 0xff);
}

std::string xs_date(const std::string& iso) {
  if (iso.size() < 10) return {};
  for (size_t i = 0; i < 10; ++i)
    if ((i == 4 || i == 7) ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9')) return {};
  return iso.substr(0, 10);
}

std::string document_xml(const Package& pkg, bool with_annotations) {
  XmlWriter x;
  x.start("ofd:Document");
  x.ns("ofd", kNs);
  x.start("ofd:CommonData");
  x.start("ofd:MaxUnitID");
  x.text(std::to_string(pkg.ids.max()));
  x.end();
  x.start("ofd:PageArea");
  x.start("ofd:PhysicalBox");
  x.text(box_mm(0, 0, pkg.default_w, pkg.default_h));
  x.end();
  x.end();
  text_el(x, "ofd:PublicRes", "PublicRes.xml");
  text_el(x, "ofd:DocumentRes", "DocumentRes.xml");
  x.end();
  x.start("ofd:Pages");
  for (size_t i = 0; i < pkg.page_ids.size(); ++i) {
    x.start("ofd:Page");
    x.attr("ID", pkg.page_ids[i]);
    x.attr("BaseLoc", "Pages/Page_" + std::to_string(i) + "/Content.xml");
    x.end();
  }
  x.end();
  const auto& outline = pkg.laid->outline;
  if (pkg.options->outline && !outline.empty()) {
    x.start("ofd:Outlines");
    outline_elems(x, outline, 0, outline.front().level, pkg);
    x.end();
  }
  if (with_annotations) text_el(x, "ofd:Annotations", "Annots/Annotations.xml");
  x.end();
  return x.finish();
}

std::string ofd_xml(const OfdOptions& o, const std::string& doc_id) {
  XmlWriter x;
  x.start("ofd:OFD");
  x.ns("ofd", kNs);
  x.attr("Version", "1.0");
  x.attr("DocType", "OFD-A");
  x.start("ofd:DocBody");
  x.start("ofd:DocInfo");
  text_el(x, "ofd:DocID", doc_id);
  text_el(x, "ofd:Title", o.title);
  text_el(x, "ofd:Author", o.author);
  text_el(x, "ofd:Subject", o.subject);
  text_el(x, "ofd:CreationDate", xs_date(o.date));
  text_el(x, "ofd:Creator", "lianghua");
  text_el(x, "ofd:CreatorVersion", LIANGHUA_VERSION);
  bool any = false;
  for (const auto& [name, value] : o.custom) any = any || (!name.empty() && !value.empty());
  if (any) {
    x.start("ofd:CustomDatas");
    for (const auto& [name, value] : o.custom) {
      if (name.empty() || value.empty()) continue;
      x.start("ofd:CustomData");
      x.attr("Name", name);
      x.text(value);
      x.end();
    }
    x.end();
  }
  x.end();
  text_el(x, "ofd:DocRoot", "Doc_0/Document.xml");
  x.end();
  x.end();
  return x.finish();
}

}  // namespace lh::ofd::detail
