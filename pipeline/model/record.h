// A structured inspection record (现场检查笔录 / 日常监督检查记录), whatever source it came from:
// an XML export, a register row (CSV/XLSX), or a DOCX/PDF 笔录.
// Legal minimum: 程序规定 第二十八条 (时间、地点、事件); two officers with 执法证件: 第二十二条.
#pragma once
#include <string>
#include <vector>

namespace lh::model {

struct Officer {
  std::string name;
  std::string certificate;  // 执法证号
};

struct InspectionRecord {
  std::string record_id;       // 记录编号, when the source has one
  std::string subject;         // 检查对象 (当事人全称)
  std::string credit_code;     // 统一社会信用代码
  std::string address;         // 地址 / 检查地点
  std::string inspected_at;    // 检查时间, ISO 8601 (date or date-time)
  std::string recorded_at;     // 记录日期, ISO 8601, when separate
  std::vector<Officer> officers;
  std::string content;         // 检查内容 / 检查情况
  std::string result;          // 检查结果
  std::string measures;        // 处理措施
  std::vector<std::string> attachments;
  std::string source;          // where it came from: "xml", "csv row 12", "xlsx 台账!5", "docx"
};

}  // namespace lh::model
