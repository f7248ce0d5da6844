// The engine's header stands alone, without the index library's.
#include "kb/engine.hpp"
#ifdef XAPIAN_INCLUDED_XAPIAN_H
#error "kb/engine.hpp exposes Xapian"
#endif

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kb/engine.hpp"
#include "kb/highlight.hpp"
#include "kb/json_text.hpp"
#include "kb/schema.hpp"
#include "kb/synonyms.hpp"
#include "kb/text.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using test::bracketed;
using test::entry;

namespace {

/// A small knowledge base written to a single-file database in a temp folder.
struct Fixture {
  fs::path dir;
  std::vector<kb::Entry> entries;
  std::string db;

  Fixture() {
    dir = fs::temp_directory_path() / ("kb-engine-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    entries = {
        entry("after-sales-fees", "faq", "public", "售后服务收费吗？",
              {"售后服务收费吗", "保修期内维修要钱吗", "Do you charge for after-sales support?"},
              "服务期内的售后服务免费；超出服务期只收成本费。"),
        entry("service-hotline", "faq", "public", "客服热线几点有人接？",
              {"24小时服务电话", "节假日有人接电话吗", "What are your phone hours?"},
              "服务电话24小时有人接听，节假日转接到值班手机。"),
        entry("on-site-service", "faq", "public", "可以上门服务吗？", {"能不能派人上门", "现场服务怎么收费"},
              "电话解决不了的问题，我们安排工程师上门。"),
        entry("complaint-steps", "procedure", "internal", "投诉处理步骤", {},
              "1. 认真倾听\n2. 判断问题\n3. 提出解决方案"),
    };
    std::vector<kb::ContentIssue> issues;
    auto synonyms = kb::Synonyms::parse("收费 要钱 付费\n电话 热线\n", "synonyms.txt", issues);
    REQUIRE(issues.empty());
    std::vector<const kb::Entry*> all;
    for (const auto& e : entries) all.push_back(&e);
    db = (dir / "kb.db").string();
    kb::schema::build_database(all, synonyms, kb::Lexicon::general(), (dir / "scratch").string(), db);
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

/// A result as the JSON text the widget and the CLI get, parsed.
template <typename T>
nlohmann::json J(const T& result) {
  return nlohmann::json::parse(kb::to_json(result));
}

TEST_CASE("a question worded like a phrasing is answered with that entry") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  CHECK(engine.size() == 4);
  auto r = engine.ask("售后服务收费吗");
  CHECK(r.decision == kb::Decision::Answer);
  REQUIRE(r.answer);
  CHECK(r.answer->id == "after-sales-fees");
  CHECK(r.confidence >= engine.config().answer_min);
}

TEST_CASE("the database opens from a file descriptor, as in the browser") {
  Fixture f;
  int fd = ::open(f.db.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  auto engine = kb::Engine::open_fd(fd);
  auto r = engine.ask("节假日有人接电话吗");
  REQUIRE(r.answer);
  CHECK(r.answer->id == "service-hotline");
}

TEST_CASE("a damaged index is an IndexError, with the reason it could not be read") {
  Fixture f;
  const std::string damaged = (f.dir / "damaged.db").string();
  std::string bytes(4096, 'x');
  FILE* out = std::fopen(damaged.c_str(), "wb");
  REQUIRE(out);
  std::fwrite(bytes.data(), 1, bytes.size(), out);
  std::fclose(out);
  CHECK_THROWS_AS(kb::Engine::open_path(damaged), kb::IndexError);
  CHECK_THROWS_WITH_AS(kb::Engine::open_path((f.dir / "missing.db").string()), doctest::Contains("Error"),
                       kb::IndexError);
}

TEST_CASE("an engine moves, and the moved-to engine answers") {
  Fixture f;
  auto opened = kb::Engine::open_path(f.db);
  kb::Engine engine = std::move(opened);
  CHECK(engine.size() == 4);
  std::optional<kb::Engine> held;
  held.emplace(std::move(engine));
  REQUIRE(held->ask("节假日有人接电话吗").answer);
  CHECK(held->ask("节假日有人接电话吗").answer->id == "service-hotline");
}

TEST_CASE("English phrasings match too") {
  Fixture f;
  auto r = kb::Engine::open_path(f.db).ask("what are the phone hours");
  REQUIRE(r.answer);
  CHECK(r.answer->id == "service-hotline");
}

TEST_CASE("nothing relevant escalates; asking for a person escalates") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("火星天气预报");
  CHECK(r.decision == kb::Decision::Escalate);
  CHECK(r.reason == kb::Reason::NoMatch);
  CHECK_FALSE(r.answer);

  r = engine.ask("我要转人工");
  CHECK(r.decision == kb::Decision::Escalate);
  CHECK(r.reason == kb::Reason::AskedForHuman);

  r = engine.ask("   ？？ ");
  CHECK(r.decision == kb::Decision::Escalate);
  CHECK(r.reason == kb::Reason::Empty);
}

TEST_CASE("a vague question gets suggestions, not a guess") {
  Fixture f;
  auto r = kb::Engine::open_path(f.db).ask("收费");
  CHECK(r.decision == kb::Decision::Suggest);
  CHECK(r.suggestions.size() >= 2);
  CHECK(r.suggestions.size() <= 3);
}

TEST_CASE("search filters by type and get returns the whole entry") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto all = J(engine.search("投诉 处理"));
  REQUIRE(all["hits"].size() >= 1);
  CHECK(all["hits"][0]["id"] == "complaint-steps");
  kb::SearchOptions only_faq;
  only_faq.type = "faq";
  auto faqs = J(engine.search("投诉 处理", only_faq));
  for (const auto& h : faqs["hits"]) CHECK(h["type"] == "faq");

