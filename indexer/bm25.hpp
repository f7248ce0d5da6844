#pragma once
// A plain BM25 baseline for `kb-indexer eval`: what a textbook search would
// rank, to set the engine's figures beside. Character unigrams and bigrams for
// Chinese, lower-cased words for Latin text, no stemming, no synonyms, in memory.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/entry.hpp"

namespace cli {

/// Han runs as characters and neighbouring pairs, Latin runs ([a-z0-9]+) as
/// lower-cased words: `bigramTokenize` in bench/peers.mjs, in C++.
std::vector<std::string> bigram_tokens(std::string_view text);

class Bm25 {
 public:
  /// Indexes each entry's title, phrasings, situation and body as one field.
  explicit Bm25(const std::vector<const kb::Entry*>& entries, double k1 = 1.2, double b = 0.75);
  /// Ids of the `n` best entries for `query`, best first; entries sharing no term are left out.
  std::vector<std::string> rank(std::string_view query, std::size_t n) const;

 private:
  double k1_, b_, average_length_ = 0;
  std::vector<std::string> ids_;
  std::vector<std::unordered_map<std::string, int>> term_counts_;
  std::vector<std::size_t> lengths_;
  std::unordered_map<std::string, int> document_frequency_;
};

}  // namespace cli
