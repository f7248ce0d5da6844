// The BM25 baseline of `kb-indexer eval`: its tokens are bench/peers.mjs's
// bigramTokenize, and it ranks as textbook BM25 does.
#include <doctest/doctest.h>

#include "bm25.hpp"

using Tokens = std::vector<std::string>;

TEST_CASE("bigram_tokens: Han characters and their pairs, Latin words lower-cased") {
  CHECK(cli::bigram_tokens("退货运费") == Tokens{"退", "退货", "货", "货运", "运", "运费", "费"});
  CHECK(cli::bigram_tokens("Is Support FREE?") == Tokens{"is", "support", "free"});
  CHECK(cli::bigram_tokens("VIP会员2年") == Tokens{"vip", "会", "会员", "员", "2", "年"});
  CHECK(cli::bigram_tokens("售后，收费") == Tokens{"售", "售后", "后", "收", "收费", "费"});
  CHECK(cli::bigram_tokens("，。！ café") == Tokens{"caf"});  // "é" is not [a-z0-9], as in JavaScript
}

TEST_CASE("Bm25 ranks the entry sharing the rarer terms first and leaves out entries sharing none") {
  kb::Entry a, b, c;
  a.id = "return";
  a.title = "退货的运费谁出";
  b.id = "exchange";
  b.title = "换货的运费谁出";
  c.id = "invoice";
  c.title = "怎么开发票";
  c.questions = {"发票抬头怎么写"};
  cli::Bm25 bm25({&a, &b, &c});
  CHECK(bm25.rank("退货", 3) == Tokens{"return", "exchange"});  // 换货 shares 货 alone
  CHECK(bm25.rank("换货运费", 3) == Tokens{"exchange", "return"});
  CHECK(bm25.rank("发票抬头", 3) == Tokens{"invoice"});
  CHECK(bm25.rank("运费", 1).size() == 1);
  CHECK(bm25.rank("hello", 3).empty());
}
