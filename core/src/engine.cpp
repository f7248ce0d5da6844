#include "kb/engine.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "kb/highlight.hpp"
#include "kb/intents.hpp"
#include "kb/schema.hpp"
#include "kb/synonyms.hpp"
#include "kb/text.hpp"

namespace kb {

std::string_view to_string(Decision d) {
  static constexpr std::string_view kNames[] = {"answer", "suggest", "escalate"};  // in the order of the enum
  return kNames[static_cast<std::size_t>(d)];
}

std::string_view to_string(Reason r) {
  // In the order of the enum.
  static constexpr std::string_view kNames[] = {"match",    "small-talk",      "ambiguous", "weak-match",
                                                "no-match", "asked-for-human", "repeated",  "empty"};
  return kNames[static_cast<std::size_t>(r)];
}

namespace {

void check_format(const Xapian::Database& db) {
  std::string v = db.get_metadata(schema::kFormatKey);
  if (v != std::to_string(schema::kFormatVersion))
    throw std::runtime_error("index format " + (v.empty() ? std::string("unknown") : v) + ", expected " +
                             std::to_string(schema::kFormatVersion) + "; rebuild it with this kb-indexer");
}

/// Adjacent words of the query (说明 + 书 for 说明书 when the lexicon lacks
/// the whole word): an entry holding the longer run in one piece ranks higher
/// than one with the pieces scattered. Each pair comes with the phrase window.
struct PhrasePair {
  std::string a, b;
  unsigned window;
};

std::vector<PhrasePair> phrase_pairs(const std::vector<Token>& tokens) {
  std::multimap<unsigned, const Token*> at;  // meaningful CJK words, bigrams and lone characters by position
  for (const auto& t : tokens)
    if (t.kind != TokenKind::Word && t.weight >= 0.3) at.emplace(t.position, &t);
  std::vector<PhrasePair> pairs;
  for (const auto& [pos, a] : at) {
    auto length = static_cast<unsigned>(utf8_decode(a->term).size());
    auto next = at.equal_range(pos + (a->kind == TokenKind::CjkBigram ? 1 : length));
    for (auto it = next.first; it != next.second; ++it)
      if (a->kind != TokenKind::CjkUnigram || it->second->kind != TokenKind::CjkUnigram)
        pairs.push_back({a->term, it->second->term, length + 1});
  }
  return pairs;
}

/// One subquery per slot: its terms as synonyms, in any field and (counted
/// double) in the title and phrasings.
template <typename Slots>
Xapian::Query build_query(const Slots& slots, const std::vector<PhrasePair>& phrases, double phrase_boost,
                          std::size_t elite) {
  std::vector<Xapian::Query> parts;
  std::map<std::string, double> weight_of;
  for (const auto& slot : slots) {
    std::vector<Xapian::Query> plain, question;
    for (const auto& term : slot.terms) {
      plain.emplace_back(term);
      question.emplace_back(schema::kQuestionPrefix + term);
      weight_of.emplace(term, slot.weight);
    }
    auto one = [](std::vector<Xapian::Query>& q) {
      return q.size() == 1 ? q[0] : Xapian::Query(Xapian::Query::OP_SYNONYM, q.begin(), q.end());
    };
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, one(plain), slot.weight);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, one(question), 2 * slot.weight);
  }
  for (const auto& [a, b, window] : phrases) {
    if (phrase_boost <= 0) break;
    Xapian::Query pair[] = {Xapian::Query(a), Xapian::Query(b)};
    double w = (weight_of.count(a) ? weight_of.at(a) : 0) + (weight_of.count(b) ? weight_of.at(b) : 0);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), window),
                       phrase_boost * w / 2);
  }
  if (elite > 0 && parts.size() > elite)
    return Xapian::Query(Xapian::Query::OP_ELITE_SET, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(elite));
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

/// The open database and what the engine read from it when it opened, with
/// the steps of ask() and search().
class Engine::Impl {
 public:
  Impl(Xapian::Database db, DecisionConfig config);
  AnswerResult ask(std::string_view question, const AskContext& context) const;
  SearchResult search(std::string_view query, const SearchOptions& options) const;
  std::optional<StoredEntry> get(const std::string& id) const;
  std::size_t size() const { return db_.get_doccount(); }
  const DecisionConfig& config() const { return config_; }
  const Lexicon& lexicon() const { return lexicon_; }

