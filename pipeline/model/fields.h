// Fields found in a document's text by normalize (issue 2 §6).
#pragma once
#include <string>
#include <vector>

#include "model/record.h"

namespace lh::model {

struct CaseNumber {
  std::string normalized;   // <简称>市监<类>〔YYYY〕N号
  std::string raw;          // as written
  bool zero_padded = false; // GB/T 9704-2012 §7.2.5 forbids padding; accepted with a warning
  bool with_di = false;     // 第 before the serial (…〔2025〕第7号), which §7.2.5 leaves out; accepted with a warning
};

struct CreditCode {
  std::string code;         // 18 characters, upper case, half-width
  bool valid = false;       // GB 32100-2015 check character and GB 11714 body check
};

struct IdNumber {
  std::string masked;       // first 4 and last 4 kept; never the full number
  bool valid = false;       // GB 11643-1999 checksum
};

// A date written after its label in a form ("询问时间：2024年3月5日9时…"): the label as printed
// (spaces removed) and the date in ISO 8601.
struct LabelledDate {
  std::string label;
  std::string iso;          // YYYY-MM-DD
};

struct Fields {
  std::vector<CaseNumber> case_numbers;
  std::vector<std::string> parties;        // 当事人
  std::vector<CreditCode> credit_codes;
  std::vector<IdNumber> id_numbers;
  std::vector<std::string> dates;          // YYYY-MM-DD (YYYY-MM when the day is not written)
  std::string doc_type;                    // one of the 56 文书 of the 2021 范本; "检查记录" (number 0) for inspection records; empty: unknown
  int doc_type_number = 0;                 // its number in the 范本 (1..56), 0 if none
  std::vector<LabelledDate> labelled_dates;  // in reading order (normalize/doc_facts.h)
  std::string last_date;                   // last full date in reading order (the 落款 of most forms)
  std::string title_line;                  // the document's own title line, never a letterhead; empty: none
  std::string own_number;                  // 文号 printed on its own line in the head; empty: none
  std::vector<Officer> officers;           // 检查人员/执法人员 a typed record names (normalize::find_officers)
  std::string inspection_result;           // 检查结果 a typed 检查记录 states (normalize::find_inspection_result)
  std::string served;                      // a 送达回证's 送达文书名称 (范本 No. 50): what it served; empty: none
  std::vector<std::string> warnings;
};

}  // namespace lh::model
