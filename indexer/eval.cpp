#include "eval.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>
#include <tuple>

#include "bm25.hpp"
#include "build.hpp"
#include "content.hpp"
#include "kb/gaps.hpp"
#include "kb/text.hpp"

namespace cli {

namespace {

/// One labelled question: what is asked, of which index, and what should happen.
struct Question {
  unsigned line = 0;     // in the questions file; 0 for a held-out phrasing
  std::string index;     // the index that answers it: "public", "internal", "all", "fold 2"
  std::string expected;  // an entry id, "none" (out of scope) or "human" (a hand-over request)
  std::string text;
  std::vector<std::string> slices;  // the table rows it counts in
};

/// What one system did with a question: the engine's decision, or a baseline's ranking alone.
struct Outcome {
  std::string decision;  // answer | suggest | escalate; empty for a baseline, which does not decide
  std::string answer;    // the id answered
  std::string reason;
  double confidence = 0;
  std::vector<std::string> suggestions;
  std::vector<std::string> ranked;  // best first: the engine's candidates, a baseline's results
  std::vector<double> scores;       // the engine's confidence in each of `ranked`
};

Outcome outcome_of(const kb::AnswerResult& r) {
  Outcome o;
  o.decision = kb::to_string(r.decision);
  if (r.answer) o.answer = r.answer->id;
  o.reason = kb::to_string(r.reason);
  o.confidence = r.confidence;
  for (const auto& c : r.suggestions) o.suggestions.push_back(c.id);
  for (const auto& c : r.candidates) {
    o.ranked.push_back(c.id);
    o.scores.push_back(c.confidence);
  }
  return o;
}

bool in_first(const std::vector<std::string>& ids, const std::string& id, std::size_t n) {
  auto end = ids.begin() + std::min(n, ids.size());
  return std::find(ids.begin(), end, id) != end;
}

/// The figures of one slice for one system. A suggestion is never an answer:
/// "right" counts only questions the bot answered, with the expected entry.
struct Tally {
  int answerable = 0, right = 0, wrong = 0, suggested_right = 0, best_right = 0, top3_right = 0;
  int out_of_scope = 0, out_of_scope_answered = 0, handover = 0, handover_escalated = 0;

  void add(const std::string& expected, const Outcome& o) {
    bool answered = o.decision == "answer";
    if (expected == "none") {
      ++out_of_scope;
      out_of_scope_answered += answered;
    } else if (expected == "human") {
      ++handover;
      handover_escalated += o.decision == "escalate" && o.reason == "asked-for-human";
    } else {
      ++answerable;
      right += answered && o.answer == expected;
      wrong += answered && o.answer != expected;
      suggested_right += o.decision == "suggest" && in_first(o.suggestions, expected, o.suggestions.size());
      best_right += in_first(o.ranked, expected, 1);
      top3_right += in_first(o.ranked, expected, 3);
    }
  }