  auto e = engine.get("complaint-steps");
  REQUIRE(e);
  CHECK(e->text.find("认真倾听") != std::string::npos);
  CHECK_FALSE(engine.get("no-such-entry"));
}

/// The segments of a highlight in the JSON, with marked runs in [brackets].
std::string bracketed(const nlohmann::json& segments) {
  std::string out;
  for (const auto& s : segments)
    out += s["mark"].get<bool>() ? "[" + s["text"].get<std::string>() + "]" : s["text"].get<std::string>();
  return out;
}

TEST_CASE("a matched Chinese word is one highlight, in traditional or simplified, and filler is not marked") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto r = J(engine.search("售后服务怎么收费"));
  auto hit = std::find_if(r["hits"].begin(), r["hits"].end(),
                          [](const auto& h) { return h["id"] == "after-sales-fees"; });
  REQUIRE(hit != r["hits"].end());
  CHECK(bracketed((*hit)["marks"]["title"]) == "[售后服务收费]吗？");
  CHECK(bracketed((*hit)["marks"]["snippet"]) == "[服务]期内的[售后服务]免费；超出[服务]期只收成本费。");
  auto t = J(engine.search("售後服務"));
  CHECK(bracketed(t["hits"][0]["marks"]["title"]) == "[售后服务]收费吗？");

  kb::Highlighter h("售後 charges");
  CHECK(bracketed(h.segments("售後服務 and CHARGE")) == "[售後]服務 and [CHARGE]");
  CHECK(bracketed(kb::Highlighter("费").segments("收费标准")) == "收[费]标准");
}

TEST_CASE("search counts results by type, category and channel, each facet ignoring its own filter") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  kb::SearchOptions o;
  o.facets = true;
  auto r = J(engine.search("服务", o));
  CHECK(r["facets"]["type"]["faq"] == 3);
  CHECK(r["facets"]["category"]["售后"] == r["relevant"]);
  o.type = "procedure";
  auto p = J(engine.search("服务", o));
  CHECK(p["total"] == 0);
  CHECK(p["facets"]["type"]["faq"] == 3);  // what choosing FAQ would give
  CHECK(p["facets"]["category"].empty());

  kb::SearchOptions browse;
  browse.all_if_empty = true;
  browse.type = "faq";
  CHECK(J(engine.search("", browse))["total"] == 3);
  CHECK(J(engine.search("", {}))["total"] == 0);
}

TEST_CASE("a Latin-script typo gets a 'did you mean' from the indexed words") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto r = J(engine.search("Do you chrage for suport"));
  CHECK(r["did_you_mean"] == "Do you charge for support");
  CHECK_FALSE(J(engine.search("charge"))["did_you_mean"].is_string());
  CHECK_FALSE(J(engine.search("收费"))["did_you_mean"].is_string());
}

TEST_CASE("the answer JSON has the documented shape") {
  Fixture f;
  auto j = nlohmann::json::parse(kb::to_json(kb::Engine::open_path(f.db).ask("售后服务收费吗")));
  CHECK(j["decision"] == "answer");
  CHECK(j["confidence"].is_number());
  CHECK(j["answer"]["id"] == "after-sales-fees");
  CHECK(j["answer"]["title"] == "售后服务收费吗？");
  CHECK(j["answer"]["text"].is_string());
  CHECK(j["suggestions"].is_array());
}

