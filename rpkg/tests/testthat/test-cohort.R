eta_squared <- function(v, g) {
  g <- factor(g)
  ss_tot <- sum((v - mean(v))^2)
  ss_b <- sum(tapply(v, g, function(u) length(u) * (mean(u) - mean(v))^2))
  ss_b / ss_tot
}

test_that("simulate_cohort is deterministic per seed and leaves the RNG alone", {
  set.seed(42)
  before <- .Random.seed
  a <- simulate_cohort(n = 8, centers = 2, modality = "ultrasound", dir = tempfile(), seed = 7)
  expect_identical(.Random.seed, before)
  b <- simulate_cohort(n = 8, centers = 2, modality = "ultrasound", dir = tempfile(), seed = 7)
  c <- simulate_cohort(n = 8, centers = 2, modality = "ultrasound", dir = tempfile(), seed = 8)
  expect_identical(a$clinical, b$clinical)
  expect_identical(a$truth, b$truth)
  expect_false(identical(a$truth$latent, c$truth$latent))
  expect_identical(unclass(read_image(a$manifest$image[3])),
                   unclass(read_image(b$manifest$image[3])))
  expect_identical(unclass(read_mask(a$manifest$mask[3])),
                   unclass(read_mask(b$manifest$mask[3])))
  unlink(c(a$dir, b$dir, c$dir), recursive = TRUE)
})

test_that("simulate_cohort returns the documented structure", {
  co <- simulate_cohort(n = 6, centers = 3, modality = "mri", dir = tempfile(), seed = 3)
  expect_s3_class(co, "radsig_cohort")
  expect_named(co$clinical, c("id", "center", "age", "menopause", "t_stage", "tumor_size",
                              "er", "pr", "her2", "ki67", "subtype", "radiologist_ln",
                              "pathological_ln", "positive_nodes", "node_burden",
                              "dfs_time", "dfs_event"))
  expect_true(all(c("id", "image", "mask", "label") %in% names(co$manifest)))
  expect_true(all(file.exists(co$manifest$image), file.exists(co$manifest$mask)))
  img <- read_image(co$manifest$image[1])
  expect_length(dim(img), 3L)
  expect_gt(sum(read_mask(co$manifest$mask[1], label = 1)), 0)
  expect_gt(sum(read_mask(co$manifest$mask[1], label = 2)), 0)
  expect_equal(attr(img, "spacing"), tolerance = 1e-6,
               c(rep(co$centers$spacing_xy[co$manifest$center[1]], 2),
                 co$centers$spacing_z[co$manifest$center[1]]))
  cl <- co$clinical
  expect_true(all((cl$positive_nodes > 0) == (cl$pathological_ln == 1)))
  expect_output(print(co), "simulated mri cohort")
  m2 <- simulate_cohort(n = 3, centers = 1, modality = "mammography", dir = tempfile(), seed = 1)
  expect_length(dim(read_image(m2$manifest$image[1])), 2L)
  unlink(c(co$dir, m2$dir), recursive = TRUE)
})

test_that("simulate_cohort rejects bad input with classed errors", {
  expect_error(simulate_cohort(n = 1, dir = tempfile()), class = "radsig_error_value")
  expect_error(simulate_cohort(n = 10, centers = 0, dir = tempfile()),
               class = "radsig_error_value")
  expect_error(simulate_cohort(n = 3, centers = 4, dir = tempfile()),
               class = "radsig_error_value")
  expect_error(simulate_cohort(n = 5, modality = "ct", dir = tempfile()), class = "radsig_error")
  expect_error(simulate_cohort(n = 5, dir = 3), class = "radsig_error_type")
  expect_error(simulate_cohort(n = 5, dir = tempfile(), seed = -1), class = "radsig_error")
})

test_that("the clinical model follows the documented generative model", {
  co <- simulate_cohort(n = 400, centers = 2, modality = "ultrasound", dir = tempfile(),
                        seed = 11)
  cl <- co$clinical
  # Radiologist's report: specificity about 0.85 (binomial 99.9% range for the N0 count).
  n0 <- sum(cl$pathological_ln == 0)
  spec <- mean(cl$radiologist_ln[cl$pathological_ln == 0] == 0)
  expect_gt(spec, stats::qbinom(0.0005, n0, 0.85) / n0)
  expect_lt(spec, stats::qbinom(0.9995, n0, 0.85) / n0)
  # The latent propensity drives node status and DFS (checked with the reference fits).
  g <- stats::glm(cl$pathological_ln ~ co$truth$latent, family = stats::binomial)
  ci <- suppressMessages(stats::confint.default(g)[2, ])
  expect_true(ci[1] < 1.6 && ci[2] > 1.6)
  skip_if_not_installed("survival")
  cx <- survival::coxph(survival::Surv(cl$dfs_time, cl$dfs_event) ~ co$truth$latent)
  expect_gt(stats::coef(cx), 0)
  unlink(co$dir, recursive = TRUE)
})

