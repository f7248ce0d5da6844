#pragma once
// What every kb-indexer command shares: errors and exit codes, files, the
// index, signals. The commands' options are in options.hpp and cmd_*.cpp.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "kb/engine.hpp"

namespace cli {

namespace fs = std::filesystem;

/// A failure with the exit code it maps to: 1 invalid content, 2 bad usage,
/// 3 could not read or write an index, 4 another build holds the output,
/// 130 interrupted. A usage error is followed by the command's help.
struct CliError : std::runtime_error {
  int code;
  bool usage = false;
  CliError(int c, const std::string& m, bool show_usage = false)
      : std::runtime_error(m), code(c), usage(show_usage) {}
};

/// Exit code 2, and the command's help after the message.
CliError usage_error(const std::string& message);

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
