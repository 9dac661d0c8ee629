#include "model/metadata.h"

#include <array>
#include <map>
#include <utility>

namespace lh::model {

namespace {
constexpr std::array<std::pair<Format, const char*>, 10> kFormats{{
    {Format::Unknown, "unknown"}, {Format::Docx, "docx"}, {Format::Xlsx, "xlsx"}, {Format::Pdf, "pdf"},
    {Format::Text, "text"},       {Format::Csv, "csv"},   {Format::Xml, "xml"},   {Format::Zip, "zip"},
    {Format::Image, "image"},     {Format::Ofd, "ofd"},
}};
constexpr std::array<std::pair<ErrorKind, const char*>, 10> kErrors{{
    {ErrorKind::Encrypted, "encrypted"},   {ErrorKind::Damaged, "damaged"},     {ErrorKind::TooLarge, "too_large"},
    {ErrorKind::ZipBomb, "zip_bomb"},      {ErrorKind::UnsafePath, "unsafe_path"}, {ErrorKind::UnsafeXml, "unsafe_xml"},
    {ErrorKind::Timeout, "timeout"},       {ErrorKind::Crashed, "crashed"},     {ErrorKind::Unsupported, "unsupported"},
    {ErrorKind::Unreadable, "unreadable"},
}};
}  // namespace

const char* format_name(Format f) {
  for (const auto& [k, n] : kFormats)
    if (k == f) return n;
  return "unknown";
}

Format format_from_name(const std::string& s) {
  for (const auto& [k, n] : kFormats)
    if (s == n) return k;
  return Format::Unknown;
}

const char* error_kind_name(ErrorKind k) {
  for (const auto& [e, n] : kErrors)
    if (e == k) return n;
  return "unsupported";
}

std::optional<ErrorKind> error_kind_from_name(const std::string& s) {
  for (const auto& [e, n] : kErrors)
    if (s == n) return e;
  return std::nullopt;
}

namespace {
std::string kind_of(const std::string& problem) {
  std::string k;
  for (char c : problem)
    if (c < '0' || c > '9') k += c;
    else if (k.empty() || k.back() != '#') k += '#';
  return k;
}
}  // namespace

void cap_repeated_problems(std::vector<std::string>& problems, size_t keep) {
  if (problems.size() <= keep) return;
  struct Kind { size_t seen = 0; std::string first; };
  std::map<std::string, Kind> kinds;
  std::vector<std::string> kept;
  std::vector<std::string> order;  // kinds in order of first appearance
  for (std::string& p : problems) {
    Kind& k = kinds[kind_of(p)];
    if (k.seen++ == 0) {
      k.first = p;
      order.push_back(kind_of(p));
    }
    if (k.seen <= keep) kept.push_back(std::move(p));
  }
  for (const std::string& key : order) {
    const Kind& k = kinds[key];
    if (k.seen > keep)
      kept.push_back("… and " + std::to_string(k.seen - keep) + " more like the above: " + k.first);
  }
  problems = std::move(kept);
}

}  // namespace lh::model
