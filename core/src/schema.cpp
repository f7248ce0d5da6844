#include "kb/schema.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "kb/text.hpp"

namespace kb::schema {

StoredEntry stored_entry(const Entry& e, Shape shape) {
  StoredEntry s;
  s.id = e.id;
  s.type = e.type;
  s.title = e.title;
  s.audience = e.audience;
  s.category = e.category;
  s.channel = e.channel;
  s.situation = e.situation;
  if (shape == Shape::Full || e.html.empty()) s.text = e.body;
  s.html = e.html;
  s.tags = e.tags;
  s.questions = e.questions;
  s.related = e.related;
  return s;
}

namespace {

unsigned index_field(Xapian::Document& doc, const std::string& text, unsigned pos, Xapian::termcount wdf,
                     bool question_field, const Synonyms& synonyms, const Lexicon& lexicon) {
  unsigned last = pos;
  for (const auto& t : analyze(text, pos, &synonyms, &lexicon)) {
    doc.add_posting(t.term, t.position, wdf);
    if (question_field)
      doc.add_term(kQuestionPrefix + t.term, wdf);  // no positions: Q terms are never in phrases
    last = t.position;
  }
  return last + kFieldGap;
}

/// The document for `e`, whose stored data is `data` (stored_entry(e)).
Xapian::Document make_document(const Entry& e, const StoredEntry& data, const Synonyms& synonyms,
                               const Lexicon& lexicon) {
  Xapian::Document doc;
  doc.set_data(encode_stored(data));
  doc.add_boolean_term(kIdPrefix + e.id);
  doc.add_boolean_term(kTypePrefix + e.type);
  doc.add_boolean_term(kAudiencePrefix + e.audience);
  doc.add_boolean_term(kCategoryPrefix + normalize_text(e.category));
  doc.add_value(kSlotType, e.type);
  doc.add_value(kSlotCategory, e.category);
  if (!e.channel.empty()) {
    doc.add_boolean_term(kChannelPrefix + normalize_text(e.channel));
    doc.add_value(kSlotChannel, e.channel);
  }

  unsigned pos = index_field(doc, e.title, 1, kTitleWdf, true, synonyms, lexicon);
  for (const auto& q : e.questions) pos = index_field(doc, q, pos, kTitleWdf, true, synonyms, lexicon);
  for (const auto& t : e.tags) pos = index_field(doc, t, pos, kBodyWdf, false, synonyms, lexicon);
  pos = index_field(doc, e.category, pos, kBodyWdf, false, synonyms, lexicon);
  if (!e.situation.empty()) pos = index_field(doc, e.situation, pos, kTitleWdf, true, synonyms, lexicon);
  index_field(doc, e.body, pos, kBodyWdf, false, synonyms, lexicon);
  return doc;
}

/// The knowledge base's own words that the entry's text holds, as analysed.
std::string words_of(const Entry& e, const Synonyms& synonyms, const Lexicon& lexicon) {
  return lexicon.own_words_in(synonyms.apply(utf8_decode(normalize_text(e.text()))));
}

}  // namespace

Xapian::Document make_document(const Entry& e, const Synonyms& synonyms, const Lexicon& lexicon) {
  return make_document(e, stored_entry(e), synonyms, lexicon);
}

std::vector<std::string> spelling_words(const StoredEntry& data) {
  std::string all;
  for (const std::string* field : {&data.title, &data.category, &data.situation, &data.text}) all += *field + "\n";
  for (const auto* list : {&data.questions, &data.tags})
    for (const auto& v : *list) all += v + "\n";
  std::vector<std::string> words;
  for (const Word& w : latin_words(utf8_decode(all))) {
    bool letters = std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (w.text.size() >= 3 && w.text.size() <= kMaxWordChars && letters) words.push_back(w.text);
  }
  return words;
}

namespace {

std::string shape_name(Shape shape) { return shape == Shape::Widget ? kWidgetShape : ""; }

}  // namespace

bool needs_rebuild(const Xapian::Database& db, const Synonyms& synonyms, Shape shape) {
  return db.get_metadata(kFormatKey) != std::to_string(kFormatVersion) ||
         db.get_metadata(kSynonymsKey) != synonyms.source() || db.get_metadata(kShapeKey) != shape_name(shape);
}

UpdateStats update_database(Xapian::WritableDatabase& db, const std::vector<const Entry*>& entries,
                            const std::vector<std::string>& source_hashes, const Synonyms& synonyms,
                            const Lexicon& lexicon, Shape shape,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
  if (entries.size() != source_hashes.size()) throw std::invalid_argument("one source hash per entry");
  UpdateStats stats;
  db.set_metadata(kFormatKey, std::to_string(kFormatVersion));
  db.set_metadata(kSynonymsKey, synonyms.source());
  db.set_metadata(kLexiconKey, lexicon.serialize());
  db.set_metadata(kShapeKey, shape_name(shape));
  const bool spelling = shape == Shape::Full;
  std::set<std::string> wanted;
  for (const Entry* e : entries) wanted.insert(e->id);
  // Entries that are gone: their documents and their words in the spelling table.
  std::vector<std::string> gone;
  for (auto it = db.allterms_begin(kIdPrefix); it != db.allterms_end(kIdPrefix); ++it) {
    std::string id = (*it).substr(std::string(kIdPrefix).size());
    if (!wanted.count(id)) gone.push_back(id);
  }
  auto forget = [&](const std::string& id) {
    auto pl = db.postlist_begin(kIdPrefix + id);
    if (pl == db.postlist_end(kIdPrefix + id)) return false;
    if (spelling)
      for (const auto& w : spelling_words(decode_stored(db.get_document(*pl).get_data()))) db.remove_spelling(w);
    return true;
  };
  for (const auto& id : gone) {
    forget(id);
    db.delete_document(kIdPrefix + id);
    ++stats.removed;
  }
  // A fresh database needs no lookups; on a WritableDatabase with pending
  // changes each lookup is costly.
  const bool fresh = db.get_doccount() == 0;
  // Xapian buffers changes until a commit (by default every 10,000 documents).
  // Its in-memory inverter slows down as it grows: committing every 500
  // documents builds a 10,000-entry knowledge base in about half the time.
  constexpr std::size_t kCommitEvery = 500;
  std::size_t written = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = *entries[i];
    Xapian::PostingIterator pl;
    bool exists = false;
    if (!fresh) {
      pl = db.postlist_begin(kIdPrefix + e.id);
      exists = pl != db.postlist_end(kIdPrefix + e.id);
    }
    // An entry's terms depend on its source and on the lexicon's words that its
    // text holds, nothing else: a word added for another entry leaves it as it is.
    const std::string hash = source_hashes[i] + ":" + fnv1a64(words_of(e, synonyms, lexicon));
    if (exists && db.get_document(*pl).get_value(kSlotSourceHash) == hash) {
      ++stats.unchanged;
    } else {
      if (exists) forget(e.id);
      const StoredEntry data = stored_entry(e, shape);  // once: stored, and read for the spelling table
      Xapian::Document doc = make_document(e, data, synonyms, lexicon);
      doc.add_value(kSlotSourceHash, hash);
      if (fresh)
        db.add_document(doc);
      else
        db.replace_document(kIdPrefix + e.id, doc);
      if (spelling)
        for (const auto& w : spelling_words(data)) db.add_spelling(w);
      ++(exists ? stats.changed : stats.added);
      if (++written % kCommitEvery == 0) db.commit();
    }
    if (progress) progress(i + 1, entries.size());
  }
  return stats;
}

