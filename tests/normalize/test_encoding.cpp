// decode_text, decode_short, convert_to_utf8, is_valid_utf8 (libraries.md §4 for the traps).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "normalize/encoding.h"
#include "charset.h"

using namespace lh::normalize;

namespace {

using lh::test::encode;

const std::string kGovGb =
    "为深入推进市场监管所标准化规范化建设，根据国家市场监督管理总局的部署，现就开展试点工作有关事项通知如下。"
    "各县市区局要高度重视，认真组织检查，及时报送工作情况。";
const std::string kGovBig5 =
    "為深入推進市場監管所標準化規範化建設，根據國家市場監督管理總局的部署，現就開展試點工作有關事項通知如下。"
    "各縣市區局要高度重視，認真組織檢查，及時報送工作情況。";

}  // namespace

TEST(Encoding, GbkDecodedAsGb18030KeepsGbkOnlyCharacters) {
  // 喆 (86B4) and 镕 (E946) exist in GBK but not in GB2312.
  const std::string text = kGovGb + "当事人张喆，法定代表人朱镕。";
  const std::string gbk = encode(text, "GBK");
  const Decoded d = decode_text(gbk);
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, text);
  EXPECT_FALSE(d.lossy);
}

TEST(Encoding, ShortGbNameIsGb18030) {
  const Decoded d = decode_text("\xD5\xC5\x86\xB4");  // 张喆
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, "张喆");
  std::string enc;
  EXPECT_EQ(decode_short("\xD5\xC5\x86\xB4.txt", &enc), "张喆.txt");
  EXPECT_EQ(enc, "GB18030");
}

TEST(Encoding, ShortGbkNameThatIsValidUtf8) {
  // 目录 in GBK is C4BF C2BC, which is also valid UTF-8 ("Ŀ¼"), libraries.md §4/§5.
  std::string enc;
  EXPECT_EQ(decode_short("\xC4\xBF\xC2\xBC.xlsx", &enc), "目录.xlsx");
  EXPECT_EQ(enc, "GB18030");
  EXPECT_EQ(decode_text("\xC4\xBF\xC2\xBC").utf8, "目录");
  // Real UTF-8 Latin stays UTF-8.
  EXPECT_EQ(decode_short("caf\xC3\xA9.txt", &enc), "café.txt");
  EXPECT_EQ(enc, "UTF-8");
  EXPECT_EQ(decode_short("检查记录.docx", &enc), "检查记录.docx");
  EXPECT_EQ(enc, "UTF-8");
}

TEST(Encoding, Utf8BomStripped) {
  const Decoded d = decode_text("\xEF\xBB\xBF市场监管");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, "市场监管");
}

TEST(Encoding, Utf16WithBom) {
  const std::string le = "\xFF\xFE" + encode("检查记录 2024", "UTF-16LE");
  const std::string be = "\xFE\xFF" + encode("检查记录 2024", "UTF-16BE");
  EXPECT_EQ(decode_text(le).utf8, "检查记录 2024");
  EXPECT_EQ(decode_text(le).encoding, "UTF-16LE");
  EXPECT_EQ(decode_text(be).utf8, "检查记录 2024");
  EXPECT_EQ(decode_text(be).encoding, "UTF-16BE");
}

TEST(Encoding, Utf16LeWithoutBom) {
  const std::string text = "检查对象\t检查时间\t检查结果\r\n某某超市\t2024-03-05\t合格\r\n";
  const Decoded d = decode_text(encode(text, "UTF-16LE"));
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.utf8, text);
}

