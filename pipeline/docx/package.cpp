// The DOCX package: assembles every part and writes the ZIP (ECMA-376 Part 2 Annex C) with libzip.
// The only file that knows the ZIP layout (libxlsxwriter packager.c).
//
// Determinism: parts in a fixed order ([Content_Types].xml first, as Word writes it), every entry
// dated by zip_file_set_dostime (DOS date/time fields set directly: zip_file_set_mtime would go
// through localtime() and depend on TZ) to DocxOptions::timestamp / SOURCE_DATE_EPOCH in UTC, or
// 1980-01-01 00:00 like Excel; fixed external attributes; no extra fields. Compression: deflate
// for XML, store for already-compressed media (PNG, JPEG, GIF).
//
// Deflating (APPNOTE.TXT 4.4.5 method 8: a raw RFC 1951 stream) is libdeflate's (codec/deflate.h),
// not libzip's zlib: libzip copies an entry whose source already says "deflated, this CRC-32, this size" as it
// is (zip_close.c add_data: no recompression when the source's method is the entry's). libdeflate
// makes the same format 3x faster than zlib at a level's ratio or better (an OFD's glyf font at
// level 1: 1.75 ms for 129.8 KB against zlib's 5.07 ms for 136.1 KB; its 42 XML parts at level 6:
// 2.2 ms against zlib level 3's 5.0 ms, 7 % smaller; bench/RESULTS.md §8a6), and its compressor
// is made once per thread and level instead of zlib's 256 KiB state per entry.
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "codec/deflate.h"
#include "docx/docx.h"
#include "docx/parts.h"

namespace lh::docx {
namespace detail {

// --- Private functions --------------------------------------------------------------------------

struct DosTime { zip_uint16_t time, date; };

// MS-DOS date/time of a UTC instant, clamped to the representable 1980..2107.
static DosTime dos_time(std::optional<int64_t> seconds) {
  if (!seconds) return {0, (1 << 5) | 1};  // 1980-01-01 00:00:00
  using namespace std::chrono;
  sys_seconds t{std::chrono::seconds{*seconds}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  int year = static_cast<int>(ymd.year());
  if (year < 1980) return {0, (1 << 5) | 1};
  if (year > 2107) year = 2107;
  const auto date = static_cast<zip_uint16_t>(((year - 1980) << 9) | (static_cast<unsigned>(ymd.month()) << 5) |
                                              static_cast<unsigned>(ymd.day()));
  const auto time = static_cast<zip_uint16_t>((hms.hours().count() << 11) | (hms.minutes().count() << 5) |
                                              (hms.seconds().count() / 2));
  return {time, date};
}

static bool stored(const std::string& name) {
  for (const char* ext : {".png", ".jpeg", ".jpg", ".gif"})
    if (name.size() > std::char_traits<char>::length(ext) &&
        name.compare(name.size() - std::char_traits<char>::length(ext), std::string::npos, ext) == 0)
      return true;
  return false;
}

[[noreturn]] static void fail(const char* what, zip_error_t* err) {
  std::string msg = std::string("docx: ") + what + ": " + zip_error_strerror(err);
  zip_error_fini(err);
  throw std::runtime_error(msg);
}

// One entry's data as the ZIP holds it: deflated (or stored) bytes, the CRC-32 and size of the
// original (APPNOTE.TXT 4.4.7-4.4.9).
struct EntryData {
  std::string deflated;                 // method 8's bytes
  const std::string* stored = nullptr;  // method 0: the part's own bytes, not copied
  zip_uint32_t crc = 0;
  zip_uint64_t size = 0;
  zip_uint16_t method = ZIP_CM_STORE;
  const std::string& bytes() const { return method == ZIP_CM_DEFLATE ? deflated : *stored; }
};

// Deflated at `level`, or stored when `store` is set or deflating would not make it smaller
// (APPNOTE.TXT 4.4.5: method 0 is always allowed).
static EntryData entry_data(const std::string& bytes, int level, bool store) {
  EntryData e;
  e.size = bytes.size();
  e.crc = codec::crc32(bytes);
  if (!store && !bytes.empty()) {
    e.deflated = codec::deflate_raw(bytes, level);
    if (e.deflated.size() < bytes.size()) {
      e.method = ZIP_CM_DEFLATE;
      return e;
    }
    e.deflated = std::string();
  }
  e.stored = &bytes;
  return e;
}

// A libzip source that hands over `e` as already compressed: its stat names the method, sizes and
// CRC, so add_data copies the bytes instead of compressing them again.
struct EntryReading {
  const EntryData* e;
  zip_uint64_t at;
  int error;  // ZIP_ER_*, for ZIP_SOURCE_ERROR
};

static zip_int64_t entry_source_callback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* r = static_cast<EntryReading*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN: r->at = 0; return 0;
    case ZIP_SOURCE_READ: {
      const std::string& b = r->e->bytes();
      const zip_uint64_t n = std::min<zip_uint64_t>(len, b.size() - r->at);
      std::copy_n(b.data() + r->at, n, static_cast<char*>(data));
      r->at += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      if (len < sizeof(zip_stat_t)) {
        r->error = ZIP_ER_INTERNAL;
        return -1;
      }
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
      st->size = r->e->size;
      st->comp_size = r->e->bytes().size();
      st->comp_method = r->e->method;
      st->crc = r->e->crc;
      st->encryption_method = ZIP_EM_NONE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: {
      if (len < 2 * sizeof(int)) return -1;
      int codes[2] = {r->error, 0};
      std::copy_n(reinterpret_cast<const char*>(codes), sizeof codes, static_cast<char*>(data));
      return sizeof codes;
    }
    case ZIP_SOURCE_FREE: delete r; return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      r->error = ZIP_ER_OPNOTSUPP;
      return -1;
  }
}

// Add one entry; `e` must stay alive until zip_close.
static void add_entry(zip_t* za, const std::string& name, const EntryData& e, DosTime when) {
  auto* reading = new EntryReading{&e, 0, ZIP_ER_OK};
  zip_source_t* s = zip_source_function(za, entry_source_callback, reading);
  if (!s) {
    delete reading;
    fail("zip_source_function", zip_get_error(za));
  }
  const zip_int64_t idx = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(s);
    fail("zip_file_add", zip_get_error(za));
  }
  const auto i = static_cast<zip_uint64_t>(idx);
  // A stored entry says so: an entry left at ZIP_CM_DEFAULT would have libzip deflate it itself.
  if ((e.method == ZIP_CM_STORE && zip_set_file_compression(za, i, ZIP_CM_STORE, 0) < 0) ||
      zip_file_set_dostime(za, i, when.time, when.date, 0) < 0 ||
      zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
    fail("zip entry attributes", zip_get_error(za));
}

// Read everything a libzip source holds.
static std::string read_source(zip_source_t* src) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) fail("zip_source_stat", zip_source_error(src));
  std::string out(static_cast<size_t>(st.size), '\0');
  if (zip_source_open(src) < 0) fail("zip_source_open", zip_source_error(src));
  const zip_int64_t n = zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) fail("zip_source_read", zip_source_error(src));
  return out;
}

