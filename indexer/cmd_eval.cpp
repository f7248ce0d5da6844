// kb-indexer eval: the figures on the authors' set, an external set, or the held-out self-test.
#include <memory>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "eval.hpp"
#include "options.hpp"

namespace cli {

namespace {

/// The request the options fill in, and what decides its set.
struct EvalOptions {
  EvalRequest request;
  bool holdout = false;
  bool no_peers = false;
  bool json = false;
};

/// The request, with the set the options name: --holdout, --index, or a set folder.
EvalRequest request_of(const EvalOptions& o) {
  EvalRequest r = o.request;
  r.peers = !o.no_peers;
  if (o.holdout) {
    if (!fs::is_directory(r.target)) throw CliError(2, "content folder not found: " + r.target.string());
    r.set = EvalRequest::Set::Holdout;
  } else if (!r.index.empty()) {
    r.set = EvalRequest::Set::Authors;
  } else if (fs::is_directory(r.target)) {
    r.set = EvalRequest::Set::Directory;
  } else {
    throw usage_error(fs::exists(r.target)
                          ? "eval of a QUESTIONS.tsv needs --index DIR (holding public/ and internal/)"
                          : "no such set: " + r.target.string());
  }
  return r;
}

const char* const kFigures =
    "Figures, as % of the answerable questions: right (answered with the expected entry), wrong (answered\n"
    "with another), suggested (the expected entry among the suggestions), best and top-3 (ranked first, in\n"
    "the first three, whatever the decision); and out-of-scope questions answered, hand-over requests\n"
    "escalated. MiniSearch runs under node from bench/eval-peers.mjs (KB_PEERS_SCRIPT names another copy).";

}  // namespace

void add_eval(CLI::App& app, int& status) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand("eval", "the answer figures on a labelled set, beside MiniSearch and BM25");
  eval->footer(std::string(
                   "Three sets:\n"
                   "  eval --index DIR [--content CONTENT_DIR] QUESTIONS.tsv\n"
                   "      the authors' set (audience<TAB>expected<TAB>question) asked of DIR/public and\n"
                   "      DIR/internal; the baselines index --content (default kb-content)\n"
                   "  eval SET_DIR\n"
                   "      an external set: SET_DIR holds kb-content/ and questions.tsv (question<TAB>expected,\n"
                   "      expected - when out of scope); indexed into a scratch folder, removed afterwards\n"
                   "  eval --holdout [--folds K] [--audience public|internal|all] CONTENT_DIR\n"
                   "      the held-out self-test: each phrasing, left out of the index (K folds), is asked;\n"
                   "      then the entries most often confused and those that need more phrasings\n"
                   "      (--audience: public asks the widget's index, the default when public entries have\n"
                   "      phrasings; all, the console's)\n\n") +
               kFigures);
  EvalRequest& r = o->request;
  eval->add_option("TARGET", r.target,
                   "QUESTIONS.tsv (with --index), SET_DIR, or CONTENT_DIR (with --holdout)")
      ->required();
  eval->add_option("--index", r.index, "the folder holding public/ and internal/, such as build/kb")
      ->type_name("DIR");
  eval->add_option("--content", r.content, "with --index: the entries the baselines index")
      ->type_name("CONTENT_DIR")
      ->default_str(r.content.string());
  eval->add_flag("--holdout", o->holdout, "the held-out self-test of CONTENT_DIR");
  eval->add_option("--folds", r.folds, "with --holdout: how many folds the phrasings are dealt into")
      ->type_name("K")
      ->check(whole_number(2, 20))
      ->default_str(std::to_string(r.folds));
  eval->add_option("--audience", r.audience, "with --holdout: whose phrasings are asked, of which index")
      ->type_name("A")
      ->check(CLI::IsMember({"public", "internal", "all"}));
  eval->add_flag("--no-peers", o->no_peers, "leave out MiniSearch and the BM25 baseline");
  add_json_flag(*eval, o->json);
  eval->callback([o, &status] {
    run_eval(request_of(*o), o->json);
    status = 0;
  });
}

}  // namespace cli
