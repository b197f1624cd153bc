# Sourced by the tools/ scripts: compiler settings for building the R package.
# - parallel make, small stripped shared library (no "installed size" NOTE)
# - ccache for the repeated compiles of R CMD build/check/install when it is available
export MAKEFLAGS="${MAKEFLAGS:--j2}"
export _R_SHLIB_STRIP_=true
export R_STRIP_SHARED_LIB="strip --strip-debug"
if command -v ccache >/dev/null 2>&1 && [ -z "${R_MAKEVARS_USER:-}" ]; then
  export CCACHE_NOHASHDIR=true
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/radsig-ccache}"
  radsig_makevars="$(mktemp)"
  printf 'CXX17 = ccache g++\nCXX = ccache g++\nCC = ccache gcc\n' > "$radsig_makevars"
  export R_MAKEVARS_USER="$radsig_makevars"
fi
