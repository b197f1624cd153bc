# Preprocessing: normalisation, resampling, N4, morphology, ROI helpers.

test_that("normalisation and clipping equal a base-R computation", {
  ph <- phantom_image(size = c(16, 16, 8), texture = 30, noise = 10, seed = 11)
  x <- as.array(ph$image)
  m <- as.array(ph$mask) != 0
  z <- normalize_intensity(ph$image, "zscore", mask = ph$mask)
  expect_equal(as.array(z), (x - mean(x[m])) / sd(x[m]), tolerance = 1e-6)
  mm <- normalize_intensity(ph$image, "minmax", mask = ph$mask)
  expect_equal(as.array(mm), (x - min(x[m])) / (max(x[m]) - min(x[m])), tolerance = 1e-6)
  q <- stats::quantile(x[m], c(0.005, 0.995))
  pc <- normalize_intensity(ph$image, "percentile", mask = ph$mask)
  expect_equal(as.array(pc), pmin(pmax(x, q[[1]]), q[[2]]), tolerance = 1e-6)
  q2 <- stats::quantile(x, c(0.02, 0.9))
  expect_equal(as.array(normalize_intensity(ph$image, "percentile", percentiles = c(2, 90))),
               pmin(pmax(x, q2[[1]]), q2[[2]]), tolerance = 1e-6)
  py <- normalize_intensity(ph$image, "pyradiomics", scale = 100, remove_outliers = 2)
  expect_equal(as.array(py), pmin(pmax((x - mean(x)) / sd(x), -2), 2) * 100, tolerance = 1e-6)
  eq <- equalize_histogram(ph$image, ph$mask)
  expect_equal(as.array(eq),
               min(x[m]) + (max(x[m]) - min(x[m])) * array(stats::ecdf(x[m])(x), dim(x)),
               tolerance = 1e-6)
  expect_error(normalize_intensity(ph$image, "nope"), class = "radsig_error_value")
  flat <- as_radsig_image(array(1, c(4, 4, 4)))
  expect_error(normalize_intensity(flat, "zscore"), class = "radsig_error_value",
               regexp = "constant")
})

test_that("re-segmentation follows PyRadiomics' rules", {
  ph <- phantom_image(size = c(16, 16, 8), texture = 30, noise = 10, seed = 12)
  x <- as.array(ph$image)
  m <- as.array(ph$mask) != 0
  r <- resegment(ph$image, ph$mask, range = c(180, 220))
  expect_identical(as.array(r), (m & x >= 180 & x <= 220) + 0L)
  r1 <- resegment(ph$image, ph$mask, range = 200)
  expect_identical(as.array(r1), (m & x >= 200) + 0L)
  v <- x[m]
  s <- sqrt(mean((v - mean(v))^2))
  rs <- resegment(ph$image, ph$mask, sigma = 1)
  expect_identical(as.array(rs), (m & x >= mean(v) - s & x <= mean(v) + s) + 0L)
  rr <- resegment(ph$image, ph$mask, range = 0.9, mode = "relative")
  expect_identical(as.array(rr), (m & x >= 0.9 * max(v)) + 0L)
  expect_error(resegment(ph$image, ph$mask, range = 1e6), class = "radsig_error_value",
               regexp = "leaves")
  expect_error(resegment(ph$image, ph$mask), class = "radsig_error_value")
})

test_that("linear resampling of a linear ramp is exact", {
  ramp <- function(x, y, z) 2 * x - 3 * y + 0.5 * z + 7
  g <- expand.grid(i = 0:9, j = 0:8, k = 0:7)
  img <- as_radsig_image(array(ramp(-3 + g$i, 2 + 1.5 * g$j, 1 + 2 * g$k), c(10, 9, 8)),
                         spacing = c(1, 1.5, 2), origin = c(-3, 2, 1))
  img <- read_image(write_image(img, tempfile(fileext = ".nrrd")))  # float-exact copy
  r <- resample_image(img, c(0.5, 0.75, 1), interpolator = "linear")
  expect_identical(dim(r), c(20L, 18L, 16L))
  o <- attr(r, "origin")
  expect_equal(o, c(-3.25, 1.625, 0.5))
  h <- expand.grid(i = 0:19, j = 0:17, k = 0:15)
  px <- o[1] + 0.5 * h$i; py <- o[2] + 0.75 * h$j; pz <- o[3] + h$k
  inside <- px >= -3 & px <= 6 & py >= 2 & py <= 14 & pz >= 1 & pz <= 15
  expect_gt(sum(inside), 3000)
  expect_equal(as.vector(as.array(r))[inside], ramp(px, py, pz)[inside], tolerance = 1e-6)
  # masks are resampled by nearest neighbour, and 2-D images work
  ph <- phantom_image(size = c(20, 20), spacing = c(1, 1), radius = c(5, 5))
  rm <- resample_image(ph$mask, c(0.5, 0.5))
  expect_s3_class(rm, "radsig_mask")
  expect_setequal(unique(as.vector(rm)), c(0L, 1L))
  expect_error(resample_image(ph$image, c(-1, 1)), class = "radsig_error_value")
})

