#!/usr/bin/env bash
# Installs what radsig needs on a Debian 12 machine: the apt packages in tools/deps/apt.txt
# (only the missing ones), the CRAN packages in tools/deps/cran.txt and, best effort, the
# optional oracle packages in tools/deps/cran-optional.txt. Uses sudo when not
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

# install_cran <list file> <required: TRUE/FALSE>: installs the missing packages of the list
# from CRAN (the configured mirror, else cloud.r-project.org). Failing optional packages
# (oracles whose tests skip without them) only give a message.
install_cran() {
  local pkgs
  pkgs=$(read_list "$1" | tr '\n' ' ')
  [ -n "${pkgs// /}" ] || return 0
  Rscript -e '
    args <- commandArgs(TRUE)
    required <- as.logical(args[1])
    pkgs <- args[-1]
    need <- pkgs[!vapply(pkgs, requireNamespace, logical(1), quietly = TRUE)]
    if (length(need)) {
      repos <- getOption("repos")
      if (is.null(repos) || !nzchar(repos[["CRAN"]]) || repos[["CRAN"]] == "@CRAN@") {
        options(repos = c(CRAN = "https://cloud.r-project.org"))
      }
      lib <- Sys.getenv("R_LIBS_SITE_RADSIG", .libPaths()[1])
      message("install-deps: installing from CRAN: ", paste(need, collapse = ", "))
      try(install.packages(need, lib = lib, Ncpus = 2L, quiet = TRUE))
      bad <- need[!vapply(need, requireNamespace, logical(1), quietly = TRUE)]
      if (length(bad) && required) stop("could not install from CRAN: ", paste(bad, collapse = ", "))
      if (length(bad)) message("install-deps: optional packages not installed (their oracle tests skip): ",
                               paste(bad, collapse = ", "))
    }' "$2" $pkgs
}
install_cran tools/deps/cran.txt TRUE
install_cran tools/deps/cran-optional.txt FALSE
echo "install-deps: all dependencies present"
