# Location of the shared reference data (../shared from the repository root), or NULL.
shared_reference <- function() {
  candidates <- c(Sys.getenv("RADSIG_SHARED_DIR"),
                  file.path("..", "..", "..", "..", "shared"),          # rpkg/tests/testthat
                  file.path("..", "..", "..", "..", "..", "..", "shared"))  # build/rcheck/...
  for (d in candidates[nzchar(candidates)]) {
    ref <- file.path(d, "reference")
    if (dir.exists(ref)) return(normalizePath(ref))
  }
  NULL
}

skip_without_shared <- function() {
  ref <- shared_reference()
  if (is.null(ref)) skip("../shared reference data are absent")
  ref
}

# A small image with float-exact geometry and a non-trivial direction.
small_image <- function(nd = 3) {
  if (nd == 3) {
    a <- array(seq(-3.3, by = 0.1, length.out = 60), c(5, 4, 3))
    as_radsig_image(a, spacing = c(0.5, 1.25, 2.5), origin = c(-12.5, 3.75, 100),
                    direction = matrix(c(-1, 0, 0, 0, 0, 1, 0, 1, 0), 3, byrow = TRUE))
  } else {
    a <- array(seq(-3.3, by = 0.1, length.out = 20), c(5, 4))
    as_radsig_image(a, spacing = c(0.5, 1.25), origin = c(-12.5, 3.75),
                    direction = matrix(c(0, 1, -1, 0), 2, byrow = TRUE))
  }
}
