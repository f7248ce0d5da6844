// The spreadsheet readers of `kb-indexer import` (indexer/table.cpp) and its
// HTML to Markdown conversion (indexer/html_markdown.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "html_markdown.hpp"
#include "table.hpp"

using cli::read_csv;

namespace {

std::vector<std::vector<std::string>> cells(const cli::Table& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : t.rows) out.push_back(r.cells);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("CSV: plain fields, a byte order mark, and every line end") {
  CHECK(cells(read_csv("a,b\nc,d\n")) == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(cells(read_csv("\xEF\xBB\xBF标准问题,答案\r\n问,答\r\n")) ==
        Rows{{"标准问题", "答案"}, {"问", "答"}});
  CHECK(cells(read_csv("a,b\rc,d")) == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(cells(read_csv("a,b")) == Rows{{"a", "b"}});
}

TEST_CASE("CSV: quoted fields hold commas, doubled quotes and line breaks") {
  const auto t = read_csv("q,a\r\n\"一,二\",\"他说\"\"好\"\"\"\r\n\"第一行\r\n第二行\",x\r\n");
  REQUIRE(t.problems.empty());
  CHECK(cells(t) == Rows{{"q", "a"}, {"一,二", "他说\"好\""}, {"第一行\n第二行", "x"}});
  // Rows are numbered as a spreadsheet numbers them; line is where each starts in the file.
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[2].number == 3);
  CHECK(t.rows[2].line == 3);
  const auto after = read_csv("q,a\n\"1\n2\n3\",x\ny,z\n");
  CHECK(after.rows[2].number == 3);
  CHECK(after.rows[2].line == 5);
}

TEST_CASE("CSV: empty fields, empty quoted fields and blank lines") {
  CHECK(cells(read_csv("a,,c\n,,\n")) == Rows{{"a", "", "c"}, {"", "", ""}});
  CHECK(cells(read_csv("\"\",x\n")) == Rows{{"", "x"}});
  CHECK(cells(read_csv("a\n\n\nb\n")) == Rows{{"a"}, {"b"}});
  CHECK(cells(read_csv("a,\"\"\n")) == Rows{{"a", ""}});
  CHECK(cells(read_csv("a,\"\"")) == Rows{{"a", ""}});
}

TEST_CASE("CSV: a quote inside an unquoted field is kept as text") {
  CHECK(cells(read_csv("5\"屏,x\n")) == Rows{{"5\"屏", "x"}});
}

TEST_CASE("CSV: a quote left open and text that is not UTF-8 are problems, with their line") {
  auto open = read_csv("q,a\nx,\"never closed\ny,z\n");
  REQUIRE(open.problems.size() == 1);
  CHECK(open.problems[0].line == 2);
  CHECK(open.problems[0].message.find("never closed") != std::string::npos);
  auto gbk = read_csv("q,a\n\xCA\xDB\xBA\xF3,x\n");  // 售后 in GBK
  REQUIRE(gbk.problems.size() == 1);
  CHECK(gbk.problems[0].line == 2);
  CHECK(gbk.problems[0].message.find("UTF-8") != std::string::npos);
}

TEST_CASE("CSV: written fields read back as they were") {
  const std::vector<std::string> fields = {"plain", "一,二", "say \"hi\"", "line 1\nline 2", " padded ", ""};
  CHECK(cli::csv_record(fields) == "plain,\"一,二\",\"say \"\"hi\"\"\",\"line 1\nline 2\",\" padded \",\r\n");
  CHECK(cells(read_csv(cli::csv_record(fields))) == Rows{fields});
}

TEST_CASE("HTML bodies become the entries' Markdown") {
  using cli::html_to_markdown;
  CHECK(html_to_markdown("<p>第一段</p><p>第二段<br>下一行</p>") == "第一段\n\n第二段\n下一行");
  CHECK(html_to_markdown("<p>先<strong>重要</strong>后</p>") == "先**重要**后");
  CHECK(html_to_markdown("<ul><li>一</li><li>二</li></ul><ol><li>甲</li><li>乙</li></ol>") ==
        "- 一\n- 二\n\n1. 甲\n2. 乙");
  CHECK(html_to_markdown("<ul><li>外<ul><li>内</li></ul></li></ul>") == "- 外\n  - 内");
  CHECK(
      html_to_markdown("<p><a href=\"https://example.com/a\">说明</a> and <a href=\"/hc/1\">旧文</a></p>") ==
      "[说明](https://example.com/a) and 旧文");
  CHECK(html_to_markdown("<h2>标题</h2><p>正文</p>") == "## 标题\n\n正文");
  CHECK(html_to_markdown("<p>留下</p><script>alert(1)</script><style>p{}</style>") == "留下");
  CHECK(html_to_markdown("<p>a * b [c] &lt;b&gt;</p>") == "a \\* b \\[c\\] \\<b\\>");
  CHECK(html_to_markdown("<p>  多个   空格\n换行 </p>") == "多个 空格 换行");
}
