// A list set as rows (a text region with rows="true" in types.xml: the 楼层索引's entries). Each
// line of the text is one entry: its label (the floor and room number, before a tab) in a column of
// its own, its name in a second column. The entries share one size, the largest at which the rows
// fill the region's height (up to max-pt); a name too long for one line at that size is shrunk on
// its own, down to the region's min-pt (the legible floor the type gives, as for every region),
// and only a name that still does not fit takes more lines, which hang under the names column,
// never under the numbers. A sign maker sets a directory this way: one long name neither shrinks
// the whole board nor runs back under the room numbers.
#pragma once
#include <string>
#include <vector>

#include "compose/signs/signs.h"
#include "layout/layout.h"

namespace lh::compose::signs {

struct EntryRows {
  std::vector<model::Frame> frames;     // per entry: the label's TextBox, the name's TextBox
  std::vector<PlacedRegion> regions;    // per entry: "<region>-label-N" and "<region>-N" (N from 1)
};

// `box`: the region (page millimetres, role, colour, size range); `text`: the entries, one a line.
// Throws layout::TextOverflow when an entry's name does not fit its column even at min-pt, or the
// rows do not fit the region's height at min-pt.
EntryRows entry_rows(const std::string& text, const model::TextBox& box, const std::string& region,
                     const layout::FontSet& fonts);

// One entry of a list set as rows: its label, a tab, its name ("1F　104\t调解室").
std::string entry_line(const std::string& label, const std::string& name);

}  // namespace lh::compose::signs
