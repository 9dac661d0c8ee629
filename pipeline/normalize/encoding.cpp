// 清扫: bytes in any Chinese encoding → UTF-8 (issue 2 §4; measured facts in libraries.md §4).
//
// Order of evidence, strongest first:
//   1. a byte-order mark (UTF-8, UTF-16LE/BE, GB18030's 84 31 95 33) is proof; it is stripped;
//   2. HZ-GB-2312 is 7-bit ASCII, so it is tried before UTF-8, but only when uchardet names it and
//      ICU decodes it cleanly (a "~{" in program text alone must not turn ASCII into Chinese);
//   3. strict UTF-8 (no NUL bytes: those mean UTF-16);
//   4. UTF-16 without a BOM by its evidence (Excel "Unicode text"; utf16_evidence.cpp); uchardet
//      cannot see it; UTF-16 with no zero byte at all (pure ideographs) is a candidate in step 5;
//   5. statistics for the legacy encodings. GB2312/GBK/CP936 are always decoded as GB18030, their
//      superset. Big5 bytes also decode "validly" as GB18030, so every clean candidate decoding is
//      scored by how many of its characters are common Chinese characters (simplified or
//      traditional), with bonuses for the detectors' votes and the configured Big5Policy; a
//      decoding that yields control or private-use characters (ICU's Big5 puts HKSCS in the PUA)
//      is marked down like one with errors. Up to 3 characters: GB18030 when it is clean (§4).
//      Measured on GB/Big5 slices of the corpus texts: GB right at every length from 2 characters,
//      Big5 right from 5 characters on.
// Conversion is ICU's, except Big5-HKSCS and EUC-TW, which glibc iconv decodes exactly (ICU's
// ibm-1375 drops HKSCS's two-code-point sequences; ibm-964 fails on CNS plane 3).
#include "normalize/encoding.h"

#include <iconv.h>
#include <uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace lh::normalize {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

struct Conversion {
  bool available = false;  // a converter for the charset exists
  std::string utf8;
  size_t errors = 0;       // byte sequences that could not be decoded (each became U+FFFD)
};

// ---- charset names ------------------------------------------------------------------------------

// How each canonical name is decoded. Anything else goes to ICU under its own name.
struct Backend { std::string_view canonical; const char* icu; const char* iconv; };
constexpr Backend kBackends[] = {
    {"UTF-8", "UTF-8", nullptr},         {"UTF-16LE", "UTF-16LE", nullptr},
    {"UTF-16BE", "UTF-16BE", nullptr},   {"GB18030", "GB18030", nullptr},
    {"Big5", "Big5", nullptr},           {"Big5-HKSCS", nullptr, "BIG5-HKSCS"},
    {"HZ-GB-2312", "HZ", nullptr},       {"EUC-TW", nullptr, "EUC-TW"},
    {"Shift_JIS", "windows-31j", nullptr},  // what Windows writes; a superset of JIS X 0208 SJIS
};

// Keys are upper case with '-', '_', ' ' and '.' removed. GB2312 and GBK map to GB18030.
struct Alias { std::string_view key, canonical; };
constexpr Alias kAliases[] = {
    {"UTF8", "UTF-8"},           {"UTF16LE", "UTF-16LE"},     {"UTF16BE", "UTF-16BE"},
    {"UNICODEFFFE", "UTF-16BE"}, {"GB18030", "GB18030"},      {"GB2312", "GB18030"},
    {"GBK", "GB18030"},          {"CP936", "GB18030"},        {"MS936", "GB18030"},
    {"WINDOWS936", "GB18030"},   {"EUCCN", "GB18030"},        {"XEUCCN", "GB18030"},
    {"XGBK", "GB18030"},         {"CSGB2312", "GB18030"},     {"CHINESE", "GB18030"},
    {"ISOIR58", "GB18030"},      {"GB231280", "GB18030"},     {"CSISO58GB231280", "GB18030"},
    {"BIG5", "Big5"},            {"CP950", "Big5"},           {"MS950", "Big5"},
    {"WINDOWS950", "Big5"},      {"XXBIG5", "Big5"},          {"CNBIG5", "Big5"},
    {"CSBIG5", "Big5"},          {"BIG5ETEN", "Big5"},        {"BIG5HKSCS", "Big5-HKSCS"},
    {"BIG5HKSCS2008", "Big5-HKSCS"}, {"HKSCS", "Big5-HKSCS"}, {"CP951", "Big5-HKSCS"},
    {"HZ", "HZ-GB-2312"},        {"HZGB2312", "HZ-GB-2312"},  {"HZGB", "HZ-GB-2312"},
    {"EUCTW", "EUC-TW"},         {"XEUCTW", "EUC-TW"},        {"CNS11643", "EUC-TW"},
    {"SHIFTJIS", "Shift_JIS"},   {"SJIS", "Shift_JIS"},       {"CP932", "Shift_JIS"},
    {"MS932", "Shift_JIS"},      {"WINDOWS31J", "Shift_JIS"}, {"XSJIS", "Shift_JIS"},
    {"MSKANJI", "Shift_JIS"},    {"CSSHIFTJIS", "Shift_JIS"},
};

