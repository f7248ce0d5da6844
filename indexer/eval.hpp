#pragma once
// Evaluation: what the bot does with labelled questions, for kb-indexer eval
// (the authors' set, an external set folder, the held-out self-test) and
// kb-indexer test (the authors' set against this build and the previous one).
#include <string>

#include "cli.hpp"

namespace cli {

/// Which set `kb-indexer eval` measures, and how.
struct EvalRequest {
  enum class Set {
    Authors,    // target: QUESTIONS.tsv (audience<TAB>expected<TAB>question), asked of `index`
    Directory,  // target: SET_DIR, holding kb-content/ and questions.tsv (question<TAB>expected)
    Holdout,    // target: CONTENT_DIR; each phrasing asked of an index built without it
  };
  Set set = Set::Authors;
  fs::path target;
  fs::path index;                    // Authors: the folder holding public/ and internal/
  fs::path content = "kb-content";   // Authors: the entries the baselines index
  int folds = 5;                     // Holdout
  std::string audience = "default";  // Holdout: public, internal, all, or default (public when it can)
  bool peers = true;                 // MiniSearch beside the BM25 baseline
};

/// Runs the evaluation and prints its report: JSON, or tables for people.
void run_eval(const EvalRequest& request, bool json);

/// The authors' set `questions` against `index` and, when there is one,
/// `index`/.previous; prints both figures and the answers that changed.
void run_test(const fs::path& index, const fs::path& questions, bool json);

}  // namespace cli
