// Reading the members of a package ZIP (OOXML: ECMA-376 Part 2 "Open Packaging Conventions";
// OFD: GB/T 33190-2016 §7.2) into memory, with the limits of libraries.md §5: the bytes actually
// inflated are counted (declared sizes are not enforced by libzip), per member and in total, and the
// inflation ratio is checked. Used by the DOCX, XLSX and OFD readers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"

typedef struct zip zip_t;
typedef struct zip_source zip_source_t;

namespace lh::ingest {

struct ZipMember {
  std::string bytes;
  std::optional<model::ReadError> error;  // damaged, zip_bomb, too_large, encrypted
  bool missing = false;                   // no such member (error is set too, kind damaged)
};

class ZipPackage {
 public:
  ZipPackage() = default;
  ~ZipPackage();
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  // Open a ZIP held in memory (the bytes must outlive this object). On failure returns the error
  // (damaged for a truncated or broken archive).
  std::optional<model::ReadError> open(std::string_view bytes, const Limits& limits);

  // Member names as stored (UTF-8 or raw), in central-directory order.
  const std::vector<std::string>& names() const { return names_; }
  // Exact name first, then ASCII case-insensitive (OPC part names are case-insensitive,
  // ECMA-376 Part 2 §6.2.2.3). A leading '/' is ignored. -1 when absent.
  int64_t locate(std::string_view name) const;
  bool has(std::string_view name) const { return locate(name) >= 0; }

  // Read a member whole, stopping at min(cap, limits.max_entry_bytes) bytes actually inflated.
  ZipMember read(std::string_view name, uint64_t cap = UINT64_MAX);
  // Read at most `n` bytes from the start of a member (no error if it is longer; "" if it is
  // missing, encrypted or cannot be opened).
  std::string read_prefix(std::string_view name, size_t n);
  // Whether the member is stored encrypted (its central-directory entry says so; nothing is read).
  bool encrypted(std::string_view name);

 private:
  zip_t* zip_ = nullptr;
  Limits limits_;
  uint64_t total_ = 0;
  std::vector<std::string> names_;
};

// The raw OLE compound file magic (an encrypted OOXML package, or a legacy .doc/.xls).
bool is_ole_compound(std::string_view bytes);
// An OLE file that holds the "EncryptionInfo"/"EncryptedPackage" streams (ECMA-376 Part 1 encryption,
// MS-OFFCRYPTO §2.3.4): the stream names are looked for as UTF-16LE in the directory sectors.
bool ole_is_encrypted_ooxml(std::string_view bytes);
bool ole_has_stream(std::string_view bytes, std::string_view ascii_name);

// ASCII "<!DOCTYPE" (also in UTF-16) among the first bytes of any .xml/.rels member: rejects a
// package carrying a DTD in a part we would not otherwise parse. Returns the member's name.
std::optional<std::string> find_doctype_member(ZipPackage& zip);

// A part name inside a package with "." and ".." resolved and no leading '/': "word/../media/a.png" ->
// "media/a.png". Empty if the path climbs out of the package root (OPC Part 2 §9.1.1, GB/T 33190 §7.3).
std::string normalize_part_path(std::string_view path);

}  // namespace lh::ingest
