# Per-class timing of extract_features() (all default original features, single thread) for
# brain1, breast1 and a synthetic 150,000-voxel ellipsoid (160 x 160 x 80 smooth noise,
# spacing 0.8 x 0.8 x 1.5 mm), next to PyRadiomics 3's times on this machine class from
# issue 4 (53 ms for brain1; 864 ms, of which 512 ms shape, for the synthetic case).
# Class times are measured inside the C++ core (cropped ROI); "call" is the whole R call
# including file reading. Run: Rscript tests/bench/bench_features.R [path/to/shared]
suppressPackageStartupMessages(library(radsig))
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args)) args[1] else Sys.getenv("RADSIG_SHARED_DIR", "../shared")
settings <- feature_settings(additionalInfo = FALSE)

bench <- function(name, image, mask, reps, pyradiomics_ms = NA, pyradiomics_shape_ms = NA) {
  runs <- lapply(seq_len(reps), function(i) {
    t0 <- proc.time()[["elapsed"]]
    f <- extract_features(image, mask, settings)
    list(f = f, call = (proc.time()[["elapsed"]] - t0) * 1e3)
  })
  per_class <- sapply(runs, function(r) attr(r$f, "timings") * 1e3)
  best <- apply(per_class, 1, min)
  f <- runs[[1]]$f
  cat(sprintf("\n%s: %d ROI voxels, %d features, best of %d runs\n", name,
              as.integer(attr(f, "roi_voxels")), length(f), reps))
  for (k in names(best)) cat(sprintf("  %-11s %9.3f ms\n", k, best[[k]]))
  total <- min(colSums(per_class))
  cat(sprintf("  %-11s %9.3f ms", "total", total))
  if (!is.na(pyradiomics_ms))
    cat(sprintf("   PyRadiomics %.0f ms -> %.1fx faster", pyradiomics_ms, pyradiomics_ms / total))
  cat(sprintf("\n  %-11s %9.3f ms (R call incl. reading)\n", "call",
              min(vapply(runs, function(r) r$call, 0))))
  if (!is.na(pyradiomics_shape_ms))
    cat(sprintf("  %-11s %9.3f ms   PyRadiomics %.0f ms -> %.1fx faster\n", "shape",
                best[["shape"]], pyradiomics_shape_ms, pyradiomics_shape_ms / best[["shape"]]))
}

dir <- file.path(shared, "reference", "pyradiomics")
if (file.exists(file.path(dir, "brain1_image.nrrd"))) {
  bench("brain1", file.path(dir, "brain1_image.nrrd"), file.path(dir, "brain1_label.nrrd"), 11, 53)
  bench("breast1", file.path(dir, "breast1_image.nrrd"), file.path(dir, "breast1_label.nrrd"), 11)
} else {
  cat("brain1/breast1 not found under", dir, "\n")
}

set.seed(42)
n <- c(160, 160, 80)
v <- array(stats::runif(prod(n), 0, 1000), n)
smooth <- function(a, axis) {
  k <- rep(1 / 5, 5)
  apply(a, setdiff(1:3, axis), function(x) {
    y <- stats::filter(x, k, sides = 2)
    y[is.na(y)] <- x[is.na(y)]
    y
  }) -> s
  aperm(s, order(c(axis, setdiff(1:3, axis))))
}
for (pass in 1:2) for (ax in 1:3) v <- smooth(v, ax)
v <- round((v - min(v)) / (max(v) - min(v)) * 1000)
g <- expand.grid(x = (seq_len(n[1]) - 80.5) * 0.8 / 36, y = (seq_len(n[2]) - 80.5) * 0.8 / 36,
                 z = (seq_len(n[3]) - 40.5) * 1.5 / 26.5)
m <- array(as.integer(g$x^2 + g$y^2 + g$z^2 <= 1), n)
img <- as_radsig_image(v, spacing = c(0.8, 0.8, 1.5))
msk <- as_radsig_image(m, spacing = c(0.8, 0.8, 1.5), mask = TRUE)
bench("synthetic", img, msk, 3, 864, 512)
