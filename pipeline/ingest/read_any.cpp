#include "ingest/reader.h"

namespace lh::ingest {

ReadResult failed(model::Format f, model::ErrorKind kind, std::string message) {
  ReadResult r;
  r.meta.format = f;
  r.error = model::ReadError{kind, std::move(message)};
  return r;
}

std::optional<model::ReadError> refused_by_size(model::Format f, uint64_t size, const Limits& limits) {
  const bool text_like = f == model::Format::Text || f == model::Format::Csv || f == model::Format::Xml;
  if (!text_like || size <= limits.max_text_bytes) return std::nullopt;
  return model::ReadError{model::ErrorKind::TooLarge, std::string(model::format_name(f)) + " file is " + std::to_string(size) +
                                                          " bytes, over the limit of " + std::to_string(limits.max_text_bytes) +
                                                          " for text, CSV and XML"};
}

namespace {
ReadResult dispatch(const Input& in);
}  // namespace

ReadResult read_any(const Input& in) {
  ReadResult r = dispatch(in);
  model::cap_repeated_problems(r.meta.problems);
  return r;
}

namespace {
ReadResult dispatch(const Input& in) {
  if (in.bytes.size() > in.options->limits.max_file_bytes)
    return failed(model::Format::Unknown, model::ErrorKind::TooLarge,
                  "file is " + std::to_string(in.bytes.size()) + " bytes, over the limit of " +
                      std::to_string(in.options->limits.max_file_bytes));
  const model::Format format = sniff(in.bytes);
  if (auto e = refused_by_size(format, in.bytes.size(), in.options->limits)) return failed(format, e->kind, e->message);
  switch (format) {
    case model::Format::Docx: return read_docx(in);
    case model::Format::Xlsx: return read_xlsx(in);
    case model::Format::Pdf: return read_pdf(in);
    case model::Format::Text: {
      // UTF-16 text is sniffed as text; once decoded it may turn out to be a register (Excel's "Unicode text").
      if (in.bytes.find('\0') == std::string_view::npos) return read_text(in);
      const std::string head = normalize::decode_text(in.bytes.substr(0, 64 * 1024), in.options->big5).utf8;
      return looks_like_delimited(head) && !looks_like_tabbed_rules(head) ? read_csv(in) : read_text(in);
    }
    case model::Format::Csv:
      if (looks_like_tabbed_rules(normalize::decode_text(in.bytes.substr(0, 64 * 1024), in.options->big5).utf8))
        return read_text(in);
      return read_csv(in);
    case model::Format::Xml: return read_xml(in);
    case model::Format::Zip: return read_zip(in);
    case model::Format::Image: return read_image(in);
    case model::Format::Ofd: return read_ofd(in);
    case model::Format::Unknown: break;
  }
  if (in.bytes.empty()) return failed(model::Format::Unknown, model::ErrorKind::Damaged, "file is empty (0 bytes)");
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "content is not a format lianghua reads");
}
}  // namespace

}  // namespace lh::ingest
