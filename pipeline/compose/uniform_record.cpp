#include "compose/uniform_record.h"

#include "normalize/fields.h"
#include "render/render_document.h"
#include "compose/render_kit.h"
#include "compose/volume_forms.h"

namespace lh::compose {

std::vector<RecordProblem> check_record(const model::InspectionRecord& r) {
  std::vector<RecordProblem> out;
  auto add = [&](std::string f, std::string m, std::string c) { out.push_back({std::move(f), std::move(m), std::move(c)}); };
  if (r.officers.size() < 2)
    add("officers", "执法人员不足两名（记录了 " + std::to_string(r.officers.size()) + " 名）", "程序规定 第二十二条");
  for (const auto& o : r.officers) {
    bool digits_ok = !o.certificate.empty() && o.certificate.find_first_of("Ee+") == std::string::npos;
    if (o.certificate.empty()) add("certificate", "执法人员" + o.name + "没有执法证号", "程序规定 第二十二条");
    else if (!digits_ok) add("certificate", "执法人员" + o.name + "的执法证号“" + o.certificate + "”疑被表格软件改写", "程序规定 第二十二条");
  }
  if (r.subject.empty()) add("subject", "没有检查对象（当事人全称）", "程序规定 第二十八条");
  if (r.address.empty()) add("address", "没有检查地点", "程序规定 第二十八条");
  if (r.inspected_at.empty()) add("inspected_at", "没有检查时间", "程序规定 第二十八条");
  if (r.content.empty()) add("content", "没有检查情况（事件）", "程序规定 第二十八条");
  if (r.credit_code.empty()) add("credit_code", "没有统一社会信用代码", "GB 32100-2015");
  else if (!normalize::credit_code_valid(r.credit_code))
    add("credit_code", "统一社会信用代码 " + r.credit_code + " 校验不通过", "GB 32100-2015");
  if (!r.inspected_at.empty() && !r.recorded_at.empty()) {
    std::string a = r.inspected_at, b = r.recorded_at;
    // Compare at the precision both have (a date-only 记录日期 ends the day).
    std::string a_day = a.substr(0, 10), b_day = b.substr(0, 10);
    if (a_day > b_day || (a_day == b_day && b.size() > 10 && a.size() > 10 && a > b))
      add("dates", "检查时间 " + a + " 晚于记录日期 " + b, "现场笔录当场制作");
  }
  return out;
}

namespace {
std::string when(const std::string& iso) {
  if (iso.size() < 10) return iso;
  std::string s = forms::chinese_date(iso.substr(0, 10));
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' '))
    if (auto hour = forms::decimal(std::string_view(iso).substr(11, 2)))
      s += std::to_string(*hour) + "时" + iso.substr(14, 2) + "分";
  return s;
}
}  // namespace

model::Document uniform_record_document(const model::InspectionRecord& r, const std::string& office, bool mask) {
  const RenderKit& k = render_kit();
  auto m = [&](const std::string& s) { return mask ? normalize::mask_personal_numbers(s) : s; };
  model::Section s = forms::section(k.form.page);
  if (!office.empty()) s.blocks.push_back(forms::block(forms::title(office, 16)));
  s.blocks.push_back(forms::block(forms::title("现场检查笔录", 22)));
  s.blocks.push_back(forms::block(forms::para(r.record_id.empty() ? " " : "编号：" + r.record_id, model::Align::End, 10.5)));
  model::Table t;
  t.col_widths_mm = {32, 46, 32, 46};
  auto cellrow = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d) {
    t.rows.push_back(forms::row({a, b, c, d}, 11));
  };
  auto wide = [&](const std::string& a, const std::string& b) {
    model::TableRow row;
    row.cells.push_back(forms::cell(a, model::Align::Start, 11));
    row.cells.push_back(forms::cell(b, model::Align::Start, 11, false, 3));
    t.rows.push_back(std::move(row));
  };
  wide("检查对象", m(r.subject));
  wide("统一社会信用代码", r.credit_code);
  wide("检查地点", m(r.address));
  cellrow("检查时间", when(r.inspected_at), "记录日期", when(r.recorded_at));
  for (size_t i = 0; i < std::max<size_t>(2, r.officers.size()); ++i) {
    const model::Officer o = i < r.officers.size() ? r.officers[i] : model::Officer{};
    cellrow("执法人员", o.name, "执法证号", o.certificate);
  }
  wide("检查情况", m(r.content));
  wide("检查结果", m(r.result));
  wide("处理措施", m(r.measures));
  std::string att;
  for (const auto& a : r.attachments) att += (att.empty() ? "" : "；") + m(a);
  wide("附件", att);
  wide("来源", m(r.source));
  s.blocks.push_back(forms::block(std::move(t)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("执法人员签名：　　　　　　　　当事人签名：　　　　　　　　", model::Align::Start, 12)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

UniformRecordFiles render_uniform_record(const model::InspectionRecord& r, const std::string& office,
                                         const std::string& date, bool mask) {
  const RenderKit& k = render_kit();
  render::RenderOptions ro;
  ro.date = date;
  ro.title = "现场检查笔录 " + r.record_id;
  ro.author = office;
  ro.keep_laid = true;  // an OFD-A copy is written from the same pages where the scheme asks
  auto out = render::render_document(uniform_record_document(r, office, mask), k.form, k.fonts, ro);
  return {std::move(out.pdf), std::move(out.docx), out.pages, std::move(out.laid)};
}

}  // namespace lh::compose
