// ZIP reader (issue 2 §4) on libzip, from memory (libraries.md §5).
// Governing spec: PKWARE APPNOTE.TXT 6.3.x — §4.4.4 general purpose bit 11 (names are UTF-8),
// §4.4.2/§4.4.15 "version made by" host and external attributes (UNIX mode in the high 16 bits),
// §4.6.9 Info-ZIP Unicode Path extra field 0x7075, §4.3.16 end of central directory record.
//
// Each entry becomes a ChildInput (the caller reads it and tracks nesting via zip_depth); nested
// ZIPs are never opened here. Refused entries keep their name and carry an error, no bytes:
//  * unsafe_path: empty name, absolute path, drive letter ("C:"), a ".." component, a control
//    character, a UNIX symlink or special file. A backslash is a Windows separator: the name is
//    split on it too, so "dir\..\x" is unsafe, while a plain "a\b.txt" becomes "a/b.txt".
//  * encrypted: any encryption method (others are still extracted).
//  * zip_bomb: bytes actually inflated (declared sizes are not enforced by libzip, §5) over
//    limits.max_entry_bytes, or over limits.max_ratio x compressed size once past 1 MiB; once
//    the archive total passes limits.max_total_unzipped every remaining entry is refused.
//
// Names: libzip hides the 0x7075 field (it is "internal") and applies it only when its CRC matches
// the central name; libarchive and 7-Zip apply it regardless. To read it and bit 11 we walk the
// central directory ourselves (bounds-checked, read-only, ~50 lines) and cross-check each record
// against libzip's entry. Without bit 11 and 0x7075 the raw bytes are a legacy code page: GB18030
// when it decodes cleanly to CJK (the 4-byte GBK name 目录 is also valid UTF-8 "Ŀ¼", §4), UTF-8
// when the bytes are UTF-8 that reads as CJK, otherwise normalize::decode_short.
#include <zip.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"

