//===- TranslatorLoader.cpp - dlopen the LLVM half on first use -----------===//

#include "TranslatorLoader.h"

#include <cstdlib>
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

namespace dbt {

std::string translatorLibraryPath(const std::string &Explicit) {
  if (!Explicit.empty()) return Explicit;
  if (const char *Env = std::getenv("DBT_TRANSLATOR"); Env && *Env) return Env;
  char Self[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Self, sizeof Self - 1);
  if (N <= 0) return "libdbt-translator.so";
  std::string Dir(Self, static_cast<size_t>(N));
  Dir.erase(Dir.rfind('/'));
  return Dir + "/../lib/libdbt-translator.so";
}

std::unique_ptr<Translator> loadTranslator(const std::string &Path,
                                           const TranslatorConfig &Config, std::string &Error) {
  // RTLD_LOCAL keeps LLVM's symbols out of the global namespace; the handle
  // is never closed because translated code lives in the library's memory.
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle) {
    Error = std::string("cannot load the translator: ") + dlerror();
    return nullptr;
  }
  auto Create = reinterpret_cast<DbtCreateTranslatorFn>(dlsym(Handle, "dbtCreateTranslator"));
  if (!Create) {
    Error = "cannot load the translator: " + Path + " has no dbtCreateTranslator";
    return nullptr;
  }
  std::unique_ptr<Translator> T(Create(&Config, &Error));
  if (!T && Error.empty()) Error = "the translator could not be created";
  return T;
}

} // namespace dbt
