#include "ingest/inspect.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <deque>
#include <filesystem>
#include <set>
#include <fstream>

#include "ingest/inspected_json.h"
#include "ingest/sha256.h"
#include "normalize/fields.h"
#include "normalize/unicode.h"

namespace lh::ingest {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int64_t mtime_of(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// A path as a clerk reads it: each '/'-separated component decoded (GBK bytes from a Windows share
// become their characters). '/' never occurs inside a GBK or GB18030 character (trail bytes are
// 0x30-0x39 and 0x40-0xFE), so splitting on it first is safe.
std::string display_path(std::string_view raw) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t end = raw.find('/', start);
    out += decode_file_name(raw.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    out += '/';
    start = end + 1;
  }
}

// A walked file's path below its root. The walk builds every path by appending names to the root as
// given and never enters a symlinked directory, so the root is a prefix of the path as written and
// cutting it off is exact. std::filesystem::relative canonicalises both sides instead: a realpath
// (a readlink per component) per file, a third of an unchanged night's CPU at 10,000 inputs.
std::string path_below_root(const fs::path& p, const fs::path& root) {
  const std::string& s = p.native();
  const std::string& r = root.native();
  if (s.size() > r.size() && s.compare(0, r.size(), r) == 0) {
    size_t i = r.size();
    while (i < s.size() && s[i] == '/') ++i;
    if (i < s.size() && (i > r.size() || (!r.empty() && r.back() == '/'))) return s.substr(i);
  }
  return fs::relative(p, root).generic_string();  // not below the root as written: never in a walk
}

void walk_dir(const fs::path& root, const fs::path& dir, bool relative, std::vector<WalkedFile>& out) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec))
    entries.push_back(*it);
  // Byte order of UTF-8 names: deterministic and locale-free.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename().native() < b.path().filename().native(); });
  for (const auto& e : entries) {
    struct stat st{};
    if (lstat(e.path().c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      walk_dir(root, e.path(), relative, out);
      continue;
    }
    WalkedFile f;
    f.fs_path = e.path().string();
    f.path = display_path(relative ? path_below_root(e.path(), root) : e.path().generic_string());
    f.size = static_cast<uint64_t>(st.st_size);
    f.mtime_ns = mtime_of(st);
    out.push_back(std::move(f));
  }
}

bool read_whole_file(const std::string& path, const Limits& limits, std::string& out, model::ReadError& why) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    // Not the file's fault: the service user may not read it, or it went away after the listing.
    // Said as such (not "damaged"), and read again the next night (package/archive.cpp).
    const int e = errno;
    why = {model::ErrorKind::Unreadable, e == ENOENT ? "文件在列出后、读取前被删除或移走"
                                         : e == EACCES || e == EPERM ? "运行用户没有读取权限"
                                                                     : std::string("无法打开文件（") + std::strerror(e) + "）"};
    return false;
  }
  in.seekg(0, std::ios::end);
  auto size = static_cast<uint64_t>(std::max<std::streamoff>(0, in.tellg()));
  if (size > limits.max_file_bytes) {
    why = {model::ErrorKind::TooLarge, "文件 " + std::to_string(size) + " 字节，超过上限 " + std::to_string(limits.max_file_bytes) + " 字节"};
    return false;
  }
  // A text-like file over its limit is refused from its first bytes, not read whole first.
  if (size > limits.max_text_bytes) {
    std::string head(64 * 1024, '\0');
    in.seekg(0);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
    in.clear();
    if (auto e = refused_by_size(sniff(head), size, limits)) {
      why = *e;
      return false;
    }
  }
  in.seekg(0);
  out.resize(size);
  in.read(out.data(), static_cast<std::streamsize>(size));
  if (!in) {
    why = {model::ErrorKind::Unreadable, "读取出错（文件在读取时变短或 I/O 错误）"};
    return false;
  }
  return true;
}

