# Elastic net against glmnet computed at test time.

enet_data <- function() {
  set.seed(11)
  n <- 90
  p <- 25
  x <- matrix(rnorm(n * p), n, p, dimnames = list(NULL, paste0("f", seq_len(p))))
  x[, 3] <- 4 * x[, 3] + 10
  list(x = x,
       yg = drop(x[, 1:4] %*% c(1.5, -1, 0.3, 0.8)) + rnorm(n),
       yb = rbinom(n, 1, plogis(x[, 1] - 0.7 * x[, 2] + 0.1 * x[, 3] - 1)),
       w = runif(n, 0.5, 2), off = rnorm(n, 0, 0.3),
       pf = c(0, runif(p - 1, 0.5, 2)))
}

wide_data <- function() {  # p > n
  set.seed(12)
  n <- 50
  p <- 120
  x <- matrix(rnorm(n * p), n, p)
  list(x = x, yg = x[, 1] - x[, 2] + rnorm(n), yb = rbinom(n, 1, plogis(2 * x[, 1])))
}

wpbc_data <- function() {
  e <- new.env()
  utils::data("wpbc", package = "TH.data", envir = e)
  d <- stats::na.omit(e$wpbc)
  list(x = as.matrix(d[, setdiff(names(d), c("status", "time"))]), y = d$status)
}

expect_same_path <- function(r, g, tol = 1e-8) {
  expect_equal(length(r$lambda), length(g$lambda))
  expect_equal(r$lambda, g$lambda, tolerance = 1e-10)
  cg <- as.matrix(coef(g))
  cr <- coef(r)
  expect_equal(dim(cr), dim(cg))
  expect_lt(max(abs(cr - cg) / pmax(1, abs(cg))), tol)
  expect_equal(r$dev_ratio, unname(g$dev.ratio), tolerance = 1e-8)
}

test_that("gaussian and binomial paths equal glmnet's (alpha, standardize, intercept, weights, pf, offset)", {
  skip_if_not_installed("glmnet")
  d <- enet_data()
  configs <- list(list(), list(standardize = FALSE), list(intercept = FALSE),
                  list(weights = d$w, penalty_factor = d$pf), list(offset = d$off))
  for (fam in c("gaussian", "binomial")) {
    y <- if (fam == "gaussian") d$yg else d$yb
    for (alpha in c(1, 0.5, 0)) {
      for (cfg in configs) {
        gargs <- cfg
        names(gargs)[names(gargs) == "penalty_factor"] <- "penalty.factor"
        # glmnet's covariance mode computes lambda_max after fitting unpenalised columns at
        # the first lambda; radsig follows its naive mode, which is the same elsewhere.
        g <- do.call(glmnet::glmnet, c(list(d$x, y, family = fam, alpha = alpha,
                                            thresh = 1e-14, type.gaussian = "naive"), gargs))
        r <- do.call(fit_elastic_net, c(list(d$x, y, family = fam, alpha = alpha,
                                             thresh = 1e-14), cfg))
        expect_same_path(r, g)
      }
    }
  }
})

test_that("default thresh, p > n and covariance-mode glmnet agree within 1e-6", {
  skip_if_not_installed("glmnet")
  d <- wide_data()
  for (fam in c("gaussian", "binomial")) {
    y <- if (fam == "gaussian") d$yg else d$yb
    g <- glmnet::glmnet(d$x, y, family = fam)
    r <- fit_elastic_net(d$x, y, family = fam)
    expect_equal(r$lambda, g$lambda, tolerance = 1e-10)
    expect_lt(max(abs(coef(r) - as.matrix(coef(g)))), 1e-6)
  }
  d <- enet_data()
  g <- glmnet::glmnet(d$x, d$yg, alpha = 0.5, thresh = 1e-14)  # covariance mode
  r <- fit_elastic_net(d$x, d$yg, alpha = 0.5, thresh = 1e-14)
  expect_equal(r$lambda, g$lambda, tolerance = 1e-10)
  expect_lt(max(abs(coef(r) - as.matrix(coef(g)))), 1e-6)
})

