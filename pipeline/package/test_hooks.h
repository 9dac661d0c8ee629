// Test-only crash points (tests/e2e/test_archive.cpp): LIANGHUA_TEST_KILL_AFTER=<phase>:<n> makes
// the process SIGKILL itself at the n-th event of <phase>: stage (an original copied into .staging),
// number (a new 件号 written, inside the open allocation transaction), place (a file renamed into
// the archive), save (items and inputs committed), manifest (manifest.json written), checkpoint
// (derived.json written mid-way through the documents). Unset: no-op.
#pragma once

namespace lh::package {

void kill_point(const char* phase);

}  // namespace lh::package
