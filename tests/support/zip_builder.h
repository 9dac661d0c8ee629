// Builds ZIP fixtures in memory with libzip (raw GBK names, bombs, unsafe entries), for the ZIP
// reader's tests and for the end-to-end tests that hand such a ZIP to the built program.
#pragma once
#include <gtest/gtest.h>
#include <zip.h>

#include <deque>
#include <string>

namespace lh::test {

class ZipBuilder {
 public:
  ZipBuilder() {
    zip_error_t e;
    zip_error_init(&e);
    src_ = zip_source_buffer_create(nullptr, 0, 0, &e);
    za_ = zip_open_from_source(src_, ZIP_TRUNCATE, &e);
    zip_source_keep(src_);
  }
  ~ZipBuilder() {
    if (za_) zip_discard(za_);
    if (src_) zip_source_free(src_);
  }
  // `name_enc`: ZIP_FL_ENC_GUESS sets bit 11 for non-ASCII UTF-8; ZIP_FL_ENC_CP437 stores the bytes
  // as they are with the flag clear (libzip refuses it for names that are valid UTF-8).
  zip_int64_t add(const std::string& name, std::string data, zip_flags_t name_enc = ZIP_FL_ENC_GUESS,
                  zip_int32_t method = ZIP_CM_STORE) {
    data_.push_back(std::move(data));
    zip_source_t* s = zip_source_buffer(za_, data_.back().data(), data_.back().size(), 0);
    zip_int64_t idx = zip_file_add(za_, name.c_str(), s, name_enc);
    EXPECT_GE(idx, 0) << zip_strerror(za_);
    if (idx >= 0) zip_set_file_compression(za_, static_cast<zip_uint64_t>(idx), method, 0);
    return idx;
  }
  zip_t* raw() { return za_; }
  std::string finish() {
    EXPECT_EQ(zip_close(za_), 0) << zip_strerror(za_);
    za_ = nullptr;
    std::string out;
    if (zip_source_open(src_) == 0) {
      zip_source_seek(src_, 0, SEEK_END);
      out.resize(static_cast<size_t>(zip_source_tell(src_)));
      zip_source_seek(src_, 0, SEEK_SET);
      zip_source_read(src_, out.data(), out.size());
      zip_source_close(src_);
    }
    return out;
  }

 private:
  zip_source_t* src_ = nullptr;
  zip_t* za_ = nullptr;
  std::deque<std::string> data_;
};

}  // namespace lh::test
