#include "build.hpp"
#include "vocabulary.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "content.hpp"
#include "kb/lint.hpp"
#include "kb/schema.hpp"
#include "kb/text.hpp"

namespace cli {

namespace {

const char* const kAudiences[] = {"public", "internal"};  // the indexes a build writes

/// One progress line on stderr for the audiences being built at once, only
/// when stderr is a terminal and the work is large:
///   public [##--------]  20% 700/3381 internal [#---------]   8% 800/10000 entries
/// (one line that fits 80 columns, however many audiences)
class ProgressBoard {
 public:
  explicit ProgressBoard(std::vector<std::pair<std::string, std::size_t>> audiences) {
    std::size_t sum = 0;
    for (auto& [label, total] : audiences) {
      bars_.push_back({label, 0, total, -1});
      sum += total;
    }
    on_ = ::isatty(2) && sum >= 500;
  }
  /// The progress callback for bar `i`; also where a build notices Ctrl+C.
  void update(std::size_t i, std::size_t done) {
    if (interrupted()) throw CliError(130, "interrupted; the previous index is unchanged");
    if (!on_) return;
    std::lock_guard<std::mutex> hold(mutex_);
    Bar& bar = bars_[i];
    bar.done = done;
    int percent = static_cast<int>(100 * done / (bar.total ? bar.total : 1));
    if (percent == bar.percent) return;
    bar.percent = percent;
    std::string line = "\r";
    bool all_done = true;
    const int width = 20 / static_cast<int>(bars_.size());
    for (const auto& b : bars_) {
      int p = std::max(b.percent, 0), filled = p * width / 100;
      char text[160];
      std::snprintf(text, sizeof text, " %s [%s%s] %3d%% %zu/%zu", b.label.c_str(), std::string(filled, '#').c_str(),
                    std::string(width - filled, '-').c_str(), p, b.done, b.total);
      line += text;
      all_done = all_done && b.done == b.total;
    }
    line += " entries";
    if (all_done) line += "\n";
    std::fputs(line.c_str(), stderr);
  }

