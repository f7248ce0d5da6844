// Entry text from Markdown to HTML (indexer/markdown.cpp): what editors write
// comes out as the elements it means, and nothing that could run or load.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "markdown.hpp"

using cli::render_markdown;

namespace {

/// Every tag in `html` with its attributes, e.g. "a href" or "p".
std::vector<std::string> tags(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex tag(R"(<(/?[a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*/?>)");
  static const std::regex attr(R"(\s+([a-z-]+))");
  for (std::sregex_iterator it(html.begin(), html.end(), tag), end; it != end; ++it) {
    std::string t = (*it)[1].str();
    std::string attrs = (*it)[2].str();
    for (std::sregex_iterator a(attrs.begin(), attrs.end(), attr); a != end; ++a) t += " " + (*a)[1].str();
    out.push_back(t);
  }
  return out;
}

}  // namespace

TEST_CASE("what editors write becomes the elements it means") {
  CHECK(render_markdown("在服务期内不收费。") == "<p>在服务期内不收费。</p>\n");
  CHECK(render_markdown("- **服务期内**：免费\n- 超出：成本费") ==
        "<ul>\n<li><strong>服务期内</strong>：免费</li>\n<li>超出：成本费</li>\n</ul>\n");
  CHECK(render_markdown("1. 倾听\n2. 记录") == "<ol>\n<li>倾听</li>\n<li>记录</li>\n</ol>\n");
  // One sentence or quote per line, as editors write: the line break stays.
  CHECK(render_markdown("> 您好，工匠网络科技。\n> 请问有什么可以帮您？") ==
        "<blockquote>\n<p>您好，工匠网络科技。<br />\n请问有什么可以帮您？</p>\n</blockquote>\n");
}

TEST_CASE("every link is reported where it stands, allowed or not, and a stray bracket is text") {
  std::vector<cli::MarkdownLink> links;
  render_markdown("段落\n\n前文 [收费](#/entry/x) 和 [b](javascript:alert(1))\n第二行 [c](tel:1)", nullptr, &links);
  REQUIRE(links.size() == 3);
  CHECK(links[0].line == 3);
  CHECK(links[0].column == 4);  // characters, not bytes
  CHECK(links[0].target == "#/entry/x");
  CHECK(links[1].target == "javascript:alert(1)");
  CHECK(links[1].column == 22);
  CHECK(links[2].line == 4);
  CHECK(links[2].target == "tel:1");
  links.clear();
  std::string stray = "见[附件";
  for (int i = 0; i < 20000; ++i) stray += "售后服务说明。";
  CHECK(render_markdown(stray, nullptr, &links).size() > stray.size());
  CHECK(links.empty());
}

TEST_CASE("links go only to http(s), mailto, tel and other entries") {
  CHECK(render_markdown("[官网](https://example.com/a?b=1&c=2)") ==
        "<p><a href=\"https://example.com/a?b=1&amp;c=2\">官网</a></p>\n");
  CHECK(render_markdown("[写信](mailto:help@example.com)") ==
        "<p><a href=\"mailto:help@example.com\">写信</a></p>\n");
  CHECK(render_markdown("[拨打](tel:400-000-0000)") == "<p><a href=\"tel:400-000-0000\">拨打</a></p>\n");
  CHECK(render_markdown("[收费](#/entry/after-sales-fees)") ==
        "<p><a href=\"#/entry/after-sales-fees\">收费</a></p>\n");
  for (std::string refused :
       {"[点我](javascript:alert(1))", "[点我](JaVaScRiPt:alert(1))", "[点我](&#106;avascript:alert(1))",
        "[点我](java&#09;script:alert(1))", "[点我](vbscript:msgbox(1))",
        "[点我](data:text/html,<script>alert(1)</script>)", "[点我](file:///etc/passwd)",
        "[点我](//evil.example/)", "[点我](/relative)", "[点我](#/entry/../../x)",
        "[点我](ftp://example.com/)"}) {
    CAPTURE(refused);
    CHECK(render_markdown(refused) == "<p>点我</p>\n");
  }
}

TEST_CASE("raw HTML is shown as text, never as markup, and each use is noted with its line") {
  std::vector<cli::MarkdownNote> notes;
  std::string html = render_markdown(
      "第一行\n\n<script>alert(1)</script>\n\n文字 <img src=x onerror=alert(1)> 后面", &notes);
  CHECK(html ==
        "<p>第一行</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        "<p>文字 &lt;img src=x onerror=alert(1)&gt; 后面</p>\n");
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].line == 3);
  CHECK(notes[1].line == 5);
  CHECK(notes[0].message.find("raw HTML") != std::string::npos);
}

TEST_CASE("images load nothing: they become their description") {
  std::vector<cli::MarkdownNote> notes;
  CHECK(render_markdown("看图：![机房照片](https://example.com/a.png)", &notes) == "<p>看图：机房照片</p>\n");
  CHECK(notes.size() == 1);
  CHECK(render_markdown("[![x](https://e.example/i.png)](javascript:alert(1))") == "<p>x</p>\n");
}

TEST_CASE("whatever the input, the output holds only allowed tags and attributes") {
  const std::set<std::string> allowed = {
      "p",   "/p",   "br",         "strong",      "/strong", "em",  "/em", "code", "/code",
      "pre", "/pre", "blockquote", "/blockquote", "ul",      "/ul", "ol",  "/ol",  "ol start",
      "li",  "/li",  "a href",     "/a",          "h1",      "/h1", "h2",  "/h2",  "h3",
      "/h3", "h4",   "/h4",        "h5",          "/h5",     "h6",  "/h6", "hr"};
  for (const char* input :
       {"<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>", "\"><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>", "![x\" onerror=\"alert(1)](x)",
        "[x](https://example.com\" onclick=\"alert(1))", "<iframe src=javascript:alert(1)></iframe>",
        "`<script>alert(1)</script>`", "```\n<script>alert(1)</script>\n```",
        "<!--<img src=x onerror=alert(1)>-->", "<style>@import 'https://evil.example/x.css'</style>",
        "&lt;script&gt;alert(1)&lt;/script&gt;", "3. 第三步\n4. 第四步", "# 标题\n\n---\n\n*斜体*",
        "```js\" onmouseover=\"alert(1)\nx\n```"}) {
    std::string source = input;
    CAPTURE(source);
    std::string html = render_markdown(source);
    for (const auto& t : tags(html)) {
      CAPTURE(t);
      CHECK(allowed.count(t) == 1);
    }
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("href=\"javascript:") == std::string::npos);  // as text it is harmless
  }
}
