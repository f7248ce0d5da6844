#include <doctest/doctest.h>

#include <string>

#include "kb/stored.hpp"

TEST_CASE("an entry is stored compactly and read back whole; damaged data is an error") {
  kb::StoredEntry e{"id-1",
                    "faq",
                    "标题",
                    "public",
                    "售后",
                    "chat",
                    "",
                    "正文",
                    "<p>正文</p>",
                    {"t1", "t2"},
                    {"问法一", std::string(200, 'x')},
                    {"other"}};
  auto back = kb::decode_stored(kb::encode_stored(e));
  CHECK(back.id == e.id);
  CHECK(back.channel == "chat");
  CHECK(back.html == e.html);
  CHECK(back.tags == e.tags);
  CHECK(back.questions == e.questions);
  CHECK(back.related == e.related);
  std::string data = kb::encode_stored(e);
  CHECK_THROWS_WITH(kb::decode_stored(data.substr(0, data.size() - 1)),
                    "damaged entry data: field runs past the end");
  CHECK_THROWS_WITH(kb::decode_stored("Z\x01x"), "damaged entry data: unknown field");
}

TEST_CASE("a field is a tag, its length and its bytes; empty ones take no room") {
  CHECK(kb::encode_stored({}).empty());
  kb::StoredEntry e;
  e.id = "a";
  e.tags = {"", "t"};
  CHECK(kb::encode_stored(e) == std::string("i\x01"
                                            "a"
                                            "g\x01"
                                            "t"));
  auto back = kb::decode_stored(kb::encode_stored(e));
  CHECK(back.tags == std::vector<std::string>{"t"});  // the empty tag is left out
  CHECK(back.title.empty());

  // A length of 128 bytes or more takes two bytes of 7 bits each, low bits first.
  e = {};
  e.text = std::string(300, 'x');
  std::string data = kb::encode_stored(e);
  CHECK(data.size() == 1 + 2 + 300);
  CHECK(data.substr(0, 3) == std::string("x\xac\x02"));
  CHECK(kb::decode_stored(data).text == e.text);
  CHECK_THROWS_WITH(kb::decode_stored(std::string("x\xac")), "damaged entry data: bad length");
}