std::string alias_key(std::string_view name) {
  std::string k;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ' || c == '.') continue;
    k += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return k;
}

bool is_big5_family(std::string_view canonical) { return canonical == "Big5" || canonical == "Big5-HKSCS"; }

// ---- converters ---------------------------------------------------------------------------------

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* units,
                          int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason <= UCNV_IRREGULAR) ++*static_cast<size_t*>(const_cast<void*>(context));
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, units, length, reason, err);
}

using ConverterPtr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

Conversion icu_convert(std::string_view bytes, const char* icu_name) {
  Conversion c;
  UErrorCode e = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(icu_name, &e), &ucnv_close);
  if (U_FAILURE(e) || !cnv) return c;
  c.available = true;
  ucnv_setToUCallBack(cnv.get(), count_and_substitute, &c.errors, nullptr, nullptr, &e);
  if (U_FAILURE(e)) return Conversion{};

  std::u16string u16(bytes.size() + 16, u'\0');
  const char* src = bytes.data();
  const char* const end = src + bytes.size();
  UChar* target = u16.data();
  for (;;) {
    e = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, u16.data() + u16.size(), &src, end, nullptr, true, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR) break;
    const size_t used = static_cast<size_t>(target - u16.data());
    u16.resize(u16.size() * 2);
    target = u16.data() + used;
  }
  if (U_FAILURE(e)) return Conversion{};
  u16.resize(static_cast<size_t>(target - u16.data()));

  // UTF-16 → UTF-8; a lone surrogate (possible only from a broken UTF-16 input) becomes U+FFFD.
  int32_t len = 0, subs = 0;
  e = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &len, u16.data(), static_cast<int32_t>(u16.size()), 0xFFFD, &subs, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) return Conversion{};
  c.utf8.resize(static_cast<size_t>(len));
  e = U_ZERO_ERROR;
  u_strToUTF8WithSub(c.utf8.data(), len, &len, u16.data(), static_cast<int32_t>(u16.size()), 0xFFFD, &subs, &e);
  if (U_FAILURE(e)) return Conversion{};
  c.errors += static_cast<size_t>(subs);
  return c;
}

