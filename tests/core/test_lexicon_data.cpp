#include <doctest/doctest.h>

#include <algorithm>

#include "kb/lexicon_data.hpp"

namespace {

const kb::CommonWord* find_word(std::u32string_view word) {
  const auto& words = kb::common_words();
  auto it = std::lower_bound(words.begin(), words.end(), word,
                             [](const kb::CommonWord& w, std::u32string_view x) { return w.word < x; });
  return it != words.end() && it->word == word ? &*it : nullptr;
}

}  // namespace

TEST_CASE("common_words holds the words visitors wrap questions in") {
  for (std::u32string_view w : {U"怎么", U"怎么样", U"什么", U"哪里", U"多少", U"请问", U"你们", U"我们", U"可以",
                                U"一下", U"为什么", U"如何", U"是不是", U"有没有", U"能不能", U"什么时候", U"多久"}) {
    auto* found = find_word(w);
    REQUIRE_MESSAGE(found != nullptr, "missing word of length ", w.size());
    CHECK(found->freq > 0);
  }
}

TEST_CASE("common_words is sorted, multi-character, and marks function words") {
  const auto& words = kb::common_words();
  CHECK(words.size() > 2500);
  CHECK(words.size() < 4000);
  CHECK(std::is_sorted(words.begin(), words.end(),
                       [](const kb::CommonWord& a, const kb::CommonWord& b) { return a.word < b.word; }));
  CHECK(std::all_of(words.begin(), words.end(), [](const kb::CommonWord& w) { return w.word.size() >= 2; }));
  CHECK(find_word(U"的") == nullptr);
  CHECK(find_word(U"怎么")->function_word);       // pronoun
  CHECK(find_word(U"已经")->function_word);       // adverb
  CHECK_FALSE(find_word(U"请问")->function_word);  // verb
  CHECK(find_word(U"我们")->freq > find_word(U"怎么样")->freq);
}
