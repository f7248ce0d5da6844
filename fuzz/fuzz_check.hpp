#pragma once
// A check that stops a fuzz target with its condition printed, so libFuzzer
// keeps the input that broke a promise, not only one that crashed.
#include <cstdio>
#include <cstdlib>

#define KB_FUZZ_CHECK(cond)                              \
  do {                                                   \
    if (!(cond)) {                                       \
      std::fprintf(stderr, "check failed: %s\n", #cond); \
      std::abort();                                      \
    }                                                    \
  } while (0)
