#include <doctest/doctest.h>

#include "kb/gaps.hpp"
#include "kb/lexicon.hpp"

TEST_CASE("unanswered questions cluster by the words they share, most asked first") {
  std::vector<kb::GapQuestion> log = {
      {"发票怎么开", "no-match"},       {"怎么开发票？", "no-match"}, {"發票怎麼開", "no-match"},
      {"能开增值税发票吗", "no-match"}, {"可以退货吗", "no-match"},   {"退貨要多久", "thumbs-down"},
      {"你们周末上班吗", "no-match"},   {"？？？", "no-match"},       {"开发票要多久", "repeated"},
  };
  kb::Lexicon lexicon;  // as a knowledge base about invoices and returns would have it
  lexicon.add_word(U"发票", 271, false);
  lexicon.add_word(U"退货", 34, false);
  auto clusters = kb::cluster_gaps(log, &lexicon);
  REQUIRE(clusters.size() == 3);
  CHECK(clusters[0].label == "发票怎么开");
  CHECK(clusters[0].count == 5);  // 發票怎麼開 is the same wording, traditional
  CHECK(clusters[0].reasons.at("repeated") == 1);
  CHECK(clusters[0].examples.size() == 3);
  CHECK(clusters[1].label == "可以退货吗");
  CHECK(clusters[1].count == 2);
  CHECK(clusters[2].label == "你们周末上班吗");
  CHECK(kb::cluster_gaps({}).empty());
}
