// Stored page pictures (scan_picture.h): the surface's form found (two-valued, grey or colour),
// then a 1-bit Group 4 TIFF through libtiff or a PNG through libpng.
#include "package/scan_picture.h"

#include <png.h>
#include <tiffio.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "lazylib/tiff_memory.h"

namespace lh::package {
namespace {

enum class PictureMode { Bilevel, Grey, Colour };

// Black (0x000000) or white (0xFFFFFF) in the RGB24 pixel's low 24 bits: v + 1 is then 1 or 1 << 24,
// the only values with none of bits 1-23 set. Branch-free, so a row's test costs what reading it does.
inline uint32_t not_black_or_white(uint32_t px) { return ((px & 0xFFFFFFu) + 1) & 0xFFFFFEu; }

PictureMode mode_of(const unsigned char* data, int w, int h, int stride) {
  bool grey_levels = false;
  for (int y = 0; y < h; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      if (!not_black_or_white(row[x])) continue;  // most pixels of a page of text
      const int r = (row[x] >> 16) & 255, g = (row[x] >> 8) & 255, b = row[x] & 255;
      if (std::abs(r - g) > 8 || std::abs(g - b) > 8 || std::abs(r - b) > 8) return PictureMode::Colour;
      grey_levels = grey_levels || (g != 0 && g != 255);
    }
  }
  return grey_levels ? PictureMode::Grey : PictureMode::Bilevel;
}

// One row of a two-valued page (mode_of) as 1-bit pixels, eight to a byte, first pixel in the high
// bit, black = 1 (WhiteIsZero); a pixel is black when its green is below half. The last byte's
// unused bits are 0.
void pack_bilevel_row(const uint32_t* px, int w, unsigned char* row) {
  const auto n = static_cast<size_t>(w);
  size_t x = 0;
  for (; x + 8 <= n; x += 8) {
    unsigned v = 0;
    for (size_t k = 0; k < 8; ++k) v = (v << 1) | ((px[x + k] >> 15) & 1u);
    row[x / 8] = static_cast<unsigned char>(~v);
  }
  if (x < n) {
    unsigned v = 0;
    for (size_t k = x; k < n; ++k) v |= (~(px[k] >> 15) & 1u) << (7 - (k - x));
    row[x / 8] = static_cast<unsigned char>(v);
  }
}

// The whole surface packed as pack_bilevel_row does into `bits`, in one pass that also tests every
// pixel for exact black or white; false at the first row that has another pixel (grey, colour, or
// near-black that mode_of still counts as two-valued). Most source pages are text on white: this
// pass replaces mode_of's and the packing's, 16 pixels a step where SSE2 is there (every x86-64).
bool pack_if_black_and_white(const unsigned char* data, int w, int h, int stride, std::vector<unsigned char>& bits) {
  const size_t row_bytes = (static_cast<size_t>(w) + 7) / 8;
  bits.resize(row_bytes * static_cast<size_t>(h));
#if defined(__SSE2__)
  static const auto reversed = [] {  // a byte's bits in the other order: movemask puts pixel 0 in bit 0
    std::array<unsigned char, 256> t{};
    for (unsigned i = 0; i < 256; ++i)
      for (unsigned k = 0; k < 8; ++k)
        if (i & (1u << k)) t[i] |= static_cast<unsigned char>(0x80u >> k);
    return t;
  }();
  const __m128i low24 = _mm_set1_epi32(0xFFFFFF), one = _mm_set1_epi32(1), mid = _mm_set1_epi32(0xFFFFFE);
#endif
  for (int y = 0; y < h; ++y) {
    const uint32_t* px = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    unsigned char* row = bits.data() + row_bytes * static_cast<size_t>(y);
    int x = 0;
#if defined(__SSE2__)
    __m128i odd = _mm_setzero_si128();
    for (; x + 16 <= w; x += 16) {
      __m128i q[4];
      for (int k = 0; k < 4; ++k) {
        q[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(px + x + 4 * k));
        odd = _mm_or_si128(odd, _mm_and_si128(_mm_add_epi32(_mm_and_si128(q[k], low24), one), mid));
        q[k] = _mm_slli_epi32(q[k], 16);  // green's high bit to the sign, kept by the saturating packs
      }
      const __m128i signs = _mm_packs_epi16(_mm_packs_epi32(q[0], q[1]), _mm_packs_epi32(q[2], q[3]));
      const unsigned black = ~static_cast<unsigned>(_mm_movemask_epi8(signs));  // bit i: pixel x + i
      row[x / 8] = reversed[black & 255u];
      row[x / 8 + 1] = reversed[(black >> 8) & 255u];
    }
    if (_mm_movemask_epi8(_mm_cmpeq_epi32(odd, _mm_setzero_si128())) != 0xFFFF) return false;
#endif
    uint32_t odd_rest = 0;
    for (int k = x; k < w; ++k) odd_rest |= not_black_or_white(px[k]);
    if (odd_rest) return false;
    if (x < w) pack_bilevel_row(px + x, w - x, row + x / 8);  // x is a multiple of 8 here
  }
  return true;
}

// ---- TIFF written into memory (lazylib/tiff_memory.h) ---------------------------------------

// 1-bit rows (pack_bilevel_row's form) as a TIFF of one strip, CCITT Group 4, with its resolution.
// No date or software tag: the same pixels give the same bytes.
std::string encode_g4(std::vector<unsigned char>& bits, int w, int h, double dpi) {
  lazylib::TiffMemory out;
  out.warnings_are_errors = true;  // a warning while writing: the file is not what was asked
  lazylib::TiffHandle handle = lazylib::open_tiff_in_memory(out, "page", "w");
  TIFF* t = handle.get();
  if (!t) throw std::runtime_error("libtiff cannot start: " + out.first_error);
  const auto res = static_cast<float>(dpi);
  const bool ok = TIFFSetField(t, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(w)) &&
                  TIFFSetField(t, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(h)) &&
                  TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1) && TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1) &&
                  TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4) &&
                  TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE) &&
                  TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
                  TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(h)) &&
                  TIFFSetField(t, TIFFTAG_XRESOLUTION, res) && TIFFSetField(t, TIFFTAG_YRESOLUTION, res) &&
                  TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH) &&
                  TIFFWriteEncodedStrip(t, 0, bits.data(), static_cast<tmsize_t>(bits.size())) >= 0;
  handle.reset();  // TIFFClose writes the directory
  if (!ok || !out.first_error.empty()) throw std::runtime_error("libtiff failed: " + out.first_error);
  return std::move(out.out);
}

