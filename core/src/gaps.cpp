#include "kb/gaps.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "kb/text.hpp"

namespace kb {

namespace {

/// What a question is about: its meaningful words, and every pair of adjacent
/// non-filler characters. Questions nobody could answer are about what the
/// knowledge base lacks, so its lexicon may split them wrongly (开发|票 in
/// 怎么开发票); the character pairs still hold 发票.
std::set<std::string> meaning(const std::string& question, const Lexicon* lexicon) {
  std::set<std::string> terms, singles;
  for (const Token& t : analyze(question, 1, nullptr, lexicon)) {
    if (t.kind == TokenKind::CjkUnigram) {
      if (t.weight >= 0.3) singles.insert(t.term);
    } else if (t.kind == TokenKind::Word ? t.weight >= 1 : t.weight >= 0.3) {
      terms.insert(t.term);
    }
  }
  std::u32string folded = utf8_decode(normalize_text(question));
  for (std::size_t i = 0; i + 1 < folded.size(); ++i)
    if (is_cjk(folded[i]) && is_cjk(folded[i + 1]) && !is_filler_char(folded[i]) && !is_filler_char(folded[i + 1]))
      terms.insert(utf8_encode(folded.substr(i, 2)));
  return terms.empty() ? singles : terms;  // a one-character question still means something
}

struct Wording {
  std::string text;
  std::size_t count = 0;
  std::map<std::string, std::size_t> reasons;
  std::set<std::string> terms;
  bool assigned = false;
};

}  // namespace

std::vector<GapCluster> cluster_gaps(const std::vector<GapQuestion>& questions, const Lexicon* lexicon) {
  std::map<std::string, std::size_t> index_of;  // question key -> wording
  std::vector<Wording> wordings;
  for (const auto& q : questions) {
    std::string key = question_key(q.question);
    if (key.empty()) continue;
    auto [it, fresh] = index_of.try_emplace(key, wordings.size());
    if (fresh) wordings.push_back({q.question, 0, {}, meaning(q.question, lexicon)});
    Wording& w = wordings[it->second];
    ++w.count;
    ++w.reasons[q.reason.empty() ? "unknown" : q.reason];
  }
  wordings.erase(
      std::remove_if(wordings.begin(), wordings.end(), [](const Wording& w) { return w.terms.empty(); }),
      wordings.end());

  std::vector<GapCluster> clusters;
  auto add_cluster = [&](std::vector<Wording*> members) {
    std::stable_sort(members.begin(), members.end(),
                     [](const Wording* a, const Wording* b) { return a->count > b->count; });
    GapCluster c;
    c.label = members.front()->text;
    for (Wording* w : members) {
      w->assigned = true;
      c.count += w->count;
      for (const auto& [reason, n] : w->reasons) c.reasons[reason] += n;
      if (w != members.front() && c.examples.size() < 5) c.examples.push_back(w->text);
    }
    clusters.push_back(std::move(c));
  };
  for (;;) {
    // The term shared by the most asked unassigned questions, over at least two wordings.
    std::map<std::string, std::pair<std::size_t, std::size_t>> weight;  // term -> (times asked, wordings)
    for (const auto& w : wordings)
      if (!w.assigned)
        for (const auto& t : w.terms) {
          weight[t].first += w.count;
          ++weight[t].second;
        }
    const std::string* best = nullptr;
    std::pair<std::size_t, std::size_t> best_weight{0, 0};
    for (const auto& [term, wt] : weight)
      if (wt.second >= 2 && wt > best_weight) best_weight = wt, best = &term;
    if (!best) break;
    std::vector<Wording*> members;
    for (auto& w : wordings)
      if (!w.assigned && w.terms.count(*best)) members.push_back(&w);
    add_cluster(members);
  }
  for (auto& w : wordings)
    if (!w.assigned) add_cluster({&w});
  std::stable_sort(clusters.begin(), clusters.end(),
                   [](const GapCluster& a, const GapCluster& b) { return a.count > b.count; });
  return clusters;
}

}  // namespace kb