// Another office's Windows exports: UTF-16 without a BOM was judged by the share of NUL bytes at
// one parity, and a Chinese text has few (its line ends) while 一 (U+4E00) and the ideographic
// space (U+3000) put theirs at the other parity: the sniffer refused it as unsupported. Now
// utf16_without_bom decides on evidence (even length, clean units, ASCII's zero high bytes, line
// ends), for both byte orders, and GB18030/GBK/Big5/UTF-8 text, which has no NUL, is never it.
TEST(Encoding, Utf16WithoutBomIsKnownByItsEvidenceAndNoOtherEncodingIsTakenForIt) {
  const std::string chinese = "　　关于申请购置食品快速检测设备一事，现请示如下。\r\n　　妥否，请批示。";
  const std::string ascii_heavy = "OK 2025-03-22";
  const std::string short_ascii = "OK";
  for (const std::string& text : {chinese, ascii_heavy, short_ascii, std::string("检查记录\r第一行\r第二行")}) {
    for (const char* order : {"UTF-16LE", "UTF-16BE"}) {
      const std::string bytes = encode(text, order);
      EXPECT_EQ(utf16_without_bom(bytes).value_or("none"), order) << text;
      const Decoded d = decode_text(bytes);
      EXPECT_EQ(d.encoding, order) << text;
      EXPECT_EQ(d.utf8, text);
      EXPECT_FALSE(d.lossy);
    }
  }
  for (const std::string& text : {chinese, kGovGb, ascii_heavy}) {
    EXPECT_FALSE(utf16_without_bom(encode(text, "GB18030"))) << text;
    EXPECT_FALSE(utf16_without_bom(encode(text, "GBK"))) << text;
    EXPECT_FALSE(utf16_without_bom(text)) << text;  // UTF-8
  }
  EXPECT_FALSE(utf16_without_bom(encode(kGovBig5, "Big5")));
  // A stray NUL in GB text, or binary bytes, is no UTF-16 evidence; nor is an odd byte count.
  const std::string gb = encode(kGovGb + "2024年", "GB18030");
  for (size_t at : {40, 41}) {
    std::string stray = gb.substr(0, at) + '\0' + gb.substr(at);
    if (stray.size() % 2) stray += 'x';
    EXPECT_FALSE(utf16_without_bom(stray)) << at;
  }
  EXPECT_FALSE(utf16_without_bom(std::string("\x00\x00\x01\x02\x03\x00\x7F\x45\x4C\x46", 10)));
  EXPECT_FALSE(utf16_without_bom(encode(chinese, "UTF-16LE") + "x"));
}

// Bug: UTF-16 without a BOM made only of ideographs and full-width punctuation (no ASCII, no line
// end, no U+xx00 character: not one zero byte) had none of utf16_without_bom's evidence and was read
// as GB18030 (ASCII letters and stray characters, lossy). Its clean UTF-16 reading now competes
// with the legacy readings on common characters. And the other way round: GB18030, GBK and Big5
// texts of every mix (random slices with ASCII, lines, English) are never taken for UTF-16.
TEST(Encoding, PureCjkUtf16WithoutBomIsNotReadAsGb18030) {
  const std::vector<std::string> pure = {
      "行政处罚决定书：当事人违反《中华人民共和国食品安全法》第三十四条的规定，本局决定给予警告，并处罚款。",
      "检查记录：检查人员出示执法证件，说明来意；当事人在场，对检查结果无异议。", "市场监管所检查记录表"};
  for (const std::string& text : pure) {
    for (const char* order : {"UTF-16LE", "UTF-16BE"}) {
      const std::string bytes = encode(text, order);
      ASSERT_EQ(bytes.find('\0'), std::string::npos) << "the case is text without a zero byte";
      const Decoded d = decode_text(bytes);
      EXPECT_EQ(d.encoding, order) << text;
      EXPECT_EQ(d.utf8, text);
      EXPECT_FALSE(d.lossy);
    }
  }
  const std::string hanzi = kGovGb + pure[0] + pure[1];
  const std::vector<std::string> ascii = {"2024", "\r\n", "\n", " ", "abc", "the quick brown fox ", "ID:", "OK", "x"};
  std::mt19937 rng(20261208);
  auto slice = [&](const std::string& from) {  // whole characters: every one here is 3 UTF-8 bytes
    const size_t chars = from.size() / 3, at = rng() % chars, len = 1 + rng() % std::min<size_t>(12, chars - at);
    return from.substr(at * 3, len * 3);
  };
  for (int i = 0; i < 400; ++i) {
    std::string text;
    const int parts = 1 + static_cast<int>(rng() % 8);
    const bool english = i % 4 == 0;  // mostly ASCII letters: their pairs read as UTF-16 are ideographs
    for (int p = 0; p < parts; ++p)
      text += (english ? rng() % 4 != 0 : rng() % 2 != 0) ? ascii[rng() % ascii.size()] : slice(hanzi);
    for (const char* enc : {"GB18030", "GBK"}) {
      const Decoded d = decode_text(encode(text, enc));
      EXPECT_EQ(d.encoding.rfind("UTF-16", 0), std::string::npos) << enc << " " << text << " read as " << d.encoding;
    }
    std::string traditional;
    for (int p = 0; p < parts; ++p) traditional += rng() % 2 ? ascii[rng() % ascii.size()] : slice(kGovBig5);
    const Decoded b5 = decode_text(encode(traditional, "Big5"));
    EXPECT_EQ(b5.encoding.rfind("UTF-16", 0), std::string::npos) << traditional << " read as " << b5.encoding;
  }
}

TEST(Encoding, Big5Text) {
  const Decoded d = decode_text(encode(kGovBig5, "Big5"));
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_EQ(d.utf8, kGovBig5);
}

TEST(Encoding, ShortBig5TextByCommonCharacters) {
  const Decoded d = decode_text(encode("市場監管所檢查記錄", "Big5"));
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_EQ(d.utf8, "市場監管所檢查記錄");
}