test_that("wpbc binomial path, user lambda, coef(s=) and predict match glmnet", {
  skip_if_not_installed("glmnet")
  skip_if_not_installed("TH.data")
  d <- wpbc_data()
  g <- glmnet::glmnet(d$x, d$y, family = "binomial")
  r <- fit_elastic_net(d$x, d$y, family = "binomial")
  expect_same_path(r, g)
  expect_equal(rownames(coef(r)), rownames(coef(g)))
  s <- c(1, 0.05, 0.0123, 0.001, 1e-7)
  expect_equal(coef(r, s = s), as.matrix(coef(g, s = s)), tolerance = 1e-8,
               ignore_attr = TRUE)
  for (type in c("link", "response", "class")) {
    expect_equal(predict(r, d$x[1:7, ], s = s, type = type),
                 predict(g, d$x[1:7, ], s = s, type = type), tolerance = 1e-8,
                 ignore_attr = TRUE)
  }
  expect_equal(predict(r, type = "nonzero", s = 0.02)[[1]],
               predict(g, type = "nonzero", s = 0.02)[[1]], ignore_attr = TRUE)
  lam <- c(0.1, 0.03, 0.01, 0.003)
  gu <- glmnet::glmnet(d$x, d$y, family = "binomial", lambda = lam, thresh = 1e-14)
  ru <- fit_elastic_net(d$x, d$y, family = "binomial", lambda = lam, thresh = 1e-14)
  expect_same_path(ru, gu)
  expect_output(print(r), "Elastic-net path")
  pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(r, label = TRUE))
  expect_invisible(plot(r, xvar = "dev"))
})

test_that("data frames keep names; constant columns get zero coefficients as glmnet", {
  skip_if_not_installed("glmnet")
  d <- enet_data()
  x <- d$x
  x[, 5] <- 3
  r <- fit_elastic_net(as.data.frame(x), d$yg, thresh = 1e-14)
  g <- glmnet::glmnet(x, d$yg, thresh = 1e-14)
  expect_same_path(r, g)
  expect_true(all(r$beta["f5", ] == 0))
})

test_that("cv_elastic_net equals cv.glmnet with the same seed (stratify = FALSE) or foldid", {
  skip_if_not_installed("glmnet")
  d <- enet_data()
  for (fam in c("gaussian", "binomial")) {
    y <- if (fam == "gaussian") d$yg else d$yb
    measures <- if (fam == "gaussian") c("default", "mae") else
      c("default", "class", "auc", "mse")
    for (tm in measures) {
      set.seed(99)
      g <- glmnet::cv.glmnet(d$x, y, family = fam, weights = d$w, alpha = 0.5,
                             type.measure = tm, thresh = 1e-14, nfolds = 5)
      r <- cv_elastic_net(d$x, y, family = fam, weights = d$w, alpha = 0.5,
                          type_measure = tm, thresh = 1e-14, nfolds = 5, seed = 99,
                          stratify = FALSE)
      expect_equal(r$lambda, g$lambda, tolerance = 1e-10)
      expect_equal(r$cvm, g$cvm, tolerance = 1e-6)
      expect_equal(r$cvsd, g$cvsd, tolerance = 1e-6)
      expect_equal(r$lambda_min, g$lambda.min)
      expect_equal(r$lambda_1se, g$lambda.1se)
      expect_equal(r$nzero, unname(g$nzero))
    }
  }
  foldid <- rep_len(1:4, nrow(d$x))
  g <- glmnet::cv.glmnet(d$x, d$yb, family = "binomial", foldid = foldid, offset = d$off,
                         thresh = 1e-14)
  r <- cv_elastic_net(d$x, d$yb, family = "binomial", foldid = foldid, offset = d$off,
                      thresh = 1e-14)
  expect_equal(r$cvm, g$cvm, tolerance = 1e-6)
  expect_equal(r$cvsd, g$cvsd, tolerance = 1e-6)
  expect_equal(c(r$lambda_min, r$lambda_1se), c(g$lambda.min, g$lambda.1se))
  expect_equal(coef(r, s = "lambda_min"), as.matrix(coef(g, s = "lambda.min")),
               tolerance = 1e-8, ignore_attr = TRUE)
  expect_equal(predict(r, d$x[1:3, ], newoffset = d$off[1:3]),
               predict(g, d$x[1:3, ], newoffset = d$off[1:3]), tolerance = 1e-8,
               ignore_attr = TRUE)
})