 private:
  struct Bar {
    std::string label;
    std::size_t done, total;
    int percent;
  };
  std::vector<Bar> bars_;
  bool on_ = false;
  std::mutex mutex_;
};

/// Holds OUT/.lock so that two builds never write the same output at once.
class OutputLock {
 public:
  explicit OutputLock(const fs::path& out) {
    fs::create_directories(out);
    fd_ = ::open((out / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw CliError(3, "cannot write to " + out.string());
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
      throw CliError(4, "another kb-indexer is writing " + out.string() + "; wait for it to finish");
  }
  ~OutputLock() { ::close(fd_); }
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int fd_ = -1;
};

struct Built {
  std::string audience;
  std::size_t entries = 0;
  std::uintmax_t bytes = 0;
  kb::schema::UpdateStats stats;
  bool up_to_date = false;
};

/// What an audience's index holds, hashed: format, synonyms, and each entry's id and source.
std::string audience_hash(const Content& c, const std::vector<std::size_t>& chosen) {
  std::string input = std::to_string(kb::schema::kFormatVersion) + '\0' + c.synonyms.source() + '\0';
  for (std::size_t i : chosen) input += c.entries[i].id + '\0' + c.source_hashes[i] + '\0';
  return kb::fnv1a64(input);
}

bool is_current(const fs::path& dir, const std::string& hash) {
  try {
    auto m = nlohmann::json::parse(read_file(dir / "manifest.json"));
    return m.value("content_hash", "") == "fnv1a64:" + hash &&
           m.value("format", 0) == kb::schema::kFormatVersion &&
           fs::exists(dir / m.value("database", std::string("?")));
  } catch (...) {
    return false;
  }
}

/// Removes staging folders left by builds that crashed or were killed.
void remove_stale_staging(const fs::path& out) {
  for (const auto& de : fs::directory_iterator(out)) {
    std::string name = de.path().filename().string();
    if (name.rfind(".staging-", 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + 9));
    if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH)) fs::remove_all(de.path());
  }
}

}  // namespace

/// The widget reads the public index; the console reads the internal one.
kb::schema::Shape shape_for(const std::string& audience) {
  return audience == "public" ? kb::schema::Shape::Widget : kb::schema::Shape::Full;
}

namespace {

/// Updates the audience's cached writable database and compacts it into `dir`.
Built build_audience(const Content& c, const std::string& audience, const std::vector<std::size_t>& chosen,
                     const std::string& hash, const fs::path& cache, const fs::path& dir,
                     const std::function<void(std::size_t, std::size_t)>& progress) {
  Built b;
  b.audience = audience;
  b.entries = chosen.size();
  std::vector<const kb::Entry*> entries;
  std::vector<std::string> hashes;
  nlohmann::json by_type = nlohmann::json::object();
  for (std::size_t i : chosen) {
    entries.push_back(&c.entries[i]);
    hashes.push_back(c.source_hashes[i]);
    by_type[c.entries[i].type] = by_type.value(c.entries[i].type, 0) + 1;
  }
  const kb::Lexicon lexicon = vocabulary(entries, c.synonyms);
  const kb::schema::Shape shape = shape_for(audience);
  fs::create_directories(cache.parent_path());
  auto update = [&](int flags) {
    // No fsync: this is a cache; a damaged one is detected below and rebuilt.
    Xapian::WritableDatabase db(cache.string(), flags | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    if (kb::schema::needs_rebuild(db, c.synonyms, shape) && db.get_doccount() > 0) return false;
    b.stats = kb::schema::update_database(db, entries, hashes, c.synonyms, lexicon, shape, progress);
    db.commit();
    return true;
  };
  try {
    if (!update(Xapian::DB_CREATE_OR_OPEN))
      update(Xapian::DB_CREATE_OR_OVERWRITE);  // format or synonyms changed
  } catch (const Xapian::DatabaseLockError&) {
    throw CliError(4, "another kb-indexer is writing " + cache.string());
  } catch (const Xapian::DatabaseError& e) {
    // A damaged cache costs a full rebuild, nothing more.
    std::cerr << "kb-indexer: " << audience << ": the build cache is unusable (" << e.get_msg()
              << "); rebuilding\n";
    fs::remove_all(cache);
    update(Xapian::DB_CREATE_OR_OVERWRITE);
  }
  fs::create_directories(dir);
  std::string database = "kb." + hash.substr(0, 12) + ".db";
  b.bytes = kb::schema::compact_to_file(cache.string(), (dir / database).string(), shape);
  nlohmann::json manifest = {{"format", kb::schema::kFormatVersion},
                             {"audience", audience},
                             {"database", database},
                             {"bytes", b.bytes},
                             {"entries", chosen.size()},
                             {"by_type", by_type},
                             {"content_hash", "fnv1a64:" + hash},
                             {"built_at", utc_now()}};
  std::ofstream(dir / "manifest.json") << manifest.dump(2) << "\n";
  return b;
}

std::string kib(std::uintmax_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
  return buf;
}

/// Builds the indexes of valid content into `out`, atomically; returns what was built.
std::vector<Built> build_indexes(const Content& c, const fs::path& out) {
  OutputLock lock(out);
  remove_stale_staging(out);
  std::vector<Built> built;
  fs::path staging = out / (".staging-" + std::to_string(::getpid()));
  fs::remove_all(staging);
  fs::create_directories(staging);
  try {
    struct Job {
      std::string audience, hash;
      std::vector<std::size_t> chosen;
    };
    std::vector<Job> jobs;
    for (std::string audience : kAudiences) {
      std::vector<std::size_t> chosen;
      for (std::size_t i = 0; i < c.entries.size(); ++i)
        if (audience == "internal" || c.entries[i].audience == "public") chosen.push_back(i);
      std::string hash = audience_hash(c, chosen);
      if (is_current(out / audience, hash)) {
        Built b;
        b.audience = audience;
        b.entries = chosen.size();
        b.up_to_date = true;
        b.stats.unchanged = chosen.size();
        for (const auto& de : fs::directory_iterator(out / audience))
          if (de.path().extension() == ".db") b.bytes = fs::file_size(de.path());
        built.push_back(b);
        continue;
      }
      jobs.push_back({audience, hash, std::move(chosen)});
    }
    // The audiences' indexes are independent: build them at once, one thread each.
    std::vector<std::pair<std::string, std::size_t>> bars;
    for (const auto& j : jobs) bars.emplace_back(j.audience, j.chosen.size());
    ProgressBoard board(bars);
    std::vector<std::future<Built>> running;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      running.push_back(std::async(std::launch::async, [&, i] {
        const Job& j = jobs[i];
        return build_audience(c, j.audience, j.chosen, j.hash, out / ".cache" / j.audience, staging / j.audience,
                              [&board, i](std::size_t done, std::size_t) { board.update(i, done); });
      }));
    }
    std::exception_ptr failed;
    for (auto& r : running) {  // wait for every thread before anything is cleaned up
      try {
        built.push_back(r.get());
      } catch (...) {
        if (!failed) failed = std::current_exception();
      }
    }
    if (failed) std::rethrow_exception(failed);
    // Swap into place only once everything is built; the replaced build becomes .previous.
    for (const auto& b : built) {
      if (b.up_to_date) continue;
      fs::path target = out / b.audience, previous = out / ".previous" / b.audience;
      fs::create_directories(out / ".previous");
      fs::remove_all(previous);
      if (fs::exists(target)) fs::rename(target, previous);
      fs::rename(staging / b.audience, target);
    }
    fs::remove_all(staging);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
  return built;
}

void print_summary(const Content& c, const std::vector<Built>& built, const fs::path& out, double seconds) {
  std::map<std::string, int> by_type, by_audience;
  for (const auto& e : c.entries) {
    ++by_type[e.type];
    ++by_audience[e.audience];
  }
  std::cerr << "kb-indexer: " << c.entries.size() << " entries:";
  for (const auto& [type, n] : by_type) std::cerr << " " << type << " " << n;
  std::cerr << ";";
  for (const auto& [audience, n] : by_audience) std::cerr << " " << audience << " " << n;
  std::cerr << "; " << c.synonyms.group_count() << " synonym groups\n";
  for (const auto& b : built) {
    std::cerr << "kb-indexer: " << b.audience << ": " << b.entries << " entries, " << kib(b.bytes);
    if (b.up_to_date)
      std::cerr << ", up to date\n";
    else
      std::cerr << " (" << b.stats.added << " added, " << b.stats.changed << " changed, " << b.stats.removed
                << " removed, " << b.stats.unchanged << " unchanged)\n";
  }
  char took[32];
  std::snprintf(took, sizeof took, "%.2f s", seconds);
  bool any = std::any_of(built.begin(), built.end(), [](const Built& b) { return !b.up_to_date; });
  std::cerr << "kb-indexer: " << (any ? "wrote " : "nothing to do in ") << (out / "public").string()
            << " and " << (out / "internal").string() << " in " << took << "\n";
}

}  // namespace

int build_once(const fs::path& content_dir, const fs::path& out) {
  auto started = std::chrono::steady_clock::now();
  Content c = load_content(content_dir);
  print_issues(c.issues);
  if (c.errors()) {
    std::cerr << "kb-indexer: " << c.errors() << " error(s) in " << content_dir.string()
              << "; nothing was written, the previous index is unchanged\n";
    return 1;
  }
  if (!c.issues.empty())
    std::cerr << "kb-indexer: " << c.issues.size()
              << " warning(s); `kb-indexer check` also looks for colliding questions\n";
  auto built = build_indexes(c, out);
  print_summary(c, built, out,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}

void build_index(const std::vector<const kb::Entry*>& entries, const kb::Synonyms& synonyms, const fs::path& dir,
                 kb::schema::Shape shape) {
  fs::create_directories(dir);
  const std::string database = "kb.db";
  auto bytes = kb::schema::build_database(entries, synonyms, vocabulary(entries, synonyms), (dir / ".writable").string(),
                                          (dir / database).string(), shape);
  fs::remove_all(dir / ".writable");
  nlohmann::json manifest = {{"format", kb::schema::kFormatVersion},
                             {"database", database},
                             {"bytes", bytes},
                             {"entries", entries.size()}};
  std::ofstream(dir / "manifest.json") << manifest.dump(2) << "\n";
}

}  // namespace cli