  /// Percentages of the questions of their kind; null when there are none, and
  /// for a baseline's decision figures (it only ranks).
  nlohmann::json to_json(bool decides) const {
    auto pct = [](int a, int n) { return n ? nlohmann::json(std::round(1000.0 * a / n) / 10) : nlohmann::json(); };
    auto decided = [&](int a, int n) { return decides ? pct(a, n) : nlohmann::json(); };
    return {{"answerable", answerable},
            {"answered_right", decided(right, answerable)},
            {"answered_wrong", decided(wrong, answerable)},
            {"suggested_right", decided(suggested_right, answerable)},
            {"best_right", pct(best_right, answerable)},
            {"top3_right", pct(top3_right, answerable)},
            {"out_of_scope", out_of_scope},
            {"out_of_scope_answered", decided(out_of_scope_answered, out_of_scope)},
            {"handover", handover},
            {"handover_escalated", decided(handover_escalated, handover)}};
  }
};

/// A set ready to run: its questions, the engine's indexes they are asked of,
/// and the same entries, by index, for the baselines.
struct EvalSet {
  std::string kind;  // authors | set | holdout
  std::string name;  // shown above the table
  std::vector<Question> questions;
  std::map<std::string, kb::Engine> engines;
  std::map<std::string, std::vector<const kb::Entry*>> entries;  // empty: no baselines
  std::string no_entries;                                        // why, then
  Content content;
  std::vector<std::vector<kb::Entry>> folds;  // held-out copies of the entries
  std::unique_ptr<ScratchDir> scratch;        // where built indexes live while they are asked
};

std::string where(const fs::path& file, unsigned line) { return file.string() + ":" + std::to_string(line); }

/// The slices a question counts in: its own, "all", and "traditional" when written so.
std::vector<std::string> slices_of(const std::string& own, const std::string& question) {
  std::vector<std::string> keys = {"all"};
  if (own != "all") keys.push_back(own);
  if (kb::has_traditional(question)) keys.push_back("traditional");
  return keys;
}

/// Reads content that must be valid: its errors fail the evaluation.
void load_valid(EvalSet& s, const fs::path& dir) {
  s.content = load_content(dir);
  if (s.content.errors()) {
    print_issues(s.content.issues);
    throw CliError(1, std::to_string(s.content.errors()) + " error(s) in " + dir.string() +
                          "; `kb-indexer check` shows them");
  }
}

/// Builds an index of `entries` named `name`, shaped for `audience`, in the
/// set's scratch folder and opens it.
void add_index(EvalSet& s, const std::string& name, std::vector<const kb::Entry*> entries,
               const std::string& audience) {
  if (!s.scratch) s.scratch = std::make_unique<ScratchDir>("kb-eval");
  fs::path dir = s.scratch->path() / std::to_string(s.engines.size());
  build_index(entries, s.content.synonyms, dir, shape_for(audience));
  s.engines.emplace(name, open_engine(dir));
  s.entries[name] = std::move(entries);
}

/// The authors' set: QUESTIONS.tsv (audience, expected, question) against
/// DIR/public and DIR/internal. The baselines index `content` when it is there.
void authors_set(EvalSet& s, const fs::path& dir, const fs::path& questions, const fs::path& content) {
  s.kind = "authors";
  s.name = questions.string();
  for (std::string side : {"public", "internal"}) s.engines.emplace(side, open_engine(dir / side));
  std::ifstream in(questions);
  if (!in) throw CliError(2, "cannot read " + questions.string());
  std::string line;
  std::getline(in, line);  // header
  unsigned line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos)
      throw CliError(2, where(questions, line_no) + ": expected audience<TAB>expected<TAB>question");
    std::string side = line.substr(0, t1), expected = line.substr(t1 + 1, t2 - t1 - 1), q = line.substr(t2 + 1);
    if (!s.engines.count(side)) throw CliError(2, where(questions, line_no) + ": unknown audience '" + side + "'");
    s.questions.push_back({line_no, side, expected == "-" ? "none" : expected, q, slices_of(side, q)});
  }
  if (!fs::is_directory(content)) {
    s.no_entries = "no content folder " + content.string() + " to index them from; name it with --content";
    return;
  }
  s.content = load_content(content);
  if (s.content.errors()) {
    s.no_entries = content.string() + " has errors";
    return;
  }
  for (const auto& e : s.content.entries) {
    if (e.audience == "public") s.entries["public"].push_back(&e);
    s.entries["internal"].push_back(&e);
  }
}

