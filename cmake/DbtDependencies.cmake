# Third-party dependencies, all from Debian packages (see README).
#
# LLVM is only for the translator library; the runtime and dbt-run must not
# link it. Debian's LLVMConfigVersion wants major.minor.
find_package(LLVM 19.1 REQUIRED CONFIG
             HINTS /usr/lib/llvm-19/lib/cmake/llvm)
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} in ${LLVM_INSTALL_PREFIX}")
separate_arguments(DBT_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")

# Interface target for code that uses LLVM: headers, definitions and the one
# shared libLLVM-19.so (never the static component libraries).
add_library(dbt-llvm INTERFACE)
target_include_directories(dbt-llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
target_compile_definitions(dbt-llvm INTERFACE ${DBT_LLVM_DEFINITIONS})
target_link_libraries(dbt-llvm INTERFACE LLVM)

find_package(Boost 1.74 REQUIRED)          # ICL is header-only
find_package(CLI11 CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_package(Threads REQUIRED)

set(DBT_LLVM_TOOLS_DIR ${LLVM_TOOLS_BINARY_DIR})
find_program(DBT_RISCV_CC riscv64-linux-gnu-gcc REQUIRED)
find_program(DBT_QEMU_RISCV64 qemu-riscv64)
find_program(DBT_LIT lit.py PATHS /usr/lib/llvm-19/build/utils/lit NO_DEFAULT_PATH)
