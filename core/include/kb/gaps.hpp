#pragma once
// Content gaps: the questions the widget escalated or got a 👎 on, grouped by
// what they ask, most frequent first. `kb-indexer gaps` prints them as the
// editors' to-do list.
#include <map>
#include <string>
#include <vector>

namespace kb {

struct GapQuestion {
  std::string question;
  std::string reason;  // why it was kept: no-match, thumbs-down, asked-for-human…
};

struct GapCluster {
  std::string label;                  // the most frequent wording
  std::size_t count = 0;              // how often the cluster was asked
  std::vector<std::string> examples;  // other wordings, most frequent first (at most 5)
  std::map<std::string, std::size_t> reasons;
};

/// Groups questions whose meaningful terms (CJK pairs, English stems) overlap
/// by at least `similarity` (Jaccard), greedily, most frequent wording first.
/// Questions with no meaningful term are left out.
std::vector<GapCluster> cluster_gaps(const std::vector<GapQuestion>& questions, double similarity = 0.34);

}  // namespace kb