/// An external set: DIR/kb-content (every entry, whatever its audience) and
/// DIR/questions.tsv (header, then question<TAB>expected; `-` is out of scope).
void directory_set(EvalSet& s, const fs::path& dir) {
  s.kind = "set";
  s.name = fs::weakly_canonical(dir).filename().string();
  fs::path content = dir / "kb-content", questions = dir / "questions.tsv";
  const std::string layout = ": a set folder holds kb-content/ and questions.tsv (question<TAB>expected)";
  if (!fs::is_directory(content)) throw CliError(2, "no kb-content/ in " + dir.string() + layout);
  std::ifstream in(questions);
  if (!in) throw CliError(2, "cannot read " + questions.string() + layout);
  load_valid(s, content);
  std::set<std::string> ids;
  for (const auto& e : s.content.entries) ids.insert(e.id);
  std::string line;
  std::getline(in, line);  // header
  unsigned line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0)
      throw CliError(2, where(questions, line_no) + ": expected question<TAB>expected");
    std::string q = line.substr(0, tab), expected = line.substr(tab + 1);
    if (expected == "-") expected = "none";
    if (expected != "none" && expected != "human" && !ids.count(expected))
      throw CliError(2, where(questions, line_no) + ": unknown entry '" + expected + "' (not in " + content.string() +
                            "; use - for a question out of scope)");
    s.questions.push_back({line_no, "all", expected, q, slices_of("all", q)});
  }
  std::vector<const kb::Entry*> all;
  for (const auto& e : s.content.entries) all.push_back(&e);
  add_index(s, "all", all, "public");  // visitors' questions, asked of the widget's index
}

/// The held-out self-test: the phrasings of entries that have two or more are
/// dealt round-robin into `k` folds; each fold's index lacks that fold's
/// phrasings (titles stay), and they are asked of it. `audience`: public asks
/// the widget's index of public entries; internal asks the console's index
/// (every entry) the internal entries' phrasings; all asks it every phrasing;
/// default is public when public entries have phrasings, else all.
void holdout_set(EvalSet& s, const fs::path& dir, int k, const std::string& asked) {
  s.kind = "holdout";
  load_valid(s, dir);
  // By default, the widget's view: public phrasings asked of an index of public
  // entries. A knowledge base whose public entries have no phrasings to hold
  // out is tested as the console sees it.
  bool public_phrasings = std::any_of(s.content.entries.begin(), s.content.entries.end(), [](const kb::Entry& e) {
    return e.audience == "public" && e.questions.size() >= 2;
  });
  std::string audience = asked == "default" ? (public_phrasings ? "public" : "all") : asked;
  s.name = "held-out phrasings of " + dir.string() + " (" + audience + ", " + std::to_string(k) + " folds)";
  std::vector<const kb::Entry*> pool;
  for (const auto& e : s.content.entries)
    if (audience != "public" || e.audience == "public") pool.push_back(&e);
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> dealt(k);  // (entry in pool, phrasing)
  std::size_t next = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (audience == "internal" && pool[i]->audience != "internal") continue;
    if (pool[i]->questions.size() < 2) continue;
    for (std::size_t j = 0; j < pool[i]->questions.size(); ++j) dealt[next++ % k].push_back({i, j});
  }
  if (next == 0) throw CliError(2, "no entry in " + dir.string() + " has two or more phrasings to hold out");
  s.folds.reserve(k);
  for (int f = 0; f < k; ++f) {
    if (interrupted()) throw CliError(130, "interrupted");
    std::cerr << "kb-indexer: fold " << f + 1 << "/" << k << ": " << dealt[f].size()
              << " phrasings held out, indexing " << pool.size() << " entries…\n";
    std::vector<kb::Entry> copy;
    for (const kb::Entry* e : pool) copy.push_back(*e);
    // Remove from the back so the indexes of the phrasings still to remove hold.
    for (auto it = dealt[f].rbegin(); it != dealt[f].rend(); ++it) {
      kb::Entry& e = copy[it->first];
      e.questions.erase(e.questions.begin() + it->second);
      if (it->second < e.question_lines.size()) e.question_lines.erase(e.question_lines.begin() + it->second);
      if (it->second < e.question_columns.size())
        e.question_columns.erase(e.question_columns.begin() + it->second);
    }
    s.folds.push_back(std::move(copy));
    std::vector<const kb::Entry*> in_index;
    for (const auto& e : s.folds.back()) in_index.push_back(&e);
    std::string name = "fold " + std::to_string(f + 1);
    add_index(s, name, in_index, audience);
    for (auto [i, j] : dealt[f]) {
      const std::string& q = pool[i]->questions[j];
      s.questions.push_back({0, name, pool[i]->id, q, slices_of(pool[i]->audience, q)});
    }
  }
}

