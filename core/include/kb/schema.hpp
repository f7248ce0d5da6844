#pragma once
// How an entry is laid out in a Xapian document. Index and query code both
// read these names, so the two can never drift apart.
#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "kb/constants.hpp"
#include "kb/entry.hpp"
#include "kb/lexicon.hpp"
#include "kb/stored.hpp"
#include "kb/synonyms.hpp"

namespace kb::schema {

/// Bumped whenever the layout below changes; the engine refuses other versions.
/// It is `indexFormat` in core/constants.json, which web/kb-engine-api.js checks too.
inline constexpr int kFormatVersion = constants::kIndexFormat;
inline constexpr const char* kFormatKey = "kb:format";  // database metadata key

inline constexpr const char* kIdPrefix = "XID";
inline constexpr const char* kTypePrefix = "XT";
inline constexpr const char* kAudiencePrefix = "XA";
inline constexpr const char* kCategoryPrefix = "XC";
inline constexpr const char* kChannelPrefix = "XCH";
/// Terms from the title and question phrasings, besides their plain copies.
inline constexpr const char* kQuestionPrefix = "Q";

inline constexpr Xapian::valueno kSlotType = 0;
inline constexpr Xapian::valueno kSlotCategory = 1;
inline constexpr Xapian::valueno kSlotChannel = 2;  // empty for entries without a channel
/// The hash of the entry's source, so a rebuild can skip entries that did not change.
inline constexpr Xapian::valueno kSlotSourceHash = 3;

/// The Latin words of every field also go to the spelling table, for "did you mean".
/// Title and phrasings say what an entry answers, so they count more than body text.
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kBodyWdf = 1;
/// Position gap between fields so phrases never span two fields.
inline constexpr unsigned kFieldGap = 100;

/// What an index carries. The console's index has everything. The widget's
/// (public) index carries only what the widget reads: no positions (its
/// search ranks pairs of words by co-occurrence instead of adjacency), no
/// termlists (answers look the question's terms up in their postings), no
/// spelling table (no "did you mean") and no Markdown text beside the HTML.
enum class Shape { Full, Widget };
inline constexpr const char* kShapeKey = "kb:shape";  // metadata: "widget" or absent
inline constexpr const char* kWidgetShape = "widget";

/// The entry as stored in the document data (what `get` and answers return).
StoredEntry stored_entry(const Entry& entry, Shape shape = Shape::Full);

inline constexpr const char* kSynonymsKey = "kb:synonyms";  // the synonym groups the index was built with

/// The knowledge base's own words and English glossary (Lexicon::serialize()),
/// which the engine segments questions with.
inline constexpr const char* kLexiconKey = "kb:lexicon";

Xapian::Document make_document(const Entry& entry, const Synonyms& synonyms, const Lexicon& lexicon);

/// The Latin words (3+ letters) of an entry as stored in its document data,
/// for the spelling table. Adding and removing an entry use the same list.
std::vector<std::string> spelling_words(const StoredEntry& data);

struct UpdateStats {
  std::size_t added = 0, changed = 0, removed = 0, unchanged = 0;
};

/// Brings `db` to exactly `entries`: writes those whose `source_hashes` differ
/// from the stored ones, deletes entries that are gone, keeps the rest, and
/// keeps the spelling table in step. `progress(done, total)` is called as it goes.
/// The caller commits. A database whose format or synonyms differ must be
/// rebuilt from empty: see `needs_rebuild`.
UpdateStats update_database(Xapian::WritableDatabase& db, const std::vector<const Entry*>& entries,
                            const std::vector<std::string>& source_hashes, const Synonyms& synonyms,
                            const Lexicon& lexicon, Shape shape = Shape::Full,
                            const std::function<void(std::size_t, std::size_t)>& progress = {});

/// True when `db` was written with another format or other synonyms. (Another
/// lexicon rewrites only the entries that hold a word it adds or drops.)
bool needs_rebuild(const Xapian::Database& db, const Synonyms& synonyms, Shape shape = Shape::Full);

/// Compacts `db_dir` into the single read-only file `out_file`; returns its
/// size. The widget's shape leaves the positions, termlists and spelling
/// table out.
std::uintmax_t compact_to_file(const std::string& db_dir, const std::string& out_file, Shape shape = Shape::Full,
                               int block_size = 2048);

/// Writes `entries` into a fresh database in `scratch_dir`, then compacts it
/// into the single read-only file `out_file`. Returns the file's size.
std::uintmax_t build_database(const std::vector<const Entry*>& entries, const Synonyms& synonyms,
                              const Lexicon& lexicon, const std::string& scratch_dir, const std::string& out_file,
                              Shape shape = Shape::Full, int block_size = 2048);

}  // namespace kb::schema
