#pragma once
// What the core's test files share: entries written as editors write them,
// highlights in brackets, and scratch folders.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kb/entry.hpp"
#include "kb/highlight.hpp"

namespace test {

/// An entry parsed from the front matter and body an editor would write; it must be valid.
inline kb::Entry entry(const std::string& id, const std::string& type, const std::string& audience,
                       const std::string& title, const std::vector<std::string>& questions,
                       const std::string& body) {
  std::string text = "---\nid: " + id + "\ntype: " + type + "\ntitle: " + title + "\naudience: " + audience +
                     "\ncategory: 售后\n";
  if (!questions.empty()) {
    text += "questions:\n";
    for (const auto& q : questions) text += "  - " + q + "\n";
  }
  text += "---\n" + body + "\n";
  std::vector<kb::ContentIssue> issues;
  auto e = kb::parse_entry(text, id + ".md", issues);
  REQUIRE(issues.empty());
  return e;
}

/// The segments of a highlight, with marked runs in [brackets].
inline std::string bracketed(const std::vector<kb::Segment>& segments) {
  std::string out;
  for (const auto& s : segments) out += s.mark ? "[" + s.text + "]" : s.text;
  return out;
}

/// A fresh folder in the temporary directory, removed with what it holds at the end of the scope.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace test