namespace lh::ingest {
namespace {

constexpr uint64_t kRatioFloor = 1u << 20;  // below 1 MiB inflated, any ratio is fine
constexpr size_t kChunk = 64 * 1024;
constexpr uint16_t kUnicodePathId = 0x7075;  // APPNOTE §4.6.9
constexpr uint16_t kFlagUtf8 = 1u << 11;     // APPNOTE §4.4.4

// ---- central directory walk (only what libzip does not expose) ---------------------------------

struct CdRecord {
  uint16_t flags = 0;
  std::string raw_name;
  std::optional<std::string> unicode_path;  // 0x7075 version 1, valid UTF-8
};

uint16_t le16(std::string_view s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}
uint32_t le32(std::string_view s, size_t at) {
  return static_cast<uint32_t>(le16(s, at)) | static_cast<uint32_t>(le16(s, at + 2)) << 16;
}

// Returns nullopt when the layout is not the plain one (ZIP64, spanned, damaged): callers then
// fall back to comparing libzip's RAW and STRICT names (libraries.md §5).
std::optional<std::vector<CdRecord>> walk_central_directory(std::string_view z) {
  constexpr size_t kEocd = 22;
  if (z.size() < kEocd) return std::nullopt;
  size_t eocd = std::string_view::npos;
  const size_t lowest = z.size() > kEocd + 0xFFFF ? z.size() - kEocd - 0xFFFF : 0;
  for (size_t p = z.size() - kEocd + 1; p-- > lowest;)
    if (z.compare(p, 4, "PK\x05\x06") == 0) { eocd = p; break; }
  if (eocd == std::string_view::npos) return std::nullopt;
  const uint16_t count = le16(z, eocd + 10);
  const uint32_t cd_size = le32(z, eocd + 12);
  if (count == 0xFFFF || cd_size == 0xFFFFFFFF || le32(z, eocd + 16) == 0xFFFFFFFF) return std::nullopt;
  if (cd_size > eocd) return std::nullopt;
  size_t p = eocd - cd_size;  // also right when data was prepended (self-extractors)
  std::vector<CdRecord> out;
  for (uint16_t i = 0; i < count; ++i) {
    if (p + 46 > eocd || z.compare(p, 4, "PK\x01\x02") != 0) return std::nullopt;
    const size_t name_len = le16(z, p + 28), extra_len = le16(z, p + 30), comment_len = le16(z, p + 32);
    if (p + 46 + name_len + extra_len + comment_len > eocd) return std::nullopt;
    CdRecord r;
    r.flags = le16(z, p + 8);
    r.raw_name.assign(z.substr(p + 46, name_len));
    for (size_t e = p + 46 + name_len, end = e + extra_len; e + 4 <= end;) {
      const uint16_t id = le16(z, e), len = le16(z, e + 2);
      if (e + 4 + len > end) break;
      if (id == kUnicodePathId && len >= 5 && z[e + 4] == 1) {
        std::string name(z.substr(e + 9, len - 5));  // version 1, NameCRC32, UnicodeName
        if (!name.empty() && normalize::is_valid_utf8(name)) r.unicode_path = std::move(name);
      }
      e += 4 + len;
    }
    out.push_back(std::move(r));
    p += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

// ---- names --------------------------------------------------------------------------------------

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Han, kana, hangul, CJK punctuation and full-width forms, in valid UTF-8.
bool has_cjk(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    size_t n = 1;
    if (c < 0x80) cp = c;
    else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 2; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 3; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; n = 4; }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
      return true;
    i += n;
  }
  return false;
}

enum class NameSource { Ascii, Utf8Flag, UnicodePath, Gb18030, Utf8Unflagged, Fallback };

std::string decode_name(const std::string& raw, const std::string& strict, const CdRecord* cd, NameSource& src) {
  if (cd && cd->unicode_path) { src = NameSource::UnicodePath; return *cd->unicode_path; }
  if (is_ascii(raw)) { src = NameSource::Ascii; return raw; }
  // libzip hands back the UTF-8 name for RAW and STRICT alike when bit 11 is set (or it applied
  // 0x7075 itself); without the walk that equality is our only view of the flag.
  const bool utf8_flag = cd ? (cd->flags & kFlagUtf8) != 0 : raw == strict;
  const bool valid_utf8 = normalize::is_valid_utf8(raw);
  if (utf8_flag && valid_utf8) { src = NameSource::Utf8Flag; return raw; }
  if (valid_utf8 && has_cjk(raw)) { src = NameSource::Utf8Unflagged; return raw; }
  std::string gb;
  bool lossy = true;
  if (normalize::convert_to_utf8(raw, "GB18030", gb, &lossy) && !lossy && has_cjk(gb)) {
    src = NameSource::Gb18030;
    return gb;
  }
  src = NameSource::Fallback;
  return normalize::decode_short(raw);
}

// Normalizes a decoded name to "a/b/c"; sets `why` and returns empty when it is unsafe.
std::string safe_relative_path(const std::string& name, bool& backslashes, std::string& why) {
  if (name.empty()) { why = "条目名为空"; return {}; }
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) { why = "条目名含控制字符"; return {}; }
  }
  if (name[0] == '/' || name[0] == '\\') { why = "绝对路径"; return {}; }
  if (name.size() >= 2 && name[1] == ':' && ((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z')) {
    why = "路径含盘符";
    return {};
  }
  backslashes = name.find('\\') != std::string::npos;
  std::string out;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string::npos) end = name.size();
    std::string_view part(name.data() + start, end - start);
    if (part == "..") { why = "路径含“..”，会写到压缩包之外"; return {}; }
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    start = end + 1;
  }
  if (out.empty()) why = "条目名为空";
  return out;
}

// ---- reading ------------------------------------------------------------------------------------

struct ZipDiscard { void operator()(zip_t* z) const { if (z) zip_discard(z); } };
struct ZipFileClose { void operator()(zip_file_t* f) const { if (f) zip_fclose(f); } };

model::ReadError entry_error(model::ErrorKind k, std::string msg) { return model::ReadError{k, std::move(msg)}; }

std::string human_bytes(uint64_t n) { return std::to_string(n >> 20) + " MiB"; }

