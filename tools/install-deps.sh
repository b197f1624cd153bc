#!/usr/bin/env bash
# Installs what radsig needs on a Debian 12 machine: the apt packages in tools/deps/apt.txt
# (only the missing ones) and the CRAN packages in tools/deps/cran.txt. Uses sudo when not
# run as root. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

read_list() { grep -v '^[[:space:]]*#' "$1" | sed 's/[[:space:]]//g' | grep -v '^$' || true; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: not root and no sudo; install these Debian packages yourself:" >&2
    read_list tools/deps/apt.txt >&2
  fi
fi

missing=()
for pkg in $(read_list tools/deps/apt.txt); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  if [ -n "$SUDO" ] || [ "$(id -u)" -eq 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    exit 1
  fi
fi

cran=$(read_list tools/deps/cran.txt | tr '\n' ' ')
if [ -n "${cran// /}" ]; then
  Rscript -e '
    pkgs <- commandArgs(TRUE)
    need <- pkgs[!vapply(pkgs, requireNamespace, logical(1), quietly = TRUE)]
    if (length(need)) {
      lib <- Sys.getenv("R_LIBS_SITE_RADSIG", .libPaths()[1])
      message("install-deps: installing from CRAN: ", paste(need, collapse = ", "))
      install.packages(need, lib = lib, Ncpus = 2L, quiet = TRUE)
      bad <- need[!vapply(need, requireNamespace, logical(1), quietly = TRUE)]
      if (length(bad)) stop("could not install from CRAN: ", paste(bad, collapse = ", "))
    }' $cran
fi
echo "install-deps: all dependencies present"
