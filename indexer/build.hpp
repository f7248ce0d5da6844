#pragma once
// Building the indexes: for kb-indexer build, watch, check and eval.
#include <vector>

#include "cli.hpp"
#include "kb/entry.hpp"
#include "kb/synonyms.hpp"
#include "kb/schema.hpp"

namespace cli {

/// Loads, validates and builds `content_dir` into `out` (out/public and
/// out/internal, atomically and incrementally); prints issues and a summary.
/// Returns the exit code: 0, or 1 when the content has errors.
int build_once(const fs::path& content_dir, const fs::path& out);

/// Writes an index of exactly `entries` into `dir`, laid out as `build` lays
/// out DIR/public (manifest.json and one database file), so `open_engine(dir)`
/// reads it. From scratch, without the build cache: for check and eval.
void build_index(const std::vector<const kb::Entry*>& entries, const kb::Synonyms& synonyms, const fs::path& dir,
                 kb::schema::Shape shape);

/// The shape of an audience's index: the widget reads the public one, the console the internal one.
kb::schema::Shape shape_for(const std::string& audience);

}  // namespace cli
