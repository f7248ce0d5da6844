#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kb/lexicon.hpp"

namespace {

/// A lexicon with the knowledge base's own `words`, each with its corpus frequency.
kb::Lexicon with_words(std::initializer_list<std::pair<std::u32string_view, std::uint32_t>> words) {
  kb::Lexicon lex;
  for (const auto& [word, freq] : words) lex.add_word(word, freq, false);
  return lex;
}

}  // namespace

TEST_CASE("a knowledge base's words and glossary are stored and read back whole") {
  kb::Lexicon lex = with_words({{U"花呗", 0}, {U"投诉", 2719}, {U"x", 5}});  // one character is no word
  lex.add_gloss("complaint", U"投诉");
  CHECK(lex.own_word_count() == 2);
  CHECK(lex.gloss_count() == 1);
  auto back = kb::Lexicon::parse(lex.serialize());
  CHECK(back.serialize() == lex.serialize());
  CHECK(back.own_word_count() == 2);
  REQUIRE(back.find(U"投诉") != nullptr);
  CHECK(back.find(U"投诉")->freq == 2719);
  CHECK(back.find(U"投诉")->own);
  CHECK(back.glosses("complaint") == std::vector<std::u32string>{U"投诉"});
  CHECK(kb::Lexicon().own_word_count() == 0);
  CHECK(kb::Lexicon::parse("").serialize().empty());
}

TEST_CASE("segmentation takes the knowledge base's own words where segmentations compete") {
  const kb::Lexicon lex = with_words({{U"发票", 271}});
  auto spans = lex.segment(U"开发票");
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].begin == 0);
  CHECK(spans[0].length == 1);
  CHECK(spans[1].begin == 1);
  CHECK(spans[1].length == 2);
  CHECK(spans[1].known);
}

TEST_CASE("a pinyin typo and an English word lead to the knowledge base's words") {
  kb::Lexicon lex = with_words({{U"售后", 5000}, {U"咨询", 8000}});
  lex.add_gloss("refund", U"退款");
  lex.add_gloss("complaint", U"投诉");
  auto typo = lex.homophones(U"收后");
  CHECK(std::find(typo.begin(), typo.end(), U"售后") != typo.end());
  auto blurred = lex.homophones(U"资询");  // zi xun: the z/zh blur of a hasty IME
  CHECK(std::find(blurred.begin(), blurred.end(), U"咨询") != blurred.end());
  CHECK(lex.homophones(U"天气").empty());
  CHECK(lex.glosses("refund") == std::vector<std::u32string>{U"退款"});
  // The glossary may have another form of the question's word: complain -> complaint.
  CHECK(lex.glosses("complain") == std::vector<std::u32string>{U"投诉"});
  CHECK(lex.glosses("ref").empty());  // too short to stand for a longer word
  CHECK(lex.glosses("weather").empty());
}

TEST_CASE("what a word means: filler little, the kind of answer wanted some, rare words the most") {
  const kb::Lexicon& lex = kb::Lexicon::general();
  CHECK(lex.meaning(U"怎么") == doctest::Approx(0.1));
  CHECK(lex.meaning(U"是不是") == doctest::Approx(0.1));  // the A-not-A form
  CHECK(lex.meaning(U"多久") == doctest::Approx(0.25));
  CHECK(lex.meaning(U"花呗") == doctest::Approx(1.0));  // not a general word
  CHECK(lex.meaning(U"服务") > 0.2);
  CHECK(lex.meaning(U"服务") < lex.meaning(U"投诉"));
}

TEST_CASE("own_words_in lists the knowledge base's words a text holds, each once") {
  const kb::Lexicon lex = with_words({{U"发票", 271}, {U"退货", 34}});
  CHECK(lex.own_words_in(U"怎么开发票，发票丢了") == lex.own_words_in(U"发票"));
  CHECK(lex.own_words_in(U"退货和发票") == lex.own_words_in(U"发票退货"));
  CHECK(lex.own_words_in(U"天气").empty());
  CHECK(lex.own_words_in(U"发票").find("发票") != std::string::npos);
}