TEST_CASE("each reason keeps the name the JSON, the CLI and the widget read") {
  const std::pair<kb::Reason, const char*> names[] = {
      {kb::Reason::Match, "match"},         {kb::Reason::SmallTalk, "small-talk"},
      {kb::Reason::Ambiguous, "ambiguous"}, {kb::Reason::WeakMatch, "weak-match"},
      {kb::Reason::NoMatch, "no-match"},    {kb::Reason::AskedForHuman, "asked-for-human"},
      {kb::Reason::Repeated, "repeated"},   {kb::Reason::Empty, "empty"},
  };
  for (const auto& [reason, name] : names) CHECK(kb::to_string(reason) == name);
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  CHECK(J(engine.ask("售后服务收费吗"))["reason"] == "match");
  CHECK(J(engine.ask("我要转人工"))["reason"] == "asked-for-human");
  CHECK(J(engine.ask("收费"))["reason"] == std::string(kb::to_string(engine.ask("收费").reason)));
}

TEST_CASE("synonyms stored in the index apply to questions") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("售后服务要付费吗");  // 付费 is a synonym of 收费
  REQUIRE(r.answer);
  CHECK(r.answer->id == "after-sales-fees");
}

TEST_CASE("small talk gets a short reply, not an article") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  const std::pair<const char*, const char*> talk[] = {
      {"你好", "greeting"}, {"您好！", "greeting"}, {"谢谢你", "thanks"}, {"非常感谢", "thanks"},
      {"再见", "bye"},      {"Thank you", "thanks"}, {"在吗？", "present"}, {"好的", "ok"}};
  for (const auto& said : talk) {
    const char* q = said.first;
    const char* key = said.second;  // a plain variable: clang 14 cannot capture a structured binding
    auto r = engine.ask(q);
    CHECK_MESSAGE(r.reason == kb::Reason::SmallTalk, q);
    CHECK(r.decision == kb::Decision::Answer);
    // The key, not words: the widget says it in its UI language.
    CHECK(r.small_talk == key);
    CHECK(nlohmann::json::parse(kb::to_json(r))["answer"] ==
          nlohmann::json{{"id", ""}, {"type", "small-talk"}, {"key", key}, {"title", ""}, {"text", ""}});
  }
  CHECK(engine.ask("你好，售后服务收费吗").reason != kb::Reason::SmallTalk);
}

TEST_CASE("asked again after an unhelpful answer: a clear match is answered with a person offered") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  kb::AskContext unhelpful{"售后服务收费吗", true};
  // The same entry again: the answer is shown once more, with the hand-over beside it.
  auto r = engine.ask("售后服务收费吗", unhelpful);
  CHECK(r.decision == kb::Decision::Answer);
  CHECK(r.reason == kb::Reason::Match);
  CHECK(r.offer_human);
  CHECK(r.explanation.repeat_of_previous == true);
  // A new question is a new question.
  auto other = engine.ask("节假日有人接电话吗", unhelpful);
  CHECK(other.reason != kb::Reason::Repeated);
  CHECK_FALSE(other.offer_human);
  // Without the context, nothing is offered.
  auto plain = engine.ask("售后服务收费吗", kb::AskContext{"售后服务收费吗", false});
  CHECK(plain.decision == kb::Decision::Answer);
  CHECK_FALSE(plain.offer_human);
}

TEST_CASE("a suggestion asked after the suggestions is answered, and a repeat with no clear match escalates") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  auto vague = engine.ask("收费");
  REQUIRE(vague.decision == kb::Decision::Suggest);
  const std::string picked = vague.suggestions.at(0).title;
  REQUIRE(engine.ask(picked).decision == kb::Decision::Answer);
  // The visitor retypes the first suggestion: suggestions were not an answer that failed.
  auto r = engine.ask(picked, kb::AskContext{"收费", true});
  CHECK(r.decision == kb::Decision::Answer);
  CHECK(r.reason == kb::Reason::Match);
  CHECK_FALSE(r.offer_human);
  // "Asked again" never overrides a confident match, even after an answer marked unhelpful.
  auto again = engine.ask(picked, kb::AskContext{picked, true});
  CHECK(again.decision == kb::Decision::Answer);
  CHECK(again.offer_human);
  // The same words after nothing matched, or after suggestions: still no answer, so a person.
  CHECK(engine.ask("火星天气预报", kb::AskContext{"火星天气预报", true}).reason == kb::Reason::Repeated);
  CHECK(engine.ask("收费", kb::AskContext{"收费", true}).reason == kb::Reason::Repeated);
}