test_that("wpbc cv and the rad-score equal cv.glmnet's linear predictor", {
  skip_if_not_installed("glmnet")
  skip_if_not_installed("TH.data")
  d <- wpbc_data()
  set.seed(2024)
  g <- glmnet::cv.glmnet(d$x, d$y, family = "binomial")
  r <- cv_elastic_net(d$x, d$y, family = "binomial", seed = 2024,
                      stratify = FALSE)
  expect_equal(r$foldid[, 1], {
    set.seed(2024)
    sample(rep(seq(10), length = nrow(d$x)))
  })
  expect_equal(r$cvm, g$cvm, tolerance = 1e-6)
  expect_equal(r$lambda_min, g$lambda.min)
  rs <- rad_score(r, d$x, s = "lambda_min")
  expect_equal(rs, drop(predict(g, d$x, s = "lambda.min")), tolerance = 1e-8,
               ignore_attr = TRUE)
  f <- rad_score_formula(r, s = "lambda_min")
  expect_match(f, "^Rad-score = ")
  nz <- sum(coef(r, s = "lambda_min")[-1, 1] != 0)
  expect_equal(lengths(regmatches(f, gregexpr(" \\* ", f))), nz)
  expect_output(print(r), "lambda|min")
  pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(r))
})

test_that("repeats, stratified folds, parallel plans and the seed are deterministic", {
  d <- enet_data()
  a <- cv_elastic_net(d$x, d$yb, family = "binomial", nfolds = 5, repeats = 3, seed = 5)
  b <- cv_elastic_net(d$x, d$yb, family = "binomial", nfolds = 5, repeats = 3, seed = 5)
  expect_identical(a$cvm, b$cvm)
  expect_equal(dim(a$foldid), c(nrow(d$x), 3L))
  # stratified: each fold holds nearly the same number of events
  ev <- tapply(d$yb, a$foldid[, 1], sum)
  expect_lte(max(ev) - min(ev), 1)
  # the average of single-repeat curves
  singles <- lapply(1:3, function(r) cv_elastic_net(d$x, d$yb, family = "binomial",
                                                    foldid = a$foldid[, r]))
  expect_equal(a$cvm, rowMeans(sapply(singles, `[[`, "cvm")))
  # seed leaves the global stream untouched
  set.seed(1)
  u1 <- runif(1)
  set.seed(1)
  invisible(cv_elastic_net(d$x, d$yg, nfolds = 3, seed = 3))
  expect_equal(runif(1), u1)
  skip_if_not_installed("future")
  old <- future::plan(future::multisession, workers = 2)
  on.exit(future::plan(old), add = TRUE)
  p <- cv_elastic_net(d$x, d$yb, family = "binomial", nfolds = 5, repeats = 3, seed = 5)
  expect_identical(p$cvm, a$cvm)
  expect_identical(p$cvsd, a$cvsd)
  expect_identical(coef(p$fit), coef(a$fit))
})

test_that("CV tasks (full fit + folds) are split into balanced groups", {
  g <- radsig:::enet_task_groups(c(1000, rep(900, 10)), 2)
  expect_equal(sort(unlist(g)), 0:10)
  load <- vapply(g, function(t) sum(c(1000, rep(900, 10))[t + 1L]), numeric(1))
  expect_equal(sort(load), c(4600, 5400))
  expect_equal(radsig:::enet_task_groups(c(5, 4, 3), 1), list(0:2))
  expect_length(radsig:::enet_task_groups(c(5, 4), Inf), 2L)
})

test_that("selection_frequency counts selected features", {
  d <- enet_data()
  sf <- selection_frequency(d$x, d$yb, family = "binomial", nfolds = 3, B = 3, seed = 1)
  expect_s3_class(sf, "data.frame")
  expect_equal(nrow(sf), ncol(d$x))
  expect_true(all(sf$frequency >= 0 & sf$frequency <= 1))
  sf2 <- selection_frequency(d$x, d$yb, family = "binomial", nfolds = 3, B = 3, seed = 1)
  expect_identical(sf, sf2)
})