 private:
  /// One thing the question says, and the terms that say it: the word typed
  /// first, then what it may mean (a typo's intended word, an English word's
  /// Chinese translations). Matching any of them matches the slot.
  struct Slot {
    std::vector<std::string> terms;
    double weight = 0;
    double meaning = 0;  // what the word says, before rarity: filler and everyday words are low
  };
  using TermWeights = std::vector<Slot>;
  struct Scored {
    Candidate c;
    StoredEntry data;
    std::string best_phrasing;
    double best_phrasing_score = 0;
    double coverage = 0;
    double bm25 = 0;
    std::vector<bool> matched;           // per slot: found anywhere in the entry
    std::vector<bool> matched_phrasing;  // per slot: found in its title or phrasings
  };
  double idf(const std::string& term) const;
  /// The text's terms weighted by meaning (filler is low) and rarity (idf).
  TermWeights weigh(std::string_view text) const;
  /// weigh() for a candidate's phrasing: terms with a known idf (the
  /// question's) use it, the others DecisionConfig::other_term_idf.
  /// Sorted by term, like TermWeights, but flat: it is built and compared
  /// for every phrasing of every candidate.
  std::vector<std::pair<std::string, double>> weigh_phrasing(
      std::string_view text, const std::unordered_map<std::string, double>& known_idf) const;
  /// The best candidates for `weights`, best first, with their confidence.
  std::vector<Scored> rank(const TermWeights& weights, const std::string& type_wanted) const;
  /// The candidate's best phrasing (title, question phrasings, script
  /// situation) and how well it says what the question asks.
  void score_phrasings(Scored& s, const TermWeights& q, double q_total,
                       const std::unordered_map<std::string, double>& known_idf) const;
  /// Which slots the candidate holds, anywhere and in its phrasings, and their share of the question.
  static void score_coverage(Scored& s, const TermWeights& q, double q_total,
                             const std::unordered_set<std::string>& matching);
  /// For each document of `mset`, the terms of `q` (plain and in phrasings)
  /// that index it: from its termlist, or, in the widget's index, which has
  /// none, from each term's postings.
  std::unordered_map<Xapian::docid, std::unordered_set<std::string>> matching_terms(
      const Xapian::Enquire& enquire, const Xapian::MSet& mset, const TermWeights& q) const;
  /// Between close candidates, one that lacks a word of the question that the
  /// other's phrasings have, and has nothing the other lacks, loses confidence.
  void distinguish(std::vector<Scored>& ranked, const TermWeights& q) const;
  /// The query with each unknown Latin word replaced by its closest indexed spelling; empty if none.
  std::string spelling_correction(std::string_view query) const;

  // The steps of ask(), in order.
  /// The question as the engine reads it, and the thresholds it is held to.
  void explain_question(std::string_view question, bool truncated, Explanation& e) const;
  /// Small talk is answered with its key; the widget words the reply.
  static void answer_small_talk(std::string key, AnswerResult& r);
  /// Each slot's terms ("a|b") and its weight, rounded.
  static void explain_terms(const TermWeights& q, Explanation& e);
  /// The candidates, ranked, with close ones told apart.
  std::vector<Scored> candidates_for(std::string_view question, const TermWeights& q) const;
  /// Whether the question repeats one whose answer did not help: the same
  /// words, or words leading to the same best entry. Noted in `e` when asked.
  enum class Repeat { No, AfterNoAnswer, AfterAnswer };
  Repeat repeats_unhelpful_question(std::string_view question, const AskContext& context,
                                    const std::vector<Scored>& ranked, Explanation& e) const;
  /// The five best candidates, and their scores for --explain.
  void explain_candidates(const std::vector<Scored>& ranked, const TermWeights& q, AnswerResult& r) const;
  /// Whether the best candidate is far enough ahead of the runner-up to answer outright.
  bool clear_lead(double best, double runner_up) const;
  /// Whether decide() would answer with the first of `ranked`.
  bool answers(const std::vector<Scored>& ranked) const;
  /// Answer, suggest or escalate, by DecisionConfig's thresholds.
  void decide(std::vector<Scored>& ranked, const TermWeights& q, AnswerResult& r) const;
  /// Whether the entry holds a slot of the question at or above DecisionConfig::meaningful_word_min.
  bool shares_meaningful_word(const Scored& s, const TermWeights& q) const;
  /// For a question that also asks for a person: an answer offers one too;
  /// anything else hands over.
  static void offer_human_with(AnswerResult& r);

  /// search()'s query: the terms, and pairs of adjacent words as phrases.
  Xapian::Query search_query(std::string_view query, const TermWeights& terms) const;
  /// The query's key words, any of which makes a search hit relevant: words at
  /// or above DecisionConfig::meaningful_word_min, and among those the ones
  /// weighing at least DecisionConfig::key_word_share of the heaviest. An
  /// empty query when the query has none.
  Xapian::Query key_words_query(const TermWeights& terms) const;

  Xapian::Database db_;
  bool widget_shape_ = false;  // no termlists, positions or spelling table (schema::Shape)
  DecisionConfig config_;
  Synonyms synonyms_;  // as stored in the index at build time
  Lexicon lexicon_;    // general words plus the knowledge base's, as stored at build time
  /// Each phrasing's terms with their meaning weights, analysed once: every
  /// question compares the phrasings of ten candidates, and analysis
  /// (segmentation, synonyms) was most of that.
  using PhrasingTerms = std::vector<std::pair<std::string, double>>;
  mutable std::unordered_map<std::string, PhrasingTerms> phrasing_terms_;
};

