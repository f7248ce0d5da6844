#include <doctest/doctest.h>

#include <algorithm>

#include "zh_dictionary.hpp"
#include "zh_glossary.hpp"

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

namespace {

bool glossed(std::string_view word, std::string_view english) {
  const auto& g = cli::english_glosses(word);
  return std::find(g.begin(), g.end(), english) != g.end();
}

}  // namespace

TEST_CASE("english_glosses gives CC-CEDICT's English words of a Chinese word") {
  // CC-CEDICT glosses 投诉 "to lodge a complaint": the noun, not the verb "complain".
  CHECK(glossed("投诉", "complaint"));
  CHECK(glossed("售后服务", "after-sales"));
  CHECK(glossed("售后服务", "service"));
  CHECK(glossed("保修", "warranty"));
  CHECK(glossed("退款", "refund"));
  CHECK(glossed("微信", "wechat"));  // proper noun; parenthesised note dropped
  CHECK(cli::english_glosses("不存在的词语").empty());
  CHECK(cli::english_glosses("").empty());
}

TEST_CASE("english_glosses drops function words, notes and duplicates, and keeps at most 8") {
  for (std::string_view word : {"投诉", "保修", "发票", "怎么", "行李", "登录"}) {
    const auto& g = cli::english_glosses(word);
    CAPTURE(word);
    CHECK_FALSE(g.empty());
    CHECK(g.size() <= 8);
    for (std::string_view stop : {"to", "a", "the", "of", "sth", "cl"}) CHECK(std::count(g.begin(), g.end(), stop) == 0);
    for (const auto& w : g) {
      CHECK(std::count(g.begin(), g.end(), w) == 1);
      CHECK(std::none_of(w.begin(), w.end(), [](char c) { return c == '(' || c == ')' || (c >= 'A' && c <= 'Z'); }));
    }
  }
}