Conversion iconv_convert(std::string_view bytes, const char* iconv_name) {
  Conversion c;
  iconv_t cd = iconv_open("UTF-8", iconv_name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return c;
  c.available = true;
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
  size_t in_left = bytes.size();
  char buf[8192];
  while (in_left > 0) {
    char* out = buf;
    size_t out_left = sizeof buf;
    const size_t r = iconv(cd, &in, &in_left, &out, &out_left);
    c.utf8.append(buf, static_cast<size_t>(out - buf));
    if (r != static_cast<size_t>(-1) || errno == E2BIG) continue;
    // EILSEQ (invalid) or EINVAL (truncated at the end): replace one byte and go on.
    ++c.errors;
    c.utf8 += kReplacement;
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  char* out = buf;
  size_t out_left = sizeof buf;
  iconv(cd, nullptr, nullptr, &out, &out_left);  // flush a pending combining sequence (HKSCS)
  c.utf8.append(buf, static_cast<size_t>(out - buf));
  iconv_close(cd);
  return c;
}

Conversion convert_as(std::string_view bytes, std::string_view canonical) {
  for (const auto& b : kBackends)
    if (b.canonical == canonical) return b.icu ? icu_convert(bytes, b.icu) : iconv_convert(bytes, b.iconv);
  return icu_convert(bytes, std::string(canonical).c_str());
}

// ---- what the bytes look like -------------------------------------------------------------------

size_t high_bytes(std::string_view b) {
  return static_cast<size_t>(std::count_if(b.begin(), b.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
}

std::optional<std::string> bom(std::string_view b) {
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  if (starts("\xEF\xBB\xBF")) return "UTF-8";
  if (starts("\x84\x31\x95\x33")) return "GB18030";
  if (starts("\xFF\xFE")) return "UTF-16LE";
  if (starts("\xFE\xFF")) return "UTF-16BE";
  return std::nullopt;
}

size_t bom_length(std::string_view canonical) {
  if (canonical == "UTF-8") return 3;
  if (canonical == "GB18030") return 4;
  return 2;
}

// Share of GB double-byte pairs inside the GB2312 area (A1–F7 × A1–FE). Real GB text is almost
// all GB2312; Big5 (trail bytes 40–7E) and HKSCS (lead bytes 87–A0) land mostly outside it.
struct GbShape { size_t pairs = 0, gb2312 = 0; };
GbShape gb_shape(std::string_view b) {
  GbShape s;
  for (size_t i = 0; i < b.size();) {
    const auto lead = static_cast<unsigned char>(b[i]);
    if (lead < 0x80 || i + 1 >= b.size()) { ++i; continue; }
    const auto trail = static_cast<unsigned char>(b[i + 1]);
    if (trail >= 0x30 && trail <= 0x39) { i += 4; continue; }  // GB18030 four-byte sequence
    ++s.pairs;
    if (lead >= 0xA1 && lead <= 0xF7 && trail >= 0xA1 && trail <= 0xFE) ++s.gb2312;
    i += 2;
  }
  return s;
}

std::string detector_uchardet(std::string_view b) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> d(uchardet_new(), &uchardet_delete);
  if (!d) return {};
  if (uchardet_handle_data(d.get(), b.data(), b.size()) != 0) return {};
  uchardet_data_end(d.get());
  const char* cs = uchardet_get_charset(d.get());
  return cs ? std::string(cs) : std::string();
}

std::string detector_icu(std::string_view b, int min_confidence) {
  UErrorCode e = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> d(ucsdet_open(&e), &ucsdet_close);
  if (U_FAILURE(e) || !d) return {};
  const auto len = static_cast<int32_t>(std::min<size_t>(b.size(), 1u << 20));
  ucsdet_setText(d.get(), b.data(), len, &e);
  const UCharsetMatch* m = ucsdet_detect(d.get(), &e);
  if (U_FAILURE(e) || !m) return {};
  if (ucsdet_getConfidence(m, &e) < min_confidence) return {};
  const char* name = ucsdet_getName(m, &e);
  return U_SUCCESS(e) && name ? std::string(name) : std::string();
}

// ---- how Chinese a decoding looks ---------------------------------------------------------------

// The ~800 most frequent characters of modern Chinese (Jun Da's frequency list), the words of
// market-supervision paperwork, and their traditional forms (OpenCC s2t and s2tw), plus the
// full-width punctuation both scripts share. A right decoding hits this set ~80–100% of the time;
// Big5 read as GB18030 (or the reverse) ~0–25% (measured on the corpus, pycjk and uchardet texts).
constexpr const char* kCommonHanzi =
    "，。、：；“”‘’（）《》！？…—·「」『』【】〔〕"
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去"
    "法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点"
    "正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿"
    "原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德"
    "资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交"
    "规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存"
    "未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写"
    "称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房"
    "半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围"
    "江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印"
    "晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略"
    "范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追"
    "帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央监督罚违登械卷档县镇乡街诚抽款這個們來爲國說時會對於過發後裏種經"
    "麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊決"
    "馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風幹聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請"
    "際約復線斷滿視須寫稱嗎輕農裝廣顯標談喫圖歷醫專費號盡較語僅隨選紅響雖勢參衆構節維劃敵陳態護興驗責營夠嚴續講終緊黃絕羣項圍織鬥雙紀"
    "採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯蘭試腦預誰陽繼驚傷藥適衛險陸習勞財環納歡獲負雲遊龍樹層衝範異漢簡擔靜積餘檢靈協佔徵揮勝階"
    "審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島託監罰違檔縣鎮鄉誠為裡眾";

bool is_common_hanzi(char32_t c) {
  static const std::vector<char32_t> set = [] {
    std::vector<char32_t> v;
    const std::string_view s = kCommonHanzi;
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    while (i < n) {
      UChar32 c = 0;
      U8_NEXT(s.data(), i, n, c);
      if (c > 0) v.push_back(static_cast<char32_t>(c));
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return std::binary_search(set.begin(), set.end(), c);
}

bool is_kana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }

// Share of the non-ASCII characters that are common Chinese (or, for a Japanese candidate, kana).
double common_share(std::string_view utf8, bool japanese) {
  size_t total = 0, hits = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(std::min<size_t>(utf8.size(), 1u << 20));
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, n, c);
    if (c >= 0 && c < 0x80) continue;
    ++total;
    if (c > 0 && (is_common_hanzi(static_cast<char32_t>(c)) || (japanese && is_kana(static_cast<char32_t>(c))))) ++hits;
  }
  return total ? static_cast<double>(hits) / static_cast<double>(total) : 0.0;
}

size_t non_ascii_chars(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0xC0;  // lead bytes only: one per non-ASCII character
  }));
}

