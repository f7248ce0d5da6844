#pragma once
// The knowledge base's own words, chosen at build time: the words of a
// general dictionary that its entries use, the terms it coins itself, and
// English glosses of them. Stored in each index, so the browser carries only
// the vocabulary of the entries it can answer with.
#include <vector>

#include "kb/entry.hpp"
#include "kb/lexicon.hpp"
#include "kb/synonyms.hpp"

namespace cli {

kb::Lexicon vocabulary(const std::vector<const kb::Entry*>& entries, const kb::Synonyms& synonyms);

}  // namespace cli