Engine::Impl::Impl(Xapian::Database db, DecisionConfig config) : db_(std::move(db)), config_(config) {
  check_format(db_);
  std::vector<ContentIssue> ignored;  // validated when the index was built
  synonyms_ = Synonyms::parse(db_.get_metadata(schema::kSynonymsKey), "index", ignored);
  lexicon_ = Lexicon::parse(db_.get_metadata(schema::kLexiconKey));
  widget_shape_ = db_.get_metadata(schema::kShapeKey) == schema::kWidgetShape;
}

std::unordered_map<Xapian::docid, std::unordered_set<std::string>> Engine::Impl::matching_terms(
    const Xapian::Enquire& enquire, const Xapian::MSet& mset, const TermWeights& q) const {
  std::unordered_map<Xapian::docid, std::unordered_set<std::string>> out;
  if (!widget_shape_) {
    for (auto it = mset.begin(); it != mset.end(); ++it)
      out[*it] = {enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it)};
    return out;
  }
  std::vector<Xapian::docid> docs;
  for (auto it = mset.begin(); it != mset.end(); ++it) docs.push_back(*it);
  std::sort(docs.begin(), docs.end());
  std::set<std::string> terms;
  for (const auto& slot : q)
    for (const auto& term : slot.terms) {
      terms.insert(term);
      terms.insert(schema::kQuestionPrefix + term);
    }
  for (const auto& term : terms) {
    auto pl = db_.postlist_begin(term);
    const auto end = db_.postlist_end(term);
    for (Xapian::docid did : docs) {
      pl.skip_to(did);
      if (pl == end) break;
      if (*pl == did) out[did].insert(term);
    }
  }
  return out;
}

double Engine::Impl::idf(const std::string& term) const {
  double n = db_.get_doccount();
  auto df = db_.get_termfreq(term);
  // A term no entry uses is weak evidence: often a bigram across two words.
  // It still counts, so off-topic questions keep a low confidence.
  if (df == 0) return config_.unknown_term_idf_share * std::log((n + 1) / 0.5);
  return std::log((n + 1) / (df + 0.5));
}

Engine::Impl::TermWeights Engine::Impl::weigh(std::string_view text) const {
  // What a typo's intended word or an English word's translation weighs,
  // against the word itself: likely, not certain.
  constexpr double kAlternativeShare = 0.8;
  constexpr double kExtraReadingCost = 0.6;
  TermWeights slots;
  std::unordered_map<std::string, std::size_t> slot_of;  // by the term typed
  for (auto& t : analyze(text, 1, &synonyms_, &lexicon_, true)) {
    const bool known = db_.get_termfreq(t.term) > 0;
    double weight = t.weight * idf(t.term), best_alternative = 0;
    std::vector<std::string> terms = {t.term};
    if (t.weight >= 0.3)  // filler (how, 怎么) has no alternatives worth a lookup
      for (auto& alt : t.alternatives) {
        if (db_.get_termfreq(alt) == 0) continue;
        best_alternative =
            std::max(best_alternative, kAlternativeShare * lexicon_.meaning(utf8_decode(alt)) * idf(alt));
        terms.push_back(std::move(alt));
      }
    // A word with many readings in the knowledge base says little about which
    // one is meant: take -> 主动|优先|截图|排查|接下来. Each reading beyond the
    // first takes a share off. English phrasings in the held-out self-test:
    // best candidate 50.0 -> 59.3 %, answered and right 33.3 -> 38.9 %.
    if (terms.size() > 2) best_alternative /= 1 + kExtraReadingCost * static_cast<double>(terms.size() - 2);
    if (terms.size() > 1) weight = known ? std::max(weight, best_alternative) : best_alternative;
    auto [it, added] = slot_of.emplace(t.term, slots.size());
    if (added) {
      slots.push_back({std::move(terms), weight, t.weight});
      continue;
    }
    Slot& slot = slots[it->second];
    slot.weight = std::max(slot.weight, weight);
    slot.meaning = std::max(slot.meaning, t.weight);
    for (auto& term : terms)
      if (std::find(slot.terms.begin(), slot.terms.end(), term) == slot.terms.end())
        slot.terms.push_back(term);
  }
  return slots;
}

