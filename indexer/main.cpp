// kb-indexer: validates kb-content/ and builds the public and internal
// indexes; `ask` and `search` run the same engine the browser runs.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kb/engine.hpp"
#include "kb/entry.hpp"
#include "kb/schema.hpp"
#include "kb/text.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage = R"(usage:
  kb-indexer build CONTENT_DIR --out DIR   validate content, write DIR/public and DIR/internal
  kb-indexer ask --index DIR [--json] [--explain] [--previous Q] QUESTION
                                           (--previous: the last question, whose answer did not help)
                                           what the bot answers to QUESTION
  kb-indexer search --index DIR [--type T] [--category C] [--channel C] [--limit N] [--json] QUERY
                                           ranked entries for QUERY
  kb-indexer eval --index DIR [--json] QUESTIONS.tsv
                                           run a labelled question set (audience, expected, question)
                                           against DIR/public and DIR/internal and print the figures
  kb-indexer --help | --version

Exit codes: 0 ok, 1 invalid content, 2 bad usage, 3 could not read or write an index.
)";

/// A failure with the exit code it maps to.
struct CliError : std::runtime_error {
  int code;
  CliError(int c, const std::string& m) : std::runtime_error(m), code(c) {}
};

CliError usage_error(const std::string& m) { return CliError(2, m + "\n" + kUsage); }

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  bool json = false;
  bool explain = false;
};

