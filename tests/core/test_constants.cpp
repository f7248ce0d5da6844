// The generated kb/constants.hpp says what core/constants.json says, and the
// code that used to hold these values as literals reads them from it.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kb/constants.hpp"
#include "kb/engine.hpp"
#include "kb/entry.hpp"
#include "kb/schema.hpp"

namespace {

nlohmann::json constants_json() {
  std::ifstream in(KB_CONSTANTS_JSON);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

template <typename Range>
std::vector<std::string> strings(const Range& range) {
  return std::vector<std::string>(std::begin(range), std::end(range));
}

}  // namespace

TEST_CASE("the generated header holds the values of core/constants.json") {
  const auto j = constants_json();
  CHECK(j.size() == 5);  // a new key needs a check here
  CHECK(kb::constants::kIndexFormat == j.at("indexFormat").get<int>());
  CHECK(kb::constants::kMaxQuestionChars == j.at("maxQuestionChars").get<int>());
  CHECK(strings(kb::constants::kEntryTypes) == j.at("entryTypes").get<std::vector<std::string>>());
  CHECK(strings(kb::constants::kLinkSchemes) == j.at("linkSchemes").get<std::vector<std::string>>());
  CHECK(std::string(kb::constants::kEntryLinkPrefix) == j.at("entryLinkPrefix").get<std::string>());
}

TEST_CASE("the engine, the schema and the entry format take their values from the constants") {
  CHECK(kb::schema::kFormatVersion == kb::constants::kIndexFormat);
  CHECK(kb::DecisionConfig{}.max_question_chars ==
        static_cast<std::size_t>(kb::constants::kMaxQuestionChars));
  CHECK(strings(kb::kEntryTypes) == strings(kb::constants::kEntryTypes));
  for (auto scheme : kb::constants::kLinkSchemes) {
    CHECK(kb::link_allowed(std::string(scheme) + "example"));
    CHECK_FALSE(kb::link_allowed(std::string("x") + std::string(scheme) + "example"));
  }
  CHECK(kb::link_allowed(std::string(kb::constants::kEntryLinkPrefix) + "after-sales-fees"));
  CHECK_FALSE(kb::link_allowed("javascript:alert(1)"));
}