std::vector<std::pair<std::string, double>> Engine::Impl::weigh_phrasing(
    std::string_view text, const std::unordered_map<std::string, double>& known_idf) const {
  // A bound on what the cache holds: a public knowledge base has a few
  // thousand phrasings; a very large one starts over rather than grow.
  constexpr std::size_t kMaxCachedPhrasings = 20000;
  auto& cache = phrasing_terms_;
  std::string key(text);
  auto cached = cache.find(key);
  if (cached == cache.end()) {
    PhrasingTerms terms;
    for (auto& t : analyze(text, 1, &synonyms_, &lexicon_)) terms.emplace_back(std::move(t.term), t.weight);
    // By term, the heaviest first within a term; keep that one (idf is the
    // same for every token of a term, so the heaviest stays heaviest).
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
      return a.first < b.first || (a.first == b.first && a.second > b.second);
    });
    terms.erase(std::unique(terms.begin(), terms.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                terms.end());
    if (cache.size() >= kMaxCachedPhrasings) cache.clear();
    cached = cache.emplace(std::move(key), std::move(terms)).first;
  }
  std::vector<std::pair<std::string, double>> weights = cached->second;
  for (auto& [term, w] : weights) {
    auto known = known_idf.find(term);
    w *= known != known_idf.end() ? known->second : config_.other_term_idf;
  }
  return weights;
}

namespace {

template <typename Slots>
double total_weight(const Slots& slots) {
  double sum = 0;
  for (const auto& slot : slots) sum += slot.weight;
  return sum;
}

/// How well phrasing `p` (sorted by term) says what the question asks: the
/// mean of the weighted Dice overlap and the share of the question that `p` covers.
template <typename Slots>
double phrasing_similarity(const Slots& q, double q_total,
                           const std::vector<std::pair<std::string, double>>& p) {
  double p_total = 0, shared_q = 0, shared_p = 0;
  for (const auto& [t, w] : p) p_total += w;
  for (const auto& slot : q) {
    for (const auto& term : slot.terms) {
      auto it = std::lower_bound(p.begin(), p.end(), term,
                                 [](const auto& a, const std::string& b) { return a.first < b; });
      if (it == p.end() || it->first != term) continue;
      shared_q += slot.weight;
      shared_p += it->second;
      break;
    }
  }
  if (q_total <= 0 || p_total <= 0) return 0;
  shared_p = std::min(shared_p, p_total);
  double dice = (shared_q + shared_p) / (q_total + p_total);
  return (dice + shared_q / q_total) / 2;
}

}  // namespace

namespace {

/// Candidates best first; ties keep their order. Sorting positions and then
/// moving each candidate once keeps one small sort in the WebAssembly build
/// instead of two stable sorts of the whole, large, structure.
template <typename Scored>
void best_first(std::vector<Scored>& ranked) {
  std::vector<std::size_t> order(ranked.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return ranked[a].c.confidence > ranked[b].c.confidence;
  });
  std::vector<Scored> sorted;
  sorted.reserve(ranked.size());
  for (std::size_t i : order) sorted.push_back(std::move(ranked[i]));
  ranked = std::move(sorted);
}

/// The entry type a question's wording asks for, if any: agents ask for
/// scripts with 怎么说, for procedures with 步骤 or 流程, for rules with 要求.
std::string wanted_type(std::string_view question) {
  static const std::pair<const char*, const char*> kCues[] = {
      {"怎么说", "script"},      {"怎么回", "script"},     {"说什么", "script"},   {"话术", "script"},
      {"开场白", "script"},      {"结束语", "script"},     {"怎么表达", "script"}, {"怎么问", "script"},
      {"跟客户说", "script"},    {"跟客户解释", "script"}, {"步骤", "procedure"},  {"流程", "procedure"},
      {"怎么处理", "procedure"}, {"怎么做", "procedure"},  {"要求", "rule"},       {"规范", "rule"},
      {"禁忌", "rule"},          {"准则", "rule"}};
  std::string q = normalize_text(question);
  for (const auto& [cue, type] : kCues)
    if (q.find(cue) != std::string::npos) return type;
  return {};
}

}  // namespace

std::vector<Engine::Impl::Scored> Engine::Impl::rank(const TermWeights& q,
                                                     const std::string& type_wanted) const {
  const double q_total = total_weight(q);
  Xapian::Enquire enquire(db_);
  enquire.set_query(build_query(q, {}, 0, config_.elite_subqueries));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(config_.candidates));
  auto matching_of = matching_terms(enquire, mset, q);
  std::unordered_map<std::string, double> known_idf;  // looked up for every word of every phrasing
  for (const auto& slot : q)
    for (const auto& term : slot.terms) known_idf.emplace(term, idf(term));

  std::vector<Scored> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Scored s;
    s.data = decode_stored(it.get_document().get_data());
    score_phrasings(s, q, q_total, known_idf);
    score_coverage(s, q, q_total, matching_of[*it]);
    s.bm25 = it.get_weight();
    const double share = config_.phrasing_share;
    double conf = share * s.best_phrasing_score + (1 - share) * s.coverage;
    if (!type_wanted.empty() && s.data.type == type_wanted)
      conf = std::min(1.0, conf + config_.type_cue_bonus);
    s.c = {s.data.id, s.data.title, s.data.type, conf};
    ranked.push_back(std::move(s));
  }
  best_first(ranked);
  return ranked;
}

