#pragma once
// Toneless pinyin of simplified Chinese characters, for matching homophones a
// pinyin IME lets visitors type by mistake (保休 for 保修). The table covers
// GB2312's hanzi; fold traditional characters to simplified before lookup.
// ü is written v, as IMEs take it (女 -> "nv").

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// Toneless pinyin readings of a simplified Chinese character, the most common first
/// ("售" -> {"shou"}, "行" -> {"xing", "hang"}); empty for anything else.
std::vector<std::string_view> pinyin_readings(char32_t cp);

/// Keys for homophone matching of a run of characters: each combination of the
/// characters' readings joined by spaces ("售后" -> {"shou hou"}), at most `max`; empty
/// when a character has no reading.
std::vector<std::string> pinyin_keys(std::u32string_view chars, std::size_t max = 8);

}  // namespace kb
