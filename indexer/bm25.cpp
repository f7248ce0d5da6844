#include "bm25.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace cli {

namespace {

/// \p{Script=Han}, near enough: CJK radicals, ideographs and their extensions.
bool is_han(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) || c == 0x3005 || c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
         (c >= 0x3038 && c <= 0x303B) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/// Decodes the UTF-8 sequence at `text[i]` and advances `i`; an invalid byte is skipped as U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + extra >= text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += extra + 1;
  return c;
}

}  // namespace

std::vector<std::string> bigram_tokens(std::string_view text) {
  std::vector<std::string> tokens, han;  // han: the current run of Han characters
  std::string word;                      // the current Latin run
  auto flush = [&] {
    if (!word.empty()) tokens.push_back(word);
    word.clear();
    for (std::size_t k = 0; k < han.size(); ++k) {
      tokens.push_back(han[k]);
      if (k + 1 < han.size()) tokens.push_back(han[k] + han[k + 1]);
    }
    han.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    char32_t c = next_code_point(text, i);
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      if (!han.empty()) flush();
      word += static_cast<char>(std::tolower(static_cast<int>(c)));
    } else if (is_han(c)) {
      if (!word.empty()) flush();
      han.emplace_back(text.substr(start, i - start));
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

Bm25::Bm25(const std::vector<const kb::Entry*>& entries, double k1, double b) : k1_(k1), b_(b) {
  std::size_t total = 0;
  for (const kb::Entry* e : entries) {
    std::string text = e->title;
    for (const auto& q : e->questions) text += "\n" + q;
    text += "\n" + e->situation + "\n" + e->body;
    std::unordered_map<std::string, int> counts;
    auto tokens = bigram_tokens(text);
    for (const auto& t : tokens) ++counts[t];
    for (const auto& [t, n] : counts) ++document_frequency_[t];
    ids_.push_back(e->id);
    lengths_.push_back(tokens.size());
    total += tokens.size();
    term_counts_.push_back(std::move(counts));
  }
  average_length_ = entries.empty() ? 0 : static_cast<double>(total) / entries.size();
}

std::vector<std::string> Bm25::rank(std::string_view query, std::size_t n) const {
  auto tokens = bigram_tokens(query);
  std::set<std::string> terms(tokens.begin(), tokens.end());
  const double docs = static_cast<double>(ids_.size());
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t d = 0; d < ids_.size(); ++d) {
    double score = 0;
    for (const auto& t : terms) {
      auto tf = term_counts_[d].find(t);
      if (tf == term_counts_[d].end()) continue;
      double df = document_frequency_.at(t);
      double idf = std::log(1 + (docs - df + 0.5) / (df + 0.5));
      double norm = k1_ * (1 - b_ + b_ * lengths_[d] / average_length_);
      score += idf * tf->second * (k1_ + 1) / (tf->second + norm);
    }
    if (score > 0) scored.emplace_back(score, d);
  }
  // Best first; equal scores keep the entries' order.
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::string> ids;
  for (std::size_t k = 0; k < scored.size() && k < n; ++k) ids.push_back(ids_[scored[k].second]);
  return ids;
}

}  // namespace cli