// Write the parts into an in-memory ZIP and return its bytes.
static std::string zip_parts(const std::vector<Part>& parts, DosTime when, int level = 9) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) fail("zip_source_buffer_create", &err);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(src, zip_source_free);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) fail("zip_open_from_source", &err);
  zip_source_keep(src);  // zip_close frees the archive, not our buffer
  std::vector<EntryData> data;  // alive until zip_close reads them
  data.reserve(parts.size());
  try {
    for (const Part& p : parts) {
      data.push_back(entry_data(p.bytes, p.level > 0 ? p.level : level, stored(p.name)));
      add_entry(za, p.name, data.back(), when);
    }
  } catch (...) {
    zip_discard(za);
    throw;
  }
  if (zip_close(za) < 0) {
    std::string msg = std::string("docx: zip_close: ") + zip_strerror(za);
    zip_discard(za);
    throw std::runtime_error(msg);
  }
  zip_error_fini(&err);
  return read_source(src);
}

// Assemble every part, in package order.
static std::vector<Part> assemble(const model::Document& doc, const layout::Style& style, const DocxOptions& opt,
                                  const std::optional<int64_t>& when) {
  Package pkg;
  pkg.style = &style;
  pkg.options = &opt;
  pkg.current_page = style.page;
  pkg.even_odd = style.page_number.enabled && style.page_number.outside;
  pkg.add_rel("styles", "styles.xml");
  pkg.add_rel("settings", "settings.xml");
  pkg.add_rel("numbering", "numbering.xml");
  pkg.add_rel("fontTable", "fontTable.xml");
  std::string document = document_xml(doc, pkg);

  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  std::vector<Part> parts;
  parts.push_back({"[Content_Types].xml", "", ""});  // filled in last, written first
  parts.push_back({"_rels/.rels", "", package_rels_xml()});
  parts.push_back({"docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
                   core_props_xml(opt, when)});
  parts.push_back({"docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                   app_props_xml()});
  parts.push_back({"word/document.xml", wml + "document.main+xml", std::move(document)});
  parts.push_back({"word/_rels/document.xml.rels", "", relationships_xml(pkg.doc_rels)});
  parts.push_back({"word/styles.xml", wml + "styles+xml", styles_xml(style)});
  parts.push_back({"word/settings.xml", wml + "settings+xml", settings_xml(pkg)});
  parts.push_back({"word/numbering.xml", wml + "numbering+xml",
                   numbering_xml(pkg.numbering, style.body.font.size_pt > 0 ? style.body.font.size_pt : 16)});
  parts.push_back({"word/fontTable.xml", wml + "fontTable+xml", font_table_xml()});
  for (Part& p : pkg.extra_parts) parts.push_back(std::move(p));
  std::sort(pkg.media_extensions.begin(), pkg.media_extensions.end());
  parts[0].bytes = content_types_xml(parts, pkg.media_extensions);
  return parts;
}

std::string zip_package(const std::vector<Part>& parts, std::optional<int64_t> when, int level) {
  return zip_parts(parts, dos_time(when), level);
}

}  // namespace detail

// --- Public functions ---------------------------------------------------------------------------

std::optional<int64_t> source_date_epoch() {
  const char* e = std::getenv("SOURCE_DATE_EPOCH");
  if (!e || !*e) return std::nullopt;
  int64_t v = 0;
  for (const char* p = e; *p; ++p) {
    if (*p < '0' || *p > '9' || v > 253402300799 / 10) return std::nullopt;  // digits, ≤ year 9999
    v = v * 10 + (*p - '0');
  }
  return v;
}

std::string write_docx(const model::Document& doc, const layout::Style& style, const DocxOptions& opt) {
  const std::optional<int64_t> when = opt.timestamp ? opt.timestamp : source_date_epoch();
  const std::vector<detail::Part> parts = detail::assemble(doc, style, opt, when);
  return detail::zip_parts(parts, detail::dos_time(when));
}

}  // namespace lh::docx