// ---- PNG (grey and colour pages) ---------------------------------------------------------------

void append_png(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}

// The colours of a colour page, when it has at most 256: a page drawn without anti-aliasing has a
// few (white paper, black text, the red of a seal: 3 on every colour page of the sample inbox), and
// its PNG then stores an index of 1, 2, 4 or 8 bits a pixel instead of 24 bits, the same colours
// (PNG's indexed colour, ISO/IEC 15948 11.2.3) in a third of the deflate's time or less.
struct Palette {
  std::vector<uint32_t> colours;     // 0xRRGGBB, in the order first met (the same pixels, the same order)
  std::vector<unsigned char> index;  // a pixel's colour, w × h
  int bits = 8;                      // the PNG's bit depth: the least that holds every index
};

std::optional<Palette> palette_of(const unsigned char* data, int w, int h, int stride) {
  Palette p;
  p.index.resize(static_cast<size_t>(w) * static_cast<size_t>(h));
  uint32_t last = 0xFFFFFFFFu;  // no pixel's value: the first pixel is looked up
  unsigned char last_index = 0;
  // Colours met, by a hash of the value: a page whose colour changes at every pixel (a dithered
  // picture of 200 colours) would otherwise search the list at every pixel.
  constexpr size_t kSlots = 1024;
  std::vector<uint32_t> slot_colour(kSlots, 0xFFFFFFFFu);
  std::vector<unsigned char> slot_index(kSlots, 0);
  for (int y = 0; y < h; ++y) {
    const uint32_t* px = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    unsigned char* out = p.index.data() + static_cast<size_t>(y) * static_cast<size_t>(w);
    for (int x = 0; x < w; ++x) {
      const uint32_t v = px[x] & 0xFFFFFFu;
      if (v != last) {  // runs of one colour (paper, a stroke) are most of a page
        const size_t slot = (v * 2654435761u) >> 22;  // Knuth's multiplicative hash, 10 bits
        if (slot_colour[slot] != v) {
          const size_t at = static_cast<size_t>(std::find(p.colours.begin(), p.colours.end(), v) - p.colours.begin());
          if (at == p.colours.size()) {
            if (at == 256) return std::nullopt;
            p.colours.push_back(v);
          }
          slot_colour[slot] = v;
          slot_index[slot] = static_cast<unsigned char>(at);
        }
        last = v;
        last_index = slot_index[slot];
      }
      out[x] = last_index;
    }
  }
  const size_t n = p.colours.size();
  p.bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
  return p;
}

