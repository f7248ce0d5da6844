#include "options.hpp"

#include <string>

namespace cli {

void add_json_flag(CLI::App& command, bool& json) {
  command.add_flag("--json", json, "print one JSON document instead of text");
}

CLI::Option* add_index_option(CLI::App& command, std::string& dir, const std::string& what) {
  return command.add_option("--index", dir, what)->type_name("DIR");
}

CLI::Validator whole_number(long low, long high, const std::string& unit) {
  const std::string range = std::to_string(low) + " to " + std::to_string(high);
  const std::string refusal = unit.empty() ? "takes a number from " + range : "takes " + unit + ", " + range;
  return CLI::Validator(
      [=](const std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
        const long n = digits ? std::stol(text) : -1;
        return digits && n >= low && n <= high ? std::string() : refusal;
      },
      range, "NUMBER");
}

std::string parse_error_message(const CLI::ParseError& e) {
  std::string message = e.what();
  if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    auto colon = message.find(": ");
    if (colon != std::string::npos && message.compare(0, 2, "--") == 0) message.replace(colon, 2, " ");
  }
  return message;
}

}  // namespace cli
