#include "filing/office_profile_writer.h"

#include "model/markup.h"

namespace lh::filing {

namespace {

void element(std::string& out, const char* name, const std::string& value, const char* why) {
  if (value.empty()) return;
  out += "  <!-- ";
  out += why;
  out += " -->\n  <";
  out += name;
  out += ">" + model::markup_escape(value) + "</";
  out += name;
  out += ">\n";
}

}  // namespace

std::string office_profile_xml(const Office& o) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<!-- 单位档案配置（立档单位），由 lianghua init 生成；用 lianghua check-config 检查。 -->\n"
                    "<office>\n";
  element(out, "fonds", o.fonds, "全宗号：档案馆给定的 4 位代码（DA/T 22-2015）");
  element(out, "fonds-name", o.fonds_name, "全宗名称：归档章、盒脊与封面上的单位名");
  element(out, "name", o.name, "立档单位全称（机构编制批复的法定名称）");
  element(out, "short-name", o.short_name, "单位简称");
  element(out, "organisation-code", o.organisation, "机构（问题）代码：档号的一段（DA/T 22-2015 档号结构）");
  element(out, "parent", o.parent, "上级机关");
  if (!o.brand_colour.empty()) {
    out += "  <!-- 品牌色：单位自定（无全国统一色值） -->\n  <brand colour=\"" + model::markup_escape(o.brand_colour) + "\"";
    if (!o.emblem.empty()) out += " emblem=\"" + model::markup_escape(o.emblem) + "\"";
    if (!o.slogan.empty()) out += " slogan=\"" + model::markup_escape(o.slogan) + "\"";
    out += "/>\n";
  }
  out += "</office>\n";
  return out;
}

}  // namespace lh::filing
