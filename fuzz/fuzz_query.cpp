// libFuzzer target: query building, ranking and the answer decision
// (core/src/engine.cpp) over a small real index. Whatever a visitor or an
// agent types, `ask`, `search` and `get` return data and never throw.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "kb/engine.hpp"
#include "kb/json_text.hpp"
#include "kb/schema.hpp"
#include "kb/synonyms.hpp"

namespace fs = std::filesystem;

namespace {

kb::Entry entry(const std::string& id, const std::string& type, const std::string& title,
                const std::vector<std::string>& questions, const std::string& body) {
  std::string text =
      "---\nid: " + id + "\ntype: " + type + "\ntitle: " + title + "\naudience: public\ncategory: 售后\n";
  if (!questions.empty()) {
    text += "questions:\n";
    for (const auto& q : questions) text += "  - " + q + "\n";
  }
  text += "---\n" + body + "\n";
  std::vector<kb::ContentIssue> issues;
  kb::Entry e = kb::parse_entry(text, id + ".md", issues);
  KB_FUZZ_CHECK(issues.empty());
  return e;
}

kb::Engine* console_engine = nullptr;
kb::Engine* widget_engine = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fs::path dir = fs::temp_directory_path() / ("kb-fuzz-query-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  static const std::vector<kb::Entry> entries = {
      entry("after-sales-fees", "faq", "售后服务收费吗？",
            {"售后服务收费吗", "保修期内维修要钱吗", "售後服務要收費嗎",
             "Do you charge for after-sales support?"},
            "服务期内的售后服务免费；超出服务期只收**成本费**。"),
      entry("service-hotline", "faq", "客服热线几点有人接？",
            {"24小时服务电话", "节假日有人接电话吗", "What are your phone hours?"},
            "服务电话24小时有人接听，节假日转接到值班手机。"),
      entry("on-site-service", "faq", "可以上门服务吗？", {"能不能派人上门", "现场服务怎么收费"},
            "电话解决不了的问题，我们安排工程师上门。"),
      entry("complaint-steps", "procedure", "投诉处理步骤", {}, "1. 认真倾听\n2. 判断问题\n3. 提出解决方案"),
      entry("complaint-words", "script", "受理投诉时怎么说", {}, "> 非常抱歉给您带来不便，我马上为您处理。"),
  };
  std::vector<kb::ContentIssue> issues;
  auto synonyms =
      kb::Synonyms::parse("收费 要钱 付费\n电话 热线 hotline\n人工 真人\n", "synonyms.txt", issues);
  std::vector<const kb::Entry*> all;
  for (const auto& e : entries) all.push_back(&e);
  std::string db = (dir / "kb.db").string(), widget_db = (dir / "widget.db").string();
  kb::schema::build_database(all, synonyms, kb::Lexicon::general(), (dir / "scratch").string(), db);
  kb::schema::build_database(all, synonyms, kb::Lexicon::general(), (dir / "scratch-widget").string(), widget_db,
                             kb::schema::Shape::Widget);
  console_engine = new kb::Engine(kb::Engine::open_path(db));
  widget_engine = new kb::Engine(kb::Engine::open_path(widget_db));
  fs::remove_all(dir);  // the open file stays readable
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Byte 0 chooses options; the rest is the question, then, after a NUL, the previous one.
  const uint8_t flags = data[0];
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string question = rest.substr(0, rest.find('\0'));
  kb::AskContext context;
  if (rest.size() > question.size()) context.previous_question = rest.substr(question.size() + 1);
  context.previous_unhelpful = flags & 1;

  // The console's index, or the widget's, which lacks termlists and positions.
  const kb::Engine* engine = size % 2 ? console_engine : widget_engine;
  kb::AnswerResult r = engine->ask(question, context);
  KB_FUZZ_CHECK(nlohmann::json::parse(kb::to_json(r, true)).is_object());
  KB_FUZZ_CHECK(r.decision == kb::Decision::Answer || r.decision == kb::Decision::Suggest ||
                r.decision == kb::Decision::Escalate);

  kb::SearchOptions options;
  options.limit = (flags >> 1) & 7;
  options.offset = (flags >> 4) & 3;
  static const char* types[] = {"", "faq", "procedure", "script"};
  options.type = types[(flags >> 6) & 3];
  options.facets = flags & 2;
  options.all_if_empty = flags & 4;
  nlohmann::json found = nlohmann::json::parse(kb::to_json(engine->search(question, options)));
  KB_FUZZ_CHECK(found.is_object());
  KB_FUZZ_CHECK(found["hits"].is_array() && found["hits"].size() <= options.limit);
  // An answer is an entry, or small talk, which the widget words by its key.
  KB_FUZZ_CHECK(r.decision != kb::Decision::Answer || r.answer.has_value() != !r.small_talk.empty());
  // A person is offered beside an entry's answer only.
  KB_FUZZ_CHECK(!r.offer_human || (r.decision == kb::Decision::Answer && r.answer.has_value()));

  engine->get(question);
  return 0;
}
