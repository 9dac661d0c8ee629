// SHA-256 (FIPS 180-4) known answers: the examples of NIST's "SHA256.pdf" (CSRC example values),
// and the streamed digest equal to the one-shot one, whatever the pieces.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/sha256.h"

using lh::ingest::Sha256;
using lh::ingest::sha256_hex;

TEST(Sha256, NistExamples) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, StreamedInAnyPiecesIsTheOneShotDigest) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "第" + std::to_string(i) + "条 市场监督管理所；";
  for (size_t piece : {1u, 63u, 64u, 65u, 4096u, 100000u}) {
    Sha256 d;
    for (size_t at = 0; at < text.size(); at += piece) d.update(std::string_view(text).substr(at, piece));
    EXPECT_EQ(d.hex(), sha256_hex(text)) << "pieces of " << piece;
  }
}

TEST(Sha256, AFileIsHashedAsItsBytes) {
  const auto path = std::filesystem::temp_directory_path() / ("lh-sha256-" + std::to_string(::getpid()));
  std::string bytes(200000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 % 251);
  std::ofstream(path, std::ios::binary) << bytes;
  std::string hex;
  ASSERT_TRUE(lh::ingest::sha256_file(path.string(), hex));
  EXPECT_EQ(hex, sha256_hex(bytes));
  std::filesystem::remove(path);
  EXPECT_FALSE(lh::ingest::sha256_file(path.string(), hex));
}
