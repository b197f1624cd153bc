# Writes a raw little-endian NRRD file (x fastest) for tests.
write_test_nrrd <- function(arr, path, spacing = c(1, 1, 1)) {
  d <- dim(arr)
  con <- file(path, "wb")
  on.exit(close(con))
  writeLines(c("NRRD0004", "type: short", sprintf("dimension: %d", length(d)),
               paste("sizes:", paste(d, collapse = " ")),
               paste("spacings:", paste(spacing[seq_along(d)], collapse = " ")),
               "encoding: raw", "endian: little", ""), con, sep = "\n")
  writeBin(as.integer(arr), con, size = 2, endian = "little")
  invisible(path)
}

# The shared reference folder (../shared from the repository root), or "" when absent.
shared_reference_dir <- function() {
  ref <- shared_reference()  # helper-image.R
  if (is.null(ref)) "" else dirname(ref)
}