std::vector<Outcome> ask_engine(const EvalSet& s) {
  std::vector<Outcome> out;
  for (const auto& q : s.questions) out.push_back(outcome_of(s.engines.at(q.index).ask(q.text)));
  return out;
}

std::vector<Outcome> ask_bm25(const EvalSet& s) {
  std::map<std::string, Bm25> indexes;
  for (const auto& [name, entries] : s.entries) indexes.emplace(name, Bm25(entries));
  std::vector<Outcome> out;
  for (const auto& q : s.questions) {
    Outcome o;
    o.ranked = indexes.at(q.index).rank(q.text, 3);
    out.push_back(o);
  }
  return out;
}

std::string shell_quoted(const std::string& s) {
  std::string r = "'";
  for (char c : s) r += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return r + "'";
}

/// MiniSearch's first three ids per question, from bench/eval-peers.mjs under
/// Node; nullopt, with `why`, when it cannot run.
std::optional<std::vector<Outcome>> ask_minisearch(const EvalSet& s, std::string& why) {
  const char* over = std::getenv("KB_PEERS_SCRIPT");
  fs::path script = over && *over ? fs::path(over) : fs::path(KB_SOURCE_DIR) / "bench" / "eval-peers.mjs";
  if (!fs::exists(script)) {
    why = "no " + script.string();
    return std::nullopt;
  }
  nlohmann::json indexes = nlohmann::json::object(), questions = nlohmann::json::array();
  for (const auto& [name, entries] : s.entries) {
    auto& docs = indexes[name] = nlohmann::json::array();
    for (const kb::Entry* e : entries)
      docs.push_back({{"id", e->id},
                      {"audience", e->audience},
                      {"title", e->title},
                      {"questions", e->questions},
                      {"situation", e->situation},
                      {"body", e->body}});
  }
  for (const auto& q : s.questions) questions.push_back({{"index", q.index}, {"question", q.text}});
  ScratchDir scratch("kb-eval-peers");
  fs::path in = scratch.path() / "in.json", out = scratch.path() / "out.json", err = scratch.path() / "err.txt";
  std::ofstream(in) << nlohmann::json{{"indexes", indexes}, {"questions", questions}}.dump();
  std::string command = "node " + shell_quoted(script) + " < " + shell_quoted(in) + " > " + shell_quoted(out) +
                        " 2> " + shell_quoted(err);
  int status = std::system(command.c_str());
  int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 127) {
    why = "node is not installed";
    return std::nullopt;
  }
  if (code != 0) {
    std::ifstream e(err);
    std::getline(e, why);
    if (why.empty()) why = "node " + script.string() + " failed";
    return std::nullopt;
  }
  try {
    auto ranked = nlohmann::json::parse(read_file(out));
    if (!ranked.is_array() || ranked.size() != s.questions.size()) throw std::runtime_error("count");
    std::vector<Outcome> outcomes;
    for (const auto& ids : ranked) {
      Outcome o;
      o.ranked = ids.get<std::vector<std::string>>();
      outcomes.push_back(o);
    }
    return outcomes;
  } catch (const std::exception&) {
    why = script.string() + " did not answer one list of ids per question";
    return std::nullopt;
  }
}

