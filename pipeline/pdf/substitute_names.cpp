// The family tables of the substitution (font_substitute.h): which names of unembedded fonts our
// faces stand in for, and how a name is folded to its family and style. Data, apart from the pass.
#include "pdf/font_substitute.h"

#include <string_view>
#include <utility>

namespace lh::pdf {

const std::vector<SubstituteNames>& substitute_names() {
  static const std::vector<SubstituteNames> kNames = {
      {model::FontRole::Song,
       {"STSong", "SimSun", "NSimSun", "Song", "SongTi", "STSongti", "AdobeSongStd", "宋体", "新宋体", "华文宋体"}},
      // 微软雅黑 and 等线 (Office's Chinese defaults since Windows Vista and Office 2016) are sans faces
      // of the 黑体 kind.
      {model::FontRole::Hei,
       {"SimHei", "STHeiti", "Hei", "HeiTi", "AdobeHeitiStd", "黑体", "华文黑体", "Microsoft YaHei", "YaHei", "微软雅黑", "DengXian",
        "等线"}},
      // The 宋体 and 黑体 of traditional-Chinese documents (Adobe-CNS1: MSung and MHei are iText's and
      // reportlab's): our faces are SC cuts of GBK, which holds most but not all of Big5, so Poppler
      // is not pointed at them for page pictures (a character missing there would be drawn as nothing).
      {model::FontRole::Song, {"MingLiU", "PMingLiU", "MingLiU_HKSCS", "MSung", "細明體", "新細明體", "细明体", "新细明体"}, false},
      {model::FontRole::Hei, {"MHei", "Microsoft JhengHei", "微軟正黑體"}, false},
      // 方正's PostScript names in full too: Poppler looks a name up whole unless what follows its
      // "-" is a style (Bold, Light, …), so the steering of page pictures needs them as written.
      {model::FontRole::Title,
       {"FZXiaoBiaoSong", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "FZXBSJW", "FZXBSJW--GB1-0", "FZXBSK", "FZXBSK--GBK1-0",
        "方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "STZhongsong", "华文中宋"}},
      {model::FontRole::Body,
       {"FangSong", "FangSong_GB2312", "Fangsong", "STFangsong", "AdobeFangsongStd", "仿宋", "仿宋_GB2312", "华文仿宋"},
       false},
      {model::FontRole::Kai, {"KaiTi", "KaiTi_GB2312", "Kai", "STKaiti", "AdobeKaitiStd", "楷体", "楷体_GB2312", "华文楷体"}, false},
  };
  return kNames;
}

const std::vector<LatinNames>& latin_names() {
  static const std::vector<LatinNames> kNames = {
      {"Liberation Sans", {"Helvetica", "Arial", "ArialMT"}},
      {"Liberation Serif", {"Times", "TimesNewRoman", "TimesNewRomanPS", "TimesNewRomanPSMT"}},
      {"Liberation Mono", {"Courier", "CourierNew", "CourierNewPS", "CourierNewPSMT"}},
  };
  return kNames;
}

namespace {

// A font's name without its subset tag ("ABCDEF+", PDF 32000-1 §9.6.4), split at the first "-" or
// ",": the family before, the style after ("" when there is none).
std::pair<std::string, std::string> family_and_style(const std::string& font_name) {
  std::string_view name = font_name;
  if (name.size() > 7 && name[6] == '+') name.remove_prefix(7);
  const size_t cut = name.find_first_of("-,");
  if (cut == std::string_view::npos) return {std::string(name), {}};
  return {std::string(name.substr(0, cut)), std::string(name.substr(cut + 1))};
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string latin_style(const std::string& font_name) {
  std::string style = family_and_style(font_name).second;
  for (char& c : style) c = ascii_lower(c);
  const bool bold = style.find("bold") != std::string::npos;
  const bool italic = style.find("italic") != std::string::npos || style.find("oblique") != std::string::npos;
  return bold && italic ? "bold-italic" : bold ? "bold" : italic ? "italic" : "regular";
}

std::string folded_family(const std::string& font_name) {
  std::string out;
  for (char c : family_and_style(font_name).first)
    if (c != ' ') out += ascii_lower(c);
  return out;
}

}  // namespace lh::pdf