test_that("a radiomics pipeline recovers the planted signal; normalisation removes centre effects", {
  n <- 120
  co <- simulate_cohort(n = n, centers = 3, modality = "mammography", dir = tempfile(),
                        seed = 2024)
  settings <- feature_settings(featureClass = list(firstorder = c("Mean", "Variance",
                                                                  "Entropy"),
                                                   shape2D = c("Perimeter", "PixelSurface",
                                                               "Sphericity")),
                               force2D = TRUE, binCount = 32)
  raw <- extract_batch(co$manifest, settings)
  expect_true(all(is.na(raw$error)))
  # Centre effects: lesion mean intensity differs by centre before normalisation.
  eta_raw <- eta_squared(raw$original_firstorder_Mean, co$manifest$center)
  # Normalise (PyRadiomics: whole image z-score) and resample to a common grid.
  norm_dir <- file.path(co$dir, "normalised")
  dir.create(norm_dir)
  norm_manifest <- co$manifest
  for (i in seq_len(n)) {
    img <- read_image(co$manifest$image[i])
    img <- normalize_intensity(img, "pyradiomics", scale = 100)
    img <- resample_image(img, c(0.5, 0.5), interpolator = "linear")
    msk <- resample_image(read_mask(co$manifest$mask[i], label = NULL), c(0.5, 0.5))
    norm_manifest$image[i] <- file.path(norm_dir, sprintf("img%d.nii.gz", i))
    norm_manifest$mask[i] <- file.path(norm_dir, sprintf("msk%d.nii.gz", i))
    write_image(img, norm_manifest$image[i])
    write_image(msk, norm_manifest$mask[i])
  }
  harm <- extract_batch(norm_manifest, settings)
  eta_norm <- eta_squared(harm$original_firstorder_Mean, co$manifest$center)
  expect_gt(eta_raw, 0.5)
  expect_lt(eta_norm, eta_raw / 3)

  # Rad-score: LASSO on z-scored features of centre 1, evaluated in centres 2-3.
  feats <- as.matrix(harm[, grep("^original_", names(harm))])
  y <- co$clinical$pathological_ln
  train <- co$manifest$center == 1
  mu <- colMeans(feats[train, ])
  sdv <- apply(feats[train, ], 2, stats::sd)
  z <- sweep(sweep(feats, 2, mu), 2, sdv, "/")
  cv <- cv_elastic_net(z[train, ], y[train], family = "binomial", alpha = 1, nfolds = 5,
                       seed = 1)
  score <- rad_score(cv, z[!train, ], s = "lambda_min")
  auc_val <- roc_curve(y[!train], score, direction = "<")$auc
  # Upper bound: the latent propensity itself in the same patients.
  auc_latent <- roc_curve(y[!train], co$truth$latent[!train], direction = "<")$auc
  expect_gt(auc_val, 0.6)
  expect_lt(auc_val, auc_latent + 0.05)
  # The latent-driven features (heterogeneity, size, irregularity) are selected most often.
  freq <- selection_frequency(z[train, ], y[train], family = "binomial", alpha = 1,
                              nfolds = 5, B = 20, seed = 3)
  top <- head(freq$feature[order(-freq$frequency)], 3)
  expect_true(any(grepl("Variance|Entropy|Perimeter|PixelSurface|Sphericity", top)))
  unlink(co$dir, recursive = TRUE)
})

test_that("example_cohort() returns the bundled cohort", {
  ex <- example_cohort()
  expect_equal(nrow(ex$manifest), 24L)
  expect_true(all(file.exists(ex$manifest$image), file.exists(ex$manifest$mask)))
  expect_identical(ex$manifest$id, ex$clinical$id)
  expect_s3_class(ex$clinical$subtype, "factor")
  expect_length(dim(read_image(ex$manifest$image[1])), 2L)
})
