// kb-indexer: validates kb-content/, builds the public and internal indexes,
// and lets editors see what the bot does with them. `ask` and `search` run
// the same engine the browser runs.
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "build.hpp"
#include "cli.hpp"
#include "eval.hpp"
#include "kb/engine.hpp"
#include "kb/json_text.hpp"
#include "kb/schema.hpp"

using namespace cli;

namespace {

kb::Engine open_index(const Args& a) {
  if (!a.has("--index")) throw usage_error("needs --index DIR");
  return open_engine(a.options.at("--index"));
}

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

int cmd_ask(const Args& a) {
  if (a.positional.empty()) throw usage_error("ask needs a QUESTION");
  kb::Engine engine = open_index(a);
  kb::AskContext context;
  if (a.options.count("--previous")) context = {a.options.at("--previous"), true};
  auto result = engine.ask(joined(a.positional), context);
  const std::string text = kb::to_json(result, a.explain);
  if (a.json) {
    std::cout << text << "\n";
    return 0;
  }
  auto r = nlohmann::json::parse(text);
  if (a.explain) print_explanation(r["explanation"]);
  std::cout << r["decision"].get<std::string>() << " (confidence " << r["confidence"] << ", "
            << r["reason"].get<std::string>() << ")\n";
  if (r["reason"] == "small-talk")
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

int cmd_search(const Args& a) {
  if (a.positional.empty()) throw usage_error("search needs a QUERY");
  kb::Engine engine = open_index(a);
  kb::SearchOptions o;
  if (a.options.count("--type")) o.type = a.options.at("--type");
  if (a.options.count("--category")) o.category = a.options.at("--category");
  if (a.options.count("--channel")) o.channel = a.options.at("--channel");
  o.facets = true;
  if (a.options.count("--limit")) {
    try {
      o.limit = std::stoul(a.options.at("--limit"));
    } catch (...) {
      throw usage_error("--limit takes a number");
    }
  }
  const std::string text = kb::to_json(engine.search(joined(a.positional), o));
  if (a.json) {
    std::cout << text << "\n";
    return 0;
  }
  auto r = nlohmann::json::parse(text);
  std::cout << r["total"] << " result(s)\n";
  if (r.contains("did_you_mean"))
    std::cout << "did you mean: " << r["did_you_mean"].get<std::string>() << "\n";
  for (const auto& h : r["hits"])
    std::cout << "  " << h["title"].get<std::string>() << " [" << h["id"].get<std::string>() << ", "
              << h["type"].get<std::string>() << "] " << h["score"] << "\n";
  for (const auto& [facet, counts] : r["facets"].items()) {
    if (counts.empty()) continue;
    std::cout << facet << ":";
    for (const auto& [value, n] : counts.items()) std::cout << " " << value << " (" << n << ")";
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  try {
    if (argc < 2) throw usage_error("missing command");
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "kb-indexer (index format " << kb::schema::kFormatVersion << ", Xapian "
                << Xapian::version_string() << ")\n";
      return 0;
    }
    if (cmd == "check") return cmd_check(parse_args(argc, argv, 2, {}));
    if (cmd == "build") return cmd_build(parse_args(argc, argv, 2, {"--out"}));
    if (cmd == "watch") return cmd_watch(parse_args(argc, argv, 2, {"--out", "--interval"}));
    if (cmd == "test") return cmd_test(parse_args(argc, argv, 2, {"--index"}));
    if (cmd == "gaps") return cmd_gaps(parse_args(argc, argv, 2, {"--index", "--top"}));
    if (cmd == "ask") return cmd_ask(parse_args(argc, argv, 2, {"--index", "--previous"}));
    if (cmd == "eval")
      return cmd_eval(parse_args(argc, argv, 2, {"--index", "--content", "--folds", "--audience"},
                                 {"--holdout", "--no-peers"}));
    if (cmd == "search")
      return cmd_search(
          parse_args(argc, argv, 2, {"--index", "--type", "--category", "--channel", "--limit"}));
    throw usage_error("unknown command '" + cmd + "'");
  } catch (const CliError& e) {
    std::cerr << "kb-indexer: " << e.what() << (e.code == 2 ? "" : "\n");
    return e.code;
  } catch (const kb::IndexError& e) {
    std::cerr << "kb-indexer: index error: " << e.what() << "\n";
    return 3;
  } catch (const Xapian::Error& e) {  // building or compacting an index
    std::cerr << "kb-indexer: index error: " << e.get_description() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "kb-indexer: " << e.what() << "\n";
    return 3;
  }
}