TEST(Encoding, GbTextIsNotTakenForBig5) {
  const Decoded d = decode_text(encode(kGovGb, "GB18030"));
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, kGovGb);
}

TEST(Encoding, Big5PolicyDecidesAmbiguousShortText) {
  // B2E2 CAD4 is 测试 in GB18030 and 聆彸 in Big5: both clean, too short for statistics.
  const std::string bytes = "\xB2\xE2\xCA\xD4";
  EXPECT_EQ(decode_text(bytes, Big5Policy::Detect).encoding, "GB18030");
  EXPECT_EQ(decode_text(bytes, Big5Policy::PreferGb18030).encoding, "GB18030");
  EXPECT_EQ(decode_text(bytes, Big5Policy::PreferBig5).encoding, "Big5");
  // Clear evidence wins over the policy.
  EXPECT_EQ(decode_text(encode(kGovGb, "GB18030"), Big5Policy::PreferBig5).encoding, "GB18030");
  EXPECT_EQ(decode_text(encode(kGovBig5, "Big5"), Big5Policy::PreferGb18030).encoding, "Big5");
}

TEST(Encoding, HzGb2312) {
  const std::string hz = "This is ASCII.\nThe next sentence is in GB.~{<:Ky2;S{#,NpJ)l6HK!#~}Bye.\n";
  const Decoded d = decode_text(hz);
  EXPECT_EQ(d.encoding, "HZ-GB-2312");
  EXPECT_EQ(d.utf8, "This is ASCII.\nThe next sentence is in GB.己所不欲，勿施於人。Bye.\n");
  // Plain ASCII with a tilde-brace stays ASCII (UTF-8).
  EXPECT_EQ(decode_text("path ~{home}~ and more").encoding, "UTF-8");
}

TEST(Encoding, LossyDecodingIsFlagged) {
  std::string bytes = encode(kGovGb, "GB18030");
  bytes.insert(bytes.size() / 2 & ~size_t{1}, "\xFF");
  const Decoded d = decode_text(bytes);
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_TRUE(d.lossy);
  EXPECT_NE(d.utf8.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_TRUE(is_valid_utf8(d.utf8));
}

TEST(Encoding, EmptyAndAscii) {
  EXPECT_EQ(decode_text("").encoding, "UTF-8");
  EXPECT_EQ(decode_text("").utf8, "");
  const Decoded d = decode_text("No. 12, 2024-03-05\n");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, "No. 12, 2024-03-05\n");
}

TEST(Encoding, ConvertToUtf8ByDeclaredName) {
  std::string out;
  bool lossy = true;
  ASSERT_TRUE(convert_to_utf8(encode("张喆", "GBK"), "gb2312", out, &lossy));  // GB2312 label, GBK bytes
  EXPECT_EQ(out, "张喆");
  EXPECT_FALSE(lossy);
  ASSERT_TRUE(convert_to_utf8(encode("檔案", "Big5"), "BIG5", out, &lossy));
  EXPECT_EQ(out, "檔案");
  ASSERT_TRUE(convert_to_utf8("\xFF\xFE" + encode("档案", "UTF-16LE"), "UTF-16", out, &lossy));
  EXPECT_EQ(out, "档案");
  ASSERT_TRUE(convert_to_utf8("\xEF\xBB\xBF" "abc", "utf-8", out, &lossy));
  EXPECT_EQ(out, "abc");
  EXPECT_FALSE(convert_to_utf8("abc", "no-such-charset", out));
}

TEST(Encoding, CanonicalCharsetNames) {
  EXPECT_EQ(canonical_charset("gb2312"), "GB18030");
  EXPECT_EQ(canonical_charset("GBK"), "GB18030");
  EXPECT_EQ(canonical_charset("cp936"), "GB18030");
  EXPECT_EQ(canonical_charset("x-euc-tw"), "EUC-TW");
  EXPECT_EQ(canonical_charset("BIG5"), "Big5");
  EXPECT_EQ(canonical_charset("big5-hkscs"), "Big5-HKSCS");
  EXPECT_EQ(canonical_charset("HZ-GB-2312"), "HZ-GB-2312");
  EXPECT_EQ(canonical_charset("sjis"), "Shift_JIS");
  EXPECT_EQ(canonical_charset("utf8"), "UTF-8");
  EXPECT_EQ(canonical_charset("nonsense-charset"), "");
}

TEST(Encoding, StrictUtf8Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("ascii"));
  EXPECT_TRUE(is_valid_utf8("市场 \xF0\xA0\x84\x8C"));  // 𠄌, four bytes
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));               // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));           // encoded surrogate
  EXPECT_FALSE(is_valid_utf8("\xE5\xB8"));               // truncated
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));       // beyond U+10FFFF
}