/// Runs the set through the engine and, with `peers`, the baselines:
/// {"figures": {slice: {...}}, "baselines": {name: {slice: {...}}}, "skipped": {name: why},
///  "results": [{line, index, expected, question, decision, answer, id, best, ...}]}.
nlohmann::json evaluate(const EvalSet& s, bool peers) {
  std::vector<std::pair<std::string, std::vector<Outcome>>> systems;
  systems.emplace_back("engine", ask_engine(s));
  nlohmann::json skipped = nlohmann::json::object();
  if (peers && s.entries.empty()) {
    skipped["MiniSearch"] = skipped["BM25"] = s.no_entries;
  } else if (peers) {
    std::string why;
    if (auto ranked = ask_minisearch(s, why))
      systems.emplace_back("MiniSearch", std::move(*ranked));
    else
      skipped["MiniSearch"] = why;
    systems.emplace_back("BM25", ask_bm25(s));
  }
  nlohmann::json figures, baselines = nlohmann::json::object();
  for (const auto& [name, outcomes] : systems) {
    std::map<std::string, Tally> slices;
    for (std::size_t i = 0; i < s.questions.size(); ++i)
      for (const auto& k : s.questions[i].slices) slices[k].add(s.questions[i].expected, outcomes[i]);
    nlohmann::json f = nlohmann::json::object();
    for (const auto& [k, t] : slices) f[k] = t.to_json(name == "engine");
    (name == "engine" ? figures : baselines[name]) = f;
  }
  nlohmann::json results = nlohmann::json::array();
  for (std::size_t i = 0; i < s.questions.size(); ++i) {
    const Question& q = s.questions[i];
    const Outcome& o = systems[0].second[i];
    nlohmann::json r = {{"line", q.line},
                        {"index", q.index},
                        {"expected", q.expected},
                        {"question", q.text},
                        {"decision", o.decision},
                        {"reason", o.reason},
                        {"confidence", o.confidence},
                        {"answer", o.answer},
                        {"id", !o.answer.empty() ? o.answer : o.suggestions.empty() ? "" : o.suggestions[0]},
                        {"suggestions", o.suggestions},
                        {"best", o.ranked.empty() ? "" : o.ranked[0]},
                        {"candidates", o.ranked},
                        {"candidate_confidences", o.scores}};
    for (std::size_t k = 1; k < systems.size(); ++k) r[systems[k].first] = systems[k].second[i].ranked;
    results.push_back(r);
  }
  return {{"figures", figures}, {"baselines", baselines}, {"skipped", skipped}, {"results", results}};
}

struct Target {
  const char* figure;
  const char* label;
  bool at_least;
  double value;
};

/// The targets of the sets we know (docs/answer-engine.md), checked on the "all" slice.
std::vector<Target> targets_for(const EvalSet& s) {
  if (s.kind == "authors")
    return {{"answered_right", "answered and right", true, 85},
            {"answered_wrong", "wrong", false, 2},
            {"out_of_scope_answered", "out of scope answered", false, 5},
            {"handover_escalated", "hand-over", true, 100}};
  if (s.kind == "holdout") return {{"answered_right", "answered and right", true, 75}, {"answered_wrong", "wrong", false, 3}};
  if (s.kind == "set" && s.name == "banking77")
    return {{"best_right", "best", true, 65},
            {"answered_right", "answered and right", true, 45},
            {"answered_wrong", "wrong", false, 3},
            {"out_of_scope_answered", "out of scope answered", false, 5}};
  return {};
}

nlohmann::json check_targets(const EvalSet& s, const nlohmann::json& figures) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : targets_for(s)) {
    const nlohmann::json& v = figures["all"][t.figure];
    bool met = v.is_number() && (t.at_least ? v.get<double>() >= t.value : v.get<double>() <= t.value);
    out.push_back({{"figure", t.figure}, {"label", t.label}, {"op", t.at_least ? ">=" : "<="},
                   {"target", t.value}, {"value", v}, {"met", met}});
  }
  return out;
}

