// Every command says what an admin needs without the README (issue 14 §4): its required options
// marked as required, where its outputs go, and its exit codes; a missing required option is a
// usage error (exit 2) that names the option.
#include <gtest/gtest.h>

#include <string>

#include "cli/commands.h"
#include "test_support.h"

using namespace lh;

TEST(Help, EveryCommandListsRequiredOptionsOutputsAndExitCodes) {
  int checked = 0;
  for (const cli::Command* c = cli::commands(); c->name; ++c) {
    auto r = test::run({test::program().string(), c->name, "--help"});
    SCOPED_TRACE(c->name);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(std::string("usage: lianghua ") + c->name), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("required"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("output"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("exit codes:"), std::string::npos) << r.out;
    ++checked;
  }
  EXPECT_GE(checked, 6);
}

TEST(Help, TopLevelUsageNamesEveryCommand) {
  auto r = test::run({test::program().string(), "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const cli::Command* c = cli::commands(); c->name; ++c)
    EXPECT_NE(r.out.find(std::string("  ") + c->name + " "), std::string::npos) << c->name << "\n" << r.out;
}

// The bug: `--help` showed --office in brackets, as if optional, while archive refused to run
// without it.
TEST(Help, ArchiveOfficeIsShownAsRequiredAndItsAbsenceNamesIt) {
  auto help = test::run({test::program().string(), "archive", "--help"});
  EXPECT_EQ(help.out.find("[--office"), std::string::npos) << help.out;
  auto required = help.out.find("required:");
  auto office = help.out.find("--office FILE", required == std::string::npos ? 0 : required);
  auto options = help.out.find("options:");
  ASSERT_NE(required, std::string::npos);
  EXPECT_LT(office, options) << "--office must be listed under required:\n" << help.out;
  auto dir = test::temp_dir("help-archive");
  auto r = test::run({test::program().string(), "archive", "--in", dir.string(), "--out", (dir / "a").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--office"), std::string::npos) << r.err;
}
