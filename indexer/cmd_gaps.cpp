// kb-indexer gaps: the questions the widget could not answer, clustered: the content to-do list.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "kb/engine.hpp"
#include "kb/gaps.hpp"
#include "kb/text.hpp"
#include "options.hpp"

namespace cli {

namespace {

struct GapsOptions {
  std::string log;
  std::string index;
  std::size_t top = 20;
  bool json = false;
};

/// Each phrasing of the index's entries (by question key) -> its entry's id.
/// A wording that is one already needs other advice than "add it": `check`
/// refuses the same phrasing in two entries.
std::map<std::string, std::string> phrasing_owners(const kb::Engine& engine) {
  kb::SearchOptions all;
  all.limit = engine.size();
  all.all_if_empty = true;
  std::map<std::string, std::string> owners;
  for (const auto& hit : engine.search("", all).hits)
    if (auto e = engine.get(hit.id))
      for (const auto& q : e->questions) owners.emplace(kb::question_key(q), e->id);
  return owners;
}

/// A command line argument, quoted for a POSIX shell.
std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int run_gaps(const GapsOptions& o) {
  const fs::path log = o.log;
  const std::size_t top = o.top;
  std::ifstream in(log);
  if (!in) throw CliError(2, "cannot read " + log.string());
  std::vector<kb::GapQuestion> questions;
  std::string line;
  unsigned line_no = 0, skipped = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      auto j = nlohmann::json::parse(line);
      if (!j.is_object() || !j.contains("question") || !j["question"].is_string())
        throw std::invalid_argument("needs a \"question\" string");
      questions.push_back({j["question"].get<std::string>(), j.value("reason", std::string())});
    } catch (const std::exception& e) {
      if (++skipped <= 5)
        std::cerr << log.string() << ":" << line_no << ": skipped, not a question record: "
                  << (dynamic_cast<const nlohmann::json::exception*>(&e) ? "not JSON" : e.what()) << "\n";
    }
  }
  if (skipped > 5) std::cerr << "kb-indexer: " << skipped << " lines skipped in all\n";
  std::optional<kb::Engine> engine;
  if (!o.index.empty()) engine.emplace(open_engine(o.index));
  // With an index, its words segment the questions (开|发票, not 开发|票).
  auto clusters = kb::cluster_gaps(questions, engine ? &engine->lexicon() : nullptr);
  if (clusters.size() > top) clusters.resize(top);
  const auto owners = engine ? phrasing_owners(*engine) : std::map<std::string, std::string>();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : clusters) {
    nlohmann::json j = {
        {"count", c.count}, {"question", c.label}, {"examples", c.examples}, {"reasons", c.reasons}};
    if (engine) {
      auto r = engine->ask(c.label);
      if (!r.candidates.empty() && r.candidates[0].confidence >= engine->config().suggest_min)
        j["nearest"] = {{"id", r.candidates[0].id},
                        {"confidence", std::round(r.candidates[0].confidence * 100) / 100}};
      // Wordings that are an entry's phrasing already: {wording: entry id}.
      nlohmann::json known = nlohmann::json::object();
      std::vector<std::string> wordings = {c.label};
      wordings.insert(wordings.end(), c.examples.begin(), c.examples.end());
      for (const auto& w : wordings)
        if (auto it = owners.find(kb::question_key(w)); it != owners.end()) known[w] = it->second;
      if (!known.empty()) j["phrasing_of"] = known;
    }
    out.push_back(j);
  }
  if (o.json) {
    std::cout << nlohmann::json{{"questions", questions.size()}, {"gaps", out}}.dump() << "\n";
    return 0;
  }
  std::printf("%zu question(s) in %s; top %zu content gap(s):\n\n", questions.size(), log.string().c_str(),
              out.size());
  int rank = 0;
  for (const auto& g : out) {
    std::string reasons;
    for (const auto& [reason, n] : g["reasons"].items())
      reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(n.get<int>());
    std::printf("%2d. %-4zu %s   (%s)\n", ++rank, g["count"].get<std::size_t>(),
                g["question"].get<std::string>().c_str(), reasons.c_str());
    for (const auto& ex : g["examples"]) std::printf("          also: %s\n", ex.get<std::string>().c_str());
    const auto known = g.value("phrasing_of", nlohmann::json::object());
    const std::string label = g["question"].get<std::string>();
    // An entry has these very words, and still the visitor was not helped:
    // adding them again changes nothing (and check refuses a second copy).
    for (const auto& [wording, id] : known.items()) {
      if (wording == label) {
        std::printf(
            "          '%s' is already a phrasing of '%s': the entry exists, yet the widget did not help.\n"
            "          after a thumbs-down, improve that entry's answer; otherwise see why it was not "
            "answered\n"
            "          (the threshold, or another entry too close to it):\n"
            "            kb-indexer ask --explain --index %s %s\n",
            wording.c_str(), id.get<std::string>().c_str(), shell_quoted(o.index).c_str(),
            shell_quoted(wording).c_str());
      } else {
        std::printf("          '%s' is already a phrasing of '%s': do not add it to another entry\n",
                    wording.c_str(), id.get<std::string>().c_str());
      }
    }
    const std::size_t wordings = 1 + g["examples"].size();
    if (g.contains("nearest")) {
      if (known.size() < wordings)
        std::printf("          nearest entry: %s (%.0f%%): add %s there, or write a new entry\n",
                    g["nearest"]["id"].get<std::string>().c_str(),
                    g["nearest"]["confidence"].get<double>() * 100,
                    known.empty() ? "these phrasings" : "the other phrasings");
    } else if (engine && known.empty()) {
      std::printf("          no entry comes close: write a new one\n");
    }
  }
  return 0;
}

}  // namespace

void add_gaps(CLI::App& app, int& status) {
  auto o = std::make_shared<GapsOptions>();
  CLI::App* gaps =
      app.add_subcommand("gaps", "cluster the questions the widget could not answer: the content to-do list");
  gaps->footer(
      "LOG.jsonl holds one JSON object a line with a \"question\" (and a \"reason\"): what the widget's\n"
      "unanswered-question hook posts (docs/widget.md). With --index, the questions are segmented with the\n"
      "index's words, each cluster names the entry that comes nearest, if any, and each wording that\n"
      "already is a phrasing of an entry (adding it again changes nothing; check refuses it twice).");
  gaps->add_option("LOG.jsonl", o->log, "the unanswered questions")->required();
  add_index_option(*gaps, o->index, "an audience's index, such as build/kb/public");
  gaps->add_option("--top", o->top, "list at most this many clusters")
      ->type_name("N")
      ->check(whole_number(0, 100000))
      ->default_str(std::to_string(o->top));
  add_json_flag(*gaps, o->json);
  gaps->callback([o, &status] { status = run_gaps(*o); });
}

}  // namespace cli