void Engine::Impl::score_phrasings(Scored& s, const TermWeights& q, double q_total,
                                   const std::unordered_map<std::string, double>& known_idf) const {
  const StoredEntry& data = s.data;
  std::vector<std::string> phrasings = {data.title};
  for (const auto& p : data.questions) phrasings.push_back(p);
  if (!data.situation.empty()) phrasings.push_back(data.situation);
  double second = 0;
  for (const auto& p : phrasings) {
    double sim = phrasing_similarity(q, q_total, weigh_phrasing(p, known_idf));
    if (sim > s.best_phrasing_score) {
      second = s.best_phrasing_score;
      s.best_phrasing_score = sim;
      s.best_phrasing = p;
    } else {
      second = std::max(second, sim);
    }
  }
  // A second phrasing that also fits is more evidence: it closes part of the gap to 1.
  s.best_phrasing_score += config_.second_phrasing_share * second * (1 - s.best_phrasing_score);
}

void Engine::Impl::score_coverage(Scored& s, const TermWeights& q, double q_total,
                                  const std::unordered_set<std::string>& matching) {
  double anywhere = 0;
  s.matched.assign(q.size(), false);
  s.matched_phrasing.assign(q.size(), false);
  for (std::size_t k = 0; k < q.size(); ++k)
    for (const auto& term : q[k].terms) {
      if (matching.count(term)) s.matched[k] = true;
      if (matching.count(schema::kQuestionPrefix + term)) s.matched[k] = s.matched_phrasing[k] = true;
    }
  for (std::size_t k = 0; k < q.size(); ++k)
    if (s.matched[k]) anywhere += q[k].weight;
  s.coverage = q_total > 0 ? anywhere / q_total : 0;
}

void Engine::Impl::distinguish(std::vector<Scored>& ranked, const TermWeights& q) const {
  const double q_total = total_weight(q);
  if (ranked.size() < 2 || q_total <= 0) return;
  // Only close candidates: a clear winner needs no tie-break, and comparing
  // every pair would let a long entry's stray words decide.
  const std::size_t n = std::min<std::size_t>(ranked.size(), 3);
  std::vector<double> penalty(n, 0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b || ranked[a].c.confidence - ranked[b].c.confidence > config_.ambiguity_margin ||
          ranked[b].c.confidence - ranked[a].c.confidence > config_.ambiguity_margin)
        continue;
      double only_a = 0, only_b = 0;
      for (std::size_t k = 0; k < q.size(); ++k) {
        if (ranked[a].matched_phrasing[k] && !ranked[b].matched[k]) only_a += q[k].weight;
        if (ranked[b].matched_phrasing[k] && !ranked[a].matched[k]) only_b += q[k].weight;
      }
      // b lacks something the question says and a's phrasings say, and has
      // nothing of the question that a lacks: 花呗 against 借呗.
      if (only_b == 0 && only_a / q_total >= config_.distinguish_min_share)
        penalty[b] = std::max(penalty[b], only_a / q_total);
    }
  for (std::size_t i = 0; i < n; ++i)
    ranked[i].c.confidence *= 1 - std::min(1.0, config_.distinguish_penalty * penalty[i]);
  best_first(ranked);
}

AnswerResult Engine::Impl::ask(std::string_view full_question, const AskContext& context) const {
  const std::string_view question = utf8_prefix(full_question, config_.max_question_chars);
  AnswerResult r;
  explain_question(question, question.size() < full_question.size(), r.explanation);
  const HumanRequest human = human_request(question);
  if (human == HumanRequest::Now) {
    r.reason = Reason::AskedForHuman;
    return r;
  }
  if (std::string key = small_talk(question); !key.empty()) {
    answer_small_talk(std::move(key), r);
    return r;
  }
  const TermWeights q = weigh(question);
  explain_terms(q, r.explanation);
  if (q.empty()) {
    r.reason = Reason::Empty;
    return r;
  }
  std::vector<Scored> ranked = candidates_for(question, q);
  const Repeat repeat = repeats_unhelpful_question(question, context, ranked, r.explanation);
  // "Asked again" never overrides a confident match: a question that now
  // matches one entry clearly is answered. Only a repeat that would not be
  // answered either goes to a person straight away.
  if (repeat != Repeat::No && !answers(ranked)) {
    r.reason = Reason::Repeated;
    r.confidence = ranked.empty() ? 0 : ranked[0].c.confidence;
    return r;
  }
  explain_candidates(ranked, q, r);
  decide(ranked, q, r);
  // The same answer again after it did not help: shown, with a person offered beside it.
  if (human == HumanRequest::WithAnswer || (repeat == Repeat::AfterAnswer && r.decision == Decision::Answer))
    offer_human_with(r);
  return r;
}