TEST(Encoding, AnyBytesDecodeToValidUtf8) {
  std::mt19937 rng(20240305);
  for (int round = 0; round < 300; ++round) {
    std::string bytes(rng() % 400, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 256);
    for (auto policy : {Big5Policy::Detect, Big5Policy::PreferBig5, Big5Policy::PreferGb18030}) {
      const Decoded d = decode_text(bytes, policy);
      EXPECT_TRUE(is_valid_utf8(d.utf8)) << "round " << round;
      EXPECT_FALSE(d.encoding.empty());
    }
    EXPECT_TRUE(is_valid_utf8(decode_short(bytes)));
  }
}

TEST(Encoding, LargeInputIsDecidedOnASampleAndDecodedWhole) {
  std::string text;
  while (text.size() < 600 * 1024) text += kGovGb + "\n";
  text += "末尾张喆。\n";
  const Decoded d = decode_text(encode(text, "GBK"));
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_FALSE(d.lossy);
  EXPECT_EQ(d.utf8, text);
}

TEST(Encoding, ShortGbkThatLooksLikeMixedScriptUtf8) {
  // GBK 什么 = CA B2 C3 B4 is valid UTF-8 "ʲô"; 学习 = D1 A7 CF B0 is "ѧϰ".
  EXPECT_EQ(decode_text("\xCA\xB2\xC3\xB4").utf8, "什么");
  EXPECT_EQ(decode_short("\xD1\xA7\xCF\xB0"), "学习");
  // One real alphabet stays UTF-8.
  EXPECT_EQ(decode_short("Москва"), "Москва");
  EXPECT_EQ(decode_short("Αθήνα"), "Αθήνα");
  EXPECT_EQ(decode_short("Łódź"), "Łódź");
}

// Issue 11 §9: the detectors (uchardet, ICU's n-gram parser) were 17 % of compiling a book from 100
// GB18030 TXT sources. A BOM, valid UTF-8 or a clean, plainly Chinese GB18030 reading decide alone;
// what is not plain still goes to the detectors and is still decoded right.
TEST(Encoding, BomAndUtf8DecodeWithoutTheDetectors) {
  const Decoded bom = decode_text("\xEF\xBB\xBF" + kGovGb);
  EXPECT_EQ(bom.encoding, "UTF-8");
  EXPECT_EQ(bom.utf8, kGovGb);
  EXPECT_FALSE(bom.detected);
  const Decoded gb_bom = decode_text("\x84\x31\x95\x33" + encode(kGovGb, "GB18030"));
  EXPECT_EQ(gb_bom.encoding, "GB18030");
  EXPECT_EQ(gb_bom.utf8, kGovGb);
  EXPECT_FALSE(gb_bom.detected);
  const Decoded utf8 = decode_text(kGovGb);
  EXPECT_EQ(utf8.encoding, "UTF-8");
  EXPECT_FALSE(utf8.detected);
}

TEST(Encoding, PlainGb18030TextDecodesWithoutTheDetectors) {
  // Like a book source: 第X章 / 第X条 lines with CRLF, ASCII digits, full-width spaces.
  const std::string text = "第一号工作制度\r\n\r\n第一章　总则\r\n　　第一条　" + kGovGb + "\r\n　　第二条　2024年3月1日起施行。\r\n";
  const Decoded d = decode_text(encode(text, "GB18030"));
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_EQ(d.utf8, text);
  EXPECT_FALSE(d.lossy);
  EXPECT_FALSE(d.detected);
}

TEST(Encoding, TextThatIsNotPlainGbStillGoesToTheDetectors) {
  const Decoded big5 = decode_text(encode(kGovBig5, "Big5"));
  EXPECT_EQ(big5.encoding, "Big5");
  EXPECT_EQ(big5.utf8, kGovBig5);
  EXPECT_TRUE(big5.detected);
  // GBK-only characters (喆 86B4 is outside the GB2312 area): scored, and still GB18030.
  const std::string gbk_text = kGovGb + "当事人张喆，法定代表人朱镕。";
  const Decoded gbk = decode_text(encode(gbk_text, "GBK"));
  EXPECT_EQ(gbk.encoding, "GB18030");
  EXPECT_EQ(gbk.utf8, gbk_text);
  EXPECT_TRUE(gbk.detected);
  // A preference for Big5 always hears the detectors; clear GB evidence still wins.
  const Decoded pref = decode_text(encode(kGovGb, "GB18030"), Big5Policy::PreferBig5);
  EXPECT_EQ(pref.encoding, "GB18030");
  EXPECT_TRUE(pref.detected);
}
