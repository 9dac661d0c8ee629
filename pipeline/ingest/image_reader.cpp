// Image reader (issue 2 §4): JPEG (libjpeg), PNG (libpng), TIFF (libtiff), GIF/BMP dimensions.
// Governing specs: ITU-T T.81 | ISO/IEC 10918-1 (JPEG) with JFIF 1.02 density; ISO/IEC 15948 (PNG:
// chunk CRCs, pHYs, eXIf); TIFF 6.0 (Orientation 274, DateTime 306, X/YResolution); CIPA DC-008
// Exif 2.32 (DateTimeOriginal 0x9003, OffsetTimeOriginal 0x9011, Orientation 1..8).
//
// The image is decoded once to prove it is whole (downscaled 1/8 for JPEG, row by row for PNG,
// strip by strip for TIFF) unless it is larger than kMaxVerifyPixels:
//  * header unreadable, a PNG critical chunk with a bad CRC, or nothing decodes -> damaged;
//  * decoding stops part way or libjpeg warns (premature end, corrupt data) -> the image is kept
//    and a problem "truncated or corrupt" is recorded: a partial scan is still evidence.
// meta.image_orientation is the EXIF (or TIFF) orientation, 0 when the file records none.
// Physical size (width_mm) is set only for a recorded resolution of 100..2400 dpi; lower values
// are screen defaults (72/96), not scans.
#include <cstdio>  // libjpeg's header needs FILE
#include <jpeglib.h>
#include <libexif/exif-data.h>
#include <png.h>
#include <tiffio.h>

#include <algorithm>
#include <csetjmp>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "codec/png_chunks.h"
#include "ingest/reader.h"
#include "lazylib/tiff_memory.h"