void Engine::Impl::offer_human_with(AnswerResult& r) {
  // 我要投诉你们，怎么弄: the way to complain, and a person in the same reply.
  // Without an answer to show, the request for a person is all there is.
  if (r.decision == Decision::Answer && r.answer) {
    r.offer_human = true;
    return;
  }
  r.decision = Decision::Escalate;
  r.reason = Reason::AskedForHuman;
  r.suggestions.clear();
}

void Engine::Impl::explain_question(std::string_view question, bool truncated, Explanation& e) const {
  e.normalized = utf8_encode(synonyms_.apply(utf8_decode(normalize_text(question))));
  e.thresholds = config_;
  if (truncated) e.truncated_to_chars = config_.max_question_chars;
}

void Engine::Impl::answer_small_talk(std::string key, AnswerResult& r) {
  // The words of the reply are the widget's, in its UI language (web/i18n).
  r.decision = Decision::Answer;
  r.reason = Reason::SmallTalk;
  r.confidence = 1;
  r.small_talk = std::move(key);
}

void Engine::Impl::explain_terms(const TermWeights& q, Explanation& e) {
  for (const auto& slot : q) {
    std::string key;
    for (const auto& t : slot.terms) key += (key.empty() ? "" : "|") + t;
    e.terms[key] = std::round(slot.weight * 100) / 100;
  }
}

std::vector<Engine::Impl::Scored> Engine::Impl::candidates_for(std::string_view question,
                                                               const TermWeights& q) const {
  auto ranked = rank(q, wanted_type(question));
  distinguish(ranked, q);
  return ranked;
}

Engine::Impl::Repeat Engine::Impl::repeats_unhelpful_question(std::string_view question,
                                                              const AskContext& context,
                                                              const std::vector<Scored>& ranked,
                                                              Explanation& e) const {
  const std::string_view previous = utf8_prefix(context.previous_question, config_.max_question_chars);
  if (!context.previous_unhelpful || previous.empty()) return Repeat::No;
  // Asked again after no real answer: the same words, or words that lead to
  // the same best entry as before. Offering that entry a second time would not help.
  bool same_words = question_key(previous) == question_key(question);
  auto before = candidates_for(previous, weigh(previous));
  bool same_entry = !ranked.empty() && !before.empty() && ranked[0].c.id == before[0].c.id &&
                    ranked[0].c.confidence >= config_.suggest_min;
  bool repeat = same_words || same_entry;
  e.repeat_of_previous = repeat;
  if (!repeat) return Repeat::No;
  return answers(before) ? Repeat::AfterAnswer : Repeat::AfterNoAnswer;
}

bool Engine::Impl::answers(const std::vector<Scored>& ranked) const {
  return !ranked.empty() && ranked[0].c.confidence >= config_.suggest_min &&
         clear_lead(ranked[0].c.confidence, ranked.size() > 1 ? ranked[1].c.confidence : 0);
}

void Engine::Impl::explain_candidates(const std::vector<Scored>& ranked, const TermWeights& q,
                                      AnswerResult& r) const {
  auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) {
    const auto& s = ranked[i];
    r.candidates.push_back(s.c);
    double heaviest = 0, missing = 0;
    for (std::size_t k = 0; k < q.size(); ++k) {
      heaviest = std::max(heaviest, q[k].weight);
      if (!s.matched[k]) missing = std::max(missing, q[k].weight);
    }
    r.explanation.candidates.push_back({s.c.id, round3(s.c.confidence), s.best_phrasing,
                                        round3(s.best_phrasing_score), round3(s.coverage),
                                        heaviest > 0 ? missing / heaviest : 0, round3(s.bm25)});
  }
}

bool Engine::Impl::clear_lead(double best, double runner_up) const {
  const double lead = best - runner_up;
  return (best >= config_.answer_min && lead >= config_.ambiguity_margin) ||
         (best >= config_.strong_match_min && lead >= config_.strong_match_margin) ||
         (best >= config_.clear_winner_min && runner_up <= config_.clear_winner_ratio * best);
}

void Engine::Impl::decide(std::vector<Scored>& ranked, const TermWeights& q, AnswerResult& r) const {
  r.confidence = ranked.empty() ? 0 : ranked[0].c.confidence;
  if (ranked.empty() || r.confidence < config_.suggest_min) {
    r.reason = Reason::NoMatch;
    return;
  }
  if (answers(ranked)) {
    r.decision = Decision::Answer;
    r.reason = Reason::Match;
    r.answer = std::move(ranked[0].data);
    return;
  }
  // A suggestion must hold a word of the question that says something: one
  // that shares only 怎么样, 今天 or lone characters with 今天北京天气怎么样 is
  // unrelated, and offering it hides that the bot cannot answer.
  for (const auto& s : ranked) {
    if (r.suggestions.size() >= config_.max_suggestions || s.c.confidence < config_.suggest_min) break;
    if (shares_meaningful_word(s, q)) r.suggestions.push_back(s.c);
  }
  if (r.suggestions.empty()) {
    r.reason = Reason::NoMatch;
    return;
  }
  r.decision = Decision::Suggest;
  r.reason = r.confidence >= config_.answer_min ? Reason::Ambiguous : Reason::WeakMatch;
}

