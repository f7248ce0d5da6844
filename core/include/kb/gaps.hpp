#pragma once
// Content gaps: the questions the widget escalated or got a 👎 on, grouped by
// what they ask, most frequent first. `kb-indexer gaps` prints them as the
// editors' to-do list.
#include <map>
#include <string>
#include <vector>

namespace kb {

class Lexicon;

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

/// Groups questions by the words they share. Distinct wordings (same
/// question key) are counted; then, repeatedly, the meaningful term (a CJK
/// pair or an English stem, never filler) that the most unassigned questions
/// share forms a cluster of all of them: 发票 gathers 发票怎么开, 能开增值税发票吗
/// and 發票怎麼開. Terms of a single wording never form a cluster, and
/// wordings that share nothing stay alone. Clusters come most asked first.
/// Questions with no meaningful term (？？？) are left out.
/// Words are those of `lexicon` (the index's, so 开发票 splits as 开|发票), or general words only.
std::vector<GapCluster> cluster_gaps(const std::vector<GapQuestion>& questions, const Lexicon* lexicon = nullptr);

}  // namespace kb