test_that("bad input gives classed errors", {
  d <- enet_data()
  x <- d$x
  xna <- x
  xna[2, 2] <- NA
  xinf <- x
  xinf[1, 1] <- Inf
  expect_error(fit_elastic_net(xna, d$yg), class = "radsig_error_missing")
  expect_error(fit_elastic_net(xinf, d$yg), class = "radsig_error_value")
  xinf[2, 1] <- -Inf  # the sum is NaN
  expect_error(fit_elastic_net(xinf, d$yg), class = "radsig_error_value")
  # a sum overflowing to Inf without infinite entries is not an error
  big <- matrix(1e308, 3, 3)
  expect_identical(radsig:::enet_check_x(big), big)
  expect_error(fit_elastic_net(x, replace(d$yg, 3, NA)), class = "radsig_error_missing")
  expect_error(fit_elastic_net(x, replace(d$yg, 3, Inf)), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg[-1]), class = "radsig_error_length")
  expect_error(fit_elastic_net(x, factor(d$yb)), class = "radsig_error_type")
  expect_error(fit_elastic_net(x, d$yg, family = "binomial"), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, c(1, rep(0, nrow(x) - 1)), family = "binomial"),
               class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yb, family = "cox"), class = "radsig_error_type")
  expect_error(fit_elastic_net(x, d$yg, family = "poisson"), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, alpha = 1.5), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, alpha = -0.1), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, weights = -d$w), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, weights = d$w[-1]), class = "radsig_error_length")
  expect_error(fit_elastic_net(x, d$yg, offset = d$off[-1]), class = "radsig_error_length")
  expect_error(fit_elastic_net(x, d$yg, penalty_factor = 1:3), class = "radsig_error_length")
  expect_error(fit_elastic_net(x, d$yg, penalty_factor = -d$pf), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, lambda = c(0.1, -1)), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, nlambda = 0), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, lambda_min_ratio = 2), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, lower_limits = 1), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, rep(1, nrow(x))), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, d$yg, family = "multinomial"), class = "radsig_error_value")
  expect_error(fit_elastic_net(x, rep(1:3, 30), family = "multinomial", offset = d$off),
               class = "radsig_error_length")
  expect_error(fit_elastic_net("a", d$yg), class = "radsig_error_type")
  expect_error(cv_elastic_net(x[1:5, ], d$yg[1:5], nfolds = 10), class = "radsig_error_value")
  expect_error(cv_elastic_net(x, d$yg, foldid = rep(1:3, 10)), class = "radsig_error_length")
  expect_error(cv_elastic_net(x, d$yg, foldid = rep(c(1, 2, 5), 30)),
               class = "radsig_error_value")
  expect_error(cv_elastic_net(x, d$yg, nfolds = 2), class = "radsig_error_value")
  expect_error(cv_elastic_net(x, d$yg, type_measure = "auc"), class = "radsig_error_value")
  expect_error(cv_elastic_net(x, d$yg, bogus = 1), class = "radsig_error_value")
  fit <- fit_elastic_net(x, d$yg)
  expect_error(predict(fit, x[, 1:3]), class = "radsig_error_length")
  expect_error(predict(fit, x, type = "class"), class = "radsig_error_value")
  expect_error(coef(fit, s = NA), class = "radsig_error_value")
  expect_error(rad_score(fit, x), class = "radsig_error_type")
  expect_error(rad_score(list(), x), class = "radsig_error_type")
})

test_that("coefficient bounds are respected as in glmnet", {
  skip_if_not_installed("glmnet")
  d <- enet_data()
  g <- glmnet::glmnet(d$x, d$yb, family = "binomial", lower.limits = -0.2,
                      upper.limits = 0.5, thresh = 1e-14)
  r <- fit_elastic_net(d$x, d$yb, family = "binomial", lower_limits = -0.2,
                       upper_limits = 0.5, thresh = 1e-14)
  expect_same_path(r, g)
  expect_true(all(r$beta >= -0.2 - 1e-12 & r$beta <= 0.5 + 1e-12))
})

