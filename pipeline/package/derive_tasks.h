// The derived-output tasks a worker runs (derive_pool.h): one item's reading copy with its
// 归档章 (DA/T 22-2015 §6.3) and its uniform 现场检查笔录, one case's 案卷 (volume.h), and one
// 年度's 归档文件目录 (catalogue_doc.h). Each
// renders what it needs itself, writes its files (temp + rename; volume_run syncs the batch once)
// and returns the state entry volume_run keeps in derived.json, so nothing rendered is kept between
// tasks and the parent's memory does not grow with the archive.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compose/catalogue_doc.h"
#include "compose/item_pages.h"
#include "filing/catalogue.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "package/files.h"
#include "package/ofd_copy.h"
#include "pdf/pdfa.h"
#include "package/volume_run.h"

namespace lh::package {

struct DeriveContext {
  std::filesystem::path root;       // ARCHIVE
  const filing::Scheme* scheme = nullptr;
  const filing::Office* office = nullptr;
  DerivedOptions opt;
  bool public_copies = false, public_records = false, public_volumes = false;
  PagePictures page_pictures;       // source-PDF pages drawn once a night for the OFD copies (ofd_copy.h)
};

// payload {"item": manifest item, "key": state key} → {"key","pages","how","problem","doc_number",
// "author","files","record_issues","records"}.
nlohmann::json derive_item(const nlohmann::json& payload, const DeriveContext& ctx);

// payload {"folder","items","volume_no","archived","key"} → {"key","volume_no","archived","files",
// "pages","numbered_pages","case_number","problems","contents"}.
nlohmann::json derive_volume(const nlohmann::json& payload, const DeriveContext& ctx);

// One 年度's 归档文件目录 (catalogue_doc.h) under ARCHIVE/<folder>: 归档文件目录.pdf
// (PDF/A-2b when `pdfa`), its OFD-A copy when `ofd`, .docx and .xlsx, with `meta` as the
// preservation copies' metadata → {"key","rows","files"[,"problems"]}.
nlohmann::json derive_catalogue(const std::filesystem::path& root, const std::string& folder, const std::string& key,
                                const compose::CatalogueSpec& spec, bool pdfa, bool ofd, const pdf::PdfaMetadata& meta);

// Writes one derived output (temp + rename, no fsync: the caller syncs the batch) and returns its
// state entry {"path", "sha256", "stamp"}: "stamp" is [size, mtime_ns, inode] as written (files.h
// FileStamp), what the next night compares instead of re-hashing. The stamp lives in memory only:
// take_stamps() moves it to the catalogue (filing::Catalogue::derived_stamps) before derived.json is
// written, so that file is byte-identical across runs on the same inputs. Throws on I/O errors.
nlohmann::json write_derived_output(const std::filesystem::path& root, const std::string& rel, const std::string& bytes);

// A state entry's file (path relative to ARCHIVE, SHA-256) still what it was when written: its stamp
// as `recorded` in the catalogue for the same SHA-256, or (no such record: an archive of an older
// version, a restored copy, a crash between derived.json and the catalogue) its bytes re-hashed to
// the SHA-256. Either way the file's stamp now is returned, for the catalogue to record for the
// next night; nullopt when the file is missing or not what it was.
std::optional<FileStamp> derived_file_intact(const std::filesystem::path& root, const std::string& rel, const std::string& sha,
                                             const filing::DerivedStamp* recorded);

// Every "stamp" of a derived state (items, volumes, catalogues) removed, and returned by path.
std::map<std::string, filing::DerivedStamp> take_stamps(nlohmann::json& state);
// The same for one state entry: its files' stamps removed and added to `out`.
void take_entry_stamps(nlohmann::json& entry, std::map<std::string, filing::DerivedStamp>& out);

// The item's original file (relative to ARCHIVE) and its SHA-256; empty when it has none.
using compose::original_of;
std::string original_sha_of(const nlohmann::json& item);

}  // namespace lh::package
