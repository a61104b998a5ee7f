//===- SanitizerDefaults.cpp - ASan defaults for DBT_SANITIZE builds ------===//
//
// Built only with DBT_SANITIZE. LeakSanitizer's stop-the-world tracer
// crashes at exit in this process (seen in sandboxed CI), and tests that run
// dbt-run under `env -i` would drop an ASAN_OPTIONS given from outside, so
// the default lives in the binary. Memory errors are still reported.
//
//===----------------------------------------------------------------------===//

extern "C" const char *__asan_default_options() { return "detect_leaks=0"; }
