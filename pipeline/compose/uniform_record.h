// Uniform inspection records (issue 5 §3): every model::InspectionRecord, whatever its source (XML
// export, CSV/XLSX register row, DOCX/PDF 笔录), rendered as one standard 现场检查笔录 (PDF + DOCX).
// Missing or invalid fields are listed, never filled in: at least two officers each with a 执法证号
// (程序规定 第二十二条), a valid 统一社会信用代码 (GB 32100-2015), 检查时间 not after the 记录日期,
// and the 第二十八条 minimum (时间、地点、事件) plus the 检查对象.
#pragma once
#include <memory>

#include "layout/frames.h"
#include <string>
#include <vector>

#include "model/document.h"
#include "model/record.h"

namespace lh::compose {

struct RecordProblem {
  std::string field;    // officers, certificate, credit_code, dates, subject, address, inspected_at, content
  std::string message;  // Chinese, one line
  std::string clause;
};

std::vector<RecordProblem> check_record(const model::InspectionRecord& r);

// The standard 现场检查笔录 as a document; empty fields show as blank lines to fill in by hand.
// ID and mobile numbers in free text are masked when mask is set.
model::Document uniform_record_document(const model::InspectionRecord& r, const std::string& office, bool mask);

struct UniformRecordFiles {
  std::string pdf, docx;
  int pages = 0;
  std::shared_ptr<const layout::Laid> laid;  // the pages both were written from (the OFD copy's)
};
UniformRecordFiles render_uniform_record(const model::InspectionRecord& r, const std::string& office,
                                         const std::string& date, bool mask = false);

}  // namespace lh::compose
