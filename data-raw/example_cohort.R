# Builds the small example cohort shipped in inst/extdata/example_cohort/ (used by the
# examples of example_cohort()): 24 simulated mammography cases from 2 centres.
# Run from the repository root with radsig installed:
#   R_LIBS=build/rlib Rscript data-raw/example_cohort.R
library(radsig)
out <- file.path("inst", "extdata", "example_cohort")
unlink(out, recursive = TRUE)
co <- simulate_cohort(n = 24, centers = 2, modality = "mammography", dir = out, seed = 2019)
manifest <- co$manifest
manifest$image <- file.path("images", basename(manifest$image))
manifest$mask <- file.path("masks", basename(manifest$mask))
utils::write.csv(manifest, file.path(out, "manifest.csv"), row.names = FALSE)
utils::write.csv(co$clinical, file.path(out, "clinical.csv"), row.names = FALSE)
utils::write.csv(co$truth, file.path(out, "truth.csv"), row.names = FALSE)
cat("Wrote", nrow(manifest), "cases to", out, "\n")