test_that("cox paths (Breslow) and cv (deviance, C) equal glmnet's, with ties", {
  skip_if_not_installed("glmnet")
  skip_if_not_installed("survival")
  set.seed(3)
  n <- 80
  x <- matrix(rnorm(n * 12), n, 12)
  tt <- round(rexp(n, exp(0.7 * x[, 1] - 0.5 * x[, 2])) * 10) + 1  # many ties
  st <- rbinom(n, 1, 0.7)
  y <- survival::Surv(tt, st)
  w <- runif(n, 0.5, 2)
  off <- rnorm(n, 0, 0.3)
  for (alpha in c(1, 0.5, 0)) {
    for (cfg in list(list(), list(standardize = FALSE), list(weights = w),
                     list(offset = off))) {
      g <- do.call(glmnet::glmnet, c(list(x, y, family = "cox", alpha = alpha,
                                          thresh = 1e-14), cfg))
      r <- do.call(fit_elastic_net, c(list(x, y, family = "cox", alpha = alpha,
                                           thresh = 1e-14), cfg))
      expect_same_path(r, g)
    }
  }
  r1 <- fit_elastic_net(x, y, family = "cox", thresh = 1e-14)
  r2 <- fit_elastic_net(x, cbind(time = tt, status = st), family = "cox", thresh = 1e-14)
  expect_equal(r2$beta, r1$beta)
  g1 <- glmnet::glmnet(x, y, family = "cox", thresh = 1e-14)
  expect_equal(predict(r1, x[1:4, ], s = 0.05, type = "response"),
               predict(g1, x[1:4, ], s = 0.05, type = "response"), tolerance = 1e-8,
               ignore_attr = TRUE)
  expect_equal(predict(r, x[1:4, ], s = 0.05, newoffset = off[1:4]),
               predict(g, x[1:4, ], s = 0.05, newoffset = off[1:4]), tolerance = 1e-8,
               ignore_attr = TRUE)
  for (tm in c("deviance", "C")) {
    set.seed(5)
    g <- glmnet::cv.glmnet(x, y, family = "cox", type.measure = tm, weights = w, nfolds = 5)
    r <- cv_elastic_net(x, y, family = "cox", type_measure = tm, weights = w, nfolds = 5,
                        seed = 5, stratify = FALSE)
    expect_equal(r$cvm, g$cvm, tolerance = 1e-6)
    expect_equal(r$cvsd, g$cvsd, tolerance = 1e-6)
    expect_equal(c(r$lambda_min, r$lambda_1se), c(g$lambda.min, g$lambda.1se))
  }
  expect_match(rad_score_formula(r), "Rad-score")
})

test_that("wpbc cox path equals glmnet's", {
  skip_if_not_installed("glmnet")
  skip_if_not_installed("TH.data")
  skip_if_not_installed("survival")
  d <- wpbc_data()
  e <- new.env()
  utils::data("wpbc", package = "TH.data", envir = e)
  w <- stats::na.omit(e$wpbc)
  y <- survival::Surv(w$time, as.integer(w$status == "R"))
  g <- glmnet::glmnet(d$x, y, family = "cox")
  r <- fit_elastic_net(d$x, y, family = "cox")
  expect_same_path(r, g, tol = 1e-7)
})

test_that("bad survival responses give classed errors", {
  x <- matrix(rnorm(40), 20, 2)
  expect_error(fit_elastic_net(x, cbind(time = c(-1, rep(1, 19)), status = 1), family = "cox"),
               class = "radsig_error_value")
  expect_error(fit_elastic_net(x, cbind(time = 1:20, status = 2), family = "cox"),
               class = "radsig_error_value")
  expect_error(fit_elastic_net(x, cbind(time = 1:20, status = 0), family = "cox"),
               class = "radsig_error_value")
  expect_error(fit_elastic_net(x, cbind(time = 1:19, status = 1)[c(1:19, NA), ],
                               family = "cox"), class = "radsig_error_missing")
  expect_error(fit_elastic_net(x, cbind(time = 1:20, status = 1), family = "cox",
                               ties = "exact"), class = "radsig_error_value")
})