TEST_CASE("a run of characters in one piece ranks above the same pieces apart") {
  fs::path dir = fs::temp_directory_path() / ("kb-phrase-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Both bodies hold the bigrams 说明 and 明书; only one holds 说明书.
  auto apart = entry("apart", "procedure", "internal", "资料一", {}, "说明，明书。说明，明书。");
  auto whole =
      entry("whole", "procedure", "internal", "资料二", {}, "请在办公室里查阅我们提供给您的说明书。");
  std::vector<const kb::Entry*> both = {&apart, &whole};
  kb::schema::build_database(both, kb::Synonyms{}, kb::Lexicon::general(), (dir / "scratch").string(), (dir / "kb.db").string());
  auto hits = J(kb::Engine::open_path((dir / "kb.db").string()).search("说明书"));
  REQUIRE(hits["hits"].size() == 2);
  CHECK(hits["hits"][0]["id"] == "whole");
  fs::remove_all(dir);
}

TEST_CASE("an incremental update rewrites only changed entries and keeps the spelling table in step") {
  Fixture f;
  fs::path cache = f.dir / "cache";
  std::vector<const kb::Entry*> all;
  for (const auto& e : f.entries) all.push_back(&e);
  std::vector<std::string> hashes(all.size(), "v1");
  {
    Xapian::WritableDatabase db(cache.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    auto first = kb::schema::update_database(db, all, hashes, kb::Synonyms{}, kb::Lexicon::general());
    CHECK(first.added == 4);
    db.commit();
  }
  Xapian::WritableDatabase db(cache.string(), Xapian::DB_OPEN);
  CHECK_FALSE(kb::schema::needs_rebuild(db, kb::Synonyms{}));
  CHECK(db.get_spelling_suggestion("chrage") == "charge");
  hashes[1] = "v2";        // the hotline entry changed
  all.erase(all.begin());  // the fee entry is gone
  hashes.erase(hashes.begin());
  auto second = kb::schema::update_database(db, all, hashes, kb::Synonyms{}, kb::Lexicon::general());
  db.commit();
  CHECK(second.changed == 1);
  CHECK(second.removed == 1);
  CHECK(second.unchanged == 2);
  CHECK(db.get_doccount() == 3);
  CHECK(db.get_spelling_suggestion("chrage").empty());  // "charge" left with the fee entry
  // A word the lexicon gains rewrites only the entries whose text holds it.
  kb::Lexicon more;
  more.add_word(U"值班手机", 0, false);  // in the hotline entry's body only
  auto third = kb::schema::update_database(db, all, hashes, kb::Synonyms{}, more);
  db.commit();
  CHECK(third.changed == 1);
  CHECK(third.unchanged == 2);
  CHECK(kb::Engine::open_path(f.db).size() == 4);  // (the fixture's own database is another one)
  CHECK(db.get_termfreq("值班手机") == 1);
  std::vector<kb::ContentIssue> issues;
  CHECK(kb::schema::needs_rebuild(db, kb::Synonyms::parse("收费 要钱\n", "s.txt", issues)));
}

TEST_CASE("input of any size and shape gets a reply, and long input is cut before any work") {
  Fixture f;
  auto engine = kb::Engine::open_path(f.db);
  // A pasted page: the question is cut to max_question_chars, and its start still counts.
  std::string page = "售后服务收费吗";
  while (page.size() < 100 * 1024) page += "这是一段很长的粘贴文本，和问题无关。";
  auto r = engine.ask(page);
  CHECK(r.explanation.truncated_to_chars == engine.config().max_question_chars);
  CHECK(engine.ask("售后服务收费吗").explanation.truncated_to_chars == 0);
  auto hits = J(engine.search(page));
  CHECK(hits["hits"].is_array());
  // Odd shapes: each gets a decision, none throws.
  const std::string odd[] = {"", "   \t\n  ", "？？！！。。", "\xff\xfe\xc3\x28", "售后\xed\xa0\x80服务",
                             std::string("a\0b", 3), "\xe2\x80\xae\xe2\x80\x8f售后服务收费吗", "😀😀😀", "\x01\x02\x1b[31m"};
  for (const auto& q : odd) {
    CAPTURE(q);
    auto reply = engine.ask(q);
    CHECK((reply.decision == kb::Decision::Escalate || reply.decision == kb::Decision::Suggest ||
           reply.decision == kb::Decision::Answer));
    CHECK_NOTHROW(J(engine.search(q)));
  }
  CHECK(engine.ask("").reason == kb::Reason::Empty);
  CHECK(engine.ask("？？！！。。").reason == kb::Reason::Empty);
  // Direction marks and control characters do not hide the question.
  CHECK(engine.ask("\xe2\x80\xae\xe2\x80\x8f售后服务收费吗").decision == kb::Decision::Answer);
}

TEST_CASE("an entry with a pasted hash or URL still builds, and a question with one still gets a reply") {
  fs::path dir = fs::temp_directory_path() / ("kb-long-word-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string run(300, 'k');  // one Latin "word" longer than Xapian's 245-byte term limit
  auto e = entry("license-key", "faq", "public", "授权码在哪里看？", {"授权码在哪里", "where is my license key"},
                 "授权码形如 " + run + "，在合同首页。");
  kb::Synonyms none;
  std::string db = (dir / "kb.db").string();
  REQUIRE_NOTHROW(kb::schema::build_database({&e}, none, kb::Lexicon::general(), (dir / "scratch").string(), db));
  auto engine = kb::Engine::open_path(db);
  CHECK(engine.ask("授权码在哪里").decision == kb::Decision::Answer);
  CHECK_NOTHROW(engine.ask("my key is " + run));
  CHECK(J(engine.search(run))["hits"].size() == 1);  // found by the start of the run
  fs::remove_all(dir);
}

namespace {

/// A knowledge base built with the vocabulary `lexicon` (the indexer picks it
/// from its dictionaries; here it is written by hand).
struct LexiconFixture {
  fs::path dir;
  std::string db;
  LexiconFixture(const std::vector<kb::Entry>& entries, const kb::Lexicon& lexicon) {
    dir = fs::temp_directory_path() / ("kb-lexicon-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<const kb::Entry*> all;
    for (const auto& e : entries) all.push_back(&e);
    db = (dir / "kb.db").string();
    kb::schema::build_database(all, kb::Synonyms{}, lexicon, (dir / "scratch").string(), db);
  }
  ~LexiconFixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::string answered(const kb::AnswerResult& r) {
  return r.decision == kb::Decision::Answer && r.answer ? r.answer->id : "";
}

bool has_token(const std::vector<kb::Token>& tokens, const std::string& term) {
  return std::any_of(tokens.begin(), tokens.end(), [&](const kb::Token& t) { return t.term == term; });
}

}  // namespace

TEST_CASE("segmentation: a bigram across two words is no term, and question words weigh little") {
  kb::Lexicon lex;
  lex.add_word(U"投诉", 2719, false);
  auto tokens = kb::analyze("我想投诉，从哪里投诉", 1, nullptr, &lex);
  CHECK(has_token(tokens, "投诉"));
  CHECK_FALSE(has_token(tokens, "里投"));
  CHECK_FALSE(has_token(tokens, "想投"));
  double complain = 0, where = 1;
  for (const auto& t : tokens) {
    if (t.term == "投诉") complain = t.weight;
    if (t.term == "哪里") where = t.weight;
  }
  CHECK(where < complain / 3);

  std::vector<kb::Entry> entries = {
      entry("how-to-complain", "faq", "public", "怎么投诉？", {"投诉找谁", "对服务不满意要投诉"}, "拨打服务电话投诉。"),
      entry("office-address", "faq", "public", "办公室在哪里？", {"你们公司在哪里", "地址在哪里"}, "在科技园三号楼。"),
      entry("complaint-progress", "faq", "public", "投诉多久有结果？", {"投诉以后多久回复"}, "三个工作日内答复。"),
  };
  lex.add_word(U"办公室", 1200, false);
  lex.add_word(U"地址", 9000, false);
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("我想投诉，从哪里投诉");
  REQUIRE_FALSE(r.candidates.empty());
  CHECK(r.candidates[0].id == "how-to-complain");
}

TEST_CASE("a pinyin typo finds the word the visitor meant") {
  kb::Lexicon lex;
  lex.add_word(U"保修", 28, false);
  lex.add_word(U"投诉", 2719, false);
  auto tokens = kb::analyze("保休期内", 1, nullptr, &lex, true);
  auto typo = std::find_if(tokens.begin(), tokens.end(), [](const kb::Token& t) { return t.term == "保休"; });
  REQUIRE(typo != tokens.end());
  CHECK(std::find(typo->alternatives.begin(), typo->alternatives.end(), "保修") != typo->alternatives.end());

  std::vector<kb::Entry> entries = {
      entry("warranty", "faq", "public", "保修多久？", {"保修期多长", "保修期有几年"}, "保修一年。"),
      entry("how-to-complain", "faq", "public", "怎么投诉？", {"投诉找谁", "我要投诉"}, "拨打服务电话投诉。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  CHECK(answered(engine.ask("保休多久")) == "warranty");
  CHECK(answered(engine.ask("怎么头诉")) == "how-to-complain");
}

TEST_CASE("an English question reaches an entry written only in Chinese") {
  kb::Lexicon lex;
  lex.add_word(U"投诉", 2719, false);
  lex.add_word(U"热线", 479, false);
  lex.add_gloss("complain", U"投诉");
  lex.add_gloss("complaint", U"投诉");
  lex.add_gloss("hotlin", U"热线");
  std::vector<kb::Entry> entries = {
      entry("how-to-complain", "faq", "public", "怎么投诉？", {"投诉找谁", "我要投诉"}, "拨打服务电话投诉。"),
      entry("hotline", "faq", "public", "服务热线是多少？", {"热线电话", "客服热线几点有人"}, "400-000-0000。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("How do I complain?");
  REQUIRE_FALSE(r.candidates.empty());
  CHECK(r.candidates[0].id == "how-to-complain");
  CHECK(answered(r) == "how-to-complain");
  CHECK(engine.ask("hotline").candidates.at(0).id == "hotline");
}

TEST_CASE("a word of the question that separates two close entries decides between them") {
  kb::Lexicon lex;
  lex.add_word(U"花呗", 0, false);
  lex.add_word(U"借呗", 0, false);
  lex.add_word(U"还款", 1500, false);
  std::vector<kb::Entry> entries = {
      entry("huabei-repay", "faq", "public", "花呗怎么还款？", {"花呗还款方式", "花呗到期怎么还款"}, "在账单页还款。"),
      entry("jiebei-repay", "faq", "public", "借呗怎么还款？", {"借呗还款方式", "借呗到期怎么还款"}, "在借呗页还款。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  CHECK(answered(engine.ask("我的花呗要怎么还款呢")) == "huabei-repay");
  CHECK(answered(engine.ask("借呗咋还款")) == "jiebei-repay");
}

TEST_CASE("one character that names a different case decides between two close entries") {
  kb::Lexicon lex;
  lex.add_word(U"保修期", 7, false);
  lex.add_word(U"维修", 1678, false);
  lex.add_word(U"收费", 2553, false);
  std::vector<kb::Entry> entries = {
      entry("in-warranty", "faq", "public", "保修期内维修收费吗？", {"保修期内修理要钱吗"}, "保修期内免费。"),
      entry("out-of-warranty", "faq", "public", "保修期外维修收费吗？", {"保修期外修理要钱吗"}, "只收成本费。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  // Without the distinguishing step the two are 0.13 apart and the bot would only suggest.
  auto r = engine.ask("在保修期内找你们维修会收费吗");
  CHECK(answered(r) == "in-warranty");
  r = engine.ask("过了保修期外面维修收费吗");
  REQUIRE_FALSE(r.candidates.empty());
  CHECK(r.candidates[0].id == "out-of-warranty");
}

TEST_CASE("a long message with one entry far ahead of the rest is answered, though every match is weak") {
  kb::Lexicon lex;
  for (auto w : {U"工单", U"留言", U"编号", U"报修", U"上门", U"收费", U"培训"}) lex.add_word(w, 0, false);
  std::vector<kb::Entry> entries = {
      entry("ticket-number", "faq", "public", "留言后会有工单编号吗？", {"提交以后有没有工单编号"}, "会生成工单编号。"),
      entry("report", "faq", "public", "怎么报修？", {"系统坏了怎么报修"}, "打电话报修。"),
      entry("onsite-fee", "faq", "public", "上门收费吗？", {"上门服务要钱吗"}, "按成本收费。"),
      entry("training", "faq", "public", "有培训吗？", {"培训怎么安排"}, "签约后安排培训。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  // The visitor tells the story first: every candidate's similarity is diluted.
  auto r = engine.ask("上周在网页上给客服留言反映了登录的情况，现在会有工单编号吗");
  REQUIRE(r.candidates.size() >= 2);
  INFO("confidence " << r.candidates[0].confidence << ", runner-up " << r.candidates[1].confidence);
  CHECK(r.candidates[0].confidence < 0.4);  // below the plain answer threshold
  CHECK(answered(r) == "ticket-number");
  // Nothing stands out in a question about something else.
  CHECK(answered(engine.ask("你们公司的年终活动和福利有哪些内容，我们可以参加吗")) == "");
}

TEST_CASE("an English word with many readings in the knowledge base weighs less than one with a single reading") {
  kb::Lexicon lex;
  for (auto w : {U"投诉", U"截图", U"优先", U"主动", U"时限"}) lex.add_word(w, 0, false);
  lex.add_gloss("complaint", U"投诉");
  for (auto w : {U"截图", U"优先", U"主动"}) lex.add_gloss("take", w);
  std::vector<kb::Entry> entries = {
      entry("complaint-time", "faq", "public", "投诉的处理时限？", {"投诉处理时限"}, "五个工作日内答复。"),
      entry("screenshot", "faq", "public", "怎么截图？", {"截图发给客服"}, "按截图键。"),
      entry("priority", "faq", "public", "哪些问题优先处理？", {"优先处理的问题"}, "停机优先。"),
      entry("proactive", "faq", "public", "客服会主动联系我吗？", {"主动回访"}, "会主动回访。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("my complaint, what will you take");
  REQUIRE(r.candidates.size() >= 2);
  INFO("top " << r.candidates[0].id << " " << r.candidates[0].confidence << ", runner-up "
              << r.candidates[1].id << " " << r.candidates[1].confidence);
  // Weighed like 投诉, "take" would put whichever entry has one of its readings first.
  CHECK(r.candidates[0].id == "complaint-time");
}

TEST_CASE(
    "a complaint that asks how is answered with the procedure and offers a person; a plain request hands "
    "over") {
  kb::Lexicon lex;
  for (auto w : {U"投诉", U"热线", U"上班", U"工单"}) lex.add_word(w, 0, false);
  std::vector<kb::Entry> entries = {
      entry("how-to-complain", "faq", "public", "怎么投诉？投诉后会怎么处理？",
            {"我要投诉", "投诉找谁", "去哪投诉"}, "您可以通过服务电话或在线客服提出投诉。"),
      entry("hotline", "faq", "public", "服务热线是多少？", {"热线电话", "客服热线几点有人"},
            "400-000-0000。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
      entry("ticket", "faq", "public", "会生成工单吗？", {"有没有工单号"}, "会。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("我要投诉你们，怎么弄");
  CHECK(answered(r) == "how-to-complain");
  CHECK(J(r).value("offer_human", false));
  // Only a question that also asks for a person offers one.
  CHECK_FALSE(J(engine.ask("去哪投诉")).contains("offer_human"));
  for (const char* plain : {"转人工", "我要找人工客服", "我想投诉你们"}) {
    r = engine.ask(plain);
    CHECK_MESSAGE(r.decision == kb::Decision::Escalate, std::string(plain));
    CHECK_MESSAGE(r.reason == kb::Reason::AskedForHuman, std::string(plain));
    CHECK_MESSAGE(!J(r).contains("offer_human"), std::string(plain));
  }
}

TEST_CASE("a generic English word shared with another entry's English phrasing does not answer it") {
  kb::Lexicon lex = kb::Lexicon::general();
  for (auto w : {U"热线", U"工单", U"号码", U"数字", U"多少", U"联系方式"}) lex.add_word(w, 0, false);
  lex.add_gloss("hotlin", U"热线");
  for (auto w : {U"号码", U"数字", U"多少"}) lex.add_gloss("number", w);
  std::vector<kb::Entry> entries = {
      entry("ticket-create", "faq", "public", "提交问题后会生成工单吗？",
            {"有没有工单号", "Will my request get a ticket number?"}, "会，系统会自动创建工单。"),
      entry("service-hotline", "faq", "public", "服务热线几点有人接？", {"热线电话", "客服热线几点有人"},
            "24 小时有人接听。"),
      entry("data-update", "faq", "public", "联系方式变了怎么更新？", {"我的号码换了"}, "告诉客服即可。"),
      entry("report", "faq", "public", "报表里的数字不对怎么办？", {"统计数字有误"}, "请截图发给我们。"),
      entry("fees", "faq", "public", "维修费是多少？", {"修一次多少钱"}, "按成本收费。"),
  };
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  for (const char* q : {"What is your hotline number?", "hotline number"}) {
    auto r = engine.ask(q);
    REQUIRE(!r.candidates.empty());
    CHECK_MESSAGE(answered(r) != "ticket-create", std::string(q));
    CHECK_MESSAGE((answered(r).empty() || answered(r) == "service-hotline"), std::string(q));
  }
  CHECK(engine.ask("Will I get a ticket number?").candidates.at(0).id == "ticket-create");
}

TEST_CASE("an off-topic question sharing only everyday words and characters escalates, with no suggestions") {
  kb::Lexicon lex = kb::Lexicon::general();
  for (auto w : {U"系统", U"故障", U"进度", U"报修", U"登不上"}) lex.add_word(w, 0, false);
  std::vector<kb::Entry> entries = {
      entry("system-outage", "faq", "public", "系统大面积出故障你们怎么处理？",
            {"今天我们所有人的系统都登不上去了，要多久恢复"}, "我们会立即启动应急处理。"),
      entry("fault-report", "faq", "public", "系统出故障了怎么报修？", {"今天早上开单时系统一直提示出错"},
            "打电话报修。"),
      entry("ticket-progress", "faq", "public", "怎么查处理进度？", {"我的问题处理得怎么样了"},
            "在工单页查看。"),
      entry("hours", "faq", "public", "几点上班？", {"上班时间", "周末有人吗"}, "九点到六点。"),
  };
  // A knowledge base of some size, so that 今天, in two entries, is a rare word.
  const char* const products[] = {"软件", "硬件", "网络",   "打印机", "扫描仪", "服务器",
                                  "手机", "电脑", "摄像头", "路由器", "显示器", "键盘",
                                  "鼠标", "耳机", "音箱",   "投影仪"};
  for (const char* p : products)
    entries.push_back(entry(std::string("price-") + std::to_string(entries.size()), "faq", "public",
                            std::string(p) + "的价格？", {std::string(p) + "多少钱"}, "见价目表。"));
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  auto r = engine.ask("今天北京天气怎么样");
  INFO(J(r).dump());
  CHECK(r.decision == kb::Decision::Escalate);
  CHECK(r.reason == kb::Reason::NoMatch);
  CHECK(r.suggestions.empty());
  // A vague question about the knowledge base's own subject still gets suggestions.
  r = engine.ask("系统故障");
  CHECK(r.decision != kb::Decision::Escalate);
}

TEST_CASE(
    "search counts and lists first the hits holding a key word; lone characters and common words only "
    "match") {
  kb::Lexicon lex = kb::Lexicon::general();
  for (auto w : {U"客户", U"生气", U"天气", U"客气", U"空气", U"报价"}) lex.add_word(w, 0, false);
  std::vector<kb::Entry> entries = {
      entry("calm-angry", "script", "internal", "客户生气时", {"客户很生气怎么办"},
            "先表示理解，再问具体情况。"),
      entry("emotions", "procedure", "internal", "判断客户的情绪", {}, "客户生气、焦虑还是失望。"),
  };
  // Many entries that share 客户 (in every entry: a common word here) and the lone 气 with the query.
  const char* const words[] = {"天气", "客气", "空气"};
  for (int i = 0; i < 12; ++i)
    entries.push_back(entry("other-" + std::to_string(i), i % 2 ? "faq" : "rule", "internal",
                            std::string("客户问") + words[i % 3] + "的事" + std::to_string(i),
                            {std::string("客户说") + words[i % 3]}, "按报价单答复客户。"));
  LexiconFixture f(entries, lex);
  auto engine = kb::Engine::open_path(f.db);
  kb::SearchOptions o;
  o.facets = true;
  auto r = J(engine.search("客户很生气", o));
  INFO(r.dump());
  CHECK(r["total"] == entries.size());
  CHECK(r["relevant"] == 2);
  REQUIRE(r["hits"].size() == entries.size());
  std::vector<std::string> relevant;
  for (const auto& h : r["hits"])
    if (h["relevant"].get<bool>()) relevant.push_back(h["id"]);
  CHECK(relevant == std::vector<std::string>{"calm-angry", "emotions"});
  CHECK(r["hits"][0]["relevant"] == true);  // first, then the others
  CHECK(r["hits"][1]["relevant"] == true);
  CHECK(r["hits"][2]["relevant"] == false);
  // Facets count what the count counts.
  CHECK(r["facets"]["type"] == nlohmann::json{{"procedure", 1}, {"script", 1}});
  CHECK(r["facets"]["category"]["售后"] == 2);

  // Pages run on from the relevant hits into the others.
  kb::SearchOptions page;
  page.offset = 1;
  page.limit = 3;
  auto p = J(engine.search("客户很生气", page));
  REQUIRE(p["hits"].size() == 3);
  CHECK(p["hits"][0]["id"] == "emotions");
  CHECK(p["hits"][1]["relevant"] == false);
  CHECK(p["hits"][1]["id"] == r["hits"][2]["id"]);
  page.offset = 5;
  CHECK(J(engine.search("客户很生气", page))["hits"][0]["id"] == r["hits"][5]["id"]);

  // A word every hit holds is the key word of a query that has no rarer one.
  auto c = J(engine.search("客户", o));
  CHECK(c["relevant"] == entries.size());
  CHECK(c["facets"]["category"]["售后"] == entries.size());
  // Lone characters say nothing on their own: they match, and nothing is relevant.
  auto one = J(engine.search("气", o));
  CHECK(one["total"].get<std::size_t>() >= 12);
  CHECK(one["relevant"] == 0);
  CHECK(one["facets"]["type"].empty());
  for (const auto& h : one["hits"]) CHECK(h["relevant"] == false);
  // Browsing lists every entry, all of them relevant.
  kb::SearchOptions browse;
  browse.all_if_empty = true;
  auto all = J(engine.search("", browse));
  CHECK(all["relevant"] == entries.size());
  CHECK(all["total"] == entries.size());
}