/// For editors, from a held-out run: the pairs of entries most often confused
/// (a phrasing of one answered, or ranked first, as the other) and the entries
/// whose phrasings are least often answered right.
nlohmann::json editor_lists(const EvalSet& s, const nlohmann::json& results, std::size_t top = 10) {
  std::map<std::string, std::string> titles;
  for (const auto& e : s.content.entries) titles[e.id] = e.title;
  struct Pair {
    int count = 0, answered = 0;
    std::string example;
  };
  std::map<std::pair<std::string, std::string>, Pair> pairs;
  struct Found {
    int asked = 0, found = 0;
    std::vector<std::string> missed;
  };
  std::map<std::string, Found> entries;
  for (const auto& r : results) {
    std::string a = r["expected"], answer = r["answer"], best = r["best"];
    bool answered = r["decision"] == "answer";
    Found& f = entries[a];
    ++f.asked;
    if (answered && answer == a)
      ++f.found;
    else
      f.missed.push_back(r["question"]);
    std::string b = answered && answer != a ? answer : (!answered && !best.empty() && best != a ? best : "");
    if (b.empty()) continue;
    Pair& p = pairs[{std::min(a, b), std::max(a, b)}];
    ++p.count;
    p.answered += answered;
    if (p.example.empty()) p.example = a + ": " + r["question"].get<std::string>() + " → " + b;
  }
  std::vector<std::pair<std::pair<std::string, std::string>, Pair>> confused(pairs.begin(), pairs.end());
  std::stable_sort(confused.begin(), confused.end(), [](const auto& x, const auto& y) {
    return std::tie(x.second.count, x.second.answered) > std::tie(y.second.count, y.second.answered);
  });
  nlohmann::json c = nlohmann::json::array();
  for (std::size_t i = 0; i < confused.size() && i < top; ++i) {
    const auto& [ids, p] = confused[i];
    c.push_back({{"a", ids.first}, {"b", ids.second}, {"a_title", titles[ids.first]}, {"b_title", titles[ids.second]},
                 {"count", p.count}, {"answered", p.answered}, {"example", p.example}});
  }
  std::vector<std::pair<std::string, Found>> weak;
  for (const auto& [id, f] : entries)
    if (f.found < f.asked) weak.emplace_back(id, f);
  std::stable_sort(weak.begin(), weak.end(), [](const auto& x, const auto& y) {
    // The smallest share found first; of equal shares, the entry with more phrasings missed.
    long lhs = static_cast<long>(x.second.found) * y.second.asked, rhs = static_cast<long>(y.second.found) * x.second.asked;
    return lhs != rhs ? lhs < rhs : x.second.asked > y.second.asked;
  });
  nlohmann::json n = nlohmann::json::array();
  for (std::size_t i = 0; i < weak.size() && i < top; ++i) {
    const auto& [id, f] = weak[i];
    n.push_back({{"id", id}, {"title", titles[id]}, {"asked", f.asked}, {"found", f.found}, {"missed", f.missed}});
  }
  return {{"confused", c}, {"needs_phrasings", n}};
}

/// Characters shown, for padding UTF-8 cells: "—" is three bytes, one column.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string padded(const std::string& s, std::size_t width, bool left = false) {
  std::string pad(width > columns(s) ? width - columns(s) : 0, ' ');
  return left ? s + pad : pad + s;
}

struct Column {
  const char* key;
  const char* header;
  std::size_t width;
  bool count;  // n, not a percentage
};
const Column kColumns[] = {{"answerable", "n", 6, true},          {"answered_right", "right", 8, false},
                           {"answered_wrong", "wrong", 8, false},  {"suggested_right", "suggested", 11, false},
                           {"best_right", "best", 8, false},       {"top3_right", "top-3", 8, false},
                           {"out_of_scope", "oos n", 7, true},     {"out_of_scope_answered", "answered", 10, false},
                           {"handover", "human n", 9, true},       {"handover_escalated", "hand-over", 11, false}};

std::string percent(const nlohmann::json& v) {
  if (!v.is_number()) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v.get<double>());
  return buf;
}

void print_row(const std::string& slice, const std::string& system, const nlohmann::json& f) {
  std::string line = padded(slice, 12, true) + padded(system, 13, true);
  for (const auto& c : kColumns)
    line += padded(c.count ? std::to_string(f[c.key].get<int>()) : percent(f[c.key]), c.width);
  std::printf("%s\n", line.c_str());
}

