// The font files a process has mapped, as they count in its resident size (issue 12 §4: a derive
// worker under 150 MiB). Three libraries map each role font on their own, and each keeps every page
// it ever touched resident in the worker for the rest of the night: cairo's FreeType face (pango's
// cairo fonts: mapped by FT_New_Face), hb-subset's source face (the cuts, font_subset.h) and Poppler's
// FreeType face (its substitute for a source PDF's non-embedded font), besides pango's HarfBuzz face
// and the OFD writer's glyf forms. On the first night of 2,000 documents that was 57.6 MiB of a
// reading-copy worker's 178 MiB, the pages read by any of its ~1,000 tasks; one task reads about
// half of that (bench/RESULTS.md §4c). The pages are the page cache's, shared by every process;
// only their count in this process's resident size is given back, between tasks.
#pragma once
#include <cstddef>
#include <string>

namespace lh::fonts {

// Drops this process's resident pages of every read-only private mapping of a font file (.otf,
// .ttf, .ttc, .otc, whatever library made it) with madvise(MADV_DONTNEED). The mappings stay: a page
// read again is mapped again from the page cache (or the file). Call it only between tasks, where
// no library is in the middle of a font's bytes it keeps a pointer into (it stays valid anyway).
// Returns the number of mappings released.
size_t release_font_pages();

// A font file whose pages release_font_pages leaves resident: the OFD writer's glyf forms
// (ofd/glyf_form.h). hb-subset alone reads them, and only where a cut looks (cmap, loca, hmtx and
// the glyphs cut), so a night's cuts keep returning to the same few megabytes: released after each
// task they were faulted in again by the next, 3 % of the generated inbox's night with copies, for
// no change in a worker's peak (bench/RESULTS.md §8a8). Kept for the process's life.
void keep_font_pages(const std::string& path);

}  // namespace lh::fonts
