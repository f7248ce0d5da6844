#include <doctest/doctest.h>

#include <string>

#include "kb/highlight.hpp"
#include "kb/text.hpp"
#include "support.hpp"

using test::bracketed;

TEST_CASE("a snippet is a flattened window around the matches, cut with an ellipsis") {
  std::string body = "- **第一点**：" + std::string(60, 'x') + "\n> 第二段提到了上门服务的安排。\n1. " +
                     std::string(60, 'y');
  kb::Highlighter h("上门服务");
  auto s = bracketed(h.snippet(body, 30));
  CHECK(s.find("[上门服务]") != std::string::npos);
  CHECK(s.rfind("…", 0) == 0);
  CHECK(s.find("**") == std::string::npos);
  CHECK(s.find("> ") == std::string::npos);
  CHECK(kb::utf8_encode(kb::plain_line("- **a**\n> b\n12. c")) == "a b c");
}

TEST_CASE("a highlighter marks the query's words and nothing else") {
  CHECK(bracketed(kb::Highlighter("退货").segments("可以退货吗？退款另说")) == "可以[退货]吗？退款另说");
  // English words match by stem, whatever their case or form.
  CHECK(bracketed(kb::Highlighter("refunds").segments("Refund policy, refunding")) ==
        "[Refund] policy, [refunding]");
  // Full-width letters and traditional characters are folded before matching, shown as written.
  CHECK(bracketed(kb::Highlighter("保修").segments("ＡＢ保修期")) == "ＡＢ[保修]期");
  CHECK(bracketed(kb::Highlighter("售后").segments("售後")) == "[售後]");
  // A query with nothing to mark leaves the text as one plain segment.
  auto plain = kb::Highlighter("").segments("售后服务");
  REQUIRE(plain.size() == 1);
  CHECK_FALSE(plain[0].mark);
  CHECK(plain[0].text == "售后服务");
  CHECK(kb::Highlighter("退货").segments("").empty());
}

TEST_CASE("a short text is its whole snippet, without an ellipsis") {
  CHECK(bracketed(kb::Highlighter("上门").snippet("可以**上门**吗", 90)) == "可以[上门]吗");
  // Without a match, a long text's snippet is its beginning.
  auto start = bracketed(kb::Highlighter("发票").snippet(std::string(100, 'a'), 10));
  CHECK(start == std::string(10, 'a') + "…");
}
