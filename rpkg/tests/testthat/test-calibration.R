# Oracles: rms::validate / rms::calibrate (same resamples via the same seed), stats::glm,
# stats::lowess; Hosmer-Lemeshow against an independent re-derivation of
# ResourceSelection::hoslem.test's formula (package not installed here).

calib_data <- function() {
  d <- survival::rotterdam[1:800, ]
  d$y <- as.integer(d$nodes > 0)
  d$size <- factor(d$size)
  d
}

test_that("validate_model equals rms::validate for the same seed", {
  skip_if_not_installed("rms")
  skip_if_not_installed("survival")
  d <- calib_data()
  f <- rms::lrm(y ~ age + size + pgr + meno, data = d, x = TRUE, y = TRUE)
  set.seed(11)
  v <- rms::validate(f, B = 25)
  r <- validate_model(fit_logistic(y ~ age + size + pgr + meno, d), B = 25, seed = 11)
  expect_equal(r$index[1:11], rownames(v))
  expect_equal(as.matrix(r[1:11, 2:7]), unname(unclass(v)[, 1:6]), tolerance = 1e-6,
               ignore_attr = TRUE)
  expect_equal(r$index_corrected[12], r$index_corrected[1] / 2 + 0.5)
  # thread count does not change the result; the caller's RNG state is untouched
  set.seed(99)
  before <- runif(1)
  set.seed(99)
  r2 <- validate_model(fit_logistic(y ~ age + size + pgr + meno, d), B = 25, seed = 11,
                       threads = 2)
  expect_identical(runif(1), before)
  expect_identical(r2$index_corrected, r$index_corrected)
})

test_that("calibrate_model equals rms::calibrate with tied predictions (categorical model)", {
  # 12 distinct predicted probabilities: lowess windows and the bootstrap orderings go
  # through many ties, whose order must follow R's stable order().
  skip_if_not_installed("rms")
  skip_if_not_installed("survival")
  d <- survival::gbsg
  d$y <- as.integer(d$status == 1)
  d$grade <- factor(d$grade)
  f <- rms::lrm(y ~ meno + grade + hormon, data = d, x = TRUE, y = TRUE)
  set.seed(5)
  cc <- unclass(rms::calibrate(f, B = 20))
  r <- calibrate_model(fit_logistic(y ~ meno + grade + hormon, d), B = 20, seed = 5)
  expect_equal(r$calibrated_orig, unname(cc[, "calibrated.orig"]), tolerance = 1e-6)
  expect_equal(r$calibrated_corrected, unname(cc[, "calibrated.corrected"]), tolerance = 1e-6)
})

test_that("calibrate_model equals rms::calibrate for the same seed", {
  skip_if_not_installed("rms")
  skip_if_not_installed("survival")
  d <- calib_data()
  f <- rms::lrm(y ~ age + size + er, data = d, x = TRUE, y = TRUE)
  set.seed(3)
  cc <- unclass(rms::calibrate(f, B = 20))
  r <- calibrate_model(fit_logistic(y ~ age + size + er, d), B = 20, seed = 3, threads = 2)
  expect_equal(r$predy, unname(cc[, "predy"]), tolerance = 1e-8)
  expect_equal(r$calibrated_orig, unname(cc[, "calibrated.orig"]), tolerance = 1e-6)
  expect_equal(r$calibrated_corrected, unname(cc[, "calibrated.corrected"]), tolerance = 1e-6)
  expect_equal(r$n, unname(cc[, "n"]))
  f <- tempfile(fileext = ".pdf")
  grDevices::pdf(f)
  expect_invisible(plot(r))
  grDevices::dev.off()
})

test_that("calibration_curve matches glm and lowess", {
  set.seed(21)
  p <- stats::plogis(rnorm(400, -0.5, 1.2))
  y <- rbinom(400, 1, stats::plogis(0.2 + 0.8 * stats::qlogis(p)))
  cal <- calibration_curve(p, y)
  gi <- glm(y ~ 1, offset = stats::qlogis(p), family = binomial)
  gs <- glm(y ~ stats::qlogis(p), family = binomial)
  expect_equal(cal$stats[["intercept"]], unname(coef(gi)), tolerance = 1e-8)
  expect_equal(cal$stats[["slope"]], unname(coef(gs)[2]), tolerance = 1e-8)
  expect_equal(cal$stats[["brier"]], mean((y - p)^2))
  expect_equal(cal$stats[["eo"]], sum(p) / sum(y))
  lo <- stats::lowess(p, y, iter = 0)
  expect_equal(cal$curve$observed, lo$y, tolerance = 1e-10)
  b <- calibration_curve(p, y, method = "bins", bins = 5)
  expect_equal(nrow(b$curve), 5L)
  expect_equal(sum(b$curve$n), 400)
  f <- tempfile(fileext = ".pdf")
  grDevices::pdf(f)
  plot(cal)
  plot(b)
  grDevices::dev.off()
  expect_output(print(cal), "intercept")
})

test_that("hosmer_lemeshow follows the hoslem.test formula", {
  set.seed(5)
  p <- runif(300, 0.05, 0.95)
  y <- rbinom(300, 1, p)
  ref <- function(p, y, g) {
    br <- unique(stats::quantile(p, seq(0, 1, 1 / g)))
    cg <- cut(p, br, include.lowest = TRUE)
    o1 <- tapply(y, cg, sum); e1 <- tapply(p, cg, sum); nn <- tapply(y, cg, length)
    sum((o1 - e1)^2 / e1 + (o1 - e1)^2 / (nn - e1))
  }
  for (g in c(5, 10)) {
    h <- hosmer_lemeshow(p, y, g = g)
    expect_s3_class(h, "htest")
    expect_equal(unname(h$statistic), ref(p, y, g), tolerance = 1e-10)
    expect_equal(unname(h$parameter), g - 2)
    expect_equal(h$p.value, stats::pchisq(ref(p, y, g), g - 2, lower.tail = FALSE),
                 tolerance = 1e-10)
  }
})

test_that("calibration functions refuse bad input", {
  expect_error(hosmer_lemeshow(c(0.2, 1.5, 0.3), c(0, 1, 1)), class = "radsig_error_value")
  expect_error(hosmer_lemeshow(runif(10), rep(0:2, length.out = 10)), class = "radsig_error_value")
  expect_error(hosmer_lemeshow(runif(10), rbinom(9, 1, 0.5)), class = "radsig_error_length")
  expect_error(hosmer_lemeshow(rep(0.5, 20), rep(0:1, 10)), class = "radsig_error_value")
  expect_error(calibration_curve(c(0, 0.5, 0.7), c(0, 1, 1)), class = "radsig_error_value")
  expect_error(calibration_curve(c(NA, 0.5, 0.7), c(0, 1, 1)), class = "radsig_error_missing")
  expect_error(calibration_curve(runif(20), rbinom(20, 1, 0.5), method = "spline"),
               class = "radsig_error_value")
  expect_error(validate_model(lm(mpg ~ wt, mtcars)), class = "radsig_error_type")
  d <- data.frame(x = rnorm(40), y = rbinom(40, 1, 0.5))
  expect_error(validate_model(fit_logistic(y ~ x, d, weights = runif(40)), B = 5),
               class = "radsig_error_value")
  expect_error(calibrate_model(fit_logistic(y ~ x, d), B = 0), class = "radsig_error_value")
})
