#include <doctest/doctest.h>

#include <algorithm>

#include "kb/pinyin.hpp"

namespace {

bool shares_key(std::u32string_view a, std::u32string_view b) {
  auto ka = kb::pinyin_keys(a), kb_ = kb::pinyin_keys(b);
  return std::any_of(ka.begin(), ka.end(), [&](const std::string& k) { return std::count(kb_.begin(), kb_.end(), k); });
}

}  // namespace

TEST_CASE("pinyin_readings gives toneless readings, the most common first") {
  CHECK(kb::pinyin_readings(U'售') == std::vector<std::string_view>{"shou"});
  CHECK(kb::pinyin_readings(U'后') == std::vector<std::string_view>{"hou"});
  auto xing = kb::pinyin_readings(U'行');
  REQUIRE(xing.size() >= 2);
  CHECK(xing[0] == "xing");
  CHECK(std::count(xing.begin(), xing.end(), "hang") == 1);
  CHECK(kb::pinyin_readings(U'女') == std::vector<std::string_view>{"nv"});
}

TEST_CASE("pinyin_readings is empty outside the simplified table") {
  CHECK(kb::pinyin_readings(U'a').empty());
  CHECK(kb::pinyin_readings(U'，').empty());
  CHECK(kb::pinyin_readings(U'😀').empty());
  CHECK(kb::pinyin_readings(U'們').empty());  // traditional: folded to 们 before lookup
  CHECK(kb::pinyin_readings(U'後').empty());  // GB2312 has it, but as a traditional form of 后
  CHECK_FALSE(kb::pinyin_readings(U'们').empty());
}

TEST_CASE("pinyin_keys joins readings and meets homophone typos") {
  CHECK(kb::pinyin_keys(U"售后") == std::vector<std::string>{"shou hou"});
  CHECK(shares_key(U"保修", U"保休"));
  CHECK(shares_key(U"投诉", U"头诉"));
  CHECK_FALSE(shares_key(U"投诉", U"退款"));
  CHECK(kb::pinyin_keys(U"售a").empty());
  CHECK(kb::pinyin_keys(U"").empty());
}

TEST_CASE("pinyin_keys enumerates combinations up to max") {
  auto keys = kb::pinyin_keys(U"行长");  // xing/hang/heng x zhang/chang
  CHECK(keys.size() == 6);
  CHECK(keys.front() == "xing zhang");
  CHECK(std::count(keys.begin(), keys.end(), "hang chang") == 1);
  CHECK(kb::pinyin_keys(U"行长", 2).size() == 2);
  CHECK(kb::pinyin_keys(U"行长", 0).empty());
}
