// kb-indexer watch: builds, then rebuilds whenever a content file changes, until Ctrl+C.
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "build.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace cli {

namespace {

struct WatchOptions {
  std::string content;
  std::string out;
  int interval = 500;  // milliseconds
};

int run_watch(const WatchOptions& o) {
  const fs::path content = o.content, out = o.out;
  const int interval = o.interval;
  // What the content looks like: every file's path, size and modification time.
  auto signature = [&]() {
    std::string s;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(content, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      auto ext = it->path().extension();
      if (ext != ".md" && it->path().filename() != "synonyms.txt") continue;
      auto size = it->file_size(ec);
      auto time = it->last_write_time(ec).time_since_epoch().count();
      s += it->path().string() + '\0' + std::to_string(size) + '\0' + std::to_string(time) + '\n';
    }
    return s;
  };
  if (!fs::is_directory(content)) throw CliError(2, "content folder not found: " + content.string());
  std::cerr << "kb-indexer: watching " << content.string() << " (Ctrl+C stops)\n";
  std::string seen;
  while (!interrupted()) {
    std::string now = signature();
    if (now != seen) {
      // Let a save finish: rebuild once the folder has been still for one interval.
      std::this_thread::sleep_for(std::chrono::milliseconds(interval));
      if (signature() != now) continue;
      seen = now;
      try {
        build_once(content, out);
      } catch (const CliError& e) {
        if (e.code == 130) break;
        std::cerr << "kb-indexer: " << e.what() << "\n";
      } catch (const std::exception& e) {
        std::cerr << "kb-indexer: build failed: " << e.what() << "; the previous index is unchanged\n";
      }
      std::cerr << "kb-indexer: watching for changes…\n";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(interval));
  }
  std::cerr << "kb-indexer: stopped watching\n";
  return 0;
}

}  // namespace

void add_watch(CLI::App& app, int& status) {
  auto o = std::make_shared<WatchOptions>();
  CLI::App* watch =
      app.add_subcommand("watch", "build, then rebuild whenever a content file changes (Ctrl+C stops)");
  watch->add_option("CONTENT_DIR", o->content, "the content folder, such as kb-content")->required();
  watch->add_option("--out", o->out, "where to build, as for build")->type_name("DIR")->required();
  watch->add_option("--interval", o->interval,
                    "how often to look for changes, and how long the folder must be still before a rebuild")
      ->type_name("MS")
      ->check(whole_number(50, 60000, "milliseconds"))
      ->default_str(std::to_string(o->interval));
  watch->callback([o, &status] { status = run_watch(*o); });
}

}  // namespace cli