Args parse_args(int argc, char** argv, int first, std::initializer_list<const char*> with_value) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--json") {
      a.json = true;
    } else if (s == "--explain") {
      a.explain = true;
    } else if (s.rfind("--", 0) == 0) {
      bool known = std::any_of(with_value.begin(), with_value.end(), [&](const char* k) { return s == k; });
      if (!known) throw usage_error("unknown option " + s);
      if (i + 1 >= argc) throw usage_error(s + " needs a value");
      a.options[s] = argv[++i];
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw CliError(3, "cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string fnv1a64(const std::string& data, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

/// README.md, SOURCES.md and the like document the content; entries' names
/// are ids, which are lower case.
bool is_documentation(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

int cmd_build(const Args& a) {
  if (a.positional.size() != 1) throw usage_error("build takes one CONTENT_DIR");
  if (!a.options.count("--out")) throw usage_error("build needs --out DIR");
  fs::path content = a.positional[0], out = a.options.at("--out");
  if (!fs::is_directory(content)) throw CliError(2, "content folder not found: " + content.string());

  std::vector<fs::path> files;
  for (const auto& de : fs::recursive_directory_iterator(content))
    if (de.is_regular_file() && de.path().extension() == ".md" && !is_documentation(de.path()))
      files.push_back(de.path());
  std::sort(files.begin(), files.end());

  std::vector<kb::Entry> entries;
  std::vector<kb::ContentIssue> issues;
  std::string hash_input;
  for (const auto& f : files) {
    std::string text = read_file(f);
    std::string rel = fs::relative(f, content).generic_string();
    hash_input += rel + '\0' + text + '\0';
    entries.push_back(kb::parse_entry(text, f.string(), issues));
    const auto& e = entries.back();
    if (!e.id.empty() && f.stem() != e.id)
      issues.push_back({f.string(), e.line_of("id"),
                        "id '" + e.id + "' must match the file name '" + f.stem().string() + ".md'"});
  }
  kb::validate_entries(entries, issues);
  kb::Synonyms synonyms;
  if (fs::path syn = content / "synonyms.txt"; fs::exists(syn)) {
    std::string text = read_file(syn);
    hash_input += "synonyms.txt" + std::string(1, '\0') + text;
    synonyms = kb::Synonyms::parse(text, syn.string(), issues);
  }
  if (entries.empty()) issues.push_back({content.string(), 0, "no entries (*.md files) found"});
  if (!issues.empty()) {
    for (const auto& i : issues) std::cerr << i.to_string() << "\n";
    std::cerr << "kb-indexer: " << issues.size() << " problem(s) in " << content.string()
              << "; nothing was written\n";
    return 1;
  }
  std::map<std::string, int> by_type, by_audience;
  for (const auto& e : entries) {
    ++by_type[e.type];
    ++by_audience[e.audience];
  }
  std::cerr << "kb-indexer: " << entries.size() << " entries valid:";
  for (const auto& [type, n] : by_type) std::cerr << " " << type << " " << n;
  std::cerr << ";";
  for (const auto& [audience, n] : by_audience) std::cerr << " " << audience << " " << n;
  std::cerr << "; " << synonyms.group_count() << " synonym groups\n";

  std::string content_hash = "fnv1a64:" + fnv1a64(hash_input);
  fs::create_directories(out);
  fs::path staging = out / (".staging-" + std::to_string(::getpid()));
  fs::remove_all(staging);
  try {
    for (std::string audience : {"public", "internal"}) {
      std::vector<const kb::Entry*> chosen;
      nlohmann::json by_type = nlohmann::json::object();
      for (const auto& e : entries) {
        if (audience == "public" && e.audience != "public") continue;
        chosen.push_back(&e);
        by_type[e.type] = by_type.value(e.type, 0) + 1;
      }
      fs::path dir = staging / audience;
      fs::create_directories(dir);
      auto bytes = kb::schema::build_database(chosen, synonyms, (staging / (audience + ".scratch")).string(),
                                              (dir / "kb.db").string());
      fs::remove_all(staging / (audience + ".scratch"));
      nlohmann::json manifest = {{"format", kb::schema::kFormatVersion},
                                 {"audience", audience},
                                 {"database", "kb.db"},
                                 {"bytes", bytes},
                                 {"entries", chosen.size()},
                                 {"by_type", by_type},
                                 {"content_hash", content_hash},
                                 {"built_at", utc_now()}};
      std::ofstream(dir / "manifest.json") << manifest.dump(2) << "\n";
      std::cerr << "kb-indexer: " << audience << ": " << chosen.size() << " entries, " << bytes << " bytes\n";
    }
    // Swap each audience into place only once both are built.
    for (std::string audience : {"public", "internal"}) {
      fs::path target = out / audience, old = out / (audience + ".old");
      fs::remove_all(old);
      if (fs::exists(target)) fs::rename(target, old);
      fs::rename(staging / audience, target);
      fs::remove_all(old);
    }
    fs::remove_all(staging);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
  std::cerr << "kb-indexer: wrote " << (out / "public").string() << " and " << (out / "internal").string()
            << "\n";
  return 0;
}

/// Opens an index folder (or its kb.db) with an error that says what to do.
kb::Engine open_engine(fs::path p) {
  if (fs::is_directory(p)) p /= "kb.db";
  if (!fs::exists(p)) throw CliError(3, "no index at " + p.string() + "; run kb-indexer build first");
  try {
    return kb::Engine::open_path(p.string());
  } catch (const Xapian::Error& e) {
    throw CliError(3, "cannot open " + p.string() + ": " + e.get_msg());
  }
}

kb::Engine open_index(const Args& a) {
  if (!a.options.count("--index")) throw usage_error("needs --index DIR");
  return open_engine(a.options.at("--index"));
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

void print_explanation(const kb::AnswerResult& r) {
  const auto& e = r.explanation;
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
            << ", suggest >= " << t["suggest_min"] << "\n\n";
}

int cmd_ask(const Args& a) {
  if (a.positional.empty()) throw usage_error("ask needs a QUESTION");
  kb::Engine engine = open_index(a);
  kb::AskContext context;
  if (a.options.count("--previous")) context = {a.options.at("--previous"), true};
  auto result = engine.ask(joined(a.positional), context);
  auto r = kb::to_json(result);
  if (a.explain) r["explanation"] = result.explanation;
  if (a.json) {
    std::cout << r.dump() << "\n";
    return 0;
  }
  if (a.explain) print_explanation(result);
  std::cout << r["decision"].get<std::string>() << " (confidence " << r["confidence"] << ", "
            << r["reason"].get<std::string>() << ")\n";
  if (!r["answer"].is_null())
    std::cout << "\n"
              << r["answer"]["title"].get<std::string>() << " [" << r["answer"]["id"].get<std::string>()
              << "]\n\n"
              << r["answer"]["text"].get<std::string>() << "\n";
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
  auto r = engine.search(joined(a.positional), o);
  if (a.json) {
    std::cout << r.dump() << "\n";
    return 0;
  }
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

int cmd_eval(const Args& a) {
  if (a.positional.size() != 1) throw usage_error("eval takes one QUESTIONS.tsv");
  if (!a.options.count("--index"))
    throw usage_error("eval needs --index DIR (holding public/ and internal/)");
  fs::path dir = a.options.at("--index");
  std::map<std::string, kb::Engine> engines;
  for (std::string side : {"public", "internal"}) engines.emplace(side, open_engine(dir / side));
  std::ifstream in(a.positional[0]);
  if (!in) throw CliError(2, "cannot read " + a.positional[0]);
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
      throw CliError(2, a.positional[0] + ":" + std::to_string(line_no) +
                            ": expected audience<TAB>expected<TAB>question");
    std::string side = line.substr(0, t1), expected = line.substr(t1 + 1, t2 - t1 - 1),
                q = line.substr(t2 + 1);
    if (!engines.count(side))
      throw CliError(2,
                     a.positional[0] + ":" + std::to_string(line_no) + ": unknown audience '" + side + "'");
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
  if (a.json) {
    std::cout << nlohmann::json{{"figures", figures}, {"results", results}}.dump() << "\n";
    return 0;
  }
  std::printf("%-12s %6s %7s %8s %8s %7s %9s %9s %8s\n", "slice", "n", "top-1", "wrong", "suggest", "unans.",
              "answered", "escalated", "handover");
  for (const auto& [k, s] : slices) {
    auto j = s.to_json();
    std::printf("%-12s %6d %6.1f%% %7.1f%% %7.1f%% %7d %8.1f%% %8.1f%% %7.1f%%\n", k.c_str(), s.answerable,
                j["top1_accuracy"].get<double>(), j["answered_wrongly"].get<double>(),
                j["suggest_rate"].get<double>(), s.unanswerable, j["unanswerable_answered"].get<double>(),
                j["unanswerable_escalated"].get<double>(), j["handover_escalated"].get<double>());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) throw usage_error("missing command");
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "kb-indexer (index format " << kb::schema::kFormatVersion << ", Xapian "
                << Xapian::version_string() << ")\n";
      return 0;
    }
    if (cmd == "build") return cmd_build(parse_args(argc, argv, 2, {"--out"}));
    if (cmd == "ask") return cmd_ask(parse_args(argc, argv, 2, {"--index", "--previous"}));
    if (cmd == "eval") return cmd_eval(parse_args(argc, argv, 2, {"--index"}));
    if (cmd == "search")
      return cmd_search(
          parse_args(argc, argv, 2, {"--index", "--type", "--category", "--channel", "--limit"}));
    throw usage_error("unknown command '" + cmd + "'");
  } catch (const CliError& e) {
    std::cerr << "kb-indexer: " << e.what() << (e.code == 2 ? "" : "\n");
    return e.code;
  } catch (const Xapian::Error& e) {
    std::cerr << "kb-indexer: index error: " << e.get_description() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "kb-indexer: " << e.what() << "\n";
    return 3;
  }
}
