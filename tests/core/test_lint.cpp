#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kb/lint.hpp"
#include "kb/schema.hpp"
#include "support.hpp"

namespace {

/// The first issue whose message holds `text`, or nullptr.
const kb::ContentIssue* find_issue(const std::vector<kb::ContentIssue>& issues, const std::string& text) {
  auto it = std::find_if(issues.begin(), issues.end(), [&](const kb::ContentIssue& i) {
    return i.message.find(text) != std::string::npos;
  });
  return it == issues.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("weak content is a warning: few phrasings, a long answer, a bad link, an unused synonym group") {
  auto few =
      test::entry("few-phrasings", "faq", "public", "发票怎么开？", {"怎么开发票", "发票"}, "在订单页申请。");
  auto is_long = test::entry("long-answer", "faq", "public", "退货要多久？",
                             {"退货多久", "多久能退", "退货时间"}, std::string(301, 'x'));
  auto links = test::entry("links", "procedure", "internal", "投诉处理", {}, "见相关条目。");
  links.links = {{3, 5, "#/entry/few-phrasing"},
                 {4, 1, "javascript:alert(1)"},
                 {5, 1, "https://example.com"},
                 {6, 1, "#/entry/long-answer"}};
  std::vector<kb::ContentIssue> issues;
  auto synonyms = kb::Synonyms::parse("发票 票据\n天气 气候\n", "synonyms.txt", issues);
  REQUIRE(issues.empty());
  kb::lint_entries({few, is_long, links}, synonyms, "synonyms.txt", issues);
  CHECK(issues.size() == 5);
  for (const auto& i : issues) CHECK(i.severity == kb::Severity::Warning);

  auto* phrasings = find_issue(issues, "only 2 phrasing(s)");
  REQUIRE(phrasings);
  CHECK(phrasings->file == "few-phrasings.md");
  auto* length = find_issue(issues, "the answer is 301 characters");
  REQUIRE(length);
  CHECK(length->file == "long-answer.md");
  auto* missing = find_issue(issues, "link to entry 'few-phrasing', which does not exist");
  REQUIRE(missing);
  CHECK(missing->line == 3);
  CHECK(missing->column == 5);
  CHECK(missing->hint.rfind("did you mean '#/entry/few-phrasings'?", 0) == 0);
  CHECK(find_issue(issues, "link target 'javascript:alert(1)' is not allowed"));
  auto* unused = find_issue(issues, "no entry uses any word of the group '天气 气候'");
  REQUIRE(unused);
  CHECK(unused->file == "synonyms.txt");
  CHECK(unused->line == 2);

  kb::LintOptions lenient;
  lenient.min_phrasings = 2;
  lenient.max_answer_chars = 400;
  std::vector<kb::ContentIssue> fewer;
  kb::lint_entries({few, is_long}, synonyms, "synonyms.txt", fewer, lenient);
  CHECK(fewer.size() == 1);  // only the unused group
}

TEST_CASE("a phrasing the bot would answer otherwise than with its entry is a warning") {
  test::ScratchDir dir("kb-lint-test");
  const std::vector<kb::Entry> entries = {
      test::entry("on-site-service", "faq", "public", "可以上门服务吗？", {"能不能派人上门", "工程师上门吗"},
                  "我们安排工程师上门。"),
      test::entry("hotline", "faq", "public", "客服热线几点有人接？",
                  {"电话几点有人接", "我要转人工", "谢谢", "可以上门服务吗？"}, "服务电话24小时有人接听。"),
  };
  std::vector<const kb::Entry*> all = {&entries[0], &entries[1]};
  kb::schema::build_database(all, kb::Synonyms{}, kb::Lexicon::general(), dir.file("scratch"),
                             dir.file("kb.db"));
  std::vector<kb::ContentIssue> issues;
  kb::find_collisions(kb::Engine::open_path(dir.file("kb.db")), all, issues);
  auto* human = find_issue(issues, "'我要转人工' asks to be put through to a person");
  REQUIRE(human);
  CHECK(human->line == entries[1].question_lines[1]);
  CHECK(find_issue(issues, "'谢谢' is small talk"));
  // The other entry's own title, as a phrasing here: the bot cannot tell the two apart.
  auto* taken = find_issue(issues, "'可以上门服务吗？'");
  REQUIRE(taken);
  CHECK(taken->message.find("on-site-service") != std::string::npos);
  CHECK_FALSE(find_issue(issues, "'能不能派人上门'"));
  CHECK_FALSE(find_issue(issues, "'电话几点有人接'"));
}

TEST_CASE("answer text may hold {{phone}}, {{email}} and {{hours}}; any other placeholder is an error") {
  auto known =
      test::entry("contacts", "procedure", "internal", "联系方式", {},
                  "请拨打 {{phone}}，或写信到 [{{email}}](mailto:{{email}})。\n\n服务时间：{{hours}}。");
  std::vector<kb::ContentIssue> issues;
  kb::check_placeholders(known, issues);
  CHECK(issues.empty());

  auto bad = test::entry("bad", "procedure", "internal", "联系方式", {},
                         "热线 {{ phone }}，传真 {{fax}}。\n邮箱 {{Email}}\n地址 {{地址}}\n"
                         "{{constructor.constructor('alert(1)')()}} {{ 未完");
  kb::check_placeholders(bad, issues);
  REQUIRE(issues.size() == 4);  // code between braces is no placeholder, and {{ alone is text
  for (const auto& i : issues) {
    CHECK(i.severity == kb::Severity::Error);
    CHECK(i.file == "bad.md");
  }
  // The body starts on line 8, after seven lines of front matter; columns count characters.
  CHECK(issues[0].message == "placeholder '{{ phone }}' must be written '{{phone}}'");
  CHECK(issues[0].line == 8);
  CHECK(issues[0].column == 4);
  CHECK(issues[1].message == "unknown placeholder '{{fax}}'");
  CHECK(issues[1].column == 19);
  CHECK(issues[1].hint.find("{{phone}}, {{email}} or {{hours}}") != std::string::npos);
  CHECK(issues[2].message == "placeholder '{{Email}}' must be written '{{email}}'");
  CHECK(issues[2].line == 9);
  CHECK(issues[3].message == "unknown placeholder '{{地址}}'");
  CHECK(issues[3].line == 10);
  CHECK(issues[3].column == 4);
}
