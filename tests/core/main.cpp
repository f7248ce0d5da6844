#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <xapian.h>

// Xapian's errors are not std::exceptions; show their message in failures.
REGISTER_EXCEPTION_TRANSLATOR(const Xapian::Error& e) { return doctest::String(e.get_description().c_str()); }
