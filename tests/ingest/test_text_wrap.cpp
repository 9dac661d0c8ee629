// The one rule that joins lines a wrap broke (ingest/text_wrap.h), for text files and PDF pages
// alike: here the evidence a line shows is given directly.
#include <gtest/gtest.h>

#include "ingest/text_wrap.h"

namespace lh::ingest {
namespace {

WrapEvidence full_line(std::string_view text) {
  WrapEvidence e;
  e.text = text;
  e.reaches_measure = true;
  e.short_of_measure = false;
  return e;
}

WrapEvidence short_line(std::string_view text) {
  WrapEvidence e;
  e.text = text;
  return e;
}

// A sentence's wrapped end before its colon goes on its paragraph; a form's label alone on its line
// under another field ("检查地点：…" reaching the margin, then "检查情况：") stays a field of its own,
// and so does a label whose answer follows it on the line, or a label after a line that ends a mark.
TEST(TextWrap, ASentencesEndBeforeItsColonGoesOnAFormsLabelDoesNot) {
  const std::string prose = "第一条　本所执法车辆年度运行费用按月登记，年终汇总报县局备案，本年度";
  EXPECT_TRUE(wrapped_line_goes_on(full_line("年终汇总报县局备案，本年度"), short_line("费用合计如下："), false, prose));
  const std::string field = "检查地点：南岭县石门镇沿河路一百二十八号鲜丰食品贸易有限公司门店及后厨";
  EXPECT_FALSE(wrapped_line_goes_on(full_line("鲜丰食品贸易有限公司门店及后厨"), short_line("检查情况："), false, field));
  EXPECT_FALSE(wrapped_line_goes_on(full_line("年终汇总报县局备案，本年度"), short_line("检查情况：正常"), false, prose));
  EXPECT_FALSE(wrapped_line_goes_on(full_line("年终汇总报县局备案，本年度，"), short_line("费用合计如下："), false, prose));
  EXPECT_FALSE(wrapped_line_goes_on(full_line("年终汇总报县局备案，本年度"), short_line("费用合计如下："), false, {}));
}

}  // namespace
}  // namespace lh::ingest
