// 权责清单 and 岗位职责 tables for a book (issue 11 §4): a table read from CSV or XLSX becomes a
// landscape table whose header row repeats on every page. A 权责清单 is recognised by its header
// synonyms (wave2.md §2.2, from an importer of real 权责清单 sheets) and put in the recommended
// 所-level column order 序号 | 事项名称 | (子项名称 when filled) | 事项类型 | 实施依据 | 责任主体 | 责任事项 | 追责情形 | 备注;
// any other table (a 岗位职责 list) keeps its own columns. Widths come from the content. A 事项
// merged over several rows (XLSX mergeCells, or a CSV that leaves the 事项 cell empty below it)
// becomes a row_span, which layout repeats with its name after a page break.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace lh::compose::book {

enum class DutyColumn {
  None, SequenceNo, ItemName, SubitemName, PowerType, Basis, Body, Unit, ResponsibilityContent,
  ResponsibilityBasis, AccountabilitySituation, Remark,
};

// The field a header cell names ("事项名称", "权力事项名称", "追责情形", …; spaces and a trailing
// note in brackets ignored). None when unknown.
DutyColumn duty_column(std::string_view header);

struct BookTable {
  model::Table table;
  bool duty_list = false;  // a 权责清单 (canonical columns), else the source's own columns
  size_t data_rows = 0;
  std::vector<std::string> dropped_columns;  // filled columns of the sheet a 权责清单 has no place for
};

// The table to print, `width_mm` wide; nullopt when `source` has no header row with at least two
// columns among its first five rows. Text is set in `text_pt`.
std::optional<BookTable> book_table(const model::Table& source, double width_mm, double text_pt);

// Column widths in millimetres from the text of each column (header first): each column gets its
// header's width in `text_pt` on one line, then the rest in proportion to the square root of its
// longest cell.
std::vector<double> widths_from_content(const std::vector<std::vector<std::string>>& columns, double width_mm,
                                        double text_pt);

}  // namespace lh::compose::book
