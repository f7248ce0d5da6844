#include "kb/engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "kb/schema.hpp"
#include "kb/text.hpp"

namespace kb {

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::Answer:
      return "answer";
    case Decision::Suggest:
      return "suggest";
    case Decision::Escalate:
      return "escalate";
  }
  return "escalate";
}

nlohmann::json to_json(const AnswerResult& r) {
  nlohmann::json j = {{"decision", to_string(r.decision)},
                      {"confidence", std::round(r.confidence * 1000) / 1000},
                      {"reason", r.reason},
                      {"answer", nullptr},
                      {"suggestions", nlohmann::json::array()}};
  if (r.answer) j["answer"] = *r.answer;
  for (const auto& c : r.suggestions)
    j["suggestions"].push_back({{"id", c.id},
                                {"title", c.title},
                                {"type", c.type},
                                {"confidence", std::round(c.confidence * 1000) / 1000}});
  return j;
}

bool asks_for_human(std::string_view question) {
  static const char* const kPhrases[] = {
      "转人工",   "人工客服", "人工服务", "找人工",      "要人工",     "真人",          "轉人工",
      "人工客服", "找真人",   "human",    "real person", "live agent", "talk to agent", "talk to a person"};
  std::string q = normalize_text(question);
  return std::any_of(std::begin(kPhrases), std::end(kPhrases),
                     [&](const char* p) { return q.find(p) != std::string::npos; });
}

namespace {

void check_format(const Xapian::Database& db) {
  std::string v = db.get_metadata(schema::kFormatKey);
  if (v != std::to_string(schema::kFormatVersion))
    throw std::runtime_error("index format " + (v.empty() ? std::string("unknown") : v) + ", expected " +
                             std::to_string(schema::kFormatVersion) + "; rebuild it with this kb-indexer");
}

/// The question's distinct terms with the highest weight each carries.
std::map<std::string, double> query_terms(std::string_view text) {
  std::map<std::string, double> terms;
  for (const auto& t : analyze(text)) {
    double& w = terms[t.term];
    w = std::max(w, t.weight);
  }
  return terms;
}

Xapian::Query build_query(const std::map<std::string, double>& terms) {
  std::vector<Xapian::Query> parts;
  for (const auto& [term, w] : terms) {
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(schema::kQuestionPrefix + term), 2 * w);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

Engine::Engine(Xapian::Database db, DecisionConfig config) : db_(std::move(db)), config_(config) {
  check_format(db_);
}

Engine Engine::open_path(const std::string& path, DecisionConfig config) {
  return Engine(Xapian::Database(path), config);
}

Engine Engine::open_fd(int fd, DecisionConfig config) { return Engine(Xapian::Database(fd), config); }

AnswerResult Engine::ask(std::string_view question) const {
  AnswerResult r;
  if (asks_for_human(question)) {
    r.reason = "asked-for-human";
    return r;
  }
  auto terms = query_terms(question);
  if (terms.empty()) {
    r.reason = "empty";
    return r;
  }
  double total = 0;
  for (const auto& [t, w] : terms) total += w;

  Xapian::Enquire enquire(db_);
  enquire.set_query(build_query(terms));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(config_.candidates));

  struct Scored {
    Candidate c;
    nlohmann::json data;
  };
  std::vector<Scored> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    double in_questions = 0, anywhere = 0;
    std::map<std::string, bool> seen;
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
      std::string term = *t;
      bool q = term.rfind(schema::kQuestionPrefix, 0) == 0;
      std::string base = q ? term.substr(1) : term;
      auto w = terms.find(base);
      if (w == terms.end()) continue;
      if (q) in_questions += w->second;
      if (!seen[base]) anywhere += w->second;
      seen[base] = true;
    }
    double share = config_.question_field_share;
    double conf = share * (in_questions / total) + (1 - share) * (anywhere / total);
    auto data = nlohmann::json::parse(it.get_document().get_data());
    ranked.push_back({{data.value("id", ""), data.value("title", ""), data.value("type", ""), conf}, data});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Scored& a, const Scored& b) { return a.c.confidence > b.c.confidence; });

  if (ranked.empty() || ranked[0].c.confidence < config_.suggest_min) {
    r.confidence = ranked.empty() ? 0 : ranked[0].c.confidence;
    r.reason = "no-match";
    return r;
  }
  r.confidence = ranked[0].c.confidence;
  double runner_up = ranked.size() > 1 ? ranked[1].c.confidence : 0;
  if (r.confidence >= config_.answer_min && r.confidence - runner_up >= config_.ambiguity_margin) {
    r.decision = Decision::Answer;
    r.reason = "match";
    r.answer = ranked[0].data;
    return r;
  }
  r.decision = Decision::Suggest;
  r.reason = r.confidence >= config_.answer_min ? "ambiguous" : "weak-match";
  for (const auto& s : ranked) {
    if (r.suggestions.size() >= config_.max_suggestions || s.c.confidence < config_.suggest_min) break;
    r.suggestions.push_back(s.c);
  }
  return r;
}

nlohmann::json Engine::search(std::string_view query, const SearchOptions& options) const {
  nlohmann::json out = {{"total", 0}, {"hits", nlohmann::json::array()}};
  auto terms = query_terms(query);
  if (terms.empty()) return out;
  Xapian::Query q = build_query(terms);
  if (!options.type.empty())
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::kTypePrefix + options.type));
  Xapian::Enquire enquire(db_);
  enquire.set_query(q);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(options.limit));
  out["total"] = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto data = nlohmann::json::parse(it.get_document().get_data());
    std::string text = data.value("text", "");
    auto cps = utf8_decode(text);
    std::string snippet = utf8_encode(cps.substr(0, 80)) + (cps.size() > 80 ? "…" : "");
    out["hits"].push_back({{"id", data["id"]},
                           {"title", data["title"]},
                           {"type", data["type"]},
                           {"category", data["category"]},
                           {"snippet", snippet},
                           {"score", std::round(it.get_weight() * 1000) / 1000}});
  }
  return out;
}

std::optional<nlohmann::json> Engine::get(const std::string& id) const {
  auto pl = db_.postlist_begin(schema::kIdPrefix + id);
  if (pl == db_.postlist_end(schema::kIdPrefix + id)) return std::nullopt;
  return nlohmann::json::parse(db_.get_document(*pl).get_data());
}

}  // namespace kb
