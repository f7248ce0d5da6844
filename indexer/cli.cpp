#include "cli.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cli {

CliError usage_error(const std::string& message) { return CliError(2, message, true); }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw CliError(3, "cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

kb::Engine open_engine(const fs::path& dir) {
  fs::path db = dir;
  if (fs::is_directory(dir)) {
    fs::path manifest = dir / "manifest.json";
    if (!fs::exists(manifest))
      throw CliError(3, "no index at " + dir.string() + " (no manifest.json); run kb-indexer build first");
    try {
      db = dir / nlohmann::json::parse(read_file(manifest)).at("database").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
      throw CliError(3, "cannot read " + manifest.string() + ": " + e.what());
    }
  }
  if (!fs::exists(db)) throw CliError(3, "no index at " + db.string() + "; run kb-indexer build first");
  try {
    return kb::Engine::open_path(db.string());
  } catch (const std::runtime_error& e) {  // kb::IndexError, or an index of another format
    throw CliError(3, "cannot open " + db.string() + ": " + e.what());
  }
}

ScratchDir::ScratchDir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw CliError(3, "cannot create a scratch folder in /tmp");
  path_ = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }
}  // namespace

bool interrupted() { return g_interrupted != 0; }

void install_signal_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

}  // namespace cli
