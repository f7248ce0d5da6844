// libFuzzer target: text normalisation and analysis (core/src/text.cpp,
// core/src/synonyms.cpp), which every entry and every question goes through.
// Besides crashes and sanitizer findings, it checks the promises the index
// and the query side rely on.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "kb/entry.hpp"
#include "kb/synonyms.hpp"
#include "kb/text.hpp"

namespace {

const kb::Synonyms& synonyms() {
  static const kb::Synonyms s = [] {
    std::vector<kb::ContentIssue> issues;
    return kb::Synonyms::parse("收费 要钱 付费\n电话 热线 hotline\n人工 真人 转人工\n", "synonyms.txt",
                               issues);
  }();
  return s;
}

bool valid_utf8(std::string_view s) { return kb::utf8_encode(kb::utf8_decode(s)) == s; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  std::string normal = kb::normalize_text(text);
  KB_FUZZ_CHECK(valid_utf8(normal));
  KB_FUZZ_CHECK(kb::normalize_text(normal) == normal);  // index and query fold alike, once is enough

  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
    std::string_view cut = kb::utf8_prefix(text, max);
    KB_FUZZ_CHECK(text.substr(0, cut.size()) == cut);
    KB_FUZZ_CHECK(kb::utf8_decode(cut).size() <= max);
  }

  unsigned last = 0;
  for (const kb::Token& t : kb::analyze(text, 1, &synonyms())) {
    KB_FUZZ_CHECK(!t.term.empty());
    KB_FUZZ_CHECK(t.term.size() <= 245);  // Xapian refuses longer terms: the build would fail
    KB_FUZZ_CHECK(valid_utf8(t.term));
    KB_FUZZ_CHECK(t.position >= last);
    KB_FUZZ_CHECK(t.weight > 0 && t.weight <= 1);
    last = t.position;
  }

  std::string key = kb::question_key(text);
  KB_FUZZ_CHECK(kb::question_key(key) == key);
  std::u32string decoded = kb::utf8_decode(text);
  for (const kb::Word& w : kb::latin_words(decoded))
    KB_FUZZ_CHECK(w.begin < w.end && w.end <= decoded.size());
  kb::has_traditional(text);
  return 0;
}
