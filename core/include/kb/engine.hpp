#pragma once
// The search and answer engine: opens a compacted index and decides what the
// bot says. Used by the native CLI and by the WASM build alike.
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// Every threshold of the answer decision, in one place. Confidence is the
/// share of the question's meaningful terms found in an entry's title and
/// phrasings (0..1); see docs/answer-engine.md.
struct DecisionConfig {
  double answer_min = 0.6;            // answer outright at or above this
  double suggest_min = 0.3;           // below this nothing is relevant: escalate
  double ambiguity_margin = 0.08;     // a runner-up this close turns an answer into suggestions
  double question_field_share = 0.7;  // weight of title/phrasing coverage vs. any-field coverage
  std::size_t max_suggestions = 3;
  std::size_t candidates = 10;  // ranked results examined per question
};

struct Candidate {
  std::string id;
  std::string title;
  std::string type;
  double confidence = 0;
};

enum class Decision { Answer, Suggest, Escalate };
std::string_view to_string(Decision d);

struct AnswerResult {
  Decision decision = Decision::Escalate;
  double confidence = 0;
  std::optional<nlohmann::json> answer;  // {id, title, text, ...} when answering
  std::vector<Candidate> suggestions;
  std::string reason;  // why: "match", "ambiguous", "no-match", "asked-for-human", "empty"
};

nlohmann::json to_json(const AnswerResult& r);

struct SearchOptions {
  std::size_t limit = 20;
  std::string type;  // empty: all types
};

class Engine {
 public:
  /// Opens a single-file database by path.
  static Engine open_path(const std::string& path, DecisionConfig config = {});
  /// Opens a single-file database from a file descriptor at its current offset.
  static Engine open_fd(int fd, DecisionConfig config = {});

  AnswerResult ask(std::string_view question) const;
  /// {"total": n, "hits": [{id, title, type, category, snippet, score}]}
  nlohmann::json search(std::string_view query, const SearchOptions& options = {}) const;
  /// The whole entry, or nullopt if no entry has this id.
  std::optional<nlohmann::json> get(const std::string& id) const;
  std::size_t size() const { return db_.get_doccount(); }
  const DecisionConfig& config() const { return config_; }

 private:
  Engine(Xapian::Database db, DecisionConfig config);
  Xapian::Database db_;
  DecisionConfig config_;
};

/// True when the visitor asks for a person rather than an article.
bool asks_for_human(std::string_view question);

}  // namespace kb
