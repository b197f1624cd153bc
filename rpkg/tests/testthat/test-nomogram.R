# Oracle: rms::nomogram (lrm and cph fits) computed at test time; Cox survival predictions
# against survival::survfit.coxph.

if (requireNamespace("survival", quietly = TRUE)) {
  Surv <- survival::Surv
}

nomo_data <- function() {
  d <- survival::rotterdam
  d$y <- as.integer(d$nodes > 0)
  d$size <- factor(d$size)
  d
}

test_that("logistic nomogram points equal rms::nomogram(lrm)", {
  skip_if_not_installed("rms")
  skip_if_not_installed("survival")
  d <- nomo_data()
  dd <- rms::datadist(d)
  old <- options(datadist = dd)
  on.exit(options(old))
  f <- rms::lrm(y ~ age + size + pgr + meno, data = d)
  nom <- rms::nomogram(f, fun = stats::plogis)
  r <- build_nomogram(fit_logistic(y ~ age + size + pgr + meno, d))
  for (v in c("age", "size", "pgr", "meno")) {
    expect_equal(unname(r$axes[[v]]$points), unname(nom[[v]]$points), tolerance = 1e-6)
    expect_equal(as.character(r$axes[[v]]$value), as.character(nom[[v]][[v]]))
  }
  expect_equal(r$sc, attr(nom, "info")$sc, tolerance = 1e-6)
  p <- predict(r, d[1:20, ])
  expect_equal(p$probability, unname(stats::predict(f, d[1:20, ], type = "fitted")),
               tolerance = 1e-6)
  # total points -> lp is the inverse of the point scale
  expect_equal(p$lp, unname(stats::predict(f, d[1:20, ])), tolerance = 1e-6)
  expect_s3_class(p, "data.frame")
  pdf_file <- tempfile(fileext = ".pdf")
  grDevices::pdf(pdf_file)
  expect_invisible(plot(r))
  grDevices::dev.off()
  expect_output(print(r), "points per unit")
})

test_that("Cox nomogram points equal rms::nomogram(cph); survival equals survfit.coxph", {
  skip_if_not_installed("rms")
  skip_if_not_installed("survival")
  d <- nomo_data()
  dd <- rms::datadist(d)
  old <- options(datadist = dd)
  on.exit(options(old))
  g <- suppressWarnings(rms::cph(Surv(dtime, death) ~ age + size + pgr + meno, data = d,
                                 x = TRUE, y = TRUE, eps = 1e-9))
  nc <- rms::nomogram(g, fun = stats::plogis)
  fit <- fit_cox(Surv(dtime, death) ~ age + size + pgr + meno, d)
  rc <- build_nomogram(fit, times = c(1000, 3000))
  for (v in c("age", "size", "pgr", "meno")) {
    expect_equal(unname(rc$axes[[v]]$points), unname(nc[[v]]$points), tolerance = 1e-6)
  }
  cf <- survival::coxph(Surv(dtime, death) ~ age + size + pgr + meno, data = d)
  ref <- summary(survival::survfit(cf, newdata = d[1:6, ]), times = c(1000, 3000))$surv
  p <- predict(rc, d[1:6, ])
  expect_equal(p$survival_1000, unname(ref[1, ]), tolerance = 1e-8)
  expect_equal(p$survival_3000, unname(ref[2, ]), tolerance = 1e-8)
  s <- predict(fit, d[1:6, ], type = "survival", times = c(1000, 3000))
  expect_equal(unname(t(s)), unname(ref), tolerance = 1e-8)
  cb <- survival::coxph(Surv(dtime, death) ~ age + size, data = d, ties = "breslow")
  fb <- fit_cox(Surv(dtime, death) ~ age + size, d, ties = "breslow")
  ref <- summary(survival::survfit(cb, newdata = d[1:3, ]), times = 2000)$surv
  expect_equal(unname(predict(fb, d[1:3, ], type = "survival", times = 2000)[, 1]),
               unname(drop(ref)), tolerance = 1e-8)
})

test_that("nomogram bad inputs are classed errors", {
  skip_if_not_installed("survival")
  d <- nomo_data()[1:300, ]
  fl <- fit_logistic(y ~ age + size, d)
  expect_error(build_nomogram(lm(y ~ age, d)), class = "radsig_error_type")
  expect_error(build_nomogram(fl, fun = "survival"), class = "radsig_error_value")
  expect_error(build_nomogram(fit_logistic(y ~ age * meno, d)), class = "radsig_error_value")
  fc <- fit_cox(Surv(dtime, death) ~ age, d)
  expect_error(build_nomogram(fc), class = "radsig_error_type")
  expect_error(build_nomogram(fc, times = -1), class = "radsig_error_value")
  nom <- build_nomogram(fl)
  expect_error(predict(nom, data.frame(age = 50, size = "huge")), class = "radsig_error_value")
  expect_error(predict(nom, data.frame(age = 50)), class = "radsig_error_value")
  expect_error(predict(fc, d, type = "survival"), class = "radsig_error_type")
})
