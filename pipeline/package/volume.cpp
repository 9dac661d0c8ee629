#include "package/volume.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "docx/docx.h"
#include "ingest/inspect.h"
#include "layout/frames.h"
#include "layout/layout.h"
#include "normalize/fields.h"
#include "package/render_document.h"
#include "package/uniform_record.h"
#include "package/volume_forms.h"
#include "pdf/assemble.h"
#include "pdf/pdf.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

const RenderKit& render_kit() {
  static const RenderKit kit = [] {
    RenderKit k{layout::FontSet::load(), layout::load_style("gongwen"), layout::load_style("plain")};
    k.form.page = k.gongwen.page;       // GB/T 9704-2012 §5.2.2 margins for the forms too
    k.form.page_number.enabled = false; // 封面, 目录, 备考表 are not numbered (编页, domain.md §2)
    return k;
  }();
  return kit;
}

std::string date8(const std::string& iso) {
  std::string o;
  for (char c : iso)
    if (c != '-') o += c;
  return o;
}

std::string page_range_text(const VolumeEntry& e) {
  if (e.first_page == e.last_page) return std::to_string(e.first_page);
  return std::to_string(e.first_page) + "-" + std::to_string(e.last_page);
}

std::string case_folder_of(const json& item) {
  if (!item.contains("files") || !item["files"].is_array() || item["files"].empty()) return {};
  fs::path p = fs::path(item["files"][0].value("path", "")).parent_path();
  std::string vol = item.value("volume", "");
  if (!vol.empty() && p.filename() == vol) p = p.parent_path();
  return p.string();
}