// Characters a right decoding does not produce: C0 controls other than \t \n \r (NULs are UTF-16
// read as bytes) and private-use code points (ICU's Big5 maps HKSCS bytes to PUA "cleanly").
size_t suspicious_chars(std::string_view utf8) {
  size_t n = 0;
  int32_t i = 0;
  const auto len = static_cast<int32_t>(std::min<size_t>(utf8.size(), 1u << 20));
  while (i < len) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, len, c);
    if ((c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0xE000 && c <= 0xF8FF)) ++n;
  }
  return n;
}

bool is_han(UChar32 c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F); }

// Script group of a two-byte UTF-8 character: 0 Latin-1 letters, 1 other Latin, 2 IPA and spacing
// modifiers, 3 Greek, 4 Cyrillic, 5 Armenian, 6 Hebrew, 7 Arabic, 8 the rest.
int two_byte_group(UChar32 c) {
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) return 0;
  if (c < 0x250) return 1;
  if (c < 0x370) return 2;
  if (c < 0x400) return 3;
  if (c < 0x530) return 4;
  if (c < 0x590) return 5;
  if (c < 0x600) return 6;
  if (c < 0x700) return 7;
  return 8;
}

// Short GBK is often valid UTF-8 too: 目录 (C4BF C2BC) reads as "Ŀ¼", 什么 as "ʲô", 学习 as "ѧϰ"
// (libraries.md §4). Real short UTF-8 of that shape is one script ("café", "Москва", "Αθήνα");
// GBK read as UTF-8 mixes scripts or lands on symbols. So: valid UTF-8 made only of two-byte
// characters that are not all of one alphabet, and that GB18030 reads
// cleanly as Han characters, is taken as GB18030.
bool utf8_is_probably_gb(std::string_view b) {
  size_t non_ascii = 0;
  unsigned groups = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(std::min<size_t>(b.size(), 4096));
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(b.data(), i, n, c);
    if (c < 0) return false;
    if (c < 0x80) continue;
    if (c > 0x7FF) return false;  // a three- or four-byte character: real UTF-8
    ++non_ascii;
    groups |= 1u << two_byte_group(c);
  }
  if (non_ascii < 2) return false;
  // Latin counts as one alphabet when it has a Latin-1 letter ("Łódź"); "Ŀ¼" has none.
  const bool latin = (groups & 1u) && (groups & ~3u) == 0;
  const bool one_alphabet = latin || groups == (1u << 3) || groups == (1u << 4) || groups == (1u << 5) ||
                            groups == (1u << 6) || groups == (1u << 7);
  if (one_alphabet) return false;
  const Conversion gb = icu_convert(b, "GB18030");
  if (!gb.available || gb.errors) return false;
  i = 0;
  const auto m = static_cast<int32_t>(gb.utf8.size());
  while (i < m) {
    UChar32 c = 0;
    U8_NEXT(gb.utf8.data(), i, m, c);
    if (c >= 0x80 && !is_han(c)) return false;
  }
  return true;
}

