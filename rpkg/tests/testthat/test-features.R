plus_image <- function() array(c(1, 2, 1, 2, 2, 2, 1, 2, 1), dim = c(3, 3, 1))
plus_mask <- function() array(1L, dim = c(3, 3, 1))

test_that("feature_settings has PyRadiomics defaults and validates", {
  s <- feature_settings()
  expect_s3_class(s, "radsig_feature_settings")
  expect_equal(s$binWidth, 25)
  expect_null(s$binCount)
  expect_equal(s$minimumROIDimensions, 2L)
  expect_true(s$symmetricalGLCM)
  expect_output(print(s), "binWidth")
  e <- expect_error(feature_settings(binwidth = 5), class = "radsig_error_value")
  expect_match(conditionMessage(e), "binWidth")
  expect_error(feature_settings(binWidth = -1), class = "radsig_error_value")
  expect_error(feature_settings(binCount = 2.5), class = "radsig_error_value")
  expect_error(feature_settings(distances = 0), class = "radsig_error_value")
  expect_error(feature_settings(weightingNorm = "l2"), class = "radsig_error_value")
  expect_error(feature_settings(force2D = NA), class = "radsig_error_type")
  expect_error(feature_settings(resegmentMode = "range"), class = "radsig_error_value")
  e <- expect_error(feature_settings(featureClass = list(glcmm = NULL)),
                    class = "radsig_error_value")
  expect_match(conditionMessage(e), "ngtdm")
  expect_error(feature_settings(featureClass = list(glcm = "Entropy")),
               class = "radsig_error_value")
  expect_error(feature_settings(5), class = "radsig_error_value")
})

test_that("extract_features matches hand-derived values on a small array", {
  s <- feature_settings(binWidth = 1,
                        featureClass = list(firstorder = NULL, glszm = NULL, gldm = NULL,
                                            ngtdm = NULL))
  f <- extract_features(plus_image(), plus_mask(), s)
  expect_s3_class(f, "radsig_features")
  expect_equal(f[["original_firstorder_Mean"]], 14 / 9)
  # 4 single-voxel zones of level 1 and one 5-voxel zone of level 2.
  expect_equal(f[["original_glszm_SmallAreaEmphasis"]], (4 + 1 / 25) / 5)
  expect_equal(f[["original_gldm_LargeDependenceEmphasis"]], (4 + 4 * 16 + 25) / 9)
  expect_equal(f[["original_ngtdm_Coarseness"]], 9 / 26.5)
  expect_equal(length(f), 18 + 16 + 14 + 5)
  expect_equal(attr(f, "roi_voxels"), 9)
  expect_true("diagnostics_Mask-original_BoundingBox" %in% names(attr(f, "diagnostics")))
  expect_output(print(f), "radsig features")
  expect_equal(ncol(as.data.frame(f)), length(f))
  # Default classes on a 3-D ROI: all 107 default features except shape2D, PyRadiomics order.
  img <- array(rep(1:27, 2), dim = c(3, 3, 6))
  all <- extract_features(img, array(1L, dim(img)))
  expect_equal(length(all), 107)
  spaced <- extract_features(as_radsig_image(img, spacing = c(1, 1, 2)),
                             as_radsig_image(array(1L, dim(img)), spacing = c(1, 1, 2), mask = TRUE),
                             feature_settings(featureClass = list(shape = "VoxelVolume")))
  expect_equal(spaced[["original_shape_VoxelVolume"]], 54 * 2)
  expect_equal(names(all)[1], "original_shape_Elongation")
  expect_equal(names(all)[15:16], c("original_firstorder_10Percentile",
                                    "original_firstorder_90Percentile"))
})

test_that("extract_features rejects bad inputs with classed errors", {
  s <- feature_settings()
  expect_error(extract_features(plus_image(), plus_mask(), list()), class = "radsig_error_type")
  expect_error(extract_features("no/such/file.nrrd", "x.nrrd", s), class = "radsig_error_value")
  expect_error(extract_features(plus_image(), array(1L, c(3, 3, 2)), s),
               class = "radsig_error_length")
  img <- plus_image()
  img[1] <- NA
  expect_error(extract_features(img, plus_mask(), s), class = "radsig_error_missing")
  expect_error(extract_features(letters, plus_mask(), s), class = "radsig_error_type")
  # Label absent, single-voxel ROI: errors from the core naming the mask.
  e <- expect_error(extract_features(plus_image(), plus_mask(), s, label = 3),
                    class = "radsig_error_value")
  expect_equal(e$arg, "mask")
  one <- array(0L, c(3, 3, 1))
  one[5] <- 1L
  expect_error(extract_features(plus_image(), one, s), class = "radsig_error_value")
  expect_error(extract_features(plus_image(), plus_mask(),
                                feature_settings(resampledPixelSpacing = c(2, 2, 2),
                                                 interpolator = "sitkLanczosWindowedSinc")),
               class = "radsig_error_value")
  # Mask geometry differing from the image's.
  img <- as_radsig_image(plus_image(), spacing = c(1, 1, 1))
  msk <- as_radsig_image(plus_mask(), spacing = c(2, 1, 1), mask = TRUE)
  expect_error(extract_features(img, msk, s), class = "radsig_error_value")
})

