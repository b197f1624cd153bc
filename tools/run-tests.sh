#!/usr/bin/env bash
# Runs every radsig test on a Debian 12 machine, installing what is missing first:
#   0. R sources: no object defined in two files (tools/check-r-definitions.R)
#   1. C++ core (Release) + GoogleTest suites via ctest
#   2. the same suites built with AddressSanitizer + UndefinedBehaviorSanitizer
#   3. R package: R CMD build, then R CMD check --no-manual (runs the testthat suite,
#      the examples and the vignettes); fails on any ERROR or WARNING
# Ends with one summary line "tests: N passed, N failed, N skipped".
# Options: --no-asan (skip step 2), --no-check (skip step 3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
run_asan=1; run_check=1
for a in "$@"; do
  case "$a" in
    --no-asan) run_asan=0 ;;
    --no-check) run_check=0 ;;
    *) echo "run-tests: unknown option $a" >&2; exit 2 ;;
  esac
done

tools/install-deps.sh
source tools/r-build-env.sh
# Reference data (IBSI, PyRadiomics baselines) live in ../shared when present; tests that
# need them skip cleanly otherwise.
if [ -z "${RADSIG_SHARED_DIR:-}" ] && [ -d "$ROOT/../shared/reference" ]; then
  export RADSIG_SHARED_DIR="$(cd "$ROOT/../shared" && pwd)"
fi
mkdir -p build
passed=0; failed=0; skipped=0

ctest_counts() {  # parses ctest's summary from log $1
  local line total nfail
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$1" | tail -1)
  nfail=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + total - nfail)); failed=$((failed + nfail))
}

run_ctest() {  # $1 = build dir, rest = cmake options
  local dir="$1"; shift
  echo "== C++ core: configure + build ($dir)"
  cmake -S . -B "$dir" "$@" >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  cmake --build "$dir" -j2 >"$dir.build.log" 2>&1 || { tail -60 "$dir.build.log"; exit 1; }
  echo "== C++ core: ctest ($dir)"
  local status=0
  (cd "$dir" && ctest --output-on-failure -j2 --timeout 600) >"$dir.ctest.log" 2>&1 || status=$?
  tail -4 "$dir.ctest.log"
  ctest_counts "$dir.ctest.log"
  if [ "$status" -ne 0 ]; then grep -E "Failed|\*\*\*" "$dir.ctest.log" | head -40; return 1; fi
}

status=0
echo "== R sources: one definition per object"
Rscript tools/check-r-definitions.R || status=1
run_ctest build/release -DCMAKE_BUILD_TYPE=Release || status=1
if [ "$run_asan" -eq 1 ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_ctest build/asan -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS=-O1 -DRADSIG_SANITIZE=ON || status=1
fi

if [ "$run_check" -eq 1 ]; then
  echo "== R package: R CMD build"
  rm -rf build/rcheck && mkdir -p build/rcheck
  (cd build/rcheck && R CMD build "$ROOT/rpkg" >build.log 2>&1) ||
    { tail -60 build/rcheck/build.log; exit 1; }
  tarball=$(ls build/rcheck/radsig_*.tar.gz)
  echo "== R package: R CMD check --no-manual $(basename "$tarball")"
  (cd build/rcheck && _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual \
     "$(basename "$tarball")" >check.log 2>&1) || true
  checklog=build/rcheck/radsig.Rcheck/00check.log
  tail -5 "$checklog" || true
  rout=$(ls build/rcheck/radsig.Rcheck/tests/testthat.Rout* 2>/dev/null | head -1 || true)
  if [ -n "$rout" ]; then
    counts=$(grep -E "\[ FAIL [0-9]+ \| WARN [0-9]+ \| SKIP [0-9]+ \| PASS [0-9]+ \]" "$rout" | tail -1 || true)
    if [ -n "$counts" ]; then
      f=$(sed -E 's/.*FAIL ([0-9]+).*/\1/' <<<"$counts"); s=$(sed -E 's/.*SKIP ([0-9]+).*/\1/' <<<"$counts")
      p=$(sed -E 's/.*PASS ([0-9]+).*/\1/' <<<"$counts")
      passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    fi
  fi
  if grep -qE "^Status: .*(ERROR|WARNING)" "$checklog" || ! grep -q "^Status:" "$checklog"; then
    echo "R CMD check reported errors or warnings:"
    grep -B2 -A25 -E "\.\.\. (ERROR|WARNING)$" "$checklog" | head -150
    [ -n "$rout" ] && tail -60 "$rout"
    status=1
    [ "$failed" -eq 0 ] && failed=1
  fi
  grep -B1 -A8 -E "\.\.\. NOTE$" "$checklog" | head -40 || true
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
