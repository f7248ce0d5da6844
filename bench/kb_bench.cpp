// kb-bench: native query latency over a question set, for `make bench`.
//   kb-bench INDEX_DIR QUESTIONS.tsv [ROUNDS]
// INDEX_DIR holds public/ and internal/; each question is asked against its
// audience's index, ROUNDS times (default 5) after one warm-up round.
// Prints {"n": …, "p50_ms": …, "p95_ms": …, "p99_ms": …, "max_ms": …}.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "kb/engine.hpp"
#include "kb/json_text.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kb-bench INDEX_DIR QUESTIONS.tsv [ROUNDS]\n";
    return 2;
  }
  int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  try {
    std::map<std::string, kb::Engine> engines;
    for (std::string side : {"public", "internal"}) {
      fs::path dir = fs::path(argv[1]) / side;
      std::ifstream m(dir / "manifest.json");
      auto manifest = nlohmann::json::parse(m);
      engines.emplace(side, kb::Engine::open_path((dir / manifest.at("database").get<std::string>()).string()));
    }
    std::vector<std::pair<std::string, std::string>> questions;
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      if (t2 == std::string::npos) continue;
      questions.emplace_back(line.substr(0, t1), line.substr(t2 + 1));
    }
    std::vector<double> ms;
    for (int r = 0; r <= rounds; ++r) {
      for (const auto& [side, q] : questions) {
        auto start = std::chrono::steady_clock::now();
        auto result = engines.at(side).ask(q);
        double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (r > 0) ms.push_back(t);  // round 0 warms the caches
        if (result.confidence < 0) return 3;  // keep the work observable
      }
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
    std::cout << nlohmann::json{{"n", ms.size()},
                                {"p50_ms", pct(0.5)},
                                {"p95_ms", pct(0.95)},
                                {"p99_ms", pct(0.99)},
                                {"max_ms", ms.back()}}
                     .dump()
              << "\n";
  } catch (const std::exception& e) {
    std::cerr << "kb-bench: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