namespace {

std::string read_all(const fs::path& p, bool& ok) {
  std::ifstream f(p, std::ios::binary);
  ok = static_cast<bool>(f);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string original_path(const json& item) {
  for (const auto& f : item.value("files", json::array()))
    if (f.value("role", "") == "original") return f.value("path", "");
  return {};
}

// The value written after a label in a form: "案由\t涉嫌…", "案由：…".
std::string label_value(const std::string& text, const std::string& label) {
  size_t pos = 0;
  while ((pos = text.find(label, pos)) != std::string::npos) {
    size_t v = pos + label.size();
    auto skip = [&](const std::string& s) {
      if (text.compare(v, s.size(), s) == 0) { v += s.size(); return true; }
      return false;
    };
    bool sep = false;
    while (skip("\t") || skip("：") || skip(":") || skip(" ") || skip("　")) sep = true;
    if (sep) {
      size_t end = text.find_first_of("\t\n", v);
      std::string val = text.substr(v, end == std::string::npos ? std::string::npos : end - v);
      if (!val.empty()) return val;
    }
    pos += label.size();
  }
  return {};
}

// 处罚结果 from a decision's text: the numbered lines after "如下行政处罚", else the sentence
// holding "罚款". Empty when neither is there.
std::string penalty_result(const std::string& text) {
  for (const char* marker : {"如下行政处罚", "处罚如下", "作出如下处罚"}) {
    size_t p = text.find(marker);
    if (p == std::string::npos) continue;
    size_t nl = text.find('\n', p);
    std::string out;
    std::istringstream lines(nl == std::string::npos ? "" : text.substr(nl + 1));
    std::string line;
    for (int n = 0; n < 6 && std::getline(lines, line); ++n) {
      if (line.empty()) continue;
      if (line.find("、") != std::string::npos && line.find("、") < 8 && line.find("罚") == std::string::npos) break;
      if (line.find("履行") != std::string::npos) break;
      out += (out.empty() ? "" : "") + line;
      if (out.size() > 300) break;
    }
    if (!out.empty()) return out;
  }
  size_t p = text.find("罚款");
  if (p == std::string::npos) return {};
  size_t b = text.rfind("。", p);
  b = b == std::string::npos ? 0 : b + std::string("。").size();
  size_t nlb = text.rfind('\n', p);
  if (nlb != std::string::npos && nlb + 1 > b) b = nlb + 1;
  size_t e = text.find("。", p);
  return text.substr(b, e == std::string::npos ? std::string::npos : e - b + std::string("。").size());
}

bool issues_own_number(int doc) {  // 范本 documents served on the party carry their own 文号
  static const int kDocs[] = {2, 3, 4, 5, 6, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 31, 32, 33, 34, 37, 39, 44, 45, 46, 47, 48, 49, 51};
  return std::find(std::begin(kDocs), std::end(kDocs), doc) != std::end(kDocs);
}

model::Document placeholder_doc(const RenderKit& k, const std::string& code, const std::string& title,
                                const std::string& original, const std::string& why) {
  model::Document d;
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("文件无法编入本卷", 18)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("档号：" + code, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("题名：" + title, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("原件：" + original, model::Align::Start, 12)));
  s.blocks.push_back(forms::block(forms::para("原因：" + why, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("本页为占位页。原件按原样保存在档案中，未作改动；请核对原件或补充完好的副本后重新立卷。",
                                              model::Align::Start, 12, false, model::FontRole::Song, 2)));
  d.sections.push_back(std::move(s));
  return d;
}

model::Document image_doc(const RenderKit& k, const std::string& media_type, const std::string& bytes,
                          const std::string& caption) {
  model::Image img;
  img.media_type = media_type;
  img.bytes = bytes;
  auto [w, h] = layout::image_pixel_size(img);
  img.width_px = w;
  img.height_px = h;
  img.description = caption;
  const model::PageSetup& pg = k.form.page;
  double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 12;
  double iw = bw, ih = bh;
  if (w > 0 && h > 0) {
    double sc = std::min(bw / w, bh / h);
    iw = w * sc;
    ih = h * sc;
  }
  model::Section s = forms::section(pg);
  std::vector<model::Frame> frames;
  frames.push_back(model::PlacedImage{pg.left_mm + (bw - iw) / 2, pg.top_mm + (bh - ih) / 2, iw, ih, img});
  model::TextBox cap{pg.left_mm, pg.height_mm - pg.bottom_mm - 10, bw, 10, {}, model::FontRole::Song, 6, 10.5,
                     model::Align::Center, true, 0, 1.2};
  model::Run r;
  r.text = caption;
  cap.runs.push_back(r);
  frames.push_back(cap);
  s.fixed_pages.push_back(std::move(frames));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

RenderedDocument render_pdf(const model::Document& d, const layout::Style& st, const std::string& date,
                            const std::string& title = "") {
  RenderOptions ro;
  ro.date = date;
  ro.docx = false;
  ro.title = title;
  return render_document(d, st, render_kit().fonts, ro);
}

std::string media_type_of(const std::string& bytes) {
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8)
    return "image/jpeg";
  if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "image/png";
  return {};
}

// --- the three 范本 forms --------------------------------------------------------------------------

model::Document cover_doc(const RenderKit& k, const CaseFacts& f, int items, int pages) {
  model::Section s = forms::section(k.form.page);
  model::Table top;
  top.col_widths_mm = {22, 22, 22};
  top.rows.push_back(forms::row({"全宗号", "目录号", "案卷号"}, 10.5, false, model::Align::Center));
  top.rows.push_back(forms::row({f.fonds, f.catalogue_no, f.volume_no}, 10.5, false, model::Align::Center));
  // Right-aligned small table: pad with an empty first column.
  model::Table head;
  head.borders = false;
  head.col_widths_mm = {90, 66};
  model::TableRow hr;
  hr.cells.push_back(forms::cell(""));
  model::TableCell tc;
  tc.blocks.push_back(forms::block(std::move(top)));
  hr.cells.push_back(std::move(tc));
  head.rows.push_back(std::move(hr));
  s.blocks.push_back(forms::block(std::move(head)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::title(f.office, 18)));
  s.blocks.push_back(forms::block(forms::title("行政处罚案卷", 26)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {36, 120};
  auto add = [&](const std::string& k2, const std::string& v) { t.rows.push_back(forms::row({k2, v}, 12)); };
  add("案　　号", f.case_number);
  add("案　　由", f.cause);
  add("当 事 人", f.party);
  add("处罚结果", f.result);
  add("立案日期", forms::chinese_date(f.opened));
  add("结案日期", forms::chinese_date(f.closed));
  add("办案机构", f.office);
  add("归档日期", forms::chinese_date(f.archived));
  add("保管期限", f.retention_name);
  add("本卷件数、页数", "共 " + std::to_string(items) + " 件，" + std::to_string(pages) + " 页");
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}


model::Document contents_doc(const RenderKit& k, const std::vector<VolumeEntry>& entries) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内文件目录", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {10, 30, 24, 48, 18, 12, 14};
  t.rows.push_back(forms::row({"序号", "文号", "责任者", "题名", "日期", "页号", "备注"}, 10.5, true));
  std::string vol;
  for (const auto& e : entries) {
    if (e.volume_name != vol) {
      vol = e.volume_name;
      model::TableRow vr;
      vr.cells.push_back(forms::cell(vol.empty() ? "其他" : vol, model::Align::Start, 10.5, true, 7));
      t.rows.push_back(std::move(vr));
    }
    t.rows.push_back(forms::row({std::to_string(e.seq), e.doc_number, e.author, e.title, e.date, page_range_text(e), e.remark},
                                9));
  }
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

model::Document notes_doc(const RenderKit& k, const CaseFacts& f, size_t items, int numbered, int total,
                          const std::vector<std::string>& notes) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内备考表", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {156};
  model::TableRow r;
  model::TableCell c;
  c.blocks.push_back(forms::block(forms::para("本卷情况说明：", model::Align::Start, 14, true, model::FontRole::Hei)));
  c.blocks.push_back(forms::block(forms::para("本卷共有文件材料 " + std::to_string(items) + " 件，共 " + std::to_string(numbered) +
                                                  " 页（不含卷宗封面、卷内文件目录和本表）；连同卷宗封面、卷内文件目录和本表，全卷共 " +
                                                  std::to_string(total) + " 页。",
                                              model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (const auto& n : notes)
    c.blocks.push_back(forms::block(forms::para(n, model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (int i = 0; i < 3; ++i) c.blocks.push_back(forms::block(forms::para(" ")));
  c.blocks.push_back(forms::block(forms::para("立卷人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("检查人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("立卷时间：" + forms::chinese_date(f.archived), model::Align::Start, 14)));
  r.cells.push_back(std::move(c));
  t.rows.push_back(std::move(r));
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

int volume_rank(const filing::Scheme& s, const json& item) {
  const filing::Category* c = s.category(item.value("category", ""));
  std::string v = item.value("volume", "");
  if (c)
    for (size_t i = 0; i < c->volumes.size(); ++i)
      if (c->volumes[i].name == v || c->volumes[i].code == v) return static_cast<int>(i);
  return 99;
}

}  // namespace

ItemPages render_item(const json& it, const fs::path& archive_dir, const std::string& date) {
  const RenderKit& k = render_kit();
  ingest::InspectOptions iopt;
  ItemPages p;
  std::string rel = original_path(it);
  std::string fmt = it.value("format", "");
  bool ok = false;
  std::string bytes = rel.empty() ? std::string() : read_all(archive_dir / rel, ok);
  if (!ok) {
    p.problem = "原件无法读取（" + rel + "）";
  } else if (fmt == "image") {
    std::string mt = media_type_of(bytes);
    if (mt.empty()) {
      // TIFF and others: ingest converts them into the document model.
      auto f = ingest::inspect_bytes(rel, bytes, iopt, true);
      if (f.doc)
        for (const auto& sec : f.doc->sections)
          for (const auto& b : sec.blocks)
            if (auto im = std::get_if<model::Image>(&b.value); im && !media_type_of(im->bytes).empty() && mt.empty()) {
              mt = media_type_of(im->bytes);
              bytes = im->bytes;
            }
    }
    if (mt.empty()) {
      p.problem = "图像格式无法编入（仅支持 JPEG、PNG、TIFF）";
    } else {
      p.image_type = mt;
      p.image_bytes = bytes;
      try {
        auto r = render_pdf(image_doc(k, mt, bytes, it.value("title", "")), k.form, date);
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "image";
      } catch (const std::exception& e) {
        p.problem = std::string("图像无法排版：") + e.what();
      }
    }
  } else {
    auto f = ingest::inspect_bytes(rel, bytes, iopt, true);
    p.fields = f.fields;
    p.records = f.records;
    if (f.doc) p.text = f.doc->plain_text();
    if (fmt == "pdf" || f.meta.format == model::Format::Pdf) {
      auto probe = pdf::probe_pdf(bytes);
      if (probe.ok) {
        p.pdf = std::move(bytes);
        p.pages = probe.pages;
        p.how = "pdf";
      } else {
        p.problem = "PDF 原件已损坏，无法复制其页面（" + probe.error + "）";
      }
    } else if (f.error) {
      p.problem = "原件无法读取（" + std::string(model::error_kind_name(f.error->kind)) + "：" + f.error->message + "）";
    } else if ((!f.doc || f.doc->sections.empty()) && !f.records.empty()) {
      // Records only (an export without prose): the uniform 现场检查笔录 of each record.
      auto d = std::make_shared<model::Document>();
      for (const auto& rec : f.records)
        for (auto& sec : uniform_record_document(rec, "", false).sections) d->sections.push_back(std::move(sec));
      try {
        auto r = render_pdf(*d, k.form, date, it.value("title", ""));
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "typeset";
        p.doc = d;
      } catch (const std::exception& e) {
        p.problem = std::string("检查记录无法排版：") + e.what();
      }
    } else if (!f.doc || f.doc->sections.empty()) {
      p.problem = "原件没有可排版的内容";
    } else {
      try {
        auto r = render_pdf(*f.doc, k.gongwen, date, it.value("title", ""));
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "typeset";
        p.doc = f.doc;
      } catch (const std::exception& e) {
        p.problem = std::string("原件无法重新排版：") + e.what();
      }
    }
  }
  if (!p.problem.empty() || p.pages <= 0) {
    if (p.problem.empty()) p.problem = "原件没有页面";
    auto r = render_pdf(placeholder_doc(k, it.value("archival_code", ""), it.value("title", ""), rel, p.problem), k.form, date);
    p.pdf = std::move(r.pdf);
    p.pages = r.pages;
    p.how = "placeholder";
  }
  return p;
}

VolumeBuild build_case_volume(const std::vector<json>& items_in, const fs::path& archive_dir, const filing::Scheme& s,
                              const filing::Office& o, const VolumeOptions& opt,
                              const ItemSource& source) {
  const RenderKit& k = render_kit();
  VolumeBuild vb;
  // 第七十八条 order: volume (正卷, 副卷), slot, date, title, 档号.
  std::vector<const json*> items;
  std::vector<const json*> replaced;  // a source 卷宗封面/卷内文件目录/卷内备考表: superseded by ours
  for (const auto& it : items_in) {
    int dn = it.value("doc_number", 0);
    (dn == 54 || dn == 55 || dn == 56 ? replaced : items).push_back(&it);
  }
  std::sort(items.begin(), items.end(), [&](const json* a, const json* b) {
    auto key = [&](const json* j) {
      return std::make_tuple(volume_rank(s, *j), j->value("slot_order", 0), j->value("date", ""), j->value("title", ""),
                             j->value("archival_code", ""));
    };
    return key(a) < key(b);
  });
  const std::string date = opt.archived_date;

  // 1. Each document → its pages.
  std::vector<ItemPages> own;
  std::vector<const ItemPages*> parts_p;
  own.reserve(items.size());
  for (const json* it : items) {
    if (source) parts_p.push_back(&source(*it));
    else { own.push_back(render_item(*it, archive_dir, date)); parts_p.push_back(&own.back()); }
  }
  struct PartView { const json* item; const ItemPages* p; };
  std::vector<PartView> parts;
  for (size_t i = 0; i < items.size(); ++i) {
    parts.push_back({items[i], parts_p[i]});
    if (parts_p[i]->how == "placeholder")
      vb.problems.push_back(items[i]->value("archival_code", "") + " " + items[i]->value("title", "") + "：" + parts_p[i]->problem);
  }

  // 2. Facts for the cover, from the documents themselves (never invented).
  CaseFacts& f = vb.facts;
  f.fonds = o.fonds;
  f.office = o.name;
  f.catalogue_no = opt.catalogue_no;
  f.volume_no = opt.volume_no;
  f.archived = opt.archived_date;
  std::string best_retention;
  for (const json* it : items) {
    if (f.case_number.empty()) f.case_number = it->value("case_number", "");
    if (f.year.empty() && it->contains("year")) f.year = std::to_string(it->value("year", 0));
    std::string r = it->value("retention", "");
    if (best_retention.empty() || s.retention_rank(r) > s.retention_rank(best_retention)) best_retention = r;
  }
  f.retention = best_retention;
  f.retention_name = s.period(best_retention) ? s.period(best_retention)->name : best_retention;
  auto by_doc = [&](std::initializer_list<int> docs) -> const ItemPages* {
    for (int d : docs)
      for (const auto& pv : parts)
        if (pv.item->value("doc_number", 0) == d && !pv.p->text.empty()) return pv.p;
    return nullptr;
  };
  for (const ItemPages* p : {by_doc({7}), by_doc({45, 44, 46}), by_doc({1, 35})}) {
    if (!p) continue;
    if (f.cause.empty()) {
      f.cause = label_value(p->text, "案由");
      if (f.cause.rfind("涉嫌", 0) == 0) f.cause = f.cause.substr(std::string("涉嫌").size());
    }
    if (f.party.empty() && !p->fields.parties.empty()) f.party = p->fields.parties.front();
    if (f.party.empty()) f.party = label_value(p->text, "当事人");
  }
  if (const ItemPages* d = by_doc({45, 44, 46})) f.result = penalty_result(d->text);
  for (const auto& pv : parts) {
    int dn = pv.item->value("doc_number", 0);
    if (dn == 7 && f.opened.empty()) f.opened = pv.item->value("date", "");
    if (dn == 53 && f.closed.empty()) f.closed = pv.item->value("date", "");
  }
  if (f.case_number.empty()) f.case_number = items.empty() ? "" : items.front()->value("case_name", "");
  if (f.cause.empty() && !items.empty()) {  // the case folder name without its 案号
    std::string n = items.front()->value("case_name", "");
    if (!f.case_number.empty() && n.find(f.case_number) != std::string::npos) n.erase(n.find(f.case_number), f.case_number.size());
    while (!n.empty() && (n[0] == ' ')) n.erase(0, 1);
    if (n != f.case_number) f.cause = n;
  }
  if (f.cause.empty()) vb.problems.push_back("案由未能从立案审批表或决定书中取得，封面留空");
  if (f.party.empty()) vb.problems.push_back("当事人未能从文书中取得，封面留空");
  if (f.result.empty()) vb.problems.push_back("处罚结果未能从行政处罚决定书中取得，封面留空");
  if (f.opened.empty()) vb.problems.push_back("没有立案审批表：立案日期留空");
  if (f.closed.empty()) vb.problems.push_back("没有结案审批表：结案日期留空");

  // 3. The 卷内文件目录 rows, with the pages of the assembled volume (编页: documents only).
  int page = 1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const json& it = *parts[i].item;
    const ItemPages& pp = *parts[i].p;
    VolumeEntry e;
    e.seq = static_cast<int>(i) + 1;
    e.archival_code = it.value("archival_code", "");
    int dn = it.value("doc_number", 0);
    if (issues_own_number(dn))
      for (const auto& cn : pp.fields.case_numbers) { e.doc_number = cn.normalized; break; }
    e.author = o.fonds_name.empty() ? o.name : o.fonds_name;
    e.title = it.value("title", "");
    const filing::DocumentType* dt = s.document(dn);
    if (dt && e.title.find(dt->name) == std::string::npos &&
        (e.title.empty() || e.title == o.fonds_name || e.title == o.name))
      e.title = "[" + dt->name + "]";  // archivist-supplied title (DA/T 22-2015)
    e.date = date8(it.value("date", ""));
    e.volume_name = it.value("volume", "");
    e.first_page = page;
    e.last_page = page + pp.pages - 1;
    page += pp.pages;
    e.how = pp.how;
    e.problem = pp.problem;
    e.original = original_path(it);
    if (e.how == "placeholder") e.remark = "原件损坏，见占位页";
    else if (e.how == "typeset") e.remark = "重排";
    vb.entries.push_back(std::move(e));
  }
  vb.numbered_pages = page - 1;

  // 4. Front and back matter. The 目录 does not change the 页号 (it is not numbered), so it is laid
  // out once; the 备考表 states the total, which depends on its own length: lay out until stable.
  std::vector<std::string> notes;
  for (const auto& e : vb.entries)
    if (e.how == "placeholder") notes.push_back("第" + std::to_string(e.seq) + "号文件（" + e.archival_code + "）" + e.problem + "，以占位页代替。");
  for (const json* r : replaced)
    notes.push_back("原卷内" + r->value("doc_type", std::string("目录")) + "（" + r->value("archival_code", "") +
                    "）已由本卷生成的封面、目录和备考表取代，原件保存在档案中。");
  auto cover = render_pdf(cover_doc(k, f, static_cast<int>(items.size()), vb.numbered_pages), k.form, date);
  auto contents = render_pdf(contents_doc(k, vb.entries), k.form, date);
  vb.front_pages = cover.pages + contents.pages;
  int back_pages = 1;
  RenderedDocument back;
  for (int tries = 0; tries < 3; ++tries) {
    vb.total_pages = vb.front_pages + vb.numbered_pages + back_pages;
    back = render_pdf(notes_doc(k, f, items.size(), vb.numbered_pages, vb.total_pages, notes), k.form, date);
    if (back.pages == back_pages) break;
    back_pages = back.pages;
  }
  vb.total_pages = vb.front_pages + vb.numbered_pages + back.pages;
  for (auto& e : vb.entries) e.first_index = vb.front_pages + e.first_page - 1;

  // 5. Assembly: outline (one bookmark per document under 正卷/副卷), page labels, metadata.
  pdf::AssembleOptions ao;
  ao.title = f.case_number + (f.cause.empty() ? "" : " " + f.cause);
  ao.author = o.name;
  ao.subject = "行政处罚案卷（《市场监督管理行政处罚程序规定》第七十八条）";
  ao.keywords = f.case_number;
  ao.date = date;
  ao.outline.push_back({"卷宗封面", 0, true, {}});
  ao.outline.push_back({"卷内文件目录", cover.pages, true, {}});
  for (const auto& e : vb.entries) {
    std::string vol = e.volume_name.empty() ? "其他" : e.volume_name;
    if (ao.outline.back().title != vol || ao.outline.back().page >= 0) ao.outline.push_back({vol, -1, true, {}});
    ao.outline.back().children.push_back({std::to_string(e.seq) + " " + e.title, e.first_index, true, {}});
  }
  ao.outline.push_back({"卷内备考表", vb.front_pages + vb.numbered_pages, true, {}});
  ao.labels.push_back({0, "封面", false, 1});
  ao.labels.push_back({cover.pages, "目录", contents.pages > 1, 1});
  if (vb.numbered_pages > 0) ao.labels.push_back({vb.front_pages, "", true, 1});
  ao.labels.push_back({vb.front_pages + vb.numbered_pages, "备考表", back.pages > 1, 1});
  std::vector<const std::string*> pdfs = {&cover.pdf, &contents.pdf};
  for (const auto& pv : parts) pdfs.push_back(&pv.p->pdf);
  pdfs.push_back(&back.pdf);
  vb.pdf = pdf::assemble_pdf(pdfs, ao);

  // 6. 案卷.docx: the same front matter, the re-typeset documents, PDF originals listed with pages.
  if (opt.docx) {
    model::Document d;
    auto append = [&](model::Document&& part) {
      for (auto& sec : part.sections) d.sections.push_back(std::move(sec));
    };
    append(cover_doc(k, f, static_cast<int>(items.size()), vb.numbered_pages));
    append(contents_doc(k, vb.entries));
    for (size_t i = 0; i < parts.size(); ++i) {
      const auto& e = vb.entries[i];
      const ItemPages& p = *parts[i].p;
      if (p.how == "typeset" && p.doc) {
        model::Document copy = *p.doc;
        append(std::move(copy));
      } else if (p.how == "image") {
        model::Section sec = forms::section(k.form.page);
        model::Image img;
        img.media_type = p.image_type;
        img.bytes = p.image_bytes;
        auto [w, h] = layout::image_pixel_size(img);
        img.width_px = w;
        img.height_px = h;
        const auto& pg = k.form.page;
        double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 20;
        if (w > 0 && h > 0) {
          double sc = std::min(bw / w, bh / h);
          img.width_mm = w * sc;
          img.height_mm = h * sc;
        }
        sec.blocks.push_back(model::Block{img});
        sec.blocks.push_back(forms::block(forms::para(e.title, model::Align::Center, 10.5)));
        d.sections.push_back(std::move(sec));
      } else {
        model::Section sec = forms::section(k.form.page);
        sec.blocks.push_back(forms::block(forms::title(e.title, 18)));
        std::string what = p.how == "pdf" ? "PDF 原件，按原样编入 案卷.pdf 第 " + std::to_string(e.first_index + 1) + "–" +
                                                std::to_string(e.first_index + e.last_page - e.first_page + 1) +
                                                " 页（页号 " + page_range_text(e) + "）。"
                                          : "占位：" + e.problem;
        sec.blocks.push_back(forms::block(forms::para("档号：" + e.archival_code, model::Align::Start, 14)));
        sec.blocks.push_back(forms::block(forms::para(what, model::Align::Start, 14)));
        sec.blocks.push_back(forms::block(forms::para("原件：" + e.original, model::Align::Start, 12)));
        d.sections.push_back(std::move(sec));
      }
    }
    append(notes_doc(k, f, items.size(), vb.numbered_pages, vb.total_pages, notes));
    docx::DocxOptions dopt;
    dopt.title = ao.title;
    dopt.author = ao.author;
    dopt.subject = ao.subject;
    if (auto t = parse_iso_date(date)) dopt.timestamp = *t;
    vb.docx = docx::write_docx(d, k.gongwen, dopt);
  }
  return vb;
}

}  // namespace lh::package
