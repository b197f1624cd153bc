# radsig main job: a demonstration of the pipeline on real and generated data.
# Usage: Rscript main_job.R [output_dir]
# It grows with the package; each section uses only what radsig already provides.
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "output"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
suppressPackageStartupMessages(library(radsig))
cat("radsig", radsig_versions()[["package"]], "- main job\n")
cat("Results are written to", normalizePath(out_dir), "\n")