/// The table: per slice, the engine, then each baseline; with `before`, the
/// change since then under each engine row.
void print_figures(const nlohmann::json& r, const nlohmann::json* before) {
  std::string header = padded("slice", 12, true) + padded("system", 13, true);
  for (const auto& c : kColumns) header += padded(c.header, c.width);
  std::printf("%s\n", header.c_str());
  const nlohmann::json baselines = r.value("baselines", nlohmann::json::object());
  for (const auto& [slice, f] : r["figures"].items()) {
    print_row(slice, "this engine", f);
    if (before && before->contains(slice)) {
      std::string line = padded("  change", 25, true);
      for (const auto& c : kColumns) {
        const auto &now = f[c.key], &was = (*before)[slice][c.key];
        std::string cell;
        if (!c.count && now.is_number() && was.is_number()) {
          double d = now.get<double>() - was.get<double>();
          char buf[32];
          std::snprintf(buf, sizeof buf, "%+.1f%%", d);
          cell = std::fabs(d) < 0.05 ? "=" : buf;
        }
        line += padded(cell, c.width);
      }
      std::printf("%s\n", line.c_str());
    }
    for (const char* name : {"MiniSearch", "BM25"})
      if (baselines.contains(name) && baselines[name].contains(slice)) print_row("", name, baselines[name][slice]);
  }
  std::fputs(
      "\nright: answered with the expected entry; wrong: answered with another; suggested: the expected\n"
      "entry among the suggestions; best, top-3: ranked first, in the first three, whatever the decision\n"
      "(all % of n, the answerable questions). answered: out-of-scope questions answered (% of oos n);\n"
      "hand-over: requests for a person escalated (% of human n). — : not measured (baselines do not decide).\n",
      stdout);
}

std::string target_text(const nlohmann::json& v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", v.get<double>());
  return buf;
}

void print_report(const EvalSet& s, const nlohmann::json& r) {
  const auto& all = r["figures"]["all"];
  std::printf("%s: %zu questions: %d answerable, %d out of scope, %d hand-over requests\n\n", s.name.c_str(),
              s.questions.size(), all["answerable"].get<int>(), all["out_of_scope"].get<int>(),
              all["handover"].get<int>());
  print_figures(r, nullptr);
  for (const auto& [name, why] : r["skipped"].items())
    std::printf("%s: skipped (%s)\n", name.c_str(), why.get<std::string>().c_str());
  if (!r["targets"].empty()) {
    std::string line;
    for (const auto& t : r["targets"])
      line += (line.empty() ? "" : ", ") + t["label"].get<std::string>() + " " + percent(t["value"]) +
              (t["op"] == ">=" ? " ≥ " : " ≤ ") + target_text(t["target"]) + (t["met"].get<bool>() ? " ✓" : " ✗");
    std::printf("\ntargets (all): %s\n", line.c_str());
  }
  if (!r.contains("confused")) return;
  std::printf("\nEntries most often confused (a held-out phrasing of one answered, or ranked first, as the other):\n"
              "merge them, or sharpen their titles and phrasings so they differ.\n");
  if (r["confused"].empty()) std::printf("  none\n");
  for (const auto& c : r["confused"])
    std::printf("  %3d (%d answered)  %s ↔ %s\n          %s ↔ %s\n          e.g. %s\n", c["count"].get<int>(),
                c["answered"].get<int>(), c["a"].get<std::string>().c_str(), c["b"].get<std::string>().c_str(),
                c["a_title"].get<std::string>().c_str(), c["b_title"].get<std::string>().c_str(),
                c["example"].get<std::string>().c_str());
  std::printf("\nEntries that need more phrasings (their held-out phrasings least often answered right):\n"
              "add phrasings in visitors' own words.\n");
  if (r["needs_phrasings"].empty()) std::printf("  none\n");
  for (const auto& n : r["needs_phrasings"])
    std::printf("  %d/%d found  %s  %s\n          missed: %s\n", n["found"].get<int>(), n["asked"].get<int>(),
                n["id"].get<std::string>().c_str(), n["title"].get<std::string>().c_str(),
                n["missed"][0].get<std::string>().c_str());
}

std::string outcome(const nlohmann::json& r) {
  std::string id = r["id"].get<std::string>();
  return r["decision"].get<std::string>() + (id.empty() ? "" : " " + id);
}

