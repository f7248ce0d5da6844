#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "kb/json_text.hpp"

TEST_CASE("the JSON writer escapes what JSON requires and replaces broken bytes") {
  kb::JsonWriter w;
  w.begin_object()
      .field("q", std::string("\"a\\b\n\t\x01售\xff", 11))
      .field("n", 0.535)
      .field("k", std::size_t{3});
  w.key("list").strings({"x", ""}).field("f", false).key("none").null().end_object();
  CHECK(w.str() ==
        "{\"q\":\"\\\"a\\\\b\\n\\t\\u0001售\xef\xbf\xbd\",\"n\":0.535,\"k\":3,\"list\":[\"x\",\"\"],"
        "\"f\":false,\"none\":null}");
  auto parsed = nlohmann::json::parse(w.str());
  CHECK(parsed["q"] == "\"a\\b\n\t\x01售\xef\xbf\xbd");
  CHECK(kb::JsonWriter().value(std::nan("")).str() == "null");
}

TEST_CASE("commas come between values, in nested containers too") {
  kb::JsonWriter w;
  w.begin_array().begin_object().end_object().begin_array().value(std::size_t{1}).value(2.5).end_array();
  w.begin_object().field("a", true).key("b").begin_array().end_array().end_object().end_array();
  CHECK(w.str() == R"([{},[1,2.5],{"a":true,"b":[]}])");
}

TEST_CASE("an entry's JSON leaves its empty fields out") {
  kb::StoredEntry e{"after-sales-fees", "faq", "售后服务收费吗？", "public", "售后"};
  CHECK(
      kb::to_json(e) ==
      R"({"id":"after-sales-fees","type":"faq","title":"售后服务收费吗？","audience":"public","category":"售后","tags":[]})");
  e.html = "<p>免费</p>";
  e.questions = {"要钱吗"};
  auto j = nlohmann::json::parse(kb::to_json(e));
  CHECK(j["html"] == "<p>免费</p>");
  CHECK(j["questions"] == nlohmann::json::array({"要钱吗"}));
  CHECK_FALSE(j.contains("text"));
  CHECK_FALSE(j.contains("channel"));
}

TEST_CASE("small talk's answer carries its key, not an entry; confidences are rounded") {
  kb::AnswerResult r;
  r.decision = kb::Decision::Answer;
  r.reason = kb::Reason::SmallTalk;
  r.confidence = 1;
  r.small_talk = "thanks";
  auto j = nlohmann::json::parse(kb::to_json(r));
  CHECK(j["decision"] == "answer");
  CHECK(j["reason"] == "small-talk");
  CHECK(j["answer"] ==
        nlohmann::json{{"id", ""}, {"type", "small-talk"}, {"key", "thanks"}, {"title", ""}, {"text", ""}});
  CHECK_FALSE(j.contains("explanation"));

  kb::AnswerResult none;
  none.confidence = 0.123456;
  none.suggestions = {{"a", "A", "faq", 0.33333}};
  none.candidates = none.suggestions;
  auto n = nlohmann::json::parse(kb::to_json(none, true));
  CHECK(n["decision"] == "escalate");
  CHECK(n["answer"].is_null());
  CHECK(n["confidence"] == 0.123);
  CHECK(n["suggestions"][0] ==
        nlohmann::json{{"id", "a"}, {"title", "A"}, {"type", "faq"}, {"confidence", 0.333}});
  CHECK(n["candidates"][0] == nlohmann::json{{"id", "a"}, {"confidence", 0.333}});
  CHECK(n["explanation"]["thresholds"]["answer_min"] == kb::DecisionConfig{}.answer_min);
}

TEST_CASE("a search result's JSON has hits with their marks, and facets only when counted") {
  kb::SearchResult r;
  r.total = 1;
  r.relevant = 1;
  r.hits.push_back({"on-site-service",
                    "可以上门服务吗？",
                    "faq",
                    "售后",
                    "",
                    "我们安排工程师上门。",
                    1.5,
                    {{"可以", false}, {"上门", true}, {"服务吗？", false}},
                    {},
                    true});
  auto j = nlohmann::json::parse(kb::to_json(r));
  CHECK(j["total"] == 1);
  CHECK(j["relevant"] == 1);
  CHECK(j["hits"][0]["relevant"] == true);
  CHECK(j["hits"][0]["id"] == "on-site-service");
  CHECK_FALSE(j["hits"][0].contains("channel"));
  CHECK(j["hits"][0]["marks"]["title"][1] == nlohmann::json{{"text", "上门"}, {"mark", true}});
  CHECK(j["hits"][0]["marks"]["snippet"].empty());
  CHECK_FALSE(j.contains("facets"));
  CHECK_FALSE(j.contains("did_you_mean"));

  r.has_facets = true;
  r.facets["type"]["faq"] = 1;
  r.did_you_mean = "charge";
  j = nlohmann::json::parse(kb::to_json(r));
  CHECK(j["facets"]["type"]["faq"] == 1);
  CHECK(j["did_you_mean"] == "charge");
}
