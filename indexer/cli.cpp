#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cli {

const char* const kUsage = R"(usage:
  kb-indexer check CONTENT_DIR [--strict] [--json]
        validate everything and warn about weak content; writes nothing
        (--strict: warnings fail too)
  kb-indexer build CONTENT_DIR --out DIR
        validate, then build DIR/public and DIR/internal atomically and
        incrementally; the previous build is kept in DIR/.previous
  kb-indexer watch CONTENT_DIR --out DIR [--interval MS]
        build, then rebuild whenever a content file changes (Ctrl+C stops)
  kb-indexer test --index DIR [QUESTIONS.tsv] [--json]
        run the evaluation set (default tests/eval/questions.tsv) and show
        which answers changed since the previous build
  kb-indexer gaps LOG.jsonl [--index DIR] [--top N] [--json]
        cluster the questions the widget could not answer: the content to-do list
  kb-indexer ask --index DIR [--json] [--explain] [--previous Q] QUESTION
        what the bot answers (--previous: the last question, whose answer did not help)
  kb-indexer search --index DIR [--type T] [--category C] [--channel C] [--limit N] [--json] QUERY
        ranked entries, facets and "did you mean"
  kb-indexer eval --index DIR [--content CONTENT_DIR] [--no-peers] [--json] QUESTIONS.tsv
        the figures on the authors' set (audience<TAB>expected<TAB>question),
        beside MiniSearch and a BM25 baseline on the same entries (read from
        --content, default kb-content)
  kb-indexer eval [--no-peers] [--json] SET_DIR
        the figures on an external set: SET_DIR holds kb-content/ and
        questions.tsv (question<TAB>expected, expected - when out of scope);
        indexed into a scratch folder, removed afterwards
  kb-indexer eval --holdout [--folds K] [--audience public|internal|all] [--no-peers] [--json] CONTENT_DIR
        the held-out self-test: each phrasing, left out of the index (K folds,
        default 5), is asked; then the entries most often confused and those
        that need more phrasings (--audience: public asks the widget's index,
        the default when public entries have phrasings; all, the console's)
        Figures, as % of the answerable questions: right (answered with the
        expected entry), wrong (answered with another), suggested (the expected
        entry among the suggestions), best and top-3 (ranked first, in the
        first three, whatever the decision); and out-of-scope questions
        answered, hand-over requests escalated. MiniSearch runs under node
        from bench/eval-peers.mjs (KB_PEERS_SCRIPT names another copy).
  kb-indexer --help | --version

An index DIR is a folder with manifest.json; for eval and test, the folder
holding public/ and internal/.

Exit codes: 0 ok, 1 invalid content (or warnings with --strict), 2 bad usage,
3 could not read or write an index, 4 another build is writing the output,
130 interrupted.
)";

CliError usage_error(const std::string& message) { return CliError(2, message + "\n" + kUsage); }

bool Args::has_flag(const std::string& flag) const {
  for (const auto& f : flags)
    if (f == flag) return true;
  return false;
}

Args parse_args(int argc, char** argv, int first, std::initializer_list<const char*> with_value,
                std::initializer_list<const char*> flags) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--json") {
      a.json = true;
    } else if (s == "--explain") {
      a.explain = true;
    } else if (s == "--strict") {
      a.strict = true;
    } else if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
      a.flags.push_back(s);
    } else if (s.rfind("--", 0) == 0) {
      bool known = false;
      for (const char* k : with_value) known = known || s == k;
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

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

kb::Engine open_engine(const fs::path& dir) {
  fs::path db = dir;
  if (fs::is_directory(dir)) {
    fs::path manifest = dir / "manifest.json";
    if (!fs::exists(manifest))
      throw CliError(3, "no index at " + dir.string() + " (no manifest.json); run kb-indexer build first");
    try {
      db = dir / nlohmann::json::parse(read_file(manifest)).at("database").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
      throw CliError(3, "cannot read " + manifest.string() + ": " + e.what());
    }
  }
  if (!fs::exists(db)) throw CliError(3, "no index at " + db.string() + "; run kb-indexer build first");
  try {
    return kb::Engine::open_path(db.string());
  } catch (const std::runtime_error& e) {  // kb::IndexError, or an index of another format
    throw CliError(3, "cannot open " + db.string() + ": " + e.what());
  }
}

ScratchDir::ScratchDir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw CliError(3, "cannot create a scratch folder in /tmp");
  path_ = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }
}  // namespace

bool interrupted() { return g_interrupted != 0; }

void install_signal_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

}  // namespace cli