/// Right as the table counts it: an expected entry only when answered with it.
bool is_right(const nlohmann::json& r) {
  const std::string& expected = r["expected"];
  if (expected == "none") return r["decision"] != "answer";
  if (expected == "human") return r["decision"] == "escalate" && r["reason"] == "asked-for-human";
  return r["decision"] == "answer" && r["answer"] == expected;
}

nlohmann::json run_authors_set(const fs::path& dir, const fs::path& questions) {
  EvalSet s;
  authors_set(s, dir, questions, "");
  return evaluate(s, false);
}

}  // namespace

void run_eval(const EvalRequest& request, bool json) {
  EvalSet s;
  switch (request.set) {
    case EvalRequest::Set::Holdout:
      holdout_set(s, request.target, request.folds, request.audience);
      break;
    case EvalRequest::Set::Authors:
      authors_set(s, request.index, request.target, request.content);
      break;
    case EvalRequest::Set::Directory:
      directory_set(s, request.target);
      break;
  }
  auto r = evaluate(s, request.peers);
  r["set"] = s.kind;
  r["name"] = s.name;
  r["targets"] = check_targets(s, r["figures"]);
  if (s.kind == "holdout") r.update(editor_lists(s, r["results"]));
  if (json)
    std::cout << r.dump() << "\n";
  else
    print_report(s, r);
}

void run_test(const fs::path& dir, const fs::path& questions, bool json) {
  auto now = run_authors_set(dir, questions);
  nlohmann::json before;
  bool have_previous = fs::exists(dir / ".previous" / "public") && fs::exists(dir / ".previous" / "internal");
  if (have_previous) {
    try {
      before = run_authors_set(dir / ".previous", questions);
    } catch (const CliError& e) {
      std::cerr << "kb-indexer: the previous build cannot be read (" << e.what()
                << "); nothing to compare with\n";
      have_previous = false;
    }
  }
  nlohmann::json changed = nlohmann::json::array();
  if (have_previous) {
    std::map<std::pair<std::string, std::string>, const nlohmann::json*> earlier;
    for (const auto& r : before["results"]) earlier[{r["index"], r["question"]}] = &r;
    for (const auto& r : now["results"]) {
      auto it = earlier.find({r["index"], r["question"]});
      if (it == earlier.end() || outcome(*it->second) == outcome(r)) continue;
      const auto& was = *it->second;
      bool was_right = is_right(was), now_right = is_right(r);
      changed.push_back({{"line", r["line"]},
                         {"audience", r["index"]},
                         {"question", r["question"]},
                         {"expected", r["expected"]},
                         {"before", outcome(was)},
                         {"after", outcome(r)},
                         {"verdict", was_right == now_right ? "changed" : (now_right ? "fixed" : "broken")}});
    }
  }
  if (json) {
    std::cout << nlohmann::json{{"figures", now["figures"]},
                                {"previous", have_previous ? before["figures"] : nlohmann::json()},
                                {"changed", changed}}
                     .dump()
              << "\n";
    return;
  }
  std::printf("%s, %zu questions\n\n", questions.string().c_str(), now["results"].size());
  print_figures(now, have_previous ? &before["figures"] : nullptr);
  if (!have_previous) {
    std::printf("\nNo previous build in %s to compare with: the next build keeps this one there.\n",
                (dir / ".previous").string().c_str());
    return;
  }
  std::printf("\n%zu answer(s) changed since the previous build%s\n", changed.size(),
              changed.empty() ? "." : ":");
  for (const auto& c : changed)
    std::printf("  %-7s line %-4d [%s] %s\n          %s -> %s (expected %s)\n",
                c["verdict"].get<std::string>().c_str(), c["line"].get<int>(),
                c["audience"].get<std::string>().c_str(), c["question"].get<std::string>().c_str(),
                c["before"].get<std::string>().c_str(), c["after"].get<std::string>().c_str(),
                c["expected"].get<std::string>().c_str());
}

}  // namespace cli