uint64_t count_code_points(std::string_view s) {
  uint64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80 && c != '\n' && c != '\t' && c != '\r') ++n;
  return n;
}

// A generic title recorded by an application says nothing about the document.
bool generic_title(const std::string& t) {
  static const char* kGeneric[] = {"无标题", "Untitled", "untitled", "Microsoft Word", "PowerPoint", "文档", "Document"};
  if (t.empty()) return true;
  for (const char* g : kGeneric)
    if (t.rfind(g, 0) == 0) return true;
  return false;
}

// A line worth a title: at least two letters or ideographs, and more of them than anything else.
bool meaningful(std::string_view line) {
  size_t letters = 0, other = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0x80) {
      if (std::isalpha(c)) ++letters;
      else if (c != ' ') ++other;
    } else if (len >= 3 && c >= 0xE3) {
      ++letters;  // U+3000 and up: CJK and friends
    } else {
      ++other;    // Latin-1 supplement and the like: typical of mojibake
    }
    i += len;
  }
  return letters >= 2 && letters > other;
}

struct Analysis {
  model::InspectedFile file;
  std::vector<ChildInput> children;
};

Analysis analyze(const std::string& path, std::string_view bytes, const InspectOptions& opt, int depth,
                 bool keep_document) {
  Analysis a;
  model::InspectedFile& f = a.file;
  f.path = path;
  f.sha256 = sha256_hex(bytes);
  f.size = bytes.size();
  ReadOptions ro = opt.read;
  ro.zip_depth = depth;
  ReadResult r;
  try {
    r = read_any(Input{bytes, path, &ro});
  } catch (const std::bad_alloc&) {
    r = failed(model::Format::Unknown, model::ErrorKind::TooLarge, "读取时内存不足");
  } catch (const std::exception& e) {
    r = failed(sniff(bytes), model::ErrorKind::Damaged, std::string("读取失败（") + e.what() + "）");
  }
  normalize::NormalizeOptions no;
  no.simplify = opt.simplify;
  normalize::normalize_document(r.doc, no);
  f.title = derive_title(r, path);  // before r.meta is moved: the recorded title comes first
  f.meta = std::move(r.meta);
  if (f.meta.format == model::Format::Unknown) f.meta.format = sniff(bytes);
  f.meta.title = normalize::clean_line(f.meta.title);
  if (opt.simplify) f.meta.title = normalize::to_simplified(f.meta.title);
  f.error = std::move(r.error);
  if (opt.simplify) f.title = normalize::to_simplified(f.title);
  std::string text = r.doc.plain_text();
  f.text_chars = count_code_points(text);
  if (opt.extract_fields) f.fields = normalize::extract_fields(text, f.title);
  for (auto& rec : r.records) {
    for (std::string* s : {&rec.subject, &rec.address, &rec.content, &rec.result, &rec.measures})
      *s = normalize::nfc(normalize::sanitize(*s));
  }
  f.records = std::move(r.records);
  a.children = std::move(r.children);
  if (keep_document) f.doc = std::make_shared<model::Document>(std::move(r.doc));
  return a;
}

// --- the wire between parent and worker -------------------------------------------------------

struct Task {
  std::string path, fs_path;
  int depth = 0;
  std::shared_ptr<const std::string> bytes;  // a ZIP entry's bytes; null for files on disk
};

// A message is a run of frames (8-byte little-endian length, then the bytes) and a tail: the task is
// {JSON head, the file's path on disk} + an entry's bytes; the result is {JSON head} + the entries'
// bytes. The path on disk is a frame of its own, never JSON: it is whatever bytes the file system
// holds (GBK from a Windows share), and JSON carries only valid UTF-8.
void put_frame(std::string& out, std::string_view data) {
  const uint64_t n = data.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(n >> (8 * i)));
  out += data;
}