bool Engine::Impl::shares_meaningful_word(const Scored& s, const TermWeights& q) const {
  for (std::size_t k = 0; k < q.size(); ++k)
    if (s.matched[k] && q[k].meaning >= config_.meaningful_word_min) return true;
  return false;
}

std::string Engine::Impl::spelling_correction(std::string_view query) const {
  std::u32string cps = utf8_decode(query);
  std::u32string out;
  std::size_t last = 0;
  bool changed = false;
  for (const Word& w : latin_words(cps)) {
    bool letters = std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (w.text.size() < 3 || w.text.size() > kMaxWordChars || !letters) continue;
    auto known = analyze(w.text, 1, &synonyms_);
    if (std::any_of(known.begin(), known.end(), [&](const Token& t) { return db_.term_exists(t.term); }))
      continue;
    std::string fix = db_.get_spelling_suggestion(w.text, 2);
    if (fix.empty() || fix == w.text) continue;
    out += cps.substr(last, w.begin - last);
    out += utf8_decode(fix);
    last = w.end;
    changed = true;
  }
  if (!changed) return {};
  out += cps.substr(last);
  return utf8_encode(out);
}

namespace {

/// A facet of search, and the filter it applies when the caller chose a value.
struct Facet {
  const char* name;
  Xapian::valueno slot;
  std::string term;  // the filter term, empty when not filtering
};
using Facets = std::array<Facet, 3>;

Facets facets_of(const SearchOptions& options) {
  return {{
      {"type", schema::kSlotType, options.type.empty() ? "" : schema::kTypePrefix + options.type},
      {"category", schema::kSlotCategory,
       options.category.empty() ? "" : schema::kCategoryPrefix + normalize_text(options.category)},
      {"channel", schema::kSlotChannel,
       options.channel.empty() ? "" : schema::kChannelPrefix + normalize_text(options.channel)},
  }};
}

/// `base` with the filter of every facet but `skip`.
Xapian::Query filtered(const Xapian::Query& base, const Facets& facets, const Facet* skip) {
  std::vector<Xapian::Query> filters;
  for (const auto& f : facets)
    if (&f != skip && !f.term.empty()) filters.emplace_back(f.term);
  if (filters.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_FILTER, base,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

/// `q`, ready to run; when browsing, in the order of kb-content/.
Xapian::Enquire enquire_for(const Xapian::Database& db, const Xapian::Query& q, bool browse) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  if (browse) {
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  }
  return enquire;
}

void add_counts(const Facet& f, const Xapian::ValueCountMatchSpy& spy, SearchResult& out) {
  auto& counts = out.facets[f.name];
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] = it.get_termfreq();
}

/// A facet the caller filters on is counted now, by `base` without its own
/// filter, into `out`. The others are counted by the main query's match:
/// their spies, attached to `main`, are returned in the facets' order, to be
/// read once it has run.
std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> count_facets(const Xapian::Database& db,
                                                                      const Xapian::Query& base,
                                                                      const Facets& facets, bool browse,
                                                                      Xapian::Enquire& main,
                                                                      SearchResult& out) {
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (const auto& f : facets) {
    auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(f.slot);
    if (f.term.empty()) {
      main.add_matchspy(spy.get());
      spies.push_back(std::move(spy));
      continue;
    }
    Xapian::Enquire other = enquire_for(db, filtered(base, facets, &f), browse);
    other.add_matchspy(spy.get());
    other.get_mset(0, 0, db.get_doccount());
    add_counts(f, *spy, out);
  }
  return spies;
}

/// A search result: the entry's fields, its score, and the query's words marked.
Hit hit_of(const Xapian::MSetIterator& it, const Highlighter& highlighter) {
  StoredEntry data = decode_stored(it.get_document().get_data());
  Hit hit;
  hit.id = data.id;
  hit.title = data.title;
  hit.type = data.type;
  hit.category = data.category;
  hit.channel = data.channel;
  hit.snippet_marks = highlighter.snippet(data.text);
  for (const auto& seg : hit.snippet_marks) hit.snippet += seg.text;
  hit.score = std::round(it.get_weight() * 1000) / 1000;
  hit.title_marks = highlighter.segments(data.title);
  return hit;
}

}  // namespace

