#include <doctest/doctest.h>

#include "kb/entry.hpp"
#include "kb/synonyms.hpp"

namespace {

const char* kValid = R"(---
id: after-sales-fees
type: faq
title: 售后服务收费吗？
audience: public
category: 售后与收费
tags: [收费, 服务期]
questions:
  - 售后服务收费吗
  - 過了服務期維修怎麼收費
related: [on-site-service]
---
服务期内免费。

- **服务期内**：全部免费。
)";

}  // namespace

TEST_CASE("a valid entry parses every field") {
  std::vector<kb::ContentIssue> issues;
  auto e = kb::parse_entry(kValid, "faq/after-sales-fees.md", issues);
  REQUIRE(issues.empty());
  CHECK(e.id == "after-sales-fees");
  CHECK(e.type == "faq");
  CHECK(e.title == "售后服务收费吗？");
  CHECK(e.tags == std::vector<std::string>{"收费", "服务期"});
  CHECK(e.questions.size() == 2);
  CHECK(e.related == std::vector<std::string>{"on-site-service"});
  CHECK(e.body.rfind("服务期内免费。", 0) == 0);
  CHECK(e.line_of("questions") == 8);
}

TEST_CASE("a file that is not UTF-8 is one clear error at the first bad byte, not a crash later") {
  std::string text = kValid;
  text.replace(text.find("售后与收费"), 3, "\xca\xdb");  // 售 in GBK
  std::vector<kb::ContentIssue> issues;
  kb::parse_entry(text, "x.md", issues);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].to_string() ==
        "x.md:6:11: error: the file is not valid UTF-8 (byte 0xCA)\n"
        "  hint: save it as UTF-8; a GBK or Big5 file can be converted with: iconv -f GBK -t UTF-8");

  std::vector<kb::ContentIssue> synonym_issues;
  kb::Synonyms::parse("收费 要钱\n\xb5\xe7 电话\n", "synonyms.txt", synonym_issues);
  REQUIRE(synonym_issues.size() == 1);
  CHECK(synonym_issues[0].line == 2);
}

TEST_CASE("an unknown type is reported with its line, column and a hint") {
  std::string text = kValid;
  text.replace(text.find("type: faq"), 9, "type: fqa");
  std::vector<kb::ContentIssue> issues;
  kb::parse_entry(text, "x.md", issues);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 3);
  CHECK(issues[0].column == 7);
  CHECK(
      issues[0].to_string() ==
      "x.md:3:7: error: unknown type 'fqa'\n  hint: did you mean 'faq'? use faq, procedure, script or rule");
}

TEST_CASE("columns count characters, and an unknown field suggests the known one") {
  std::string text = kValid;
  text.replace(text.find("category:"), 9, "catgory:");
  std::vector<kb::ContentIssue> issues;
  kb::parse_entry(text, "x.md", issues);
  REQUIRE(issues.size() >= 1);
  CHECK(issues[0].message == "unknown field 'catgory'");
  CHECK(issues[0].hint.rfind("did you mean 'category'?", 0) == 0);
  CHECK(kb::closest("afterfees", {"after-sales-fees", "hotline"}) == "");
  CHECK(kb::closest("after-sale-fees", {"after-sales-fees", "hotline"}) == "after-sales-fees");
}

TEST_CASE("a missing field and a missing closing line are reported") {
  std::vector<kb::ContentIssue> issues;
  kb::parse_entry("---\nid: a\ntype: faq\n---\ntext\n", "a.md", issues);
  bool title = false, questions = false;
  for (const auto& i : issues) {
    title = title || i.message == "missing field 'title'";
    questions = questions || i.message.find("needs 'questions'") != std::string::npos;
  }
  CHECK(title);
  CHECK(questions);

  issues.clear();
  kb::parse_entry("---\nid: a\n", "b.md", issues);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("not closed") != std::string::npos);
}

TEST_CASE("duplicate ids and dangling related ids are reported") {
  std::vector<kb::ContentIssue> issues;
  auto a = kb::parse_entry(kValid, "a.md", issues);
  auto b = kb::parse_entry(kValid, "b.md", issues);
  REQUIRE(issues.empty());
  kb::validate_entries({a, b}, issues);
  bool dup = false, dangling = false;
  for (const auto& i : issues) {
    dup = dup || i.message.find("duplicate id 'after-sales-fees'") == 0;
    dangling = dangling || i.message.find("related id 'on-site-service' does not exist") == 0;
  }
  CHECK(dup);
  CHECK(dangling);
}

TEST_CASE("the same phrasing in two entries is reported at its line") {
  std::vector<kb::ContentIssue> issues;
  auto a = kb::parse_entry(kValid, "a.md", issues);
  std::string other = kValid;
  other.replace(other.find("id: after-sales-fees"), 20, "id: other-entry");
  other.replace(other.find("  - 售后服务收费吗\n"), std::string("  - 售后服务收费吗\n").size(),
                "  - 服务期外怎么收费\n");
  other.replace(other.find("  - 過了服務期維修怎麼收費"), std::string("  - 過了服務期維修怎麼收費").size(),
                "  - 售后服务，收费吗？");
  auto b = kb::parse_entry(other, "b.md", issues);
  REQUIRE(issues.empty());
  a.related.clear();
  b.related.clear();
  kb::validate_entries({a, b}, issues);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == "b.md");
  CHECK(issues[0].line == 10);
  CHECK(issues[0].message.find("is also a phrasing of 'after-sales-fees'") != std::string::npos);
}

TEST_CASE("an entry with no answer text is refused") {
  std::vector<kb::ContentIssue> issues;
  std::string text = kValid;
  text.erase(text.find("---\n服务期内") + 4);
  kb::parse_entry(text, "c.md", issues);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message == "the entry has no text after its front matter");
}
