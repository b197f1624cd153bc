#!/usr/bin/env bash
# Regenerates the R package's generated files: Rcpp glue (RcppExports) and roxygen2
# documentation + NAMESPACE. Run after changing an exported C++ glue function or roxygen
# comments, and commit the result. Installs the package into build/rlib to let roxygen2
# load the compiled code.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/r-build-env.sh
Rscript -e 'Rcpp::compileAttributes("rpkg")'
mkdir -p build/rlib
R CMD INSTALL --no-test-load --library=build/rlib rpkg >build/install.log 2>&1 ||
  { tail -40 build/install.log; exit 1; }
R_LIBS="$PWD/build/rlib" Rscript -e 'roxygen2::roxygenise("rpkg", load_code = roxygen2::load_installed)'
(cd rpkg && ./cleanup)
