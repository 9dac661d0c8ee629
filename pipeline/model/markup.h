// Escaping text for XML and HTML we write by hand (a fontconfig snippet, the run report): the five
// characters of XML 1.0 §2.4 that markup gives meaning to. Writers of OOXML use xmlTextWriter instead.
#pragma once
#include <string>
#include <string_view>

namespace lh::model {

std::string markup_escape(std::string_view s);

}  // namespace lh::model
