// Schema errors in the words of the people who fix them (issue 14 §3): libxml2 reports XML Schema
// (XSD 1.0, W3C) violations in English with the schema's element names ("Element 'fonds': [facet
// 'pattern'] The value 'x' is not accepted by the pattern '[A-Z0-9][0-9]{3}'."). An IT admin editing
// /etc/lianghua/office.xml needs to read which field is wrong and what it should hold, in Chinese.
#pragma once
#include <string>

namespace lh::filing {

// One libxml2 message (optionally prefixed "<file>:<line>: ") → a Chinese sentence that names the
// element (its Chinese label where it is one of the office profile's or the scheme's own) and says
// what is expected; the original text follows in parentheses for the machine-minded. A message of
// a form it does not know is returned with the file and line in Chinese and the text unchanged.
std::string schema_message_in_chinese(const std::string& message);

// The Chinese label of an office-profile or scheme element ("fonds" → "全宗号"), or "" if none.
std::string element_label(const std::string& element);

}  // namespace lh::filing
