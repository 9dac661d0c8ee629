// Inspection registers (检查台账) kept as spreadsheets: which header names mean which field of an
// InspectionRecord, and turning the rows of such a table into records. One place for the CSV and
// XLSX readers. The fields are those 程序规定 第二十八条 asks a 笔录 to record (时间、地点、事件)
// and 第二十二条's two officers with their 执法证件.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "model/record.h"

namespace lh::ingest {

enum class RegisterColumn {
  None, RecordId, Subject, CreditCode, Address, InspectedAt, RecordedAt, Officers, Certificates,
  Content, Result, Measures, Attachments,
};

// The field a header cell names (检查对象, 被检查单位, 统一社会信用代码, 检查地点, 检查时间, 执法人员,
// 执法证号, 检查内容, 检查结果, 处理措施, ...); spaces, full-width spaces and a trailing note in
// brackets ("检查时间（年月日）") are ignored. None for 序号, 备注 and anything unknown.
RegisterColumn register_column(std::string_view header);

// A header row is a register's when it names the subject and at least two more fields, one of
// them about the inspection itself (time, officers, certificates, content, result, measures).
bool looks_like_register(const std::vector<std::string>& header_cells);

// One record per data row below the register header found among the table's first five rows;
// empty when the table is not a register. record.source = source_prefix + the 1-based row number
// in the table (header rows count), e.g. "csv row " → "csv row 2", "xlsx 台账!" → "xlsx 台账!5".
// Officers: names split on 、，,;；/ and spaces, paired in order with the 执法证号 split the same
// way; "张三(3501001)" carries its own number. Dates become ISO 8601 when they can be read.
std::vector<model::InspectionRecord> records_from_table(const model::Table& table, const std::string& source_prefix);

// The same over plain rows of cell text (row 0 is the first row of the sheet or file).
std::vector<model::InspectionRecord> records_from_rows(const std::vector<std::vector<std::string>>& rows,
                                                       const std::string& source_prefix);

// Splits a list of names or numbers on 、，,;；/ and white space (ASCII and U+3000); no empty items.
std::vector<std::string> split_list(std::string_view s);

}  // namespace lh::ingest
