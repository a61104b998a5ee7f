//===- dbt-run.cpp - Run a RISC-V Linux program on this host --------------===//
//
// The command line, in the spirit of qemu-user: options come before the
// program; everything after the program name belongs to the guest.
//
//===----------------------------------------------------------------------===//

#include "dbt/Runtime/Runtime.h"
#include "dbt/Translator/Translator.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>

extern char **environ;

namespace {

constexpr const char *Version = "0.1.0";

/// Parses "-d in_asm,ir,..." into DumpFlags; empty string on success, else
/// the unknown item.
std::string parseDumpItems(const std::string &Items, unsigned &Flags) {
  static const std::map<std::string, unsigned> Known = {
      {"in_asm", dbt::DumpInAsm},
      {"ir", dbt::DumpIR},
      {"ir-opt", dbt::DumpIROpt},
      {"out_asm", dbt::DumpOutAsm},
  };
  std::stringstream SS(Items);
  std::string Item;
  while (std::getline(SS, Item, ',')) {
    auto It = Known.find(Item);
    if (It == Known.end()) return Item;
    Flags |= It->second;
  }
  return {};
}

/// The guest environment: the host's, edited by -E and -U in order given.
std::vector<std::string> guestEnvironment(const std::vector<std::string> &Set,
                                          const std::vector<std::string> &Unset) {
  std::vector<std::string> Env;
  for (char **E = environ; *E; ++E) Env.emplace_back(*E);
  auto Remove = [&](const std::string &Name) {
    std::erase_if(Env, [&](const std::string &V) {
      return V.compare(0, Name.size(), Name) == 0 && V.size() > Name.size() &&
             V[Name.size()] == '=';
    });
  };
  for (const std::string &U : Unset) Remove(U);
  for (const std::string &S : Set) {
    Remove(S.substr(0, S.find('=')));
    Env.push_back(S);
  }
  return Env;
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App("Usage: dbt-run [options] PROGRAM [ARGS...]\n\n"
               "Runs a RISC-V RV64GC Linux program on this host by translating it to native "
               "code with LLVM.\nOptions come before PROGRAM; everything after it is the "
               "guest's.",
               "dbt-run");
  App.prefix_command(); // everything from PROGRAM on belongs to the guest
  App.set_version_flag("--version", std::string("dbt-run ") + Version +
                                        " (RISC-V RV64GC guests, LLVM 19 JIT)");

  dbt::RuntimeOptions Opts;
  std::string DumpItems, LogFile;
  std::vector<std::string> SetEnv, UnsetEnv;
  App.add_flag("--strace", Opts.Strace, "Print each guest system call and its result");
  App.add_option("-d", DumpItems,
                 "Log translation details: comma-separated in_asm, ir, ir-opt, out_asm");
  App.add_option("-D", LogFile, "Write -d, --strace and --stats output to FILE");
  App.add_flag("--stats", Opts.Stats, "Print translation and execution statistics at exit");
  App.add_option("-E", SetEnv, "Set VAR=VALUE in the guest environment")->allow_extra_args(false);
  App.add_option("-U", UnsetEnv, "Remove VAR from the guest environment")
      ->allow_extra_args(false);
  App.add_option("-L", Opts.Sysroot, "Sysroot for dynamically linked programs (reserved)");
  App.add_flag("-v,--verbose", Opts.Verbose, "Explain start-up decisions on stderr");
  App.add_option("--max-region-insns", Opts.MaxRegionInstructions,
                 "Largest number of guest instructions translated as one region")
      ->group(""); // for developers
  App.add_option("--translator", Opts.TranslatorPath, "Path of libdbt-translator.so")
      ->group(""); // for developers

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::Success &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    std::fprintf(stderr, "dbt-run: %s\nRun 'dbt-run --help' for usage.\n", E.what());
    return 2;
  }

  std::vector<std::string> Rest = App.remaining();
  if (Rest.empty()) {
    std::fprintf(stderr, "dbt-run: no program given\nRun 'dbt-run --help' for usage.\n");
    return 2;
  }
  if (std::string Bad = parseDumpItems(DumpItems, Opts.Dump); !Bad.empty()) {
    std::fprintf(stderr, "dbt-run: unknown -d item '%s' (known: in_asm, ir, ir-opt, out_asm)\n",
                 Bad.c_str());
    return 2;
  }
  for (const std::string &S : SetEnv)
    if (S.find('=') == std::string::npos || S.front() == '=') {
      std::fprintf(stderr, "dbt-run: -E wants VAR=VALUE, got '%s'\n", S.c_str());
      return 2;
    }
  if (!LogFile.empty()) {
    Opts.Log = std::fopen(LogFile.c_str(), "w");
    if (!Opts.Log) {
      std::fprintf(stderr, "dbt-run: cannot open log file %s: %s\n", LogFile.c_str(),
                   std::strerror(errno));
      return 2;
    }
  }

  Opts.Program = Rest.front();
  Opts.Argv = Rest;
  Opts.Envp = guestEnvironment(SetEnv, UnsetEnv);
  int Status = dbt::runGuestProgram(Opts);
  if (Opts.Log != stderr) std::fclose(Opts.Log);
  return Status;
}
