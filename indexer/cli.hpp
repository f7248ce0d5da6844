#pragma once
// What every kb-indexer command shares: arguments, errors and exit codes, files.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "kb/engine.hpp"

namespace cli {

namespace fs = std::filesystem;

extern const char* const kUsage;

/// A failure with the exit code it maps to: 1 invalid content, 2 bad usage,
/// 3 could not read or write an index, 4 another build holds the output.
struct CliError : std::runtime_error {
  int code;
  CliError(int c, const std::string& m) : std::runtime_error(m), code(c) {}
};

CliError usage_error(const std::string& message);

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  bool json = false;
  bool explain = false;
  bool strict = false;
  std::vector<std::string> flags;  // the command's own flags that were given
  bool has(const std::string& option) const { return options.count(option) > 0; }
  bool has_flag(const std::string& flag) const;
};

/// Flags (--json, --explain, --strict, and the command's own `flags`) and the
/// options in `with_value`, which take one value each.
Args parse_args(int argc, char** argv, int first, std::initializer_list<const char*> with_value,
                std::initializer_list<const char*> flags = {});

std::string read_file(const fs::path& p);
std::string utc_now();
std::string joined(const std::vector<std::string>& words);

/// Opens an index folder (its manifest names the database) with an error that says what to do.
kb::Engine open_engine(const fs::path& dir);

/// A fresh folder in /tmp, removed with all it holds when this goes out of scope.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Set by SIGINT and SIGTERM; long work checks it and stops cleanly.
bool interrupted();
void install_signal_handlers();

}  // namespace cli
