#include "kb/pinyin.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace kb {

namespace {

struct PinyinEntry {
  std::uint16_t cp;
  std::uint16_t syllable;
};

#include "pinyin_table.inc"

}  // namespace

std::vector<std::string_view> pinyin_readings(char32_t cp) {
  std::vector<std::string_view> out;
  if (cp > 0xFFFF) return out;
  auto range = std::equal_range(std::begin(kPinyin), std::end(kPinyin), PinyinEntry{static_cast<std::uint16_t>(cp), 0},
                                [](const PinyinEntry& a, const PinyinEntry& b) { return a.cp < b.cp; });
  for (auto it = range.first; it != range.second; ++it) out.push_back(kSyllables[it->syllable]);
  return out;
}

std::vector<std::string> pinyin_keys(std::u32string_view chars, std::size_t max) {
  std::vector<std::vector<std::string_view>> readings;
  for (char32_t cp : chars) {
    readings.push_back(pinyin_readings(cp));
    if (readings.back().empty()) return {};
  }
  std::vector<std::string> keys;
  if (readings.empty()) return keys;
  // Odometer over the readings, the last character turning fastest, so the
  // first key is every character's most common reading.
  std::vector<std::size_t> pick(readings.size(), 0);
  while (keys.size() < max) {
    std::string key;
    for (std::size_t i = 0; i < readings.size(); ++i) {
      if (i) key += ' ';
      key += readings[i][pick[i]];
    }
    keys.push_back(std::move(key));
    std::size_t i = readings.size();
    while (i > 0 && ++pick[i - 1] == readings[i - 1].size()) pick[--i] = 0;
    if (i == 0) break;
  }
  return keys;
}

}  // namespace kb