// Reads one entry, counting the bytes really inflated. Returns an error or fills `out`.
std::optional<model::ReadError> read_entry(zip_t* za, zip_uint64_t i, uint64_t comp_size, uint64_t total_before,
                                           const Limits& lim, std::string& out, bool& total_exceeded) {
  std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(za, i, 0));
  if (!f) {
    const int ze = zip_error_code_zip(zip_get_error(za));
    if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
      return entry_error(model::ErrorKind::Encrypted, "条目已加密");
    if (ze == ZIP_ER_COMPNOTSUPP)
      return entry_error(model::ErrorKind::Unsupported, "entry uses an unsupported compression method");
    return entry_error(model::ErrorKind::Damaged, std::string("条目无法打开（") + zip_strerror(za) + "）");
  }
  std::string buf(kChunk, '\0');
  for (;;) {
    const zip_int64_t got = zip_fread(f.get(), buf.data(), buf.size());
    if (got < 0)
      return entry_error(model::ErrorKind::Damaged, std::string("entry is damaged: ") + zip_file_strerror(f.get()));
    if (got == 0) break;
    out.append(buf.data(), static_cast<size_t>(got));
    const uint64_t n = out.size();
    if (n > lim.max_entry_bytes)
      return entry_error(model::ErrorKind::ZipBomb, "entry inflates past " + human_bytes(lim.max_entry_bytes));
    if (n > kRatioFloor && (comp_size == 0 || static_cast<double>(n) > lim.max_ratio * static_cast<double>(comp_size)))
      return entry_error(model::ErrorKind::ZipBomb, "entry inflates more than " +
                                                         std::to_string(static_cast<long long>(lim.max_ratio)) +
                                                         " times its compressed size of " + std::to_string(comp_size) +
                                                         " bytes");
    if (total_before + n > lim.max_total_unzipped) {
      total_exceeded = true;
      return entry_error(model::ErrorKind::ZipBomb,
                         "archive inflates past " + human_bytes(lim.max_total_unzipped) + " in total");
    }
  }
  return std::nullopt;
}

// On the decoded name: a raw Shift-JIS/GBK trail byte may be 0x5C without being a separator.
bool is_directory_entry(const std::string& decoded, zip_uint8_t opsys, zip_uint32_t attr) {
  if (!decoded.empty() && (decoded.back() == '/' || decoded.back() == '\\')) return true;
  if (opsys == ZIP_OPSYS_UNIX) return ((attr >> 16) & 0170000) == 0040000;
  return opsys == ZIP_OPSYS_DOS && (attr & 0x10) != 0;  // MS-DOS directory attribute
}

using ZipHandle = std::unique_ptr<zip_t, ZipDiscard>;

// Opens the bytes in libzip without copying them; on failure the handle is empty and `why` says so.
ZipHandle open_zip(std::string_view bytes, std::string& why) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) {
    why = std::string("ZIP cannot be read: ") + zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return nullptr;
  }
  ZipHandle za(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  if (!za) {
    zip_source_free(src);
    why = std::string("ZIP 无法打开（") + zip_error_strerror(&zerr) + "）";
    zip_error_fini(&zerr);
    return nullptr;
  }
  zip_error_fini(&zerr);
  return za;
}

// What the walk over the entries carries from one to the next: the inflated total (zip_bomb
// counts the whole archive) and the names worth a problem line at the end.
struct EntryTally {
  int legacy_names = 0, backslash_names = 0;
  uint64_t total = 0;
  bool total_exceeded = false;
};

// The entry's name decoded, taking the central directory walk's record only while it stays in step.
std::string entry_name(zip_t* za, zip_uint64_t idx, std::optional<std::vector<CdRecord>>& cd, NameSource& how) {
  const char* raw_c = zip_get_name(za, idx, ZIP_FL_ENC_RAW);
  std::string raw = raw_c ? raw_c : "";  // copy now: the next call may invalidate it
  const char* strict_c = zip_get_name(za, idx, ZIP_FL_ENC_STRICT);
  std::string strict = strict_c ? strict_c : "";
  const CdRecord* rec = nullptr;
  if (cd) {
    const CdRecord& c = (*cd)[idx];
    // libzip returns the 0x7075 name as "raw" when it applied the field itself.
    if (c.raw_name == raw || (c.unicode_path && *c.unicode_path == raw)) rec = &c;
    else cd.reset();  // out of step: stop trusting the walk
  }
  return decode_name(raw, strict, rec, how);
}