Decoded finish(Conversion c, std::string encoding) {
  Decoded d;
  d.utf8 = std::move(c.utf8);
  d.encoding = std::move(encoding);
  d.lossy = c.errors > 0;
  return d;
}

// ---- the legacy-encoding decision ---------------------------------------------------------------

struct Candidate {
  std::string encoding;
  Conversion conv;
  double score = 0;
};

// The decision is made on the first 256 KiB (cut after a line end, so no character is split);
// only the winner converts the whole input.
constexpr size_t kSampleBytes = 256 * 1024;

std::string_view sample_of(std::string_view bytes) {
  if (bytes.size() <= kSampleBytes) return bytes;
  std::string_view s = bytes.substr(0, kSampleBytes);
  const size_t nl = s.rfind('\n');
  if (nl != std::string_view::npos && nl + 4096 >= s.size()) s = s.substr(0, nl + 1);
  return s;
}

// Plainly Chinese GB text is decided without the detectors: GB18030 reads it with no error and no
// control or private-use character, every double-byte pair lies in the GB2312 area (Big5's trail
// bytes 40–7E and HKSCS's lead bytes 87–A0 do not), there are at least 20 such pairs, and at least
// 60 % of the characters are common Chinese ones. A wrong reading (Big5, EUC-KR or EUC-JP bytes
// read as GB) hits the common set 0–25 % (see kCommonHanzi), so the scoring below would give
// GB18030 too; the two detectors were most of the cost of reading a GB18030 TXT (issue 11 §9: 17 %
// of `lianghua compile` over 100 such sources). Big5Policy::PreferBig5 always takes the full path.
bool plainly_gb18030(std::string_view bytes, const Conversion& gb) {
  if (!gb.available || gb.errors > 0) return false;
  const GbShape shape = gb_shape(bytes);
  if (shape.pairs < 20 || shape.gb2312 != shape.pairs) return false;
  if (suspicious_chars(gb.utf8) > 0) return false;
  return common_share(gb.utf8, false) >= 0.6;
}