bool take_frame(std::string_view& rest, std::string_view& frame) {
  if (rest.size() < 8) return false;
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>(rest[static_cast<size_t>(i)])) << (8 * i);
  if (n > rest.size() - 8) return false;
  frame = rest.substr(8, n);
  rest.remove_prefix(8 + n);
  return true;
}

std::string encode_task(const Task& t) {
  json h = {{"path", t.path}, {"depth", t.depth}, {"inline", t.bytes != nullptr}};
  std::string out;
  put_frame(out, h.dump(-1, ' ', false, json::error_handler_t::replace));
  put_frame(out, t.fs_path);
  if (t.bytes) out += *t.bytes;
  return out;
}

bool split_header(std::string_view msg, json& head, std::string_view& rest) {
  std::string_view frame;
  rest = msg;
  if (!take_frame(rest, frame)) return false;
  head = json::parse(frame, nullptr, false);
  return !head.is_discarded();
}

std::string run_task(const std::string& msg, const InspectOptions& opt) {
  json head;
  std::string_view rest, fs_path;
  Analysis a;
  if (!split_header(msg, head, rest) || !take_frame(rest, fs_path)) {
    a.file.error = model::ReadError{model::ErrorKind::Crashed, "任务消息损坏"};
  } else {
    std::string path = head.value("path", "");
    std::string data;
    std::string_view bytes = rest;
    bool ok = true;
    if (!head.value("inline", false)) {
      model::ReadError why{model::ErrorKind::Damaged, ""};
      if (!read_whole_file(std::string(fs_path), opt.read.limits, data, why)) {
        ok = false;
        a.file.path = path;
        a.file.error = std::move(why);
      }
      bytes = data;
    }
    if (ok) a = analyze(path, bytes, opt, head.value("depth", 0), false);
  }
  json out = to_wire_json(a.file);
  json kids = json::array();
  std::string blobs;
  for (const ChildInput& c : a.children) {
    kids.push_back(child_to_wire_json(c));
    blobs += c.bytes;
  }
  out["children_in"] = kids;
  std::string msg_out;
  put_frame(msg_out, out.dump(-1, ' ', false, json::error_handler_t::replace));
  msg_out += blobs;
  return msg_out;
}

// Writes one ZIP entry's bytes to spool_dir; returns the file's path, or "" (no spool directory, or
// it could not be written: the bytes then stay in memory as before).
std::string spool_entry(const std::string& spool_dir, size_t id, std::string_view bytes) {
  if (spool_dir.empty()) return {};
  const std::string p = spool_dir + "/entry-" + std::to_string(id);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (out && out.flush()) return p;
  std::error_code ec;
  std::filesystem::remove(p, ec);
  return {};
}

struct Node {
  model::InspectedFile file;
  std::vector<size_t> kids;
  int depth = 0;
};

}  // namespace

std::string derive_title(const ReadResult& r, const std::string& path) {
  std::string t = normalize::clean_line(r.meta.title);
  if (!generic_title(t)) return t;
  // The line that names the document (立案审批表, 行政处罚决定书 …) beats the issuing authority's
  // name above it (发文机关标志, GB/T 9704-2012 §7.2.3), which is the first line of most forms.
  std::string first_line, heading;
  int lines_seen = 0;
  for (const auto& s : r.doc.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
        std::string line = normalize::clean_line(p->plain_text());
        if (line.empty() || !meaningful(line)) continue;
        if (++lines_seen <= 12 && line.size() <= 90 && !normalize::classify_doc_type(line).name.empty()) return line;
        if (heading.empty() && p->heading_level > 0 && line.size() <= 200) heading = line;
        if (first_line.empty() && line.size() <= 120) first_line = line;
      }
  if (!heading.empty()) return heading;
  if (!first_line.empty()) return first_line;
  std::string stem = fs::path(path).stem().string();
  return normalize::clean_line(stem);
}

