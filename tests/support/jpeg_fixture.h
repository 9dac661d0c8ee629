// A JPEG made in memory by libjpeg for tests that need one of known size and colour space: `w` x
// `h` samples of `comps` components in `cs`, a deterministic pattern; optionally an APP1 (Exif)
// segment, progressive coding and a JFIF density.
#pragma once
#include <cstdio>  // before jpeglib.h
#include <jpeglib.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace lh::test {

inline std::string make_jpeg(int w, int h, J_COLOR_SPACE cs, int comps, const std::string& app1 = {},
                      bool progressive = false, int dpi = 0) {
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* mem = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &mem, &size);
  c.image_width = static_cast<JDIMENSION>(w);
  c.image_height = static_cast<JDIMENSION>(h);
  c.input_components = comps;
  c.in_color_space = cs;
  jpeg_set_defaults(&c);
  if (dpi > 0) {
    c.density_unit = 1;
    c.X_density = c.Y_density = static_cast<UINT16>(dpi);
  }
  if (progressive) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  if (!app1.empty())
    jpeg_write_marker(&c, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(app1.data()),
                      static_cast<unsigned int>(app1.size()));
  std::vector<JSAMPLE> row(static_cast<size_t>(w * comps));
  while (c.next_scanline < c.image_height) {
    for (size_t i = 0; i < row.size(); ++i) row[i] = static_cast<JSAMPLE>((i * 31 + c.next_scanline * 17) ^ (i * c.next_scanline));
    JSAMPROW rp = row.data();
    jpeg_write_scanlines(&c, &rp, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  std::string out(reinterpret_cast<char*>(mem), size);
  free(mem);
  return out;
}

}  // namespace lh::test
