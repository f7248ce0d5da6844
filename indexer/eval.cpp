#include "eval.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "kb/gaps.hpp"
#include "kb/text.hpp"

namespace cli {

namespace {

/// Tallies of one slice of the evaluation set.
struct EvalSlice {
  int answerable = 0, top1 = 0, answered_wrongly = 0, suggested = 0;
  int unanswerable = 0, refused_confident_answer = 0, escalated = 0;
  int handover = 0, handover_escalated = 0;

  nlohmann::json to_json() const {
    auto pct = [](int a, int n) { return n ? std::round(1000.0 * a / n) / 10 : 0.0; };
    return {{"answerable", answerable},
            {"top1_accuracy", pct(top1, answerable)},
            {"answered_wrongly", pct(answered_wrongly, answerable)},
            {"suggest_rate", pct(suggested, answerable)},
            {"unanswerable", unanswerable},
            {"unanswerable_answered", pct(refused_confident_answer, unanswerable)},
            {"unanswerable_escalated", pct(escalated, unanswerable)},
            {"handover", handover},
            {"handover_escalated", pct(handover_escalated, handover)}};
  }
};

/// Runs QUESTIONS.tsv (audience, expected, question) against DIR/public and
/// DIR/internal: {"figures": {slice: {...}}, "results": [{line, question, decision, id, ...}]}.
nlohmann::json run_eval(const fs::path& dir, const fs::path& questions) {
  std::map<std::string, kb::Engine> engines;
  for (std::string side : {"public", "internal"}) engines.emplace(side, open_engine(dir / side));
  std::ifstream in(questions);
  if (!in) throw CliError(2, "cannot read " + questions.string());
  std::string line;
  std::getline(in, line);  // header
  std::map<std::string, EvalSlice> slices;
  nlohmann::json results = nlohmann::json::array();
  unsigned line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos)
      throw CliError(2, questions.string() + ":" + std::to_string(line_no) +
                            ": expected audience<TAB>expected<TAB>question");
    std::string side = line.substr(0, t1), expected = line.substr(t1 + 1, t2 - t1 - 1),
                q = line.substr(t2 + 1);
    if (!engines.count(side))
      throw CliError(
          2, questions.string() + ":" + std::to_string(line_no) + ": unknown audience '" + side + "'");
    auto r = engines.at(side).ask(q);
    std::string first =
        r.answer ? (*r.answer)["id"].get<std::string>() : (r.suggestions.empty() ? "" : r.suggestions[0].id);
    std::vector<std::string> keys = {side, "all"};
    if (kb::has_traditional(q)) keys.push_back("traditional");
    for (const auto& k : keys) {
      EvalSlice& s = slices[k];
      if (expected == "none") {
        ++s.unanswerable;
        if (r.decision == kb::Decision::Answer) ++s.refused_confident_answer;
        if (r.decision == kb::Decision::Escalate) ++s.escalated;
      } else if (expected == "human") {
        ++s.handover;
        if (r.decision == kb::Decision::Escalate && r.reason == "asked-for-human") ++s.handover_escalated;
      } else {
        ++s.answerable;
        if (first == expected) ++s.top1;
        if (r.decision == kb::Decision::Answer && first != expected) ++s.answered_wrongly;
        if (r.decision == kb::Decision::Suggest) ++s.suggested;
      }
    }
    results.push_back({{"line", line_no},
                       {"audience", side},
                       {"expected", expected},
                       {"question", q},
                       {"decision", kb::to_string(r.decision)},
                       {"id", first},
                       {"confidence", r.confidence},
                       {"candidates", kb::to_json(r)["candidates"]}});
  }
  nlohmann::json figures;
  for (const auto& [k, s] : slices) figures[k] = s.to_json();
  return {{"figures", figures}, {"results", results}};
}

const char* const kColumns[] = {"top1_accuracy",         "answered_wrongly",       "suggest_rate",
                                "unanswerable_answered", "unanswerable_escalated", "handover_escalated"};

void print_figures(const nlohmann::json& figures, const nlohmann::json* before) {
  std::printf("%-12s %6s %7s %7s %8s %7s %9s %9s %8s\n", "slice", "n", "top-1", "wrong", "suggest", "unans.",
              "answered", "escalated", "handover");
  for (const auto& [slice, f] : figures.items()) {
    std::printf("%-12s %6d", slice.c_str(), f["answerable"].get<int>());
    int i = 0;
    for (const char* col : kColumns) {
      if (i++ == 3) std::printf(" %7d", f["unanswerable"].get<int>());
      std::printf(" %7.1f%%", f[col].get<double>());
    }
    std::printf("\n");
    if (before && before->contains(slice)) {
      std::printf("%-12s %6s", "  change", "");
      int k = 0;
      for (const char* col : kColumns) {
        if (k++ == 3) std::printf(" %7s", "");
        double d = f[col].get<double>() - (*before)[slice][col].get<double>();
        if (std::fabs(d) < 0.05)
          std::printf(" %8s", "=");
        else
          std::printf(" %+7.1f%%", d);
      }
      std::printf("\n");
    }
  }
}

std::string outcome(const nlohmann::json& r) {
  std::string id = r["id"].get<std::string>();
  return r["decision"].get<std::string>() + (id.empty() ? "" : " " + id);
}

}  // namespace

