// Small builders of model::Document content shared by the volume, catalogue, record and stamp
// writers (forms as documents: paragraphs and ruled tables).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace lh::compose::forms {

model::Paragraph para(const std::string& text, model::Align align = model::Align::Start, double size_pt = 0,
                      bool bold = false, model::FontRole role = model::FontRole::Song, double indent_chars = 0);
model::Paragraph title(const std::string& text, double size_pt = 22);
model::Block block(model::Paragraph p);
model::Block block(model::Table t);
model::TableCell cell(const std::string& text, model::Align align = model::Align::Start, double size_pt = 10.5,
                      bool bold = false, int col_span = 1);
model::TableRow row(const std::vector<std::string>& texts, double size_pt = 10.5, bool header = false,
                    model::Align align = model::Align::Start);
model::Section section(const model::PageSetup& page);
// ISO date → 2024年5月6日 (GB/T 9704-2012 §7.3.5.4: no padding); "" stays "".
std::string chinese_date(const std::string& iso);
// The whole of s as an unsigned decimal (std::from_chars: no sign, no trailing text, no overflow);
// nullopt otherwise. A 案卷号 or a date part that is not a number is then seen, not read as 0.
std::optional<int> decimal(std::string_view s);

}  // namespace lh::compose::forms
