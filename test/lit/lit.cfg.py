# -*- Python -*-
# lit configuration for the dbt-run regression suite.
#
# Layout:
#   isa/       known-answer tests per RV64GC instruction class
#   programs/  whole C programs (glibc static), output compared with qemu's
#   tool/      command-line behaviour of dbt-run (--help, -d, --strace, ...)
#   errors/    bad input: one "dbt-run: ..." line, non-zero exit, no crash
#   include/   headers shared by the guest sources (minirt.h, ...)
#   utils/     maintenance scripts (update-checks.py)
#
# Guest sources live in each directory's Inputs/ and are compiled at test
# time. Parameters (lit --param NAME=VALUE):
#   dbt_run=PATH   run guests with PATH instead of the built dbt-run (for
#                  example qemu-riscv64, to check the expectations); tests in
#                  tool/ and errors/ are then unsupported
#   timeout=SECS   per guest run (default 300; 0 disables)

import os
import resource
import shutil

import lit.formats
import lit.util

config.name = "dbt-run"
# RUN lines run under bash (set -o pipefail), so tests may use $?, || and
# redirections freely, e.g. `%dbt-run %t; echo "status=$?"`.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".test"]
config.excludes = ["Inputs", "include", "utils", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = getattr(config, "dbt_lit_obj_root", None) or os.path.join(
    config.test_source_root, "Output"
)

# Guests that die of a signal take dbt-run down with them: no core files.
try:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
except (ValueError, OSError):
    pass

# --- environment -----------------------------------------------------------
# A small, deterministic environment: guests print their environment in some
# tests, so do not leak the caller's.
for var in ("HOME", "TMPDIR", "TMP", "TEMP"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["LC_ALL"] = "C"
config.environment["TZ"] = "UTC"
for var in list(config.environment):
    if var.startswith("QEMU_") or var.startswith("DBT_"):
        del config.environment[var]

tools_dir = getattr(config, "llvm_tools_dir", "") or "/usr/lib/llvm-19/bin"
config.environment["PATH"] = os.pathsep.join(
    [tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))]
)

# --- the engine under test -------------------------------------------------
dbt_run = lit_config.params.get("dbt_run")
overridden = dbt_run is not None
if overridden:
    found = shutil.which(dbt_run)
    if not found:
        lit_config.fatal("dbt_run=%s: not found" % dbt_run)
    dbt_run = found
else:
    dbt_run = config.dbt_run
config.dbt_run_overridden = overridden
if overridden:
    lit_config.note("running guests with %s; tool/ and errors/ are unsupported" % dbt_run)
else:
    config.available_features.add("dbt-run")

timeout = int(lit_config.params.get("timeout", "300"))
run_prefix = ""
if timeout > 0 and shutil.which("timeout"):
    # coreutils timeout re-raises a signal that killed its child, so exit
    # status and signal propagation stay visible to the tests.
    run_prefix = "timeout -k 5 %d " % timeout

# --- compilers -------------------------------------------------------------
riscv_cc = getattr(config, "riscv_cc", "") or shutil.which("riscv64-linux-gnu-gcc")
if not riscv_cc:
    lit_config.fatal("riscv64-linux-gnu-gcc not found")
include_dir = os.path.join(config.test_source_root, "include")
rv_common = "-march=rv64gc -mabi=lp64d -fno-strict-aliasing -fno-stack-protector -w -I%s" % include_dir
rv_cc = "%s -static %s" % (riscv_cc, rv_common)

host_cc = getattr(config, "host_cc", "") or shutil.which("gcc") or shutil.which("cc")

qemu = getattr(config, "qemu_riscv64", "") or ""
if qemu.endswith("-NOTFOUND"):
    qemu = ""
if not qemu:
    qemu = shutil.which("qemu-riscv64") or ""
if qemu:
    config.available_features.add("qemu")

filecheck = os.path.join(tools_dir, "FileCheck")
not_tool = os.path.join(tools_dir, "not")
count_tool = os.path.join(tools_dir, "count")
python = getattr(config, "python_executable", "") or "python3"

# Longest names first: lit substitutes in list order and %rv64-cc is a prefix
# of %rv64-cc-O0.
config.substitutions.append(("%dbt-run-path", dbt_run))
config.substitutions.append(("%dbt-run", run_prefix + dbt_run))
config.substitutions.append(("%rv64-cc-O0", rv_cc + " -O0"))
config.substitutions.append(("%rv64-cc-nostdlib",
                             rv_cc + " -O2 -nostdlib -ffreestanding -fno-builtin"))
config.substitutions.append(("%rv64-cc-dynamic", "%s %s -O2" % (riscv_cc, rv_common)))
config.substitutions.append(("%rv64-cc", rv_cc + " -O2"))
config.substitutions.append(("%rv64-as-cc", rv_cc + " -nostdlib"))
config.substitutions.append(("%host-cc", "%s -O2 -w -I%s" % (host_cc, include_dir)))
config.substitutions.append(("%qemu", qemu or "false"))
config.substitutions.append(("%FileCheck", filecheck))
config.substitutions.append(("%not", not_tool))
config.substitutions.append(("%count", count_tool))
config.substitutions.append(("%python", python))
