#include "filing/office.h"

#include <unicode/timezone.h>

#include <cstdio>
#include <memory>

#include "filing/xml_safe.h"

namespace lh::filing {

namespace {
std::unique_ptr<icu::TimeZone> open_zone(const std::string& id) {
  return std::unique_ptr<icu::TimeZone>(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
}
}  // namespace

bool is_known_time_zone(const std::string& time_zone) {
  auto z = open_zone(time_zone);
  return z && *z != icu::TimeZone::getUnknown();
}

std::string local_time_iso(std::chrono::system_clock::time_point when, const std::string& time_zone) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(when);
  int32_t raw = 0, dst = 0;
  UErrorCode e = U_ZERO_ERROR;
  if (auto z = open_zone(time_zone)) z->getOffset(static_cast<UDate>(secs.time_since_epoch().count()) * 1000.0, false, raw, dst, e);
  const int offset_min = U_SUCCESS(e) ? (raw + dst) / 60000 : 0;
  const sys_seconds local = secs + minutes(offset_min);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char buf[48];
  const int off = offset_min < 0 ? -offset_min : offset_min;
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()), offset_min < 0 ? '-' : '+',
                off / 60, off % 60);
  return buf;
}

OfficeLoad load_office_text(const std::string& xml, const std::string& xsd, const std::string& name) {
  OfficeLoad out;
  std::vector<XmlProblem> problems;
  XmlDocPtr doc = parse_xml_safely(xml, problems);
  if (doc && !validate_with_xsd(doc.get(), xsd, problems)) doc.reset();
  if (!doc) {
    for (auto& p : problems) out.errors.push_back(p.text(name));
    return out;
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  Office o;
  o.fonds = text_of(first_child(root, "fonds"));
  o.fonds_name = text_of(first_child(root, "fonds-name"));
  o.name = text_of(first_child(root, "name"));
  o.short_name = text_of(first_child(root, "short-name"));
  o.organisation = text_of(first_child(root, "organisation-code"));
  o.parent = text_of(first_child(root, "parent"));
  if (xmlNode* b = first_child(root, "brand")) {
    o.brand_colour = attr(b, "colour");
    o.emblem = attr(b, "emblem");
    o.slogan = attr(b, "slogan");
  }
  if (xmlNode* tz = first_child(root, "time-zone")) {
    o.time_zone = text_of(tz);
    if (!is_known_time_zone(o.time_zone)) {
      out.errors.push_back(name + ": <time-zone> '" + o.time_zone + "' is not a time zone of the IANA database (e.g. Asia/Shanghai)");
      return out;
    }
  }
  out.office = std::move(o);
  return out;
}

OfficeLoad load_office(const std::filesystem::path& xml, const std::filesystem::path& xsd) {
  OfficeLoad out;
  std::string xml_text, xsd_text, e;
  if (!read_config_file(xml.string(), xml_text, e)) { out.errors.push_back(e); return out; }
  if (!read_config_file(xsd.string(), xsd_text, e)) { out.errors.push_back(e); return out; }
  return load_office_text(xml_text, xsd_text, xml.string());
}

}  // namespace lh::filing