Decoded decide_legacy(std::string_view all, Big5Policy policy) {
  const std::string_view bytes = sample_of(all);
  auto whole = [&](Conversion& sample_conv, const std::string& enc) {
    if (bytes.size() == all.size()) return finish(std::move(sample_conv), enc);
    return finish(convert_as(all, enc), enc);
  };
  const size_t high = high_bytes(bytes);

  // The sample is read as GB18030 once; the short-text rule, the plain-GB rule and the scoring
  // below all use this one reading.
  Conversion gb = convert_as(bytes, "GB18030");
  // Very short text (names, titles: up to 3 characters): detectors guess wildly there
  // (libraries.md §4), so GB18030 when it decodes cleanly — unless Big5 is preferred.
  if (non_ascii_chars(gb.utf8) <= 3) {
    if (policy == Big5Policy::PreferBig5) {
      Conversion b5 = convert_as(bytes, "Big5");
      if (b5.available && b5.errors == 0 && suspicious_chars(b5.utf8) == 0) return whole(b5, "Big5");
    }
    if (gb.errors == 0 && suspicious_chars(gb.utf8) == 0) return whole(gb, "GB18030");
  }
  if (policy != Big5Policy::PreferBig5 && plainly_gb18030(bytes, gb)) return whole(gb, "GB18030");

  const std::string said_uchardet = canonical_charset(detector_uchardet(bytes));
  const std::string said_icu = canonical_charset(detector_icu(bytes, 50));
  const bool long_enough = high >= 40;  // ~20 characters: both detectors are reliable (§4)

  std::vector<Candidate> cands;
  auto add = [&](const std::string& enc) {
    if (enc.empty() || enc == "US-ASCII") return;
    for (const auto& c : cands)
      if (c.encoding == enc) return;
    Candidate c{enc, enc == "GB18030" ? std::move(gb) : convert_as(bytes, enc), 0};
    if (c.conv.available) cands.push_back(std::move(c));
  };
  add("GB18030");
  add("Big5");
  if (!cands.empty() && cands.back().encoding == "Big5" &&
      (cands.back().conv.errors > 0 || suspicious_chars(cands.back().conv.utf8) > 0))
    add("Big5-HKSCS");
  add("UTF-8");
  if (bytes.find('\0') != std::string_view::npos) {  // UTF-16 whose NUL pattern was not clear
    add("UTF-16LE");
    add("UTF-16BE");
  } else {
    // UTF-16 with no zero byte at all: ideographs and full-width punctuation only (no ASCII, no line
    // end, no U+xx00 such as 一 or the ideographic space), so utf16_without_bom has no evidence. A
    // clean reading competes on common characters like any legacy one: read as GB18030 or Big5 it
    // has errors and few common characters; GB, Big5 or UTF-8 text read as UTF-16 gives Hangul,
    // private-use and rare ideographs (a GB2312 character's bytes, A1–FE, are never the high byte of
    // a CJK ideograph, U+4E00–9FFF), or unpaired surrogates, and is not a candidate at all.
    for (const bool le : {true, false})
      if (utf16_reads_clean(all, le)) add(le ? "UTF-16LE" : "UTF-16BE");
  }
  add(said_uchardet);
  if (long_enough) add(said_icu);
  if (cands.empty()) {
    Decoded d = finish(icu_convert(all, "UTF-8"), "UTF-8");
    d.detected = true;
    return d;
  }

  const GbShape shape = gb_shape(bytes);
  for (auto& c : cands) {
    const bool japanese = c.encoding == "Shift_JIS" || c.encoding == "EUC-JP" || c.encoding == "ISO-2022-JP";
    const size_t chars = std::max<size_t>(1, non_ascii_chars(c.conv.utf8));
    const size_t bad = c.conv.errors + suspicious_chars(c.conv.utf8);
    c.score = common_share(c.conv.utf8, japanese) - 2.0 * static_cast<double>(bad) / static_cast<double>(chars);
    auto same = [&](const std::string& said) {
      return !said.empty() && (said == c.encoding || (is_big5_family(said) && is_big5_family(c.encoding)));
    };
    if (same(said_uchardet)) c.score += long_enough ? 0.2 : 0.1;
    if (long_enough && same(said_icu)) c.score += 0.05;
    const bool gb = c.encoding == "GB18030";
    if (gb && shape.pairs >= 3)
      c.score -= 0.15 * (1.0 - static_cast<double>(shape.gb2312) / static_cast<double>(shape.pairs));
    if (policy == Big5Policy::PreferBig5 && is_big5_family(c.encoding)) c.score += 0.15;
    if (policy == Big5Policy::PreferGb18030 && gb) c.score += 0.15;
    if (policy == Big5Policy::Detect && gb) c.score += 0.03;  // mainland paperwork: GB on a tie
  }
  // Stable: on equal scores the earlier (GB18030, then Big5) wins.
  auto best = std::max_element(cands.begin(), cands.end(),
                               [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
  Decoded d = whole(best->conv, best->encoding);
  d.detected = true;
  return d;
}

}  // namespace

std::string canonical_charset(std::string_view name) {
  if (name.empty()) return {};
  const std::string key = alias_key(name);
  for (const auto& a : kAliases)
    if (a.key == key) return std::string(a.canonical);
  UErrorCode e = U_ZERO_ERROR;
  const std::string n(name);
  ConverterPtr cnv(ucnv_open(n.c_str(), &e), &ucnv_close);
  if (U_FAILURE(e) || !cnv) return {};
  const char* internal = ucnv_getName(cnv.get(), &e);
  if (U_FAILURE(e) || !internal) return {};
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode e2 = U_ZERO_ERROR;
    const char* s = ucnv_getStandardName(internal, standard, &e2);
    if (U_SUCCESS(e2) && s) return s;
  }
  return internal;
}

