// Test-only hooks (tests/e2e/test_archive.cpp, tests/e2e/test_faults*.cpp). Unset, each is a no-op.
//
// LIANGHUA_TEST_KILL_AFTER=<phase>:<n> makes the process SIGKILL itself at the n-th event of <phase>:
// stage (an original copied into .staging), number (a new 件号 written, inside the open allocation
// transaction), place (a file renamed into the archive), save (items and inputs committed), manifest
// (manifest.json written), checkpoint (derived.json written mid-way through the documents), temp
// (a file written atomically, in the parent or a worker: its temporary written, not yet renamed).
//
// LIANGHUA_TEST_STOP_AT=<point> makes the process SIGSTOP itself once at <point>: listed (the inbox
// is listed, nothing read yet) or inspected (every input read, no original copied yet). The test,
// waiting with WUNTRACED, then does to the inbox what a clerk or a failing disk would (delete,
// truncate, rewrite a file) and sends SIGCONT (issue 13 §3: files that vanish or change while the
// run reads them). The program itself never touches the inbox.
#pragma once

namespace lh::package {

void kill_point(const char* phase);
void stop_point(const char* point);

}  // namespace lh::package
