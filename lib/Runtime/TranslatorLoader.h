//===- TranslatorLoader.h - dlopen the LLVM half on first use ---*- C++ -*-===//
//
// The runtime never links LLVM; it loads libdbt-translator.so only when it
// first has to translate, so runs that never translate never pay for
// libLLVM.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_RUNTIME_TRANSLATORLOADER_H
#define DBT_LIB_RUNTIME_TRANSLATORLOADER_H

#include "dbt/Translator/Translator.h"

#include <memory>
#include <string>

namespace dbt {

/// Where the translator library is: \p Explicit if set, else $DBT_TRANSLATOR,
/// else ../lib/libdbt-translator.so relative to the running executable.
std::string translatorLibraryPath(const std::string &Explicit);

/// Loads the library at \p Path and creates a translator; nullptr and a
/// one-line \p Error on failure.
std::unique_ptr<Translator> loadTranslator(const std::string &Path,
                                           const TranslatorConfig &Config, std::string &Error);

} // namespace dbt

#endif