bool is_valid_utf8(std::string_view s) {
  int64_t i = 0;
  const auto n = static_cast<int64_t>(s.size());
  while (i < n) {
    if (static_cast<unsigned char>(s[static_cast<size_t>(i)]) < 0x80) { ++i; continue; }
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);  // negative for ill-formed, overlong, surrogates, > U+10FFFF
    if (c < 0) return false;
  }
  return true;
}

Decoded decode_text(std::string_view bytes, Big5Policy policy) {
  if (bytes.empty()) return Decoded{"", "UTF-8", false};

  if (auto b = bom(bytes)) return finish(convert_as(bytes.substr(bom_length(*b)), *b), *b);

  const bool ascii = high_bytes(bytes) == 0;
  if (ascii && bytes.find("~{") != std::string_view::npos && bytes.find('\0') == std::string_view::npos &&
      canonical_charset(detector_uchardet(bytes)) == "HZ-GB-2312") {
    Conversion hz = convert_as(bytes, "HZ-GB-2312");
    if (hz.available && hz.errors == 0) {
      Decoded d = finish(std::move(hz), "HZ-GB-2312");
      d.detected = true;  // uchardet named it
      return d;
    }
  }

  const bool has_nul = bytes.find('\0') != std::string_view::npos;
  if (!has_nul && is_valid_utf8(bytes)) {
    if (!(high_bytes(bytes) < 8 && utf8_is_probably_gb(bytes)))
      return Decoded{std::string(bytes), "UTF-8", false};
    return finish(convert_as(bytes, "GB18030"), "GB18030");
  }

  if (has_nul) {
    if (auto u16 = utf16_without_bom(bytes)) {
      Conversion c = convert_as(bytes, *u16);
      if (c.errors * 100 <= bytes.size() / 2) return finish(std::move(c), *u16);
    }
    if (ascii) return Decoded{std::string(bytes), "UTF-8", false};  // binary-ish ASCII; sanitize drops NULs
  }
  return decide_legacy(bytes, policy);
}

bool convert_to_utf8(std::string_view bytes, std::string_view charset, std::string& out, bool* lossy) {
  std::string canonical = canonical_charset(charset);
  const std::string key = alias_key(charset);
  // "UTF-16" (and Windows' "unicode") names no byte order: the BOM does, else the zero bytes'
  // evidence (utf16_without_bom), else big-endian, the order RFC 2781 §4.3 presumes.
  if (canonical.empty() || canonical == "UTF-16") {
    if (key == "UTF16" || key == "UCS2" || key == "UNICODE" || key == "ISO10646UCS2") {
      auto b = bom(bytes);
      canonical = (b && b != "UTF-8" && b != "GB18030") ? *b : utf16_without_bom(bytes).value_or("UTF-16BE");
    }
  }
  if (canonical.empty()) return false;
  if (auto b = bom(bytes); b && *b == canonical) bytes.remove_prefix(bom_length(canonical));
  Conversion c = convert_as(bytes, canonical);
  if (!c.available) return false;
  out = std::move(c.utf8);
  if (lossy) *lossy = c.errors > 0;
  return true;
}

std::string decode_short(std::string_view bytes, std::string* encoding) {
  auto result = [&](std::string text, const char* enc) {
    if (encoding) *encoding = enc;
    return text;
  };
  if (is_valid_utf8(bytes) && !utf8_is_probably_gb(bytes)) return result(std::string(bytes), "UTF-8");
  return result(convert_as(bytes, "GB18030").utf8, "GB18030");
}

}  // namespace lh::normalize
