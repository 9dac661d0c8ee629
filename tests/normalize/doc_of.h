// A document of one section whose paragraphs are `lines`, one plain run each: the input of the
// normalize tests that look at text only (structure, Markdown, typed 目录).
#pragma once
#include <initializer_list>

#include "model/document.h"

namespace lh::test {

inline model::Document doc_of(std::initializer_list<const char*> lines) {
  model::Document d;
  d.sections.emplace_back();
  for (const char* l : lines) {
    model::Paragraph p;
    p.runs.push_back({.text = l});
    d.sections[0].blocks.push_back({p});
  }
  return d;
}

}  // namespace lh::test
