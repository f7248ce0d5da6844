#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "kb/synonyms.hpp"
#include "kb/text.hpp"

TEST_CASE("a synonym list with a repeated word is reported at its line") {
  std::vector<kb::ContentIssue> issues;
  kb::Synonyms::parse("收费 要钱\n# comment\n费用 要钱\n单独\n", "synonyms.txt", issues);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].to_string() ==
        "synonyms.txt:3:1: error: '要钱' is already in the group on line 1\n"
        "  hint: a word may belong to one group only; merge the two lines or drop the word");
  CHECK(issues[1].line == 4);
}

TEST_CASE("synonym rewriting keeps Latin words whole") {
  std::vector<kb::ContentIssue> issues;
  auto s = kb::Synonyms::parse("收费 fee charge\n", "s.txt", issues);
  CHECK(kb::utf8_encode(s.apply(U"any fee here")) == "any 收费 here");
  CHECK(kb::utf8_encode(s.apply(U"coffee")) == "coffee");
}

TEST_CASE("every variant becomes its group's first word, the longest variant first") {
  std::vector<kb::ContentIssue> issues;
  auto s = kb::Synonyms::parse("# 售后\n售后服务 售后部门 售后部\n收费 要钱 付费\n", "synonyms.txt", issues);
  CHECK(issues.empty());
  CHECK(s.group_count() == 2);
  REQUIRE(s.groups().size() == 2);
  CHECK(s.groups()[0].line == 2);
  CHECK(s.groups()[1].words == std::vector<std::u32string>{U"收费", U"要钱", U"付费"});
  CHECK(kb::utf8_encode(s.apply(U"售后部门要钱吗")) == "售后服务收费吗");
  CHECK(kb::utf8_encode(s.apply(U"售后部付费")) == "售后服务收费");
  CHECK(kb::utf8_encode(s.apply(U"没有同义词")) == "没有同义词");
}

TEST_CASE("the groups are stored without comments and read back the same") {
  std::vector<kb::ContentIssue> issues;
  auto s = kb::Synonyms::parse("收费 要钱  # money\n\n电话 热线\n", "synonyms.txt", issues);
  CHECK(s.source() == "收费 要钱\n电话 热线\n");
  auto back = kb::Synonyms::parse(s.source(), "index", issues);
  CHECK(issues.empty());
  CHECK(back.source() == s.source());
  CHECK(kb::utf8_encode(back.apply(U"热线要钱吗")) == "电话收费吗");
  CHECK(kb::Synonyms().group_count() == 0);
  CHECK(kb::utf8_encode(kb::Synonyms().apply(U"要钱")) == "要钱");
}
