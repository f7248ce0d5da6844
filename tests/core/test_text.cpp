#include <doctest/doctest.h>

#include <algorithm>

#include "kb/lexicon.hpp"
#include "kb/text.hpp"

namespace {

bool has_term(const std::vector<kb::Token>& tokens, const std::string& term) {
  return std::any_of(tokens.begin(), tokens.end(), [&](const kb::Token& t) { return t.term == term; });
}

}  // namespace

TEST_CASE("normalize_text folds full-width forms and case") {
  CHECK(kb::normalize_text("ＡＢＣ１２３") == "abc123");
  CHECK(kb::normalize_text("Hello\xE3\x80\x80World") == "hello world");  // ideographic space
  CHECK(kb::normalize_text("售后服务") == "售后服务");
}

TEST_CASE("analyze emits CJK words, characters, and bigrams only where no word is known") {
  // 服务 is a general word; 售后 is not, so its two characters stand as a bigram.
  auto tokens = kb::analyze("售后服务");
  CHECK(has_term(tokens, "售"));
  CHECK(has_term(tokens, "售后"));
  CHECK(has_term(tokens, "服务"));
  CHECK_FALSE(has_term(tokens, "后服"));  // across two words
  CHECK_FALSE(has_term(tokens, "售后服"));
  auto word = std::find_if(tokens.begin(), tokens.end(), [](const kb::Token& t) { return t.term == "服务"; });
  REQUIRE(word != tokens.end());
  CHECK(word->position == 3);
  CHECK(word->kind == kb::TokenKind::CjkWord);
  auto bigram = std::find_if(tokens.begin(), tokens.end(), [](const kb::Token& t) { return t.term == "售后"; });
  REQUIRE(bigram != tokens.end());
  CHECK(bigram->position == 1);
  CHECK(bigram->kind == kb::TokenKind::CjkBigram);
}

TEST_CASE("a longer word also yields the words inside it") {
  kb::Lexicon lex;
  lex.add_word(U"售后服务", 151, false);
  lex.add_word(U"售后", 27, false);
  auto tokens = kb::analyze("售后服务收费", 1, nullptr, &lex);
  CHECK(has_term(tokens, "售后服务"));
  CHECK(has_term(tokens, "售后"));
  CHECK(has_term(tokens, "服务"));
  CHECK_FALSE(has_term(tokens, "后服"));
  CHECK_FALSE(has_term(tokens, "务收"));
}

TEST_CASE("analyze stems Latin words and splits them from CJK") {
  auto tokens = kb::analyze("iPhone退款 Charges");
  CHECK(has_term(tokens, "iphon"));
  CHECK(has_term(tokens, "退款"));
  CHECK(has_term(tokens, "charg"));
}

TEST_CASE("filler weighs less than content") {
  auto tokens = kb::analyze("请问收费吗");
  double filler = 1, content = 0;
  for (const auto& t : tokens) {
    if (t.term == "请问") filler = t.weight;
    if (t.term == "收费") content = t.weight;
  }
  CHECK(filler < content);
}

TEST_CASE("a question word that asks for a time or an amount weighs between filler and content") {
  auto weight_of = [](const char* question, const char* term) {
    for (const auto& t : kb::analyze(question))
      if (t.term == term) return t.weight;
    return -1.0;
  };
  // 报修后多久 asks for the response time, 怎么报修 for the way to report.
  double kind = weight_of("报修后多久", "多久"), frame = weight_of("怎么报修", "怎么");
  double content = weight_of("怎么报修", "报修");
  CHECK(kind > frame);
  CHECK(kind < content);
  CHECK(weight_of("为什么收费", "为什么") > weight_of("怎么收费", "怎么"));
}

TEST_CASE("invalid UTF-8 does not throw and yields replacement characters") {
  std::string bad = "\xFF\xFE收费";
  auto cps = kb::utf8_decode(bad);
  CHECK(cps.size() == 4);
  CHECK(cps[0] == 0xFFFD);
  CHECK(has_term(kb::analyze(bad), "收费"));
}

TEST_CASE("traditional characters fold to simplified, at index and query time alike") {
  CHECK(kb::normalize_text("售後服務要收費嗎") == "售后服务要收费吗");
  CHECK(kb::normalize_text("申請退款") == "申请退款");
  CHECK(kb::question_key("過了服務期，維修怎麼收費？") == kb::question_key("过了服务期维修怎么收费"));
  auto tokens = kb::analyze("電話");
  CHECK(has_term(tokens, "电话"));
}

TEST_CASE("utf8_prefix cuts between characters, never inside one") {
  CHECK(kb::utf8_prefix("售后服务", 2) == "售后");
  CHECK(kb::utf8_prefix("ab售", 3) == "ab售");
  CHECK(kb::utf8_prefix("ab售", 2) == "ab");
  CHECK(kb::utf8_prefix("", 5).empty());
  CHECK(kb::utf8_prefix("😀x", 1) == "😀");
  // Bytes that start no valid sequence count one each, as utf8_decode counts them.
  CHECK(kb::utf8_prefix("a\x80\x80" "b", 1) == "a");
  CHECK(kb::utf8_prefix("a\x80\x80" "b", 3) == "a\x80\x80");
  CHECK(kb::utf8_prefix("\xe7\x90" "1售", 3) == "\xe7\x90" "1");
}

TEST_CASE("UTF-8 decoding refuses what is not a character") {
  using kb::utf8_decode;
  CHECK(utf8_decode("\xed\xa0\x80") == U"\xFFFD\xFFFD\xFFFD");  // an encoded surrogate
  CHECK(utf8_decode("\xc0\xaf") == U"\xFFFD\xFFFD");              // an overlong '/'
  CHECK(utf8_decode("\xf4\x90\x80\x80") == U"\xFFFD\xFFFD\xFFFD\xFFFD");  // beyond U+10FFFF
  CHECK(utf8_decode("\xef\xbf\xbd") == U"\xFFFD");                // a real U+FFFD is fine
  CHECK(kb::utf8_invalid_at("售后\xef\xbf\xbd") == std::string_view::npos);
  CHECK(kb::utf8_invalid_at("售后\xb7") == 6);
  CHECK(kb::utf8_invalid_at("") == std::string_view::npos);
}

TEST_CASE("Latin runs longer than a word are cut, so no term exceeds Xapian's limit") {
  std::string run(300, 'x');
  auto tokens = kb::analyze(run + " 收费");
  REQUIRE(!tokens.empty());
  CHECK(tokens[0].term.size() == 64);
}
