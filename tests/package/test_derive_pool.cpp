// run_derive_tasks (derive_pool.h): rendering in workers; a crash or a hang costs one output.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <thread>

#include "package/derive_pool.h"

using json = nlohmann::json;

TEST(DerivePool, EveryTaskAnswersOnceAndACrashOrHangCostsOnlyItsOwnOutput) {
  std::vector<json> payloads;
  for (int i = 0; i < 6; ++i) payloads.push_back({{"n", i}});
  lh::ingest::PoolOptions opt;
  opt.jobs = 2;
  opt.timeout_s = 2;
  std::map<size_t, json> got;
  lh::package::run_derive_tasks(
      payloads,
      [](const json& p) {
        int n = p.at("n").get<int>();
        if (n == 2) std::raise(SIGSEGV);                                      // a renderer crash
        if (n == 3) std::this_thread::sleep_for(std::chrono::seconds(30));   // a hang
        if (n == 4) throw std::runtime_error("qpdf: bad xref");             // an error
        return json{{"square", n * n}};
      },
      opt, [&](size_t i, const json& r) { EXPECT_TRUE(got.emplace(i, r).second) << "answered twice: " << i; });
  ASSERT_EQ(got.size(), payloads.size());
  EXPECT_EQ(got[0].value("square", -1), 0);
  EXPECT_EQ(got[1].value("square", -1), 1);
  EXPECT_EQ(got[5].value("square", -1), 25);
  EXPECT_EQ(got[2].value("failed", ""), "crashed");
  EXPECT_EQ(got[3].value("failed", ""), "timeout");
  EXPECT_EQ(got[4].value("error", ""), "qpdf: bad xref");
  EXPECT_FALSE(got[4].contains("failed"));
}
