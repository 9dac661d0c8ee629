#include "package/night_scope.h"

#include <functional>

#include "filing/plan.h"
#include "filing/plan_ties.h"
#include "package/archive.h"

namespace lh::package {
namespace fs = std::filesystem;

NightScope::NightScope(const filing::Catalogue& cat, const filing::Scheme& s, const fs::path& in_dir, NightInputs& night,
                       const std::string& plan_basis, bool plan_every_input)
    : cat_(cat), s_(s), in_dir_(in_dir), night_(night) {
  if (plan_every_input) {
    full_ = true;
    why_full_ = "asked to plan every input (LIANGHUA_PLAN_EVERY_INPUT)";
  } else if (!night.previous) {
    full_ = true;
    why_full_ = "no earlier night";
  } else if (cat.state(kStatePlanBasis) != plan_basis) {
    full_ = true;
    why_full_ = "no night with this program, scheme, office profile and options yet";
  }
  const std::string root = in_dir_.string();
  walked_.reserve(night_.unchanged.size() + night_.inspected.size());
  for (size_t i = 0; i < night_.unchanged.size(); ++i) walked_[filing::relative_input_path(night_.unchanged[i].path, root)] = i;
  for (const auto& f : night_.inspected) walked_[filing::relative_input_path(f.path, root)] = kInspected;
  pulled_.assign(night_.unchanged.size(), full_);
  if (full_) {
    for (size_t i = 0; i < night_.unchanged.size(); ++i) to_load_.push_back(i);
    pulled_count_ = night_.unchanged.size();
    return;
  }
  seed();
}

const size_t* NightScope::top_of(const std::string& rel_path) const {
  std::string p = rel_path;
  for (;;) {
    if (auto it = walked_.find(p); it != walked_.end()) return &it->second;
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos) return nullptr;
    p.resize(slash);
  }
}

// What changed tonight: each input read tonight (its ties now, and those it had if it changed) and
// each input gone from the inbox since the last night (the ties it had).
void NightScope::seed() {
  const std::string root = in_dir_.string();
  std::vector<std::string> queue;
  auto keep = [&queue](const std::vector<std::string>& ties) {
    for (const auto& t : ties)
      for (auto& u : filing::ties_to_follow(t)) queue.push_back(std::move(u));
  };
  std::function<void(const model::InspectedFile&)> add = [&](const model::InspectedFile& f) {
    const std::string rel = filing::relative_input_path(f.path, root);
    keep(filing::planning_ties(f, rel, s_));
    if (!f.sha256.empty()) inspected_of_sha_[f.sha256].push_back(rel);
    for (const auto& c : f.children) add(c);
  };
  for (const auto& f : night_.inspected) {
    add(f);
    keep(cat_.ties_of(filing::relative_input_path(f.path, root)));
  }
  std::vector<std::string> gone;
  cat_.for_each_present_input_path([&](const std::string& p) {
    if (!top_of(p)) gone.push_back(p);
  });
  for (const auto& p : gone) keep(cat_.ties_of(p));
  follow(std::move(queue));
}

void NightScope::follow(std::vector<std::string> queue) {
  while (!queue.empty()) {
    std::string tie = std::move(queue.back());
    queue.pop_back();
    follow_tie(tie, queue);
  }
}

// Every unchanged input carrying the tie is planned again, and its own ties followed in turn.
void NightScope::follow_tie(const std::string& tie, std::vector<std::string>& queue) {
  if (!followed_.insert(tie).second) return;
  std::vector<std::string> hits;
  cat_.for_each_path_with_tie(tie, [&hits](const std::string& p) { hits.push_back(p); });
  if (tie.compare(0, 2, "s:") == 0) {
    // Copies of the same bytes: which one is kept looks at each copy's folder (duplicates.h).
    auto ins = inspected_of_sha_.find(tie.substr(2));
    const size_t copies = hits.size() + (ins == inspected_of_sha_.end() ? 0 : ins->second.size());
    if (copies >= 2) {
      for (const auto& p : hits) queue.push_back(filing::folder_tie(p));
      if (ins != inspected_of_sha_.end())
        for (const auto& p : ins->second) queue.push_back(filing::folder_tie(p));
    }
  }
  for (const auto& p : hits) {
    const size_t* top = top_of(p);
    if (!top || *top == kInspected || pulled_[*top]) continue;
    pulled_[*top] = true;
    ++pulled_count_;
    to_load_.push_back(*top);
    for (const auto& t : cat_.ties_of(filing::relative_input_path(night_.unchanged[*top].path, in_dir_.string())))
      for (auto& u : filing::ties_to_follow(t)) queue.push_back(std::move(u));
  }
}

std::vector<model::InspectedFile> NightScope::load_pulled() {
  std::vector<model::InspectedFile> out;
  out.reserve(to_load_.size());
  for (size_t i : to_load_) {
    const UnchangedInput& u = night_.unchanged[i];
    std::optional<model::InspectedFile> f =
        night_.previous ? night_.previous->unchanged(u.path, in_dir_, u.size, u.mtime_ns) : std::nullopt;
    if (!f) {
      // The catalogue no longer gives it back (its row changed since the CLI asked): its records
      // stand as they are, as for any input not planned tonight.
      pulled_[i] = false;
      --pulled_count_;
      continue;
    }
    f->source_path = u.fs_path;
    out.push_back(std::move(*f));
  }
  to_load_.clear();
  return out;
}

std::vector<model::InspectedFile> NightScope::first_inputs() {
  std::vector<model::InspectedFile> out = std::move(night_.inspected);
  night_.inspected.clear();
  for (auto& f : load_pulled()) out.push_back(std::move(f));
  return out;
}

std::vector<model::InspectedFile> NightScope::more_for_cases(const std::set<std::string>& case_keys) {
  if (full_) return {};
  std::vector<std::string> queue;
  for (const auto& k : case_keys)
    if (std::string t = filing::case_tie(k); !t.empty() && !followed_.count(t)) queue.push_back(t);
  follow(std::move(queue));
  return load_pulled();
}

bool NightScope::carried(const std::string& rel_path) const {
  const size_t* top = top_of(rel_path);
  return top && *top != kInspected && !pulled_[*top];
}

}  // namespace lh::package
