#!/usr/bin/env bash
# The radsig main job: installs what is missing, builds and installs the R package into
# build/rlib, and runs the pipeline demo (inst/scripts/main_job.R). Results (tables and
# plots) are written to the folder given as first argument (default: output/).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-output}"
tools/install-deps.sh
source tools/r-build-env.sh
mkdir -p build/rlib "$out"
echo "== building and installing the radsig R package"
R CMD INSTALL --library=build/rlib rpkg >build/main-job-install.log 2>&1 ||
  { tail -40 build/main-job-install.log; exit 1; }
(cd rpkg && ./cleanup)
echo "== running the main job; results go to $out/"
R_LIBS="$PWD/build/rlib${R_LIBS:+:$R_LIBS}" Rscript inst/scripts/main_job.R "$out"