SearchResult Engine::Impl::search(std::string_view full_query, const SearchOptions& options) const {
  SearchResult out;
  const std::string_view query = utf8_prefix(full_query, config_.max_question_chars);
  const TermWeights terms = weigh(query);
  const bool browse = terms.empty();
  if (browse && !options.all_if_empty) return out;
  const Xapian::Query base = browse ? Xapian::Query::MatchAll : search_query(query, terms);
  // The hits that hold a key word are counted, faceted and listed first; the
  // others after them. Filters add no weight: each hit keeps its score in `base`.
  const Xapian::Query key = browse ? Xapian::Query() : key_words_query(terms);
  const bool none_relevant = !browse && key.empty();
  const Xapian::Query relevant =
      browse || none_relevant ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, key);
  const Facets facets = facets_of(options);
  const Xapian::doccount all = db_.get_doccount();
  Xapian::MSet first;
  if (!none_relevant) {
    Xapian::Enquire enquire = enquire_for(db_, filtered(relevant, facets, nullptr), browse);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (options.facets) spies = count_facets(db_, relevant, facets, browse, enquire, out);
    first = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                             static_cast<Xapian::doccount>(options.limit), all);
    std::size_t k = 0;
    for (const auto& f : facets)
      if (options.facets && f.term.empty()) add_counts(f, *spies[k++], out);
    out.relevant = first.get_matches_estimated();
  }
  if (options.facets) {
    for (const auto& f : facets) out.facets[f.name];  // every facet, if only with no value
    out.has_facets = true;
  }
  const Highlighter highlighter(query);
  for (auto it = first.begin(); it != first.end(); ++it) {
    out.hits.push_back(hit_of(it, highlighter));
    out.hits.back().relevant = true;
  }
  out.total = out.relevant;
  if (!browse) {
    // The others: their count, and what is left of this page after the relevant hits.
    const Xapian::Query rest = none_relevant ? base : Xapian::Query(Xapian::Query::OP_AND_NOT, base, key);
    const std::size_t skip = options.offset > out.relevant ? options.offset - out.relevant : 0;
    const std::size_t room = options.limit - std::min<std::size_t>(options.limit, first.size());
    Xapian::MSet others =
        enquire_for(db_, filtered(rest, facets, nullptr), browse)
            .get_mset(static_cast<Xapian::doccount>(skip), static_cast<Xapian::doccount>(room), all);
    out.total += others.get_matches_estimated();
    for (auto it = others.begin(); it != others.end(); ++it) out.hits.push_back(hit_of(it, highlighter));
  }
  // The widget's index has no spelling table to suggest from.
  if (!browse && !widget_shape_) out.did_you_mean = spelling_correction(query);
  return out;
}

Xapian::Query Engine::Impl::key_words_query(const TermWeights& terms) const {
  double heaviest = 0;
  for (const auto& slot : terms)
    if (slot.meaning >= config_.meaningful_word_min) heaviest = std::max(heaviest, slot.weight);
  std::vector<Xapian::Query> words;
  for (const auto& slot : terms) {
    if (slot.meaning < config_.meaningful_word_min || slot.weight < config_.key_word_share * heaviest)
      continue;
    for (const auto& term : slot.terms) {
      words.emplace_back(term);
      words.emplace_back(schema::kQuestionPrefix + term);
    }
  }
  if (words.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

Xapian::Query Engine::Impl::search_query(std::string_view query, const TermWeights& terms) const {
  return build_query(terms, phrase_pairs(analyze(query, 1, &synonyms_, &lexicon_)), config_.phrase_boost,
                     config_.elite_subqueries);
}

std::optional<StoredEntry> Engine::Impl::get(const std::string& id) const {
  auto pl = db_.postlist_begin(schema::kIdPrefix + id);
  if (pl == db_.postlist_end(schema::kIdPrefix + id)) return std::nullopt;
  return decode_stored(db_.get_document(*pl).get_data());
}

namespace {

/// Runs `f`, turning Xapian's errors into IndexError: Xapian's errors are not
/// std::exceptions, and callers of the engine need not know Xapian.
template <typename F>
auto index_errors_translated(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw IndexError(e.get_description());
  }
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Engine Engine::open_path(const std::string& path, DecisionConfig config) {
  return index_errors_translated(
      [&] { return Engine(std::make_unique<Impl>(Xapian::Database(path), config)); });
}

Engine Engine::open_fd(int fd, DecisionConfig config) {
  return index_errors_translated(
      [&] { return Engine(std::make_unique<Impl>(Xapian::Database(fd), config)); });
}

AnswerResult Engine::ask(std::string_view question, const AskContext& context) const {
  return index_errors_translated([&] { return impl_->ask(question, context); });
}

SearchResult Engine::search(std::string_view query, const SearchOptions& options) const {
  return index_errors_translated([&] { return impl_->search(query, options); });
}

std::optional<StoredEntry> Engine::get(const std::string& id) const {
  return index_errors_translated([&] { return impl_->get(id); });
}

std::size_t Engine::size() const { return impl_->size(); }
const DecisionConfig& Engine::config() const { return impl_->config(); }
const Lexicon& Engine::lexicon() const { return impl_->lexicon(); }

}  // namespace kb
