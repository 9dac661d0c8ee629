#include "ingest/zip_part.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace lh::ingest {
using model::ErrorKind;
using model::ReadError;

ZipPackage::~ZipPackage() {
  if (zip_) zip_discard(zip_);
}

std::optional<ReadError> ZipPackage::open(std::string_view bytes, const Limits& limits) {
  limits_ = limits;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return ReadError{ErrorKind::Damaged, "无法读取 ZIP 容器"};
  }
  zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!zip_) {
    std::string why = zip_error_strerror(&err);
    zip_source_free(src);
    zip_error_fini(&err);
    return ReadError{ErrorKind::Damaged, "ZIP 容器损坏或不完整（" + why + "）"};
  }
  zip_error_fini(&err);
  zip_int64_t n = zip_get_num_entries(zip_, 0);
  if (n < 0) return ReadError{ErrorKind::Damaged, "ZIP 目录损坏"};
  if (n > limits_.max_entries)
    return ReadError{ErrorKind::ZipBomb, "ZIP 有 " + std::to_string(n) + " 个条目，超过上限 " +
                                             std::to_string(limits_.max_entries)};
  names_.reserve(static_cast<size_t>(n));
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* nm = zip_get_name(zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    names_.emplace_back(nm ? nm : "");  // copied at once (libraries.md §5)
  }
  return std::nullopt;
}

namespace {
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y + 32);
    if (x != y) return false;
  }
  return true;
}
}  // namespace

int64_t ZipPackage::locate(std::string_view name) const {
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int64_t>(i);
  for (size_t i = 0; i < names_.size(); ++i)
    if (iequals(names_[i], name)) return static_cast<int64_t>(i);
  return -1;
}

ZipMember ZipPackage::read(std::string_view name, uint64_t cap) {
  ZipMember m;
  const std::string nm(name);
  int64_t idx = zip_ ? locate(name) : -1;
  if (idx < 0) {
    m.missing = true;
    m.error = ReadError{ErrorKind::Damaged, "缺少包部件 " + nm};
    return m;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(idx), 0, &st) != 0) {
    m.error = ReadError{ErrorKind::Damaged, nm + "：无法读取其 ZIP 条目头"};
    return m;
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    m.error = ReadError{ErrorKind::Encrypted, nm + "：ZIP 条目已加密"};
    return m;
  }
  const uint64_t limit = std::min<uint64_t>(cap, limits_.max_entry_bytes);
  const uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(idx), 0);
  if (!f) {
    m.error = ReadError{ErrorKind::Damaged, nm + "：无法打开 ZIP 条目（" + zip_strerror(zip_) + "）"};
    return m;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size < (64u << 20)) m.bytes.reserve(static_cast<size_t>(std::min<uint64_t>(st.size, limit)));
  std::array<char, 65536> buf;
  for (;;) {
    zip_int64_t got = zip_fread(f, buf.data(), buf.size());
    if (got < 0) {
      m.error = ReadError{ErrorKind::Damaged, nm + "：ZIP 条目损坏（" + zip_file_strerror(f) + "）"};
      break;
    }
    if (got == 0) break;
    m.bytes.append(buf.data(), static_cast<size_t>(got));
    total_ += static_cast<uint64_t>(got);
    if (m.bytes.size() > limit) {
      m.error = ReadError{limit < limits_.max_entry_bytes ? ErrorKind::TooLarge : ErrorKind::ZipBomb,
                          nm + "：解压后超过 " + std::to_string(limit) + " 字节"};
      break;
    }
    if (total_ > limits_.max_total_unzipped) {
      m.error = ReadError{ErrorKind::ZipBomb, "整个压缩包解压后超过 " +
                                                  std::to_string(limits_.max_total_unzipped) + " 字节"};
      break;
    }
    // The ratio is judged once an entry is big enough for it to mean something (libraries.md §5).
    if (m.bytes.size() > (1u << 20) && comp > 0 &&
        static_cast<double>(m.bytes.size()) / static_cast<double>(comp) > limits_.max_ratio) {
      m.error = ReadError{ErrorKind::ZipBomb, nm + "：压缩比超过 " +
                                                  std::to_string(static_cast<int>(limits_.max_ratio)) + ":1"};
      break;
    }
  }
  zip_fclose(f);
  if (m.error) m.bytes.clear();
  return m;
}

std::string ZipPackage::read_prefix(std::string_view name, size_t n) {
  std::string out;
  int64_t idx = zip_ ? locate(name) : -1;
  if (idx < 0) return out;
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(idx), 0);
  if (!f) return out;
  out.resize(n);
  size_t have = 0;
  while (have < n) {
    zip_int64_t got = zip_fread(f, out.data() + have, n - have);
    if (got <= 0) break;
    have += static_cast<size_t>(got);
  }
  zip_fclose(f);
  out.resize(have);
  total_ += have;
  return out;
}

bool ZipPackage::encrypted(std::string_view name) {
  const int64_t idx = zip_ ? locate(name) : -1;
  zip_stat_t st;
  zip_stat_init(&st);
  if (idx < 0 || zip_stat_index(zip_, static_cast<zip_uint64_t>(idx), 0, &st) != 0) return false;
  return (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
}

bool is_ole_compound(std::string_view b) {
  return b.size() >= 8 && std::memcmp(b.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

bool ole_has_stream(std::string_view bytes, std::string_view ascii_name) {
  // Directory entries hold the name as UTF-16LE (MS-CFB §2.6.1).
  std::string u16;
  for (char c : ascii_name) {
    u16 += c;
    u16 += '\0';
  }
  return bytes.find(u16) != std::string_view::npos;
}

bool ole_is_encrypted_ooxml(std::string_view bytes) {
  return is_ole_compound(bytes) && (ole_has_stream(bytes, "EncryptionInfo") || ole_has_stream(bytes, "EncryptedPackage"));
}

std::optional<std::string> find_doctype_member(ZipPackage& zip) {
  using namespace std::literals;
  static const std::string u16le = [] {
    std::string s;
    for (char c : "<!DOCTYPE"sv) { s += c; s += '\0'; }
    return s;
  }();
  static const std::string u16be = [] {
    std::string s;
    for (char c : "<!DOCTYPE"sv) { s += '\0'; s += c; }
    return s;
  }();
  for (const std::string& n : zip.names()) {
    auto ends = [&](std::string_view suf) {
      return n.size() >= suf.size() && std::equal(suf.rbegin(), suf.rend(), n.rbegin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
             });
    };
    if (!ends(".xml") && !ends(".rels")) continue;
    std::string head = zip.read_prefix(n, 4096);
    if (head.find("<!DOCTYPE") != std::string::npos || head.find(u16le) != std::string::npos ||
        head.find(u16be) != std::string::npos)
      return n;
  }
  return std::nullopt;
}

std::string normalize_part_path(std::string_view all) {
  std::vector<std::string_view> segs;
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t e = all.find('/', pos);
    if (e == std::string_view::npos) e = all.size();
    std::string_view seg = all.substr(pos, e - pos);
    pos = e + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (segs.empty()) return "";
      segs.pop_back();
      continue;
    }
    segs.push_back(seg);
  }
  std::string out;
  for (size_t i = 0; i < segs.size(); ++i) {
    if (i) out += '/';
    out += segs[i];
  }
  return out;
}

}  // namespace lh::ingest
