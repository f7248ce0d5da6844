// kb-indexer search: ranked entries, facets and "did you mean", as the agent console shows them.
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

struct SearchCommand {
  std::string index;
  std::vector<std::string> words;  // the query, which may come unquoted
  kb::SearchOptions search;
  bool json = false;
};

int run_search(const SearchCommand& o) {
  kb::Engine engine = open_engine(o.index);
  kb::SearchOptions options = o.search;
  options.facets = true;
  const std::string text = kb::to_json(engine.search(joined(o.words), options));
  if (o.json) {
    std::cout << text << "\n";
    return 0;
  }
  auto r = nlohmann::json::parse(text);
  std::cout << r["total"] << " result(s), " << r["relevant"] << " holding a key word of the query\n";
  if (r.contains("did_you_mean")) std::cout << "did you mean: " << r["did_you_mean"].get<std::string>() << "\n";
  for (const auto& h : r["hits"])
    std::cout << (h["relevant"].get<bool>() ? "  " : "  (other) ") << h["title"].get<std::string>() << " ["
              << h["id"].get<std::string>() << ", " << h["type"].get<std::string>() << "] " << h["score"]
              << "\n";
  for (const auto& [facet, counts] : r["facets"].items()) {
    if (counts.empty()) continue;
    std::cout << facet << ":";
    for (const auto& [value, n] : counts.items()) std::cout << " " << value << " (" << n << ")";
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void add_search(CLI::App& app, int& status) {
  auto o = std::make_shared<SearchCommand>();
  CLI::App* search = app.add_subcommand("search", "ranked entries, facets and \"did you mean\"");
  add_index_option(*search, o->index, "one audience's index, such as build/kb/internal")->required();
  search->add_option("QUERY", o->words, "what to search for; several words need no quotes")->required();
  search->add_option("--type", o->search.type, "only entries of this type")->type_name("T");
  search->add_option("--category", o->search.category, "only entries of this category")->type_name("C");
  search->add_option("--channel", o->search.channel, "only scripts for this channel")->type_name("C");
  search->add_option("--limit", o->search.limit, "at most this many results")
      ->type_name("N")
      ->check(whole_number(0, 100000))
      ->default_str(std::to_string(o->search.limit));
  add_json_flag(*search, o->json);
  search->callback([o, &status] { status = run_search(*o); });
}

}  // namespace cli
