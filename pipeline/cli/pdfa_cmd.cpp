// lianghua check-pdfa FILE... (issue 15 §3): reads each PDF back and reports every PDF/A-2b rule it
// fails by its ISO 19005 clause (ingest/pdfa_check.h). Reads only; writes nothing.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "ingest/pdfa_check.h"

namespace lh::cli {

namespace {

const char* kPdfaHelp =
    "usage: lianghua check-pdfa FILE...\n\n"
    "Reads each PDF back and checks it against the PDF/A-2b rules (ISO 19005-2 = GB/T 23286.2, level B)\n"
    "that matter for lianghua's preservation copies: header (6.1.2), trailer /ID and no encryption\n"
    "(6.1.3), no external or LZW streams (6.1.7), the sRGB OutputIntent (6.2.3) and device colours\n"
    "(6.2.4.3), images (6.2.8), transparency (6.2.10), fonts embedded (6.2.11.4.1) with a CIDToGIDMap\n"
    "(6.2.11.3.2) and ToUnicode (6.2.11.7), annotations (6.3.2), actions (6.5.1), XMP metadata and\n"
    "pdfaid (6.6.2.1, 6.6.2.3.1, 6.6.4), and, for PDF/A-1 readers, no needless transparency group\n"
    "(ISO 19005-1 6.4) and an Info dictionary that agrees with the XMP (ISO 19005-1 6.7.3). It is not\n"
    "a full validator (veraPDF is).\n\n"
    "required:\n"
    "  FILE...             the PDFs to check\n\n"
    "outputs: on stdout, one line per failed rule, \"FILE: ISO 19005-2 <clause>: <what is wrong>\",\n"
    "         and \"FILE: PDF/A-2b: passes\" for a file that passes every rule. Writes no file.\n"
    "A file that fails a rule or cannot be read counts as set aside below (exit code 1).\n";

bool read_file(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  bytes = ss.str();
  return static_cast<bool>(in) || in.eof();
}

}  // namespace

int cmd_check_pdfa(int argc, char** argv) {
  std::vector<std::string> files;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--help" || a == "-h") throw UsageError{""};
      if (a.size() > 1 && a[0] == '-') throw UsageError{"unknown option '" + a + "'"};
      files.push_back(a);
    }
    if (files.empty()) throw UsageError{"no FILE given"};
  } catch (const UsageError& e) {
    return answer_usage_error(e, "check-pdfa", std::string(kPdfaHelp) + kExitCodesHelp);
  }
  size_t failed = 0;
  for (const std::string& path : files) {
    std::string bytes;
    if (!read_file(path, bytes)) {
      std::printf("%s: cannot be read\n", path.c_str());
      ++failed;
      continue;
    }
    const std::vector<ingest::PdfaFinding> findings = ingest::check_pdfa(bytes);
    for (const auto& f : findings) std::printf("%s: %s: %s\n", path.c_str(), f.label().c_str(), f.message.c_str());
    if (findings.empty()) std::printf("%s: PDF/A-2b: passes\n", path.c_str());
    else ++failed;
  }
  return failed ? kSetAside : kOk;
}

}  // namespace lh::cli