// One row of the surface (RGB24: 0x00RRGGBB) as 8-bit grey (its green), 8-bit RGB, or the row's
// palette indices packed at the palette's bit depth (first pixel in the high bits). Not inlined
// into encode_png: its locals would live across libpng's setjmp there.
[[gnu::noinline]] void pack_row(PictureMode mode, const Palette* palette, const uint32_t* px, size_t y, int w, unsigned char* row) {
  const auto n = static_cast<size_t>(w);
  if (palette) {
    const unsigned char* index = palette->index.data() + y * n;
    const int bits = palette->bits;
    const int per_byte_log2 = bits == 1 ? 3 : bits == 2 ? 2 : bits == 4 ? 1 : 0;  // shifts, not a division a pixel
    const size_t within = (size_t{1} << per_byte_log2) - 1;
    std::fill(row, row + (n * static_cast<size_t>(bits) + 7) / 8, 0);
    for (size_t x = 0; x < n; ++x)
      row[x >> per_byte_log2] |= static_cast<unsigned char>(index[x] << (8 - bits * (1 + static_cast<int>(x & within))));
    return;
  }
  if (mode == PictureMode::Grey) {
    for (size_t x = 0; x < n; ++x) row[x] = static_cast<unsigned char>((px[x] >> 8) & 255);
    return;
  }
  for (size_t x = 0; x < n; ++x) {
    row[x * 3] = static_cast<unsigned char>((px[x] >> 16) & 255);
    row[x * 3 + 1] = static_cast<unsigned char>((px[x] >> 8) & 255);
    row[x * 3 + 2] = static_cast<unsigned char>(px[x] & 255);
  }
}

std::string encode_png(const unsigned char* data, int w, int h, int stride, PictureMode mode, double dpi) {
  const std::optional<Palette> palette = mode == PictureMode::Colour ? palette_of(data, w, h, stride) : std::nullopt;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng cannot start");
  }
  std::vector<unsigned char> row(static_cast<size_t>(w) * (mode == PictureMode::Grey ? 1 : 3));
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng failed");
  }
  png_set_write_fn(png, &out, append_png, nullptr);
  const int colour_type = palette ? PNG_COLOR_TYPE_PALETTE : mode == PictureMode::Colour ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY;
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), palette ? palette->bits : 8,
               colour_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (palette) {
    std::vector<png_color> plte;
    for (uint32_t c : palette->colours)
      plte.push_back({static_cast<png_byte>(c >> 16), static_cast<png_byte>((c >> 8) & 255), static_cast<png_byte>(c & 255)});
    png_set_PLTE(png, info, plte.data(), static_cast<int>(plte.size()));
  }
  const png_uint_32 ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
  png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  // One filter instead of libpng's per-row trial of all five (half of libpng's time on a colour
  // page): Up suits scans, whose rows repeat the paper above them; none for indices (ISO/IEC 15948
  // 12.8: filters seldom help indexed images).
  png_set_filter(png, PNG_FILTER_TYPE_BASE, palette ? PNG_FILTER_NONE : PNG_FILTER_UP);
  png_write_info(png, info);
  for (int y = 0; y < h; ++y) {
    pack_row(mode, palette ? &*palette : nullptr, reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride),
             static_cast<size_t>(y), w, row.data());
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace

std::string encode_scan(cairo_surface_t* surface, double dpi) {
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  std::vector<unsigned char> bits;
  if (pack_if_black_and_white(data, w, h, stride, bits)) return encode_g4(bits, w, h, dpi);
  const PictureMode mode = mode_of(data, w, h, stride);
  if (mode != PictureMode::Bilevel) return encode_png(data, w, h, stride, mode, dpi);
  const size_t row_bytes = (static_cast<size_t>(w) + 7) / 8;  // two-valued but not exactly 0 and 0xFFFFFF
  for (int y = 0; y < h; ++y)
    pack_bilevel_row(reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride), w,
                     bits.data() + row_bytes * static_cast<size_t>(y));
  return encode_g4(bits, w, h, dpi);
}

const char* scan_media_type(std::string_view picture) {
  using namespace std::literals;
  const std::string_view head = picture.substr(0, 4);
  return head == "II*\0"sv || head == "MM\0*"sv ? "image/tiff" : "image/png";
}

}  // namespace lh::package
