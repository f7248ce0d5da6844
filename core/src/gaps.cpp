#include "kb/gaps.hpp"

#include <algorithm>
#include <set>

#include "kb/text.hpp"

namespace kb {

namespace {

std::set<std::string> meaning(const std::string& question) {
  std::set<std::string> terms, singles;
  for (const Token& t : analyze(question)) {
    if (t.kind == TokenKind::CjkUnigram) {
      if (t.weight >= 0.3) singles.insert(t.term);
    } else if (t.weight >= 1) {
      terms.insert(t.term);
    }
  }
  return terms.empty() ? singles : terms;  // a one-character question still means something
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t both = 0;
  for (const auto& t : a) both += b.count(t);
  std::size_t either = a.size() + b.size() - both;
  return either ? static_cast<double>(both) / static_cast<double>(either) : 0;
}

}  // namespace

std::vector<GapCluster> cluster_gaps(const std::vector<GapQuestion>& questions, double similarity) {
  // Distinct wordings (by question key), with how often each was asked.
  struct Wording {
    std::string text;
    std::size_t count = 0;
    std::map<std::string, std::size_t> reasons;
    std::set<std::string> terms;
  };
  std::map<std::string, Wording> by_key;
  std::vector<std::string> order;
  for (const auto& q : questions) {
    std::string key = question_key(q.question);
    if (key.empty()) continue;
    auto [it, fresh] = by_key.try_emplace(key);
    if (fresh) {
      it->second.text = q.question;
      it->second.terms = meaning(q.question);
      order.push_back(key);
    }
    ++it->second.count;
    ++it->second.reasons[q.reason.empty() ? "unknown" : q.reason];
  }
  std::vector<Wording*> wordings;
  for (const auto& key : order)
    if (!by_key[key].terms.empty()) wordings.push_back(&by_key[key]);
  std::stable_sort(wordings.begin(), wordings.end(), [](const Wording* a, const Wording* b) { return a->count > b->count; });

  struct Group {
    GapCluster cluster;
    std::set<std::string> terms;  // of its label
  };
  std::vector<Group> groups;
  for (Wording* w : wordings) {
    Group* best = nullptr;
    double best_sim = similarity;
    for (auto& g : groups) {
      double s = jaccard(w->terms, g.terms);
      if (s >= best_sim) best_sim = s, best = &g;
    }
    if (!best) {
      groups.push_back({{w->text, 0, {}, {}}, w->terms});
      best = &groups.back();
    } else if (best->cluster.examples.size() < 5) {
      best->cluster.examples.push_back(w->text);
    }
    best->cluster.count += w->count;
    for (const auto& [reason, n] : w->reasons) best->cluster.reasons[reason] += n;
  }
  std::vector<GapCluster> out;
  for (auto& g : groups) out.push_back(std::move(g.cluster));
  std::stable_sort(out.begin(), out.end(), [](const GapCluster& a, const GapCluster& b) { return a.count > b.count; });
  return out;
}

}  // namespace kb
