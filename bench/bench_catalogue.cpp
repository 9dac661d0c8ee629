// Catalogue memory benchmark (issue 12 §4: workers under 150 MiB each): one 年度's 归档文件目录 of
// N generated rows written as a derive worker writes it (package/derive_tasks.h derive_catalogue),
// PDF/A-2b and OFD-A copy included unless "plain". Prints the wall and CPU time and the process's
// peak resident size (VmHWM) before and after, so the catalogue's own share is the difference.
//   bench_catalogue [rows=2000] [OUT=/tmp/lianghua-bench-catalogue] [plain]
// The files stay in OUT (compare two builds' with cmp: the outputs must be byte-identical).
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>

#include "package/derive_tasks.h"
#include "../tests/support/proc_status.h"

namespace {

double cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

// The rows a busy year of one 门类 gives: 档号 in order, titles of 12 to 60 characters (some wrap
// in the 题名 column), a 文号 on every third, 责任者 the office.
lh::compose::CatalogueSpec generated_catalogue(int rows);

int main(int argc, char** argv) {
  int rows = 2000;
  if (argc > 1) std::from_chars(argv[1], argv[1] + std::strlen(argv[1]), rows);
  const std::filesystem::path out = argc > 2 ? argv[2] : "/tmp/lianghua-bench-catalogue";
  const bool plain = argc > 3 && std::string(argv[3]) == "plain";
  lh::compose::CatalogueSpec spec = generated_catalogue(rows);
  lh::pdf::PdfaMetadata meta;
  meta.title = "归档文件目录 " + spec.category_name + " " + spec.year;
  meta.author = spec.office;
  meta.date = spec.date;
  const long before = lh::test::self_status_kib("VmHWM:");
  const double c0 = cpu_s();
  const auto t0 = std::chrono::steady_clock::now();
  nlohmann::json e = lh::package::derive_catalogue(out, "WS/2025", "bench", spec, !plain, !plain, meta);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("rows=%d files=%zu wall_s=%.2f cpu_s=%.2f hwm_before_mib=%.1f hwm_after_mib=%.1f%s\n", rows,
              e["files"].size(), wall, cpu_s() - c0, before / 1024.0, lh::test::self_status_kib("VmHWM:") / 1024.0,
              e.contains("problems") ? (" problems=" + e["problems"].dump()).c_str() : "");
  return 0;
}

lh::compose::CatalogueSpec generated_catalogue(int rows) {
  static const char* kWords[] = {"关于", "开展", "消费品", "质量", "抽查", "工作", "的", "通知", "南岭县", "市场",
                                 "监督", "管理", "专项", "整治", "食品", "安全", "检查", "情况", "报告", "计量"};
  lh::compose::CatalogueSpec s;
  s.fonds = "Z109";
  s.fonds_name = "南岭县市场监督管理局";
  s.year = "2025";
  s.retention = "永久、定期30年、定期10年";
  s.organisation = "石门市场监督管理所";
  s.category_name = "文书";
  s.office = "南岭县市场监督管理局石门市场监督管理所";
  s.date = "2025-12-30";
  unsigned r = 12345;
  auto next = [&r] { return r = r * 1103515245u + 12345u, (r >> 16) & 0x7fff; };
  for (int i = 1; i <= rows; ++i) {
    lh::compose::CatalogueRow row;
    char buf[64];
    std::snprintf(buf, sizeof buf, "Z109-WS·2025-D%d-SMS-%04d", i % 3 == 0 ? 10 : 30, i);
    row.archival_code = buf;
    if (i % 3 == 0) row.doc_number = "南市监函〔2025〕" + std::to_string(i) + "号";
    row.author = s.office;
    const unsigned words = 4 + next() % 14;
    for (unsigned w = 0; w < words; ++w) row.title += kWords[next() % 20];
    std::snprintf(buf, sizeof buf, "2025%02d%02d", 1 + i % 12, 1 + i % 28);
    row.date8 = buf;
    row.pages = std::to_string(1 + next() % 30);
    s.rows.push_back(std::move(row));
  }
  return s;
}
