// A folder made once for all the test processes of a build that need the same one.
//
// ctest runs every test as a process of its own, so a fixture kept in a function-local static (the
// sample inbox archived by the program, read by thirty Volume tests) was made again by each test:
// ~3 s of a 2-core machine for each, about a minute of the suite. shared_dir makes it once per build
// tree and key instead, and every later test process finds it made.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lh::test {

struct SharedDir {
  std::filesystem::path dir;  // the folder, complete; empty when error is set
  std::string error;          // why it could not be made (the make function's words)
};

// The folder test-shared/<tag> beside the test programs, made by `make` (which fills the empty
// folder it is given and returns "" or why it failed) when it is missing or was made for another
// key. The key is `key` (a command line, say) and, for each of its strings that names an existing
// file or folder, that file's or folder's names, sizes and mtimes, and those of the source tree's
// templates/ and fonts/ (which the program reads): a rebuilt program, an edited sample or an edited
// scheme makes the folder again. Made under an exclusive lock (a parallel test waits), into a
// temporary folder renamed when complete (a test killed half-way leaves nothing that looks made).
// Callers only read it and copy it before changing anything: a folder found changed since it was
// made is reported as that error (some earlier test wrote into it) and made again.
SharedDir shared_dir(const std::string& tag, const std::vector<std::string>& key,
                     const std::function<std::string(const std::filesystem::path&)>& make);

// One line per file or folder under `p` (itself for a file): relative path, size, mtime in ns.
std::string tree_listing(const std::filesystem::path& p);

}  // namespace lh::test