// A UNIX host's symlinks and special files (APPNOTE §4.4.15: the mode in the high 16 bits) are
// refused like unsafe paths; empty when the entry is a plain file or directory.
std::string unix_type_refusal(zip_uint8_t opsys, zip_uint32_t attr) {
  const uint32_t unix_type = (attr >> 16) & 0170000;
  if (opsys == ZIP_OPSYS_UNIX && unix_type == 0120000) return "符号链接";
  if (opsys == ZIP_OPSYS_UNIX && unix_type != 0 && unix_type != 0100000 && unix_type != 0040000)
    return "特殊文件（设备、管道或套接字）";
  return {};
}

// Inflates a file entry unless it is encrypted or the archive is already over its total; keeps
// no bytes when refused.
std::optional<model::ReadError> extract_entry(zip_t* za, zip_uint64_t idx, const Limits& lim, EntryTally& tally,
                                              std::string& bytes) {
  zip_stat_t st;
  zip_stat_init(&st);
  const bool have_stat = zip_stat_index(za, idx, 0, &st) == 0;
  if (have_stat && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return entry_error(model::ErrorKind::Encrypted, "条目已加密");
  if (tally.total_exceeded)
    return entry_error(model::ErrorKind::ZipBomb,
                       "archive inflates past " + human_bytes(lim.max_total_unzipped) + " in total");
  const uint64_t comp = have_stat && (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  std::optional<model::ReadError> error = read_entry(za, idx, comp, tally.total, lim, bytes, tally.total_exceeded);
  if (error) {
    bytes.clear();
    bytes.shrink_to_fit();
  } else {
    tally.total += bytes.size();
  }
  return error;
}

// The entry's modification day. libzip reads the DOS date and time (APPNOTE.TXT 4.4.6, local time
// of the machine that zipped it, no zone) into a time_t with mktime in this process's zone; localtime_r
// in the same zone gives the recorded calendar day back. A zero DOS date (1980-00-00, "none") and
// anything before 1981 is no date.
std::string entry_day(zip_t* za, zip_uint64_t idx) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_MTIME)) return {};
  std::tm tm{};
  if (!localtime_r(&st.mtime, &tm) || tm.tm_year + 1900 < 1981) return {};
  char day[40];  // room for any int, though localtime_r gives 1-12 and 1-31
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return day;
}

// One entry as a child: its safe name, and its bytes or the reason it is refused.
ChildInput read_child(zip_t* za, zip_uint64_t idx, std::optional<std::vector<CdRecord>>& cd, const Limits& lim,
                      EntryTally& tally) {
  NameSource how = NameSource::Ascii;
  std::string decoded = entry_name(za, idx, cd, how);
  if (how == NameSource::Gb18030 || how == NameSource::Fallback) ++tally.legacy_names;

  zip_uint8_t opsys = 0;
  zip_uint32_t attr = 0;
  if (zip_file_get_external_attributes(za, idx, 0, &opsys, &attr) < 0) opsys = ZIP_OPSYS_DOS;

  ChildInput child;
  child.is_directory = is_directory_entry(decoded, opsys, attr);
  bool backslashes = false;
  std::string why;
  std::string safe = safe_relative_path(decoded, backslashes, why);
  child.name = safe.empty() ? decoded : safe;
  if (!safe.empty() && backslashes) ++tally.backslash_names;
  if (why.empty()) why = unix_type_refusal(opsys, attr);

  if (!why.empty()) child.error = entry_error(model::ErrorKind::UnsafePath, why);
  else if (!child.is_directory) child.error = extract_entry(za, idx, lim, tally, child.bytes);
  if (!child.is_directory) child.date = entry_day(za, idx);
  return child;
}