test_that("read_params reads PyRadiomics YAML files", {
  skip_if_not_installed("yaml")
  f <- tempfile(fileext = ".yaml")
  writeLines(c("setting:", "  binWidth: 10", "  voxelArrayShift: 1000",
               "imageType:", "  Original: {}",
               "featureClass:", "  firstorder:", "  glcm: [JointEntropy, Contrast]"), f)
  s <- read_params(f)
  expect_equal(s$binWidth, 10)
  expect_equal(s$voxelArrayShift, 1000)
  expect_equal(names(s$featureClass), c("firstorder", "glcm"))
  expect_null(s$featureClass$firstorder)
  expect_equal(s$featureClass$glcm, c("JointEntropy", "Contrast"))
  writeLines(c("imageType:", "  LoG:", "    sigma: [1.0]"), f)
  expect_error(read_params(f), class = "radsig_error_value")
  writeLines(c("setting:", "  binWidht: 10"), f)
  expect_error(read_params(f), class = "radsig_error_value")
  expect_error(read_params(tempfile()), class = "radsig_error_value")
})

test_that("extract_features reproduces the PyRadiomics breast1 baseline", {
  shared <- shared_reference_dir()
  skip_if(shared == "", "shared reference data not available")
  dir <- file.path(shared, "reference", "pyradiomics")
  s <- feature_settings(voxelArrayShift = 2000, minimumROIDimensions = 1)
  f <- extract_features(file.path(dir, "breast1_image.nrrd"),
                        file.path(dir, "breast1_label.nrrd"), s)
  # The same through radsig_image objects (image module readers).
  g <- extract_features(read_image(file.path(dir, "breast1_image.nrrd")),
                        read_mask(file.path(dir, "breast1_label.nrrd")), s)
  expect_equal(as.numeric(g), as.numeric(f), tolerance = 1e-12)
  r <- extract_features(file.path(dir, "breast1_image.nrrd"), file.path(dir, "breast1_label.nrrd"),
                        feature_settings(resampledPixelSpacing = c(2, 2, 2),
                                         interpolator = "sitkBSpline",
                                         featureClass = list(firstorder = NULL)))
  b <- utils::read.csv(file.path(dir, "baseline_firstorder.csv"), stringsAsFactors = FALSE,
                       check.names = FALSE)
  rows <- grepl("^original_", b$featureName)
  expect_equal(as.numeric(r[b$featureName[rows]]), as.numeric(b$breast1_resampling[rows]),
               tolerance = 1e-6)
  for (cl in c("firstorder", "shape", "glcm", "glrlm", "glszm", "gldm", "ngtdm")) {
    b <- utils::read.csv(file.path(dir, paste0("baseline_", cl, ".csv")),
                         stringsAsFactors = FALSE, check.names = FALSE)
    rows <- grepl("^original_", b$featureName)
    expected <- stats::setNames(as.numeric(b$breast1[rows]), b$featureName[rows])
    got <- f[grepl(paste0("^original_", cl, "_"), names(f))]
    expect_setequal(names(got), names(expected))
    expect_equal(as.numeric(got[names(expected)]), unname(expected), tolerance = 1e-6)
  }
})