namespace lh::ingest {
namespace {

constexpr uint64_t kMaxVerifyPixels = 200ull * 1000 * 1000;  // 200 MP: larger images are not decoded
constexpr long kJpegMaxMemory = 512l << 20;

enum class Kind { Unknown, Jpeg, Png, Tiff, Gif, Bmp };

Kind detect(std::string_view b) {
  auto starts = [&](std::string_view m) { return b.size() >= m.size() && b.compare(0, m.size(), m) == 0; };
  if (starts("\xFF\xD8\xFF")) return Kind::Jpeg;
  if (starts("\x89PNG\r\n\x1A\n")) return Kind::Png;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return Kind::Tiff;
  if (starts("GIF87a") || starts("GIF89a")) return Kind::Gif;
  if (starts("BM")) return Kind::Bmp;
  return Kind::Unknown;
}

struct Probe {
  int width = 0, height = 0, pages = 1;
  double dpi_x = 0, dpi_y = 0;
  bool damaged = false;       // unusable
  std::string problem;        // usable, but incomplete
  std::string message;        // why (library message)
  std::string exif_block;     // "Exif\0\0" + TIFF structure (PNG eXIf), for libexif
  int orientation = 0;        // TIFF's own tag
  std::string tiff_datetime, tiff_software, tiff_artist;
};

// ---- JPEG (libjpeg-turbo; errors longjmp out of the library) ------------------------------------

struct JpegErr {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char fatal[JMSG_LENGTH_MAX];
  char warning[JMSG_LENGTH_MAX];
  int warnings;
};

struct JpegOut {  // plain data only: it lives across setjmp
  bool header_ok, fatal, skipped, incomplete_scans;
  int width, height, rows, out_height;
  int density_unit, x_density, y_density;
};

void jpeg_fatal(j_common_ptr c) {
  auto* e = reinterpret_cast<JpegErr*>(c->err);
  (*c->err->format_message)(c, e->fatal);
  longjmp(e->jump, 1);
}

void jpeg_message(j_common_ptr c, int level) {
  if (level >= 0) return;  // trace messages
  auto* e = reinterpret_cast<JpegErr*>(c->err);
  if (e->warnings++ == 0) (*c->err->format_message)(c, e->warning);
}

void jpeg_silent(j_common_ptr) {}

void jpeg_run(const unsigned char* data, unsigned long size, JpegErr* err, JpegOut* out) {
  jpeg_decompress_struct cinfo;
  cinfo.err = jpeg_std_error(&err->pub);
  err->pub.error_exit = jpeg_fatal;
  err->pub.emit_message = jpeg_message;
  err->pub.output_message = jpeg_silent;
  jpeg_create_decompress(&cinfo);
  if (setjmp(err->jump)) {
    out->fatal = true;
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  cinfo.mem->max_memory_to_use = kJpegMaxMemory;
  jpeg_mem_src(&cinfo, data, size);
  jpeg_read_header(&cinfo, TRUE);
  out->header_ok = true;
  out->width = static_cast<int>(cinfo.image_width);
  out->height = static_cast<int>(cinfo.image_height);
  out->density_unit = cinfo.density_unit;
  out->x_density = cinfo.X_density;
  out->y_density = cinfo.Y_density;
  if (static_cast<uint64_t>(cinfo.image_width) * cinfo.image_height > kMaxVerifyPixels) {
    out->skipped = true;
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  cinfo.scale_num = 1;
  cinfo.scale_denom = 8;  // every coefficient is still entropy-decoded: truncation shows
  cinfo.dct_method = JDCT_IFAST;
  cinfo.do_fancy_upsampling = FALSE;
  jpeg_start_decompress(&cinfo);
  out->out_height = static_cast<int>(cinfo.output_height);
  JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                              cinfo.output_width * cinfo.output_components, 1);
  while (cinfo.output_scanline < cinfo.output_height) {
    if (jpeg_read_scanlines(&cinfo, row, 1) != 1) break;
    out->rows = static_cast<int>(cinfo.output_scanline);
  }
  // A progressive file cut between scans and closed with EOI decodes without a warning; T.81
  // Annex G: every coefficient of a complete image ends at precision 0 (coef_bits == 0).
  if (cinfo.progressive_mode && cinfo.coef_bits)
    for (int ci = 0; ci < cinfo.num_components; ++ci)
      for (int k = 0; k < DCTSIZE2; ++k)
        if (cinfo.coef_bits[ci][k] != 0) out->incomplete_scans = true;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
}

void probe_jpeg(std::string_view b, Probe& p) {
  JpegErr err{};
  JpegOut out{};
  jpeg_run(reinterpret_cast<const unsigned char*>(b.data()), static_cast<unsigned long>(b.size()), &err, &out);
  if (!out.header_ok) {
    p.damaged = true;
    p.message = std::string("JPEG 文件头无法读取（") + err.fatal + "）";
    return;
  }
  p.width = out.width;
  p.height = out.height;
  const double unit = out.density_unit == 1 ? 1.0 : out.density_unit == 2 ? 2.54 : 0.0;  // dpi, dots/cm
  p.dpi_x = unit * out.x_density;
  p.dpi_y = unit * out.y_density;
  if (out.skipped) {
    p.problem = "image too large to verify (" + std::to_string(out.width) + "x" + std::to_string(out.height) + ")";
  } else if (out.fatal && out.rows == 0) {
    p.damaged = true;
    p.message = std::string("JPEG 图像数据无法解码（") + err.fatal + "）";
  } else if (out.fatal) {
    p.problem = "JPEG is truncated or corrupt: decoding stopped at " +
                std::to_string(out.rows * 100 / (out.out_height > 0 ? out.out_height : 1)) + "% (" + err.fatal + ")";
  } else if (err.warnings > 0) {
    p.problem = std::string("JPEG is truncated or corrupt; the image may be incomplete (") + err.warning + ")";
  } else if (out.incomplete_scans) {
    p.problem = "progressive JPEG is truncated: some scans are missing, the image is blurred or partly grey";
  }
}

// ---- PNG (libpng 1.6; critical-chunk CRC errors are fatal by default) ---------------------------

struct PngIo {
  const unsigned char* data;
  size_t size, pos;
  char message[256];
  png_bytep row;  // freed after a longjmp too
};

struct PngOut {
  bool header_ok, fatal, skipped;
  png_uint_32 width, height, rows_done, rows_total;
  png_uint_32 res_x, res_y;
  int res_unit;
};

void png_read_mem(png_structp png, png_bytep dst, size_t len) {
  auto* io = static_cast<PngIo*>(png_get_io_ptr(png));
  if (len > io->size - io->pos) png_error(png, "PNG data ends early (truncated)");
  std::memcpy(dst, io->data + io->pos, len);
  io->pos += len;
}

void png_fatal(png_structp png, png_const_charp msg) {
  auto* io = static_cast<PngIo*>(png_get_error_ptr(png));
  std::snprintf(io->message, sizeof io->message, "%s", msg ? msg : "error");
  png_longjmp(png, 1);
}

void png_warn(png_structp, png_const_charp) {}

void png_run(PngIo* io, PngOut* out, std::string* exif) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, io, png_fatal, png_warn);
  if (!png) { out->fatal = true; return; }
  png_infop info = png_create_info_struct(png);
  if (!info) { png_destroy_read_struct(&png, nullptr, nullptr); out->fatal = true; return; }
  if (setjmp(png_jmpbuf(png))) {
    out->fatal = true;
    if (io->row) png_free(png, io->row);
    io->row = nullptr;
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  png_set_read_fn(png, io, png_read_mem);
  png_set_chunk_malloc_max(png, 64u << 20);
  png_read_info(png, info);
  out->header_ok = true;
  out->width = png_get_image_width(png, info);
  out->height = png_get_image_height(png, info);
  png_get_pHYs(png, info, &out->res_x, &out->res_y, &out->res_unit);
  if (static_cast<uint64_t>(out->width) * out->height > kMaxVerifyPixels) {
    out->skipped = true;
  } else {
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    io->row = static_cast<png_bytep>(png_malloc(png, png_get_rowbytes(png, info)));
    out->rows_total = out->height * static_cast<png_uint_32>(passes);
    for (int pass = 0; pass < passes; ++pass)
      for (png_uint_32 y = 0; y < out->height; ++y) {
        png_read_row(png, io->row, nullptr);
        ++out->rows_done;
      }
    png_free(png, io->row);
    io->row = nullptr;
    png_read_end(png, info);  // IEND and every chunk CRC after the image data
  }
  png_uint_32 n = 0;
  png_bytep ex = nullptr;
  if (png_get_eXIf_1(png, info, &n, &ex) && ex && n > 0) {
    exif->assign("Exif\0\0", 6);
    exif->append(reinterpret_cast<const char*>(ex), n);
  }
  png_destroy_read_struct(&png, &info, nullptr);
}

void probe_png(std::string_view b, Probe& p) {
  // libpng reads the file only up to a chunk that declares more than it holds (codec/png_chunks.h).
  const codec::PngOverlongChunk overlong = codec::png_overlong_chunk(b);
  PngIo io{reinterpret_cast<const unsigned char*>(b.data()), std::min(b.size(), overlong.at), 0, {}, nullptr};
  PngOut out{};
  std::string exif;
  png_run(&io, &out, &exif);
  if (out.fatal && !overlong.why.empty() && io.pos == io.size)
    std::snprintf(io.message, sizeof io.message, "%s", overlong.why.c_str());
  if (!out.header_ok) {
    p.damaged = true;
    p.message = std::string("PNG 文件头无法读取（") + io.message + "）";
    return;
  }
  p.width = static_cast<int>(out.width);
  p.height = static_cast<int>(out.height);
  if (out.res_unit == PNG_RESOLUTION_METER) {
    p.dpi_x = out.res_x * 0.0254;
    p.dpi_y = out.res_y * 0.0254;
  }
  p.exif_block = std::move(exif);
  if (out.skipped) {
    p.problem = "image too large to verify (" + std::to_string(out.width) + "x" + std::to_string(out.height) + ")";
  } else if (out.fatal && (out.rows_done == 0 || std::strstr(io.message, "CRC"))) {
    p.damaged = true;  // a critical chunk failed its CRC, or no row decoded
    p.message = std::string("PNG 文件已损坏（") + io.message + "）";
  } else if (out.fatal && out.rows_done >= out.rows_total) {
    p.problem = std::string("PNG is truncated after the image data; the image is whole (") + io.message + ")";
  } else if (out.fatal) {
    p.problem = std::string("PNG is truncated or corrupt after ") + std::to_string(out.rows_done) + " of " +
                std::to_string(out.rows_total) + " rows (" + io.message + ")";
  }
}

// ---- TIFF (libtiff 4.5 over memory: lazylib/tiff_memory.h) --------------------------------------

std::string tiff_string(TIFF* t, uint32_t tag) {
  char* s = nullptr;
  return TIFFGetField(t, tag, &s) == 1 && s ? std::string(s) : std::string();
}

void probe_tiff(std::string_view b, Probe& p) {
  lazylib::TiffMemory mem;
  mem.in = b;
  const lazylib::TiffHandle t = lazylib::open_tiff_in_memory(mem, "tiff", "rm", 256 << 20);
  uint32_t w = 0, h = 0;
  if (!t || TIFFGetField(t.get(), TIFFTAG_IMAGEWIDTH, &w) != 1 || TIFFGetField(t.get(), TIFFTAG_IMAGELENGTH, &h) != 1) {
    p.damaged = true;
    p.message = "TIFF 无法打开（" + (mem.first_error.empty() ? std::string("无图像目录") : mem.first_error) + "）";
    return;
  }
  p.width = static_cast<int>(w);
  p.height = static_cast<int>(h);
  uint16_t orient = 0, unit = RESUNIT_INCH;
  if (TIFFGetField(t.get(), TIFFTAG_ORIENTATION, &orient) == 1 && orient >= 1 && orient <= 8) p.orientation = orient;
  float xr = 0, yr = 0;
  TIFFGetFieldDefaulted(t.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
  if (unit != RESUNIT_NONE && TIFFGetField(t.get(), TIFFTAG_XRESOLUTION, &xr) == 1 &&
      TIFFGetField(t.get(), TIFFTAG_YRESOLUTION, &yr) == 1) {
    const double f = unit == RESUNIT_CENTIMETER ? 2.54 : 1.0;
    p.dpi_x = xr * f;
    p.dpi_y = yr * f;
  }
  p.tiff_datetime = tiff_string(t.get(), TIFFTAG_DATETIME);
  p.tiff_software = tiff_string(t.get(), TIFFTAG_SOFTWARE);
  p.tiff_artist = tiff_string(t.get(), TIFFTAG_ARTIST);

  if (static_cast<uint64_t>(w) * h > kMaxVerifyPixels) {
    p.problem = "image too large to verify (" + std::to_string(w) + "x" + std::to_string(h) + ")";
  } else {
    const bool tiled = TIFFIsTiled(t.get());
    const uint32_t chunks = tiled ? TIFFNumberOfTiles(t.get()) : TIFFNumberOfStrips(t.get());
    const tmsize_t chunk_size = tiled ? TIFFTileSize(t.get()) : TIFFStripSize(t.get());
    uint32_t good = 0;
    if (chunk_size > 0 && chunk_size <= (256 << 20)) {
      std::string buf(static_cast<size_t>(chunk_size), '\0');
      for (; good < chunks; ++good) {
        const tmsize_t got = tiled ? TIFFReadEncodedTile(t.get(), good, buf.data(), chunk_size)
                                   : TIFFReadEncodedStrip(t.get(), good, buf.data(), chunk_size);
        if (got < 0) break;
      }
    }
    if (good == 0 && chunks > 0) {
      p.damaged = true;
      p.message = "TIFF 图像数据无法解码（" + mem.first_error + "）";
      return;
    }
    if (good < chunks)
      p.problem = "TIFF is truncated or corrupt after " + std::to_string(good) + " of " + std::to_string(chunks) +
                  (tiled ? " tiles" : " strips") + " (" + mem.first_error + ")";
  }
  const tdir_t dirs = TIFFNumberOfDirectories(t.get());
  p.pages = dirs > 0 ? static_cast<int>(dirs) : 1;
}

// ---- GIF / BMP: dimensions from the fixed headers -----------------------------------------------

uint32_t le(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

void probe_gif_bmp(std::string_view b, Kind k, Probe& p) {
  if (k == Kind::Gif && b.size() >= 10) {  // GIF89a §18 logical screen descriptor
    p.width = static_cast<int>(le(b, 6, 2));
    p.height = static_cast<int>(le(b, 8, 2));
  } else if (k == Kind::Bmp && b.size() >= 26) {  // BITMAPINFOHEADER (or the old 12-byte core header)
    const uint32_t dib = le(b, 14, 4);
    if (dib == 12) {
      p.width = static_cast<int>(le(b, 18, 2));
      p.height = static_cast<int>(le(b, 20, 2));
    } else if (dib >= 40) {
      const auto w = static_cast<int32_t>(le(b, 18, 4)), h = static_cast<int32_t>(le(b, 22, 4));
      if (w > 0 && h != INT32_MIN) {
        p.width = w;
        p.height = h < 0 ? -h : h;
      }
    }
  }
  if (p.width <= 0 || p.height <= 0) {
    p.damaged = true;
    p.message = "图像文件头过短或无效";
  }
}

// ---- EXIF ---------------------------------------------------------------------------------------

bool digits(std::string_view s, size_t at, size_t n, int& v) {
  if (at + n > s.size()) return false;
  v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return true;
}

// "YYYY:MM:DD HH:MM:SS" (+ an Exif 2.31 offset "+08:00") -> ISO 8601; empty if malformed.
std::string exif_iso(std::string_view dt, std::string_view offset) {
  int y, mo, d, h, mi, s;
  if (dt.size() < 19 || !digits(dt, 0, 4, y) || !digits(dt, 5, 2, mo) || !digits(dt, 8, 2, d) ||
      !digits(dt, 11, 2, h) || !digits(dt, 14, 2, mi) || !digits(dt, 17, 2, s))
    return {};
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return {};
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
  std::string out = buf;
  int oh, om;
  if (offset.size() >= 6 && (offset[0] == '+' || offset[0] == '-') && digits(offset, 1, 2, oh) && offset[3] == ':' &&
      digits(offset, 4, 2, om) && oh <= 14 && om <= 59)
    out.append(offset.substr(0, 6));
  return out;
}

struct ExifFree { void operator()(ExifData* d) const { if (d) exif_data_unref(d); } };

std::string exif_ascii(ExifData* ed, ExifIfd ifd, ExifTag tag) {
  ExifEntry* e = exif_content_get_entry(ed->ifd[ifd], tag);
  if (!e || e->format != EXIF_FORMAT_ASCII || !e->data || e->size == 0) return {};
  std::string s(reinterpret_cast<const char*>(e->data), e->size);
  s.resize(std::strlen(s.c_str()));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

void apply_exif(std::string_view bytes, model::Metadata& m) {
  std::unique_ptr<ExifData, ExifFree> ed(exif_data_new());
  if (!ed) return;
  // FOLLOW_SPECIFICATION would "fix" the data by adding mandatory tags with defaults (DateTime = now).
  exif_data_unset_option(ed.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(ed.get(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<unsigned int>(std::min<size_t>(bytes.size(), 0x7FFFFFFF)));
  if (ExifEntry* e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
      e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->data && e->size >= 2) {
    const int o = exif_get_short(e->data, exif_data_get_byte_order(ed.get()));
    if (o >= 1 && o <= 8) m.image_orientation = o;
  }
  const auto offset_original = static_cast<ExifTag>(0x9011), offset_time = static_cast<ExifTag>(0x9010);
  std::string created = exif_iso(exif_ascii(ed.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL),
                                 exif_ascii(ed.get(), EXIF_IFD_EXIF, offset_original));
  if (!created.empty()) m.created = created;
  std::string modified = exif_iso(exif_ascii(ed.get(), EXIF_IFD_0, EXIF_TAG_DATE_TIME),
                                  exif_ascii(ed.get(), EXIF_IFD_EXIF, offset_time));
  if (!modified.empty()) m.modified = modified;
  if (std::string sw = exif_ascii(ed.get(), EXIF_IFD_0, EXIF_TAG_SOFTWARE); !sw.empty()) m.application = sw;
  if (std::string a = exif_ascii(ed.get(), EXIF_IFD_0, EXIF_TAG_ARTIST); !a.empty()) m.author = a;
}

// ---- the reader ---------------------------------------------------------------------------------

const char* media_type(Kind k) {
  switch (k) {
    case Kind::Jpeg: return "image/jpeg";
    case Kind::Png: return "image/png";
    case Kind::Tiff: return "image/tiff";
    case Kind::Gif: return "image/gif";
    case Kind::Bmp: return "image/bmp";
    case Kind::Unknown: break;
  }
  return "application/octet-stream";
}

double mm(int px, double dpi) { return dpi >= 100 && dpi <= 2400 ? px / dpi * 25.4 : 0; }

ReadResult read_image_impl(const Input& in) {
  const Kind kind = detect(in.bytes);
  if (kind == Kind::Unknown)
    return failed(model::Format::Image, model::ErrorKind::Unsupported, "无法识别的图像格式");
  Probe p;
  switch (kind) {
    case Kind::Jpeg: probe_jpeg(in.bytes, p); break;
    case Kind::Png: probe_png(in.bytes, p); break;
    case Kind::Tiff: probe_tiff(in.bytes, p); break;
    default: probe_gif_bmp(in.bytes, kind, p); break;
  }
  if (p.damaged) return failed(model::Format::Image, model::ErrorKind::Damaged, p.message);

  ReadResult r;
  model::Metadata& m = r.meta;
  m.format = model::Format::Image;
  m.pages = p.pages;
  m.image_width = p.width;
  m.image_height = p.height;
  if (!p.problem.empty()) m.problems.push_back(p.problem);
  if (kind == Kind::Tiff) {
    m.image_orientation = p.orientation;
    m.modified = exif_iso(p.tiff_datetime, {});
    m.application = p.tiff_software;
    m.author = p.tiff_artist;
  }
  if (kind == Kind::Jpeg) apply_exif(in.bytes, m);
  if (kind == Kind::Png && !p.exif_block.empty()) apply_exif(p.exif_block, m);

  model::Image img;
  img.media_type = media_type(kind);
  img.bytes.assign(in.bytes);
  img.width_px = p.width;
  img.height_px = p.height;
  img.width_mm = mm(p.width, p.dpi_x);
  img.height_mm = img.width_mm > 0 ? mm(p.height, p.dpi_y) : 0;
  if (img.height_mm == 0) img.width_mm = 0;
  model::Section s;
  s.blocks.push_back(model::Block{std::move(img)});
  r.doc.sections.push_back(std::move(s));
  return r;
}

}  // namespace

ReadResult read_image(const Input& in) {
  return guarded(model::Format::Image, "image", [&] { return read_image_impl(in); });
}

}  // namespace lh::ingest