test_that("multinomial paths, predictions and cv equal glmnet's", {
  skip_if_not_installed("glmnet")
  set.seed(4)
  n <- 120
  x <- matrix(rnorm(n * 10), n, 10)
  eta <- cbind(0, x[, 1] - x[, 2], 0.5 * x[, 3] + x[, 1])
  pr <- exp(eta) / rowSums(exp(eta))
  y <- factor(apply(pr, 1, function(q) sample(c("N0", "N1-2", "N3+"), 1, prob = q)))
  w <- runif(n, 0.5, 2)
  off <- matrix(rnorm(n * 3, 0, 0.3), n, 3)
  for (alpha in c(1, 0.5, 0)) {
    for (cfg in list(list(), list(standardize = FALSE), list(weights = w),
                     list(offset = off), list(intercept = FALSE))) {
      g <- do.call(glmnet::glmnet, c(list(x, y, family = "multinomial", alpha = alpha,
                                          thresh = 1e-14), cfg))
      r <- do.call(fit_elastic_net, c(list(x, y, family = "multinomial", alpha = alpha,
                                           thresh = 1e-14), cfg))
      expect_equal(r$lambda, g$lambda, tolerance = 1e-10)
      expect_equal(r$dev_ratio, g$dev.ratio, tolerance = 1e-8)
      cg <- coef(g)
      cr <- coef(r)
      for (k in 1:3) {
        expect_lt(max(abs(cr[[k]] - as.matrix(cg[[k]]))), 1e-8)
      }
    }
  }
  g <- glmnet::glmnet(x, y, family = "multinomial")
  r <- fit_elastic_net(x, y, family = "multinomial")
  s <- c(0.1, 0.02)
  for (type in c("link", "response", "class")) {
    expect_equal(predict(r, x[1:5, ], s = s, type = type),
                 predict(g, x[1:5, ], s = s, type = type), ignore_attr = TRUE,
                 tolerance = 1e-8)
  }
  for (tm in c("deviance", "class")) {
    set.seed(9)
    g <- glmnet::cv.glmnet(x, y, family = "multinomial", type.measure = tm, weights = w,
                           nfolds = 5)
    r <- cv_elastic_net(x, y, family = "multinomial", type_measure = tm, weights = w,
                        nfolds = 5, seed = 9, stratify = FALSE)
    expect_equal(r$cvm, g$cvm, tolerance = 1e-6)
    expect_equal(r$cvsd, g$cvsd, tolerance = 1e-6)
    expect_equal(c(r$lambda_min, r$lambda_1se), c(g$lambda.min, g$lambda.1se))
  }
  expect_error(rad_score(r, x), class = "radsig_error_value")
  pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(r$fit))
  expect_error(fit_elastic_net(x, factor(rep(c("a", "b", "c"), c(59, 60, 1))),
                               family = "multinomial"), class = "radsig_error_value")
})

test_that("unpenalised cox fits equal survival::coxph with Breslow and Efron ties", {
  skip_if_not_installed("survival")
  set.seed(3)
  n <- 150
  x <- matrix(rnorm(n * 4), n, 4)
  tt <- round(rexp(n, exp(0.7 * x[, 1] - 0.5 * x[, 2])) * 5) + 1  # heavy ties
  st <- rbinom(n, 1, 0.7)
  w <- runif(n, 0.5, 2)
  y <- survival::Surv(tt, st)
  for (ties in c("breslow", "efron")) {
    cx <- survival::coxph(y ~ x, ties = ties, weights = w,
                          control = survival::coxph.control(eps = 1e-12, toler.chol = 1e-13,
                                                            iter.max = 100))
    r <- fit_elastic_net(x, y, family = "cox", lambda = 0, ties = ties, thresh = 1e-20,
                         weights = w)
    expect_equal(unname(r$beta[, 1]), unname(coef(cx)), tolerance = 1e-8)
  }
})