namespace {

// A path as it is on disk, every byte outside printable ASCII written \xHH: lossless and unique.
std::string escaped_path(const std::string& raw) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    if (c >= 0x20 && c < 0x7F && c != '\\') { out += static_cast<char>(c); continue; }
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// Two files whose names read the same once decoded (a GBK name from a Windows share beside the same
// name in UTF-8; two names with different invalid bytes, each shown with U+FFFD) would be one input
// path, and one's fate would overwrite the other's in the catalogue (issue 13 §3). A name that is
// on disk as it reads keeps it; the others of such a group are shown by their bytes, so each is an
// input of its own.
void make_display_paths_unique(std::vector<WalkedFile>& files, const fs::path& root, bool relative) {
  auto raw = [&](const WalkedFile& f) { return relative ? path_below_root(fs::path(f.fs_path), root) : f.fs_path; };
  std::set<std::string> seen;
  for (const auto& f : files)
    if (f.path == raw(f)) seen.insert(f.path);
  for (auto& f : files) {
    if (f.path == raw(f)) continue;
    if (!seen.insert(f.path).second) {
      f.path = escaped_path(raw(f));
      seen.insert(f.path);
    }
  }
}

}  // namespace

std::vector<WalkedFile> walk_inputs(const std::vector<std::string>& roots, bool relative_to_root) {
  std::vector<WalkedFile> out;
  for (const std::string& r : roots) {
    struct stat st{};
    if (stat(r.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      std::vector<WalkedFile> here;
      walk_dir(fs::path(r), fs::path(r), relative_to_root, here);
      make_display_paths_unique(here, fs::path(r), relative_to_root);
      for (auto& f : here) out.push_back(std::move(f));
    } else {
      WalkedFile f;
      f.path = display_path(fs::path(r).generic_string());
      f.fs_path = r;
      if (stat(r.c_str(), &st) == 0) {
        f.size = static_cast<uint64_t>(st.st_size);
        f.mtime_ns = mtime_of(st);
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

model::InspectedFile inspect_bytes(const std::string& path, std::string_view bytes, const InspectOptions& opt,
                                   bool keep_document) {
  return analyze(path, bytes, opt, 0, keep_document).file;
}

namespace {

// The entries a worker listed for a ZIP become nodes under `parent`; each file entry goes back to
// the pool (through a spool file when it can, else in memory) and counts towards `total`.
void queue_entries(std::deque<Node>& nodes, size_t parent, const model::InspectedFile& keep, const json& head,
                   std::string_view blobs, WorkerPool& pool, const InspectOptions& opt, size_t& total) {
  size_t off = 0;
  for (const auto& k : head.at("children_in")) {
    if (k.value("dir", false)) continue;
    size_t size = k.value("size", size_t{0});
    size = std::min(size, blobs.size() - std::min(off, blobs.size()));
    size_t cid = nodes.size();
    nodes.push_back({});
    Node& c = nodes.back();
    nodes[parent].kids.push_back(cid);
    c.depth = nodes[parent].depth + 1;
    c.file.path = keep.path + "/" + k.value("name", "");
    c.file.source_path = keep.source_path;
    c.file.mtime_ns = keep.mtime_ns;
    c.file.is_zip_entry = true;
    c.file.entry_date = k.value("date", "");
    if (k.at("error").is_object()) {
      c.file.error = model::ReadError{
          model::error_kind_from_name(k["error"].value("kind", "")).value_or(model::ErrorKind::Damaged),
          k["error"].value("message", "")};
      c.file.meta.format = model::Format::Unknown;
    } else {
      const std::string_view entry = blobs.substr(off, size);
      c.file.size = entry.size();
      if (std::string spool = spool_entry(opt.spool_dir, cid, entry); !spool.empty()) {
        c.file.spool_path = spool;
        pool.submit(cid, encode_task({c.file.path, spool, c.depth, nullptr}));
      } else {
        auto bytes = std::make_shared<const std::string>(entry);
        c.file.entry_bytes = bytes;
        pool.submit(cid, encode_task({c.file.path, "", c.depth, bytes}));
      }
      ++total;
    }
    off += size;
  }
}

// A worker that ran out of time or died: the file's error says which, with the pool's detail.
model::ReadError worker_failure(const TaskResult& res) {
  return model::ReadError{res.status == TaskStatus::Timeout ? model::ErrorKind::Timeout : model::ErrorKind::Crashed,
                          res.status == TaskStatus::Timeout ? "parsing took longer than the limit (" + res.detail + ")"
                                                            : "the parser crashed (" + res.detail + ")"};
}

// What the listing knew of a file, set over the worker's result: its identity and its listed size.
void keep_listed_identity(model::InspectedFile& f, const model::InspectedFile& keep) {
  // Identity known to the parent wins over what the worker echoed.
  f.path = keep.path;
  f.source_path = keep.source_path;
  f.mtime_ns = keep.mtime_ns;
  f.is_zip_entry = keep.is_zip_entry;
  f.entry_date = keep.entry_date;
  if (keep.entry_bytes) f.entry_bytes = keep.entry_bytes;
  f.spool_path = keep.spool_path;
  // A file whose size changed between the listing and the read was being written or cut short
  // (a copy onto the share still running): what was read is not the file, and not kept.
  if (!keep.is_zip_entry && !keep.entry_bytes && !f.error && f.size != keep.size)
    f.error = model::ReadError{model::ErrorKind::Unreadable,
                               "文件在读取时大小改变（列出时 " + std::to_string(keep.size) + " 字节，读到 " +
                                   std::to_string(f.size) + " 字节），可能仍在写入"};
  if (f.size == 0) f.size = keep.size;
}

// Moves the node's file out with its children's, recursively, in the order they were listed.
model::InspectedFile take_tree(std::deque<Node>& nodes, size_t id) {
  model::InspectedFile f = std::move(nodes[id].file);
  for (size_t k : nodes[id].kids) f.children.push_back(take_tree(nodes, k));
  return f;
}

}  // namespace

std::vector<model::InspectedFile> inspect_files(const std::vector<WalkedFile>& files, const InspectOptions& opt,
                                                const ProgressFn& progress) {
  std::deque<Node> nodes;  // stable addresses while growing
  std::vector<size_t> roots;
  WorkerPool pool([opt](const std::string& msg) { return run_task(msg, opt); }, opt.pool);
  size_t total = 0, done = 0;
  for (const WalkedFile& w : files) {
    size_t id = nodes.size();
    nodes.push_back({});
    roots.push_back(id);
    Node& n = nodes.back();
    n.file.path = w.path;
    n.file.source_path = w.fs_path;
    n.file.size = w.size;
    n.file.mtime_ns = w.mtime_ns;
    pool.submit(id, encode_task({w.path, w.fs_path, 0, nullptr}));
    ++total;
  }
  TaskResult res;
  while (pool.next(res)) {
    Node& n = nodes[res.id];
    model::InspectedFile keep = std::move(n.file);
    if (res.status == TaskStatus::Done) {
      json head;
      std::string_view blobs;
      if (split_header(res.payload, head, blobs)) {
        n.file = from_wire_json(head);
        queue_entries(nodes, res.id, keep, head, blobs, pool, opt, total);
      } else {
        n.file.error = model::ReadError{model::ErrorKind::Crashed, "读取进程返回的结果损坏"};
      }
    } else {
      n.file.error = worker_failure(res);
    }
    keep_listed_identity(nodes[res.id].file, keep);
    ++done;
    if (progress) progress(done, total, nodes[res.id].file.path);
  }
  // Assemble the tree in input order.
  std::vector<model::InspectedFile> out;
  out.reserve(roots.size());
  for (size_t id : roots) out.push_back(take_tree(nodes, id));
  return out;
}

}  // namespace lh::ingest
