#include <doctest/doctest.h>

#include <algorithm>

#include "zh_dictionary.hpp"

namespace {

const cli::DictWord* find_word(std::string_view word) {
  const auto& dict = cli::zh_dictionary();
  auto it = std::lower_bound(dict.begin(), dict.end(), word,
                             [](const cli::DictWord& w, std::string_view x) { return w.word < x; });
  return it != dict.end() && it->word == word ? &*it : nullptr;
}

}  // namespace

TEST_CASE("zh_dictionary holds jieba's words with frequency and part of speech") {
  const auto& dict = cli::zh_dictionary();
  CHECK(dict.size() > 300000);
  CHECK(std::is_sorted(dict.begin(), dict.end(),
                       [](const cli::DictWord& a, const cli::DictWord& b) { return a.word < b.word; }));
  auto* zenme = find_word("怎么");
  REQUIRE(zenme != nullptr);
  CHECK(zenme->pos == "r");
  CHECK(zenme->freq > 1000);
  auto* shouhou = find_word("售后服务");
  REQUIRE(shouhou != nullptr);
  CHECK(shouhou->freq > 0);
  CHECK_FALSE(shouhou->pos.empty());
}

TEST_CASE("zh_dictionary keeps only words of 2 to 8 Chinese characters") {
  CHECK(find_word("的") == nullptr);     // one character
  CHECK(find_word("B超") == nullptr);    // not all Chinese
  CHECK(find_word("AT&T") == nullptr);
  const auto& dict = cli::zh_dictionary();
  CHECK(std::all_of(dict.begin(), dict.end(),
                    [](const cli::DictWord& w) { return w.word.size() >= 6 && w.word.size() <= 8 * 4; }));
}