test_that("resampling brain1 reproduces the PyRadiomics checkpoints", {
  ref <- skip_without_shared()
  img <- read_image(file.path(ref, "pyradiomics", "brain1_image.nrrd"))
  lab <- read_mask(file.path(ref, "pyradiomics", "brain1_label.nrrd"))
  r <- resample_image(img, c(2, 2, 2), mask = lab, pad = 5, integer_output = TRUE)
  expect_identical(dim(r$image), c(30L, 39L, 34L))
  m <- as.array(r$mask) == 1
  expect_identical(sum(m), 1915L)
  idx <- which(m, arr.ind = TRUE)
  expect_identical(unname(apply(idx, 2, min)) - 1L, c(5L, 6L, 7L))
  expect_identical(unname(apply(idx, 2, max) - apply(idx, 2, min)) + 1L, c(19L, 27L, 22L))
  v <- as.array(r$image)
  expect_identical(range(v), c(-128, 2253))
  expect_equal(mean(v), 598.916742081448, tolerance = 1e-12)
  expect_equal(mean(v[m]), 820.533681462141, tolerance = 1e-12)
})

test_that("N4 removes a synthetic multiplicative bias field", {
  ph <- phantom_image(size = c(32, 32, 16), noise = 1, bias = TRUE, seed = 3)
  bg <- as.array(ph$mask) == 0
  cv <- function(v) sd(v) / mean(v)
  corrected <- correct_bias(ph$image, shrink_factor = 2, iterations = c(20, 20, 20))
  expect_lt(cv(as.array(corrected)[bg]), 0.5 * cv(as.array(ph$image)[bg]))
  both <- correct_bias(ph$image, mask = ph$mask == 0, shrink_factor = 2, iterations = c(10, 10),
                       return_field = TRUE)
  expect_named(both, c("image", "bias_field"))
  expect_equal(as.array(both$image) * as.array(both$bias_field), as.array(ph$image),
               tolerance = 1e-5)
  expect_error(correct_bias(ph$image, iterations = 0), class = "radsig_error_value",
               regexp = "iterations")
})

test_that("dilation, erosion and ring voxel counts equal hand-derived counts", {
  one <- array(0L, c(7, 7, 7))
  one[4, 4, 4] <- 1L
  m <- as_radsig_image(one, mask = TRUE)
  # ITK ball of radius 1: offsets with |d|^2 <= 1.5^2 -> 1 + 6 faces + 12 edges
  expect_identical(sum(dilate_mask(m, 1, "voxels")), 19L)
  expect_identical(sum(peritumoral_ring(m, 1, "voxels")), 18L)
  # spacing (1, 1, 2) and 2 mm: radius (2, 2, 1) voxels, semi-axes (2.5, 2.5, 1.5):
  # plane dz = 0 -> dx^2 + dy^2 <= 6.25: 21; planes dz = +-1 -> dx^2 + dy^2 <= 3.47: 9 each
  ma <- as_radsig_image(one, spacing = c(1, 1, 2), mask = TRUE)
  expect_identical(sum(dilate_mask(ma, 2, "mm")), 39L)
  cube <- array(0L, c(7, 7, 7))
  cube[3:5, 3:5, 3:5] <- 1L
  e <- erode_mask(as_radsig_image(cube, mask = TRUE), 1, "voxels")
  expect_identical(which(as.array(e) == 1L), which(one == 1L))
  body <- array(0L, c(7, 7, 7))
  body[1:4, , ] <- 1L
  # ring voxels with x <= 4 (1-based): 18 minus 1 face and 4 edges at x = 5
  expect_identical(sum(peritumoral_ring(m, 1, "voxels", body = as_radsig_image(body, mask = TRUE))),
                   13L)
  expect_error(dilate_mask(m, -1), class = "radsig_error_value", regexp = "radius")
  expect_error(dilate_mask(m, 1.5, "voxels"), class = "radsig_error_value")
})

test_that("cropping and slice extraction match base-R indexing", {
  ph <- phantom_image(size = c(24, 20, 10), texture = 10, noise = 2, seed = 9)
  x <- as.array(ph$image)
  m <- as.array(ph$mask)
  idx <- which(m != 0, arr.ind = TRUE)
  lo <- pmax(apply(idx, 2, min) - 2L, 1L)
  hi <- pmin(apply(idx, 2, max) + 2L, dim(x))
  cr <- crop_to_mask(ph$image, ph$mask, pad = 2)
  expect_identical(as.array(cr$image), x[lo[1]:hi[1], lo[2]:hi[2], lo[3]:hi[3]])
  expect_identical(as.array(cr$mask), m[lo[1]:hi[1], lo[2]:hi[2], lo[3]:hi[3]])
  expect_equal(attr(cr$image, "origin"), unname(lo - 1) * attr(ph$image, "spacing"))
  sl <- largest_slice(ph$image, ph$mask)
  k <- which.max(apply(m != 0, 3, sum))
  expect_identical(sl$index, k)
  expect_identical(as.array(sl$image), x[, , k])
  expect_identical(as.array(sl$mask), m[, , k])
  s2 <- largest_slice(ph$image, ph$mask, axis = 1, index = 5)
  expect_identical(as.array(s2$image), x[5, , ])
  expect_error(largest_slice(ph$image, ph$mask, index = 99), class = "radsig_error_value")
  expect_error(largest_slice(sl$image, sl$mask), class = "radsig_error_value", regexp = "3-D")
})
