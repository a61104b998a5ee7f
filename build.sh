#!/usr/bin/env bash
# One entry point for newcomers and CI (see README):
#   ./build.sh demo      install what is missing, build, run the bundled example
#   ./build.sh test      install what is missing, build, run every test
#   ./build.sh bench     build, then time dbt-run against native and qemu-riscv64
#   ./build.sh sanitize  build with ASan+UBSan in build-asan/ and run every test
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ pkg-config python3
          llvm-19-dev llvm-19-tools libboost-dev libzstd-dev libcli11-dev libxxhash-dev
          libgtest-dev gcc-riscv64-linux-gnu qemu-user)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() { # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir"
}

run_tests() { # run_tests DIR
  ctest --test-dir "$1" --output-on-failure -j "$(nproc)"
}

case "${1:-}" in
  demo)
    install_missing
    build build
    echo "build.sh: running examples/hello.c (built for riscv64) under dbt-run:"
    build/bin/dbt-run build/examples/hello "from dbt-run"
    ;;
  test)
    install_missing
    build build
    run_tests build
    ;;
  bench)
    install_missing
    build build
    python3 bench/run.py --dbt-run build/bin/dbt-run "${@:2}"
    ;;
  sanitize)
    install_missing
    build build-asan -DDBT_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=0 run_tests build-asan
    ;;
  *)
    echo "usage: $0 demo|test|bench|sanitize" >&2
    exit 2
    ;;
esac
