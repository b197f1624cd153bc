# Benchmark: brain1 (PyRadiomics test case, 256 x 256 x 25, int16 gzip NRRD) read, N4 bias
# correction and resampling to 1 mm isotropic. No peer R package does N4 / ITK resampling,
# so those are reported as absolute times (for later comparison). Reading is compared with a
# base-R reader of the same gzip NRRD (header parse + memDecompress + readBin).
#
# Run from the repository root after tools/document.sh:
#   R_LIBS=$PWD/build/rlib Rscript tests/bench/bench_image.R [reps]
suppressPackageStartupMessages(library(radsig))
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args)) as.integer(args[1]) else 3L
shared <- Sys.getenv("RADSIG_SHARED_DIR", file.path("..", "shared"))
path <- file.path(shared, "reference", "pyradiomics", "brain1_image.nrrd")
if (!file.exists(path)) stop("brain1 not found: set RADSIG_SHARED_DIR (looked in ", path, ")")

base_r_read_nrrd <- function(path) {
  raw <- readBin(path, "raw", file.size(path))
  nl <- which(raw == as.raw(10))
  blank <- nl[which(diff(nl) == 1)[1] + 1]       # end of the header: an empty line
  header <- rawToChar(raw[seq_len(blank)])
  sizes <- as.integer(strsplit(sub(".*\nsizes: ([0-9 ]+)\n.*", "\\1", header), " ")[[1]])
  data <- memDecompress(raw[(blank + 1):length(raw)], type = "gzip")
  array(readBin(data, "integer", prod(sizes), size = 2, endian = "little"), sizes)
}

time_it <- function(expr) {
  e <- substitute(expr)
  env <- parent.frame()
  median(vapply(seq_len(reps), function(i) system.time(eval(e, env))[["elapsed"]], 0))
}

t_read <- time_it(img <- read_image(path))
t_base <- time_it(ref <- base_r_read_nrrd(path))
stopifnot(identical(as.vector(as.array(img)), as.vector(ref) + 0))
t_n4 <- time_it(corr <- correct_bias(img))
t_res <- time_it(res <- resample_image(corr, c(1, 1, 1), interpolator = "bspline"))

cat(sprintf("brain1 %s, %d reps (median elapsed seconds)\n", paste(dim(img), collapse = "x"), reps))
cat(sprintf("%-34s %9s %9s %7s\n", "step", "radsig", "peer", "ratio"))
cat(sprintf("%-34s %9.3f %9.3f %7.2f\n", "read (vs base-R gzip NRRD reader)", t_read, t_base,
            t_read / t_base))
cat(sprintf("%-34s %9.3f %9s %7s\n", "N4 (defaults: shrink 4, 4x50 it.)", t_n4, "-", "-"))
cat(sprintf("%-34s %9.3f %9s %7s\n", "resample to 1 mm (B-spline)", t_res, "-", "-"))
cat(sprintf("%-34s %9.3f\n", "read + N4 + resample", t_read + t_n4 + t_res))
cat(sprintf("resampled size: %s\n", paste(dim(res), collapse = " x ")))