make_batch_cases <- function(dir, n_good = 4) {
  paths <- character()
  for (i in seq_len(n_good)) {
    img <- array(((seq_len(6 * 6 * 4) * (i + 2)) %% 17) + i, dim = c(6, 6, 4))
    msk <- array(0L, dim(img))
    msk[2:5, 2:5, 2:3] <- 1L
    write_test_nrrd(img, file.path(dir, sprintf("img%d.nrrd", i)))
    write_test_nrrd(msk, file.path(dir, sprintf("msk%d.nrrd", i)))
  }
  writeLines("this is not an image", file.path(dir, "corrupt.nrrd"))
  write_test_nrrd(array(0L, c(6, 6, 4)), file.path(dir, "empty.nrrd"))
  data.frame(
    id = c(paste0("case", seq_len(n_good)), "corrupt", "empty"),
    image = c(file.path(dir, sprintf("img%d.nrrd", seq_len(n_good))),
              file.path(dir, "corrupt.nrrd"), file.path(dir, "img1.nrrd")),
    mask = c(file.path(dir, sprintf("msk%d.nrrd", seq_len(n_good))),
             file.path(dir, "msk1.nrrd"), file.path(dir, "empty.nrrd")),
    stringsAsFactors = FALSE)
}

test_that("extract_batch returns error rows, resumes from the cache, matches single cases", {
  dir <- tempfile()
  dir.create(dir)
  m <- make_batch_cases(dir)
  s <- feature_settings(featureClass = list(firstorder = NULL, glcm = NULL))
  res <- extract_batch(m, s)
  expect_equal(nrow(res), 6)
  expect_equal(res$id, m$id)
  expect_true(all(is.na(res$error[1:4])))
  expect_false(any(is.na(res$error[5:6])))
  expect_match(res$error[6], "label")
  expect_true(all(is.na(res$original_glcm_Contrast[5:6])))
  single <- extract_features(m$image[2], m$mask[2], s)
  expect_equal(unlist(res[2, names(single)]), stats::setNames(as.numeric(single), names(single)))
  expect_equal(names(res)[-(1:3)], names(single))
  # Interrupted run: only the first half finished; the rerun computes only the rest.
  cache <- file.path(dir, "cache")
  first <- extract_batch(m[1:3, ], s, cache_dir = cache)
  expect_false(any(attr(first, "cached")))
  again <- extract_batch(m, s, cache_dir = cache)
  expect_equal(attr(again, "cached"), c(TRUE, TRUE, TRUE, FALSE, FALSE, FALSE))
  expect_equal(again[, -3], res[, -3], ignore_attr = TRUE)
  # Failed cases are retried; changed settings or a changed image invalidate the cache.
  third <- extract_batch(m, s, cache_dir = cache)
  expect_equal(attr(third, "cached"), c(TRUE, TRUE, TRUE, TRUE, FALSE, FALSE))
  s2 <- feature_settings(binWidth = 5, featureClass = list(firstorder = NULL, glcm = NULL))
  fourth <- extract_batch(m[1:2, ], s2, cache_dir = cache)
  expect_false(any(attr(fourth, "cached")))
  expect_equal(fourth$original_glcm_Contrast,
               unname(sapply(1:2, function(i) {
                 extract_features(m$image[i], m$mask[i], s2)[["original_glcm_Contrast"]]
               })))
  Sys.setFileTime(m$image[1], Sys.time() + 60)
  fifth <- extract_batch(m[1:2, ], s2, cache_dir = cache)
  expect_equal(attr(fifth, "cached"), c(FALSE, TRUE))
  expect_error(extract_batch(m[, 1:2], s), class = "radsig_error_value")
  expect_error(extract_batch(rbind(m, m), s), class = "radsig_error_value")
  expect_error(extract_batch(as.list(m), s), class = "radsig_error_type")
})

test_that("extract_batch keeps ids that differ only in punctuation apart in the cache", {
  dir <- tempfile()
  dir.create(dir)
  m <- make_batch_cases(dir)[1:2, ]
  m$id <- c("a/b", "a_b")
  s <- feature_settings(featureClass = list(firstorder = NULL))
  cache <- file.path(dir, "cache")
  first <- extract_batch(m, s, cache_dir = cache)
  expect_length(list.files(cache, pattern = "[.]rds$"), 2)
  again <- extract_batch(m, s, cache_dir = cache)
  expect_equal(attr(again, "cached"), c(TRUE, TRUE))
  expect_equal(again[, -3], first[, -3], ignore_attr = TRUE)
})

test_that("extract_batch gives identical results under sequential and multisession plans", {
  skip_if_not_installed("future")
  dir <- tempfile()
  dir.create(dir)
  m <- make_batch_cases(dir, n_good = 2)
  s <- feature_settings(featureClass = list(glszm = NULL))
  old <- future::plan(future::sequential)
  on.exit(future::plan(old), add = TRUE)
  seq_res <- extract_batch(m, s)
  future::plan(future::multisession, workers = 2)
  par_res <- extract_batch(m, s)
  expect_identical(par_res, seq_res)
})
