#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/schema.hpp"
#include "support.hpp"

TEST_CASE("an entry's stored data: the widget's shape keeps the HTML and drops the Markdown") {
  auto e = test::entry("after-sales-fees", "faq", "public", "售后服务收费吗？", {"售后要钱吗"}, "**免费**。");
  e.html = "<p><strong>免费</strong>。</p>";
  auto full = kb::schema::stored_entry(e);
  CHECK(full.id == "after-sales-fees");
  CHECK(full.text == "**免费**。");
  CHECK(full.html == e.html);
  CHECK(full.questions == e.questions);
  auto widget = kb::schema::stored_entry(e, kb::schema::Shape::Widget);
  CHECK(widget.text.empty());
  CHECK(widget.html == e.html);
  e.html.clear();  // not rendered: the widget's shape keeps the text, or nothing would show
  CHECK(kb::schema::stored_entry(e, kb::schema::Shape::Widget).text == "**免费**。");
}

TEST_CASE("a document carries the entry's filters, facet values, phrasing terms and data") {
  auto e =
      test::entry("phone-greeting", "script", "internal", "接听电话开场白", {}, "您好，这里是客服中心。");
  e.channel = "phone";
  auto doc = kb::schema::make_document(e, kb::Synonyms{}, kb::Lexicon::general());
  std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
  auto has = [&](const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); };
  CHECK(has(std::string(kb::schema::kIdPrefix) + "phone-greeting"));
  CHECK(has(std::string(kb::schema::kTypePrefix) + "script"));
  CHECK(has(std::string(kb::schema::kAudiencePrefix) + "internal"));
  CHECK(has(std::string(kb::schema::kCategoryPrefix) + "售后"));
  CHECK(has(std::string(kb::schema::kChannelPrefix) + "phone"));
  CHECK(has(std::string(kb::schema::kQuestionPrefix) + "电话"));  // a title word, as a phrasing term
  CHECK(has("客服"));                                             // a body word, plain only
  CHECK_FALSE(has(std::string(kb::schema::kQuestionPrefix) + "客服"));
  CHECK(doc.get_value(kb::schema::kSlotType) == "script");
  CHECK(doc.get_value(kb::schema::kSlotChannel) == "phone");
  CHECK(kb::decode_stored(doc.get_data()).id == "phone-greeting");
}

TEST_CASE("the spelling table gets an entry's Latin words of three letters or more") {
  kb::StoredEntry data;
  data.title = "Do you charge for support?";
  data.questions = {"What does repair cost"};
  data.text = "OK, 免费 x2 warranty";
  auto words = kb::schema::spelling_words(data);
  for (const char* w : {"you", "charge", "for", "support", "what", "does", "repair", "cost", "warranty"})
    CHECK_MESSAGE(std::count(words.begin(), words.end(), w) == 1, w);
  CHECK(std::count(words.begin(), words.end(), "do") == 0);
  CHECK(std::count(words.begin(), words.end(), "ok") == 0);
  CHECK(std::count(words.begin(), words.end(), "x2") == 0);
}

TEST_CASE("a built index is one file that says its format, shape and synonyms") {
  test::ScratchDir dir("kb-schema-test");
  const auto e = test::entry("after-sales-fees", "faq", "public", "售后服务收费吗？", {"保修期内维修要钱吗"},
                             "服务期内免费。");
  std::vector<kb::ContentIssue> issues;
  const auto synonyms = kb::Synonyms::parse("收费 要钱\n", "synonyms.txt", issues);
  for (auto shape : {kb::schema::Shape::Full, kb::schema::Shape::Widget}) {
    const std::string file = dir.file(shape == kb::schema::Shape::Widget ? "widget.db" : "full.db");
    auto bytes =
        kb::schema::build_database({&e}, synonyms, kb::Lexicon::general(), dir.file("scratch"), file, shape);
    CHECK(bytes == std::filesystem::file_size(file));
    Xapian::Database db(file);
    CHECK(db.get_doccount() == 1);
    CHECK(db.get_metadata(kb::schema::kFormatKey) == std::to_string(kb::schema::kFormatVersion));
    CHECK(db.get_metadata(kb::schema::kSynonymsKey) == synonyms.source());
    CHECK(db.get_metadata(kb::schema::kShapeKey) == (shape == kb::schema::Shape::Widget ? "widget" : ""));
    CHECK_FALSE(kb::schema::needs_rebuild(db, synonyms, shape));
    CHECK(kb::schema::needs_rebuild(db, kb::Synonyms{}, shape));
    CHECK(kb::schema::needs_rebuild(
        db, synonyms,
        shape == kb::schema::Shape::Widget ? kb::schema::Shape::Full : kb::schema::Shape::Widget));
  }
}
