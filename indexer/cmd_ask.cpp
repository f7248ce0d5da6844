// kb-indexer ask: what the bot answers, as the widget would.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "kb/engine.hpp"
#include "kb/json_text.hpp"
#include "options.hpp"

namespace cli {

namespace {

struct AskOptions {
  std::string index;
  std::vector<std::string> words;  // the question, which may come unquoted
  std::string previous;
  bool json = false;
  bool explain = false;
};

void print_explanation(const nlohmann::json& e) {
  std::cout << "question, normalised: " << e["normalized"].get<std::string>() << "\n";
  if (e.contains("terms")) {
    std::cout << "terms (weight = meaning x rarity):";
    for (const auto& [t, w] : e["terms"].items()) std::cout << " " << t << "=" << w;
    std::cout << "\n";
  }
  double share = e["thresholds"]["phrasing_share"];
  std::cout << "candidates (confidence = " << share << " x best phrasing + " << 1 - share
            << " x coverage, + type cue bonus):\n";
  if (e.contains("candidates"))
    for (const auto& c : e["candidates"])
      std::printf("  %-32s %5.3f  phrasing %5.3f \"%s\"  coverage %5.3f  bm25 %.2f\n",
                  c["id"].get<std::string>().c_str(), c["confidence"].get<double>(),
                  c["phrasing_score"].get<double>(), c["best_phrasing"].get<std::string>().c_str(),
                  c["coverage"].get<double>(), c["bm25"].get<double>());
  const auto& t = e["thresholds"];
  std::cout << "thresholds: answer >= " << t["answer_min"] << " with a lead of " << t["ambiguity_margin"]
            << " (>= " << t["strong_match_min"] << " with a lead of " << t["strong_match_margin"]
            << "; >= " << t["clear_winner_min"] << " with the runner-up at most " << t["clear_winner_ratio"]
            << " of it), suggest >= " << t["suggest_min"] << "\n\n";
}

int run_ask(const AskOptions& o) {
  kb::Engine engine = open_engine(o.index);
  kb::AskContext context;
  if (!o.previous.empty()) context = {o.previous, true};
  auto result = engine.ask(joined(o.words), context);
  const std::string text = kb::to_json(result, o.explain);
  if (o.json) {
    std::cout << text << "\n";
    return 0;
  }
  auto r = nlohmann::json::parse(text);
  if (o.explain) print_explanation(r["explanation"]);
  std::cout << r["decision"].get<std::string>() << " (confidence " << r["confidence"] << ", "
            << r["reason"].get<std::string>() << (result.offer_human ? ", a person offered beside it" : "")
            << ")\n";
  if (result.reason == kb::Reason::SmallTalk)
    std::cout << "small talk: " << r["answer"]["key"].get<std::string>() << "\n";
  else if (!r["answer"].is_null())
    std::cout << "\n"
              << r["answer"]["title"].get<std::string>() << " [" << r["answer"]["id"].get<std::string>()
              << "]\n\n"
              // The widget's index stores the HTML only (schema::Shape).
              << r["answer"].value("text", r["answer"].value("html", "")) << "\n";
  for (const auto& s : r["suggestions"])
    std::cout << "  - " << s["title"].get<std::string>() << " [" << s["id"].get<std::string>() << "] "
              << s["confidence"] << "\n";
  return 0;
}

}  // namespace

void add_ask(CLI::App& app, int& status) {
  auto o = std::make_shared<AskOptions>();
  CLI::App* ask = app.add_subcommand("ask", "what the bot answers a question");
  add_index_option(*ask, o->index, "one audience's index, such as build/kb/public")->required();
  ask->add_option("QUESTION", o->words, "the question; several words need no quotes")->required();
  ask->add_option("--previous", o->previous,
                  "the visitor's last question, whose answer did not help (asking it again escalates)")
      ->type_name("Q");
  add_json_flag(*ask, o->json);
  ask->add_flag("--explain", o->explain, "show the terms, the candidates' scores and the thresholds");
  ask->callback([o, &status] { status = run_ask(*o); });
}

}  // namespace cli