ReadResult read_zip_impl(const Input& in) {
  const Limits& lim = in.options->limits;
  if (in.options->zip_depth >= lim.max_zip_depth)
    return failed(model::Format::Zip, model::ErrorKind::ZipBomb,
                  "ZIP nesting deeper than " + std::to_string(lim.max_zip_depth));

  if (in.bytes.empty()) return failed(model::Format::Zip, model::ErrorKind::Damaged, "ZIP is empty (0 bytes)");

  std::string why;
  ZipHandle za = open_zip(in.bytes, why);
  if (!za) return failed(model::Format::Zip, model::ErrorKind::Damaged, why);

  const zip_int64_t n = zip_get_num_entries(za.get(), 0);
  if (n < 0) return failed(model::Format::Zip, model::ErrorKind::Damaged, "ZIP has no readable central directory");
  if (n > lim.max_entries)
    return failed(model::Format::Zip, model::ErrorKind::ZipBomb,
                  "ZIP has " + std::to_string(n) + " entries, over the limit of " + std::to_string(lim.max_entries));

  // The walk is used only if it lines up record for record with libzip's entries.
  std::optional<std::vector<CdRecord>> cd = walk_central_directory(in.bytes);
  if (cd && cd->size() != static_cast<size_t>(n)) cd.reset();

  ReadResult r;
  r.meta.format = model::Format::Zip;
  model::Section listing;
  EntryTally tally;
  for (zip_int64_t i = 0; i < n; ++i) {
    ChildInput child = read_child(za.get(), static_cast<zip_uint64_t>(i), cd, lim, tally);
    if (!child.is_directory) ++r.meta.pages;

    model::Paragraph p;
    p.runs.push_back(model::Run{child.name + (child.is_directory ? "/" : "")});
    listing.blocks.push_back(model::Block{std::move(p)});
    r.children.push_back(std::move(child));
  }
  r.doc.sections.push_back(std::move(listing));
  if (tally.legacy_names > 0)
    r.meta.problems.push_back(std::to_string(tally.legacy_names) +
                              " entry names carry no UTF-8 flag; decoded as GB18030 (or best guess)");
  if (tally.backslash_names > 0)
    r.meta.problems.push_back(std::to_string(tally.backslash_names) +
                              " entry names use '\\' as the path separator; read as '/'");
  return r;
}

// True when a valid UTF-8 name without CJK reads as a name someone typed: accented Latin letters
// inside a word (café, Résumé, naïve), combining marks after a letter (macOS writes é as e + U+0301),
// punctuation and symbols from U+0800 on. GBK names that happen to be valid UTF-8 read otherwise:
// 通知 (CD A8 D6 AA) is U+0368 U+05AA, 目录 (C4 BF C2 BC) is "Ŀ¼", with no ASCII letter beside them.
bool plausible_utf8_name(std::string_view s) {
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t n = 1;
    if (c >= 0xF0) { cp = c & 0x07u; n = 4; }
    else if (c >= 0xE0) { cp = c & 0x0Fu; n = 3; }
    else if (c >= 0xC0) { cp = c & 0x1Fu; n = 2; }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    cps.push_back(cp);
    i += n;
  }
  auto ascii_letter = [&](size_t i) { return i < cps.size() && cps[i] < 0x80 && std::isalpha(static_cast<int>(cps[i])); };
  auto latin_letter = [](uint32_t cp) { return cp >= 0xC0 && cp <= 0x024F && cp != 0xD7 && cp != 0xF7; };
  for (size_t i = 0; i < cps.size(); ++i) {
    const uint32_t cp = cps[i];
    if (cp < 0x80 || cp >= 0x0800) continue;
    const bool letter_before = i > 0 && (ascii_letter(i - 1) || latin_letter(cps[i - 1]));
    if (cp >= 0x0300 && cp <= 0x036F && letter_before) continue;  // a combining mark on its letter
    if (latin_letter(cp) && ((i > 0 && ascii_letter(i - 1)) || ascii_letter(i + 1))) continue;
    return false;
  }
  return true;
}

}  // namespace

std::string decode_file_name(std::string_view raw) {
  const std::string name(raw);
  NameSource how = NameSource::Ascii;
  // Linux names are UTF-8 by convention: a valid one is taken as it is (as if bit 11 were set)
  // unless its UTF-8 reading is implausible, when it goes the way of an unflagged ZIP name.
  const bool utf8 = normalize::is_valid_utf8(name) && (has_cjk(name) || plausible_utf8_name(name));
  return decode_name(name, utf8 ? name : std::string(), nullptr, how);
}

ReadResult read_zip(const Input& in) {
  return guarded(model::Format::Zip, "ZIP", [&] { return read_zip_impl(in); });
}

}  // namespace lh::ingest
