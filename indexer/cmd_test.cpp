// kb-indexer test: the evaluation set against this build and the previous one.
#include <memory>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "eval.hpp"
#include "options.hpp"

namespace cli {

namespace {

struct TestOptions {
  std::string index;
  std::string questions = "tests/eval/questions.tsv";
  bool json = false;
};

int run(const TestOptions& o) {
  if (!fs::exists(o.questions))
    throw usage_error("no evaluation set at " + o.questions + "; name the QUESTIONS.tsv to run");
  run_test(o.index, o.questions, o.json);
  return 0;
}

}  // namespace

void add_test(CLI::App& app, int& status) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand(
      "test", "run the evaluation set and show which answers changed since the previous build");
  add_index_option(*test, o->index, "the folder kb-indexer build wrote (its --out), such as build/kb")->required();
  test->add_option("QUESTIONS.tsv", o->questions, "the evaluation set (audience<TAB>expected<TAB>question)")
      ->default_str(o->questions);
  add_json_flag(*test, o->json);
  test->callback([o, &status] { status = run(*o); });
}

}  // namespace cli