std::uintmax_t compact_to_file(const std::string& db_dir, const std::string& out_file, Shape shape,
                               int block_size) {
  std::string from = db_dir;
  std::string trimmed;
  if (shape == Shape::Widget) {
    // Xapian compacts every table it finds; a table that is absent stays
    // absent. So compact once into a folder, drop the tables the widget does
    // not read, and compact that into the single file.
    trimmed = out_file + ".tables";
    std::filesystem::remove_all(trimmed);
    Xapian::Database(db_dir).compact(trimmed, 0, block_size);
    for (const char* table : {"termlist", "position", "spelling"})
      std::filesystem::remove(std::filesystem::path(trimmed) / (std::string(table) + ".glass"));
    from = trimmed;
  }
  Xapian::Database(from).compact(out_file, Xapian::DBCOMPACT_SINGLE_FILE, block_size);
  if (!trimmed.empty()) std::filesystem::remove_all(trimmed);
  struct stat st {};
  if (::stat(out_file.c_str(), &st) != 0) throw std::runtime_error("compacted database missing: " + out_file);
  return static_cast<std::uintmax_t>(st.st_size);
}

std::uintmax_t build_database(const std::vector<const Entry*>& entries, const Synonyms& synonyms,
                              const Lexicon& lexicon, const std::string& scratch_dir, const std::string& out_file,
                              Shape shape, int block_size) {
  {
    Xapian::WritableDatabase db(scratch_dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    std::vector<std::string> hashes;
    for (const Entry* e : entries) hashes.push_back(fnv1a64(encode_stored(stored_entry(*e))));
    update_database(db, entries, hashes, synonyms, lexicon, shape);
    db.commit();
  }
  return compact_to_file(scratch_dir, out_file, shape, block_size);
}

}  // namespace kb::schema