int cmd_eval(const Args& a) {
  if (a.positional.size() != 1) throw usage_error("eval takes one QUESTIONS.tsv");
  if (!a.has("--index")) throw usage_error("eval needs --index DIR (holding public/ and internal/)");
  auto r = run_eval(a.options.at("--index"), a.positional[0]);
  if (a.json)
    std::cout << r.dump() << "\n";
  else
    print_figures(r["figures"], nullptr);
  return 0;
}

int cmd_test(const Args& a) {
  if (a.positional.size() > 1) throw usage_error("test takes at most one QUESTIONS.tsv");
  if (!a.has("--index")) throw usage_error("test needs --index DIR (the --out of kb-indexer build)");
  fs::path dir = a.options.at("--index");
  fs::path questions =
      a.positional.empty() ? fs::path("tests/eval/questions.tsv") : fs::path(a.positional[0]);
  if (!fs::exists(questions))
    throw usage_error("no evaluation set at " + questions.string() + "; name the QUESTIONS.tsv to run");
  auto now = run_eval(dir, questions);
  nlohmann::json before;
  bool have_previous = fs::exists(dir / ".previous" / "public") && fs::exists(dir / ".previous" / "internal");
  if (have_previous) {
    try {
      before = run_eval(dir / ".previous", questions);
    } catch (const CliError& e) {
      std::cerr << "kb-indexer: the previous build cannot be read (" << e.what()
                << "); nothing to compare with\n";
      have_previous = false;
    }
  }
  nlohmann::json changed = nlohmann::json::array();
  if (have_previous) {
    std::map<std::pair<std::string, std::string>, const nlohmann::json*> earlier;
    for (const auto& r : before["results"]) earlier[{r["audience"], r["question"]}] = &r;
    for (const auto& r : now["results"]) {
      auto it = earlier.find({r["audience"], r["question"]});
      if (it == earlier.end() || outcome(*it->second) == outcome(r)) continue;
      const auto& was = *it->second;
      std::string expected = r["expected"];
      bool was_right = was["id"] == expected || (expected == "none" && was["decision"] != "answer") ||
                       (expected == "human" && was["decision"] == "escalate");
      bool is_right = r["id"] == expected || (expected == "none" && r["decision"] != "answer") ||
                      (expected == "human" && r["decision"] == "escalate");
      changed.push_back({{"line", r["line"]},
                         {"audience", r["audience"]},
                         {"question", r["question"]},
                         {"expected", expected},
                         {"before", outcome(was)},
                         {"after", outcome(r)},
                         {"verdict", was_right == is_right ? "changed" : (is_right ? "fixed" : "broken")}});
    }
  }
  if (a.json) {
    std::cout << nlohmann::json{{"figures", now["figures"]},
                                {"previous", have_previous ? before["figures"] : nlohmann::json()},
                                {"changed", changed}}
                     .dump()
              << "\n";
    return 0;
  }
  std::printf("%s, %zu questions\n\n", questions.string().c_str(), now["results"].size());
  print_figures(now["figures"], have_previous ? &before["figures"] : nullptr);
  if (!have_previous) {
    std::printf("\nNo previous build in %s to compare with: the next build keeps this one there.\n",
                (dir / ".previous").string().c_str());
    return 0;
  }
  std::printf("\n%zu answer(s) changed since the previous build%s\n", changed.size(),
              changed.empty() ? "." : ":");
  for (const auto& c : changed)
    std::printf("  %-7s line %-4d [%s] %s\n          %s -> %s (expected %s)\n",
                c["verdict"].get<std::string>().c_str(), c["line"].get<int>(),
                c["audience"].get<std::string>().c_str(), c["question"].get<std::string>().c_str(),
                c["before"].get<std::string>().c_str(), c["after"].get<std::string>().c_str(),
                c["expected"].get<std::string>().c_str());
  return 0;
}

int cmd_gaps(const Args& a) {
  if (a.positional.size() != 1) throw usage_error("gaps takes one LOG.jsonl");
  std::size_t top = 20;
  if (a.has("--top")) {
    try {
      top = std::stoul(a.options.at("--top"));
    } catch (...) {
      throw usage_error("--top takes a number");
    }
  }
  fs::path log = a.positional[0];
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
  auto clusters = kb::cluster_gaps(questions);
  if (clusters.size() > top) clusters.resize(top);
  std::optional<kb::Engine> engine;
  if (a.has("--index")) engine.emplace(open_engine(a.options.at("--index")));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : clusters) {
    nlohmann::json j = {
        {"count", c.count}, {"question", c.label}, {"examples", c.examples}, {"reasons", c.reasons}};
    if (engine) {
      auto r = engine->ask(c.label);
      if (!r.candidates.empty() && r.candidates[0].confidence >= engine->config().suggest_min)
        j["nearest"] = {{"id", r.candidates[0].id},
                        {"confidence", std::round(r.candidates[0].confidence * 100) / 100}};
    }
    out.push_back(j);
  }
  if (a.json) {
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
    if (g.contains("nearest"))
      std::printf("          nearest entry: %s (%.0f%%): add these phrasings there, or write a new entry\n",
                  g["nearest"]["id"].get<std::string>().c_str(),
                  g["nearest"]["confidence"].get<double>() * 100);
    else if (engine)
      std::printf("          no entry comes close: write a new one\n");
  }
  return 0;
}

}  // namespace cli
