# Oracle tests of the discrimination metrics: every number is compared, at test time, with
# pROC, Hmisc, survival or stats on several data sets (real data, ties, both directions).

tol <- 1e-9

rotterdam_data <- function() {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  d$node_positive <- as.integer(d$nodes > 0)
  d$size_score <- as.numeric(d$size)
  d$glm_score <- stats::predict(stats::glm(node_positive ~ size + grade + age,
                                           family = stats::binomial, data = d))
  d
}

# Simulated data sets with heavy ties, cases higher ("<") or lower (">").
simulated_sets <- function() {
  set.seed(20261121)
  n <- 400
  y <- rbinom(n, 1, 0.35)
  list(
    ties_up = list(y = y, x = round(rnorm(n) + 0.8 * y, 1)),
    ties_down = list(y = y, x = round(rnorm(n) - 0.6 * y)),
    continuous = list(y = y, x = rexp(n) * (1 + y)),
    factor_labels = list(y = factor(ifelse(y == 1, "yes", "no")), x = round(runif(n) + 0.3 * y, 2))
  )
}

expect_same_roc <- function(ours, theirs) {
  expect_identical(ours$direction, theirs$direction)
  expect_equal(ours$thresholds, theirs$thresholds, tolerance = tol)
  expect_equal(ours$sensitivities, theirs$sensitivities, tolerance = tol)
  expect_equal(ours$specificities, theirs$specificities, tolerance = tol)
  expect_equal(ours$auc, as.numeric(theirs$auc), tolerance = tol)
}

test_that("roc_curve equals pROC::roc (thresholds, sens, spec, AUC, direction)", {
  skip_if_not_installed("pROC")
  d <- rotterdam_data()
  for (score in c("size_score", "glm_score", "age")) {
    for (dir in c("auto", "<", ">")) {
      ours <- roc_curve(d$node_positive, d[[score]], direction = dir)
      theirs <- pROC::roc(d$node_positive, d[[score]], direction = dir, quiet = TRUE)
      expect_same_roc(ours, theirs)
    }
  }
  for (s in simulated_sets()) {
    ours <- roc_curve(s$y, s$x)
    theirs <- pROC::roc(s$y, s$x, quiet = TRUE)
    expect_same_roc(ours, theirs)
  }
  # Both automatic directions occur in the simulated sets.
  dirs <- vapply(simulated_sets(), function(s) roc_curve(s$y, s$x)$direction, "")
  expect_setequal(unique(dirs), c("<", ">"))
})

test_that("roc_curve follows pROC's level rule and `positive`", {
  skip_if_not_installed("pROC")
  s <- simulated_sets()$factor_labels
  ours <- roc_curve(s$y, s$x)
  expect_identical(ours$levels, c("no", "yes"))
  expect_same_roc(ours, pROC::roc(s$y, s$x, quiet = TRUE))
  ch <- as.character(s$y)
  flipped <- roc_curve(ch, s$x, positive = "no")
  expect_identical(flipped$levels, c("yes", "no"))
  expect_same_roc(flipped, pROC::roc(ch, s$x, levels = c("yes", "no"), quiet = TRUE))
  logical_y <- roc_curve(s$y == "yes", s$x)
  expect_equal(logical_y$auc, ours$auc, tolerance = tol)
})

test_that("auc_ci (DeLong) equals pROC::ci.auc(method = 'delong')", {
  skip_if_not_installed("pROC")
  d <- rotterdam_data()
  sets <- c(list(rot_size = list(y = d$node_positive, x = d$size_score),
                 rot_glm = list(y = d$node_positive, x = d$glm_score)), simulated_sets())
  for (s in sets) {
    for (lev in c(0.95, 0.8)) {
      ours <- auc_ci(roc_curve(s$y, s$x), level = lev)
      theirs <- pROC::ci.auc(pROC::roc(s$y, s$x, quiet = TRUE), conf.level = lev,
                             method = "delong")
      expect_equal(c(ours$lower, ours$estimate, ours$upper), as.numeric(theirs),
                   tolerance = tol)
    }
  }
})

test_that("auc_ci (bootstrap) reproduces pROC's stratified bootstrap with the same seed", {
  skip_if_not_installed("pROC")
  for (s in simulated_sets()[c("ties_up", "ties_down")]) {
    p <- pROC::roc(s$y, s$x, quiet = TRUE)
    set.seed(7)
    theirs <- pROC::ci.auc(p, method = "bootstrap", boot.n = 100, progress = "none")
    ours <- auc_ci(roc_curve(s$y, s$x), method = "bootstrap", n_boot = 100, seed = 7)
    expect_equal(c(ours$lower, ours$median, ours$upper), as.numeric(theirs), tolerance = tol)
  }
})

test_that("auc_ci with a seed leaves the caller's random stream untouched", {
  r <- roc_curve(c(0, 0, 1, 1, 0, 1), c(1, 2, 3, 4, 3.5, 2.5))
  set.seed(1)
  before <- .Random.seed
  a <- auc_ci(r, method = "bootstrap", n_boot = 20, seed = 99)
  expect_identical(.Random.seed, before)
  b <- auc_ci(r, method = "bootstrap", n_boot = 20, seed = 99)
  expect_identical(a, b)
})

test_that("delong_test equals pROC::roc.test (paired and unpaired)", {
  skip_if_not_installed("pROC")
  d <- rotterdam_data()
  ours1 <- roc_curve(d$node_positive, d$size_score)
  ours2 <- roc_curve(d$node_positive, d$glm_score)
  ours3 <- roc_curve(d$node_positive, d$age, direction = "<")
  p1 <- pROC::roc(d$node_positive, d$size_score, quiet = TRUE)
  p2 <- pROC::roc(d$node_positive, d$glm_score, quiet = TRUE)
  p3 <- pROC::roc(d$node_positive, d$age, direction = "<", quiet = TRUE)
  for (alt in c("two.sided", "less", "greater")) {
    for (pair in list(list(ours1, ours2, p1, p2), list(ours2, ours3, p2, p3))) {
      ours <- delong_test(pair[[1]], pair[[2]], alternative = alt)
      theirs <- pROC::roc.test(pair[[3]], pair[[4]], method = "delong", alternative = alt)
      expect_s3_class(ours, "htest")
      expect_identical(ours$method, theirs$method)
      expect_equal(ours$statistic, theirs$statistic, tolerance = tol)
      expect_equal(ours$p.value, theirs$p.value, tolerance = tol)
      expect_equal(unname(ours$estimate), unname(theirs$estimate), tolerance = tol)
      expect_equal(as.numeric(ours$conf.int), as.numeric(theirs$conf.int), tolerance = tol)
    }
  }
  # Unpaired: two different cohorts (split by menopausal status) and simulated data.
  a <- d$meno == 0
  u1 <- roc_curve(d$node_positive[a], d$glm_score[a])
  u2 <- roc_curve(d$node_positive[!a], d$size_score[!a])
  q1 <- pROC::roc(d$node_positive[a], d$glm_score[a], quiet = TRUE)
  q2 <- pROC::roc(d$node_positive[!a], d$size_score[!a], quiet = TRUE)
  s <- simulated_sets()
  v1 <- roc_curve(s$ties_up$y[1:150], s$ties_up$x[1:150])
  w1 <- pROC::roc(s$ties_up$y[1:150], s$ties_up$x[1:150], quiet = TRUE)
  for (alt in c("two.sided", "less", "greater")) {
    for (pair in list(list(u1, u2, q1, q2), list(v1, u2, w1, q2))) {
      ours <- delong_test(pair[[1]], pair[[2]], alternative = alt)
      theirs <- pROC::roc.test(pair[[3]], pair[[4]], method = "delong", alternative = alt)
      expect_identical(ours$method, theirs$method)
      expect_equal(unname(ours$statistic), unname(theirs$statistic), tolerance = tol)
      expect_equal(unname(ours$parameter), unname(theirs$parameter), tolerance = tol)
      expect_equal(ours$p.value, theirs$p.value, tolerance = tol)
    }
  }
  # Curves on the same subjects can also be compared as unpaired on request.
  forced <- delong_test(ours1, ours2, paired = FALSE)
  theirs <- suppressWarnings(pROC::roc.test(p1, p2, method = "delong", paired = FALSE))
  expect_equal(forced$p.value, theirs$p.value, tolerance = tol)
})

test_that("delong_test warns on different directions and refuses impossible pairing", {
  s <- simulated_sets()
  r_up <- roc_curve(s$ties_up$y, s$ties_up$x)
  r_down <- roc_curve(s$ties_down$y, s$ties_down$x)
  expect_warning(delong_test(r_up, r_down), "different directions")
  r_part <- roc_curve(s$ties_up$y[1:100], s$ties_up$x[1:100])
  expect_error(delong_test(r_up, r_part, paired = TRUE), class = "radsig_error_value")
  expect_error(delong_test(r_up, "not a roc"), class = "radsig_error_type")
  expect_error(hanley_mcneil_test(r_up, r_part), class = "radsig_error_value")
})

test_that("hanley_mcneil_test uses the 1983 formula with the tabulated r", {
  d <- rotterdam_data()
  r1 <- roc_curve(d$node_positive, d$glm_score)
  r2 <- roc_curve(d$node_positive, d$size_score)
  t <- suppressWarnings(hanley_mcneil_test(r1, r2))
  expect_s3_class(t, "htest")
  # Hanley & McNeil (1982) standard errors, written out independently here.
  hm_se <- function(a, m, n) {
    q1 <- a / (2 - a); q2 <- 2 * a^2 / (1 + a)
    sqrt((a * (1 - a) + (m - 1) * (q1 - a^2) + (n - 1) * (q2 - a^2)) / (m * n))
  }
  m <- sum(d$node_positive); n <- sum(1 - d$node_positive)
  expect_equal(t$se, c(hm_se(r1$auc, m, n), hm_se(r2$auc, m, n)), tolerance = tol)
  cases <- d$node_positive == 1
  expect_equal(unname(t$correlations),
               c(stats::cor(d$glm_score[cases], d$size_score[cases]),
                 stats::cor(d$glm_score[!cases], d$size_score[!cases])), tolerance = tol)
  z <- (r1$auc - r2$auc) / sqrt(sum(t$se^2) - 2 * t$r * prod(t$se))
  expect_equal(unname(t$statistic), z, tolerance = tol)
  expect_equal(t$p.value, 2 * stats::pnorm(-abs(z)), tolerance = tol)
})

test_that("classification_metrics: Clopper-Pearson = binom.test, Wilson = prop.test", {
  skip_if_not_installed("pROC")
  d <- rotterdam_data()
  for (ci_method in c("clopper-pearson", "wilson")) {
    for (lev in c(0.95, 0.9)) {
      m <- classification_metrics(d$node_positive, d$glm_score, level = lev,
                                  ci_method = ci_method)
      for (i in 1:7) {
        k <- m$successes[i]; n <- m$trials[i]
        ref <- if (ci_method == "clopper-pearson") {
          stats::binom.test(k, n, conf.level = lev)$conf.int
        } else {
          stats::prop.test(k, n, conf.level = lev, correct = FALSE)$conf.int
        }
        expect_equal(c(m$lower[i], m$upper[i]), as.numeric(ref), tolerance = tol)
        expect_equal(m$estimate[i], k / n, tolerance = tol)
      }
      if (ci_method == "wilson") {
        # The Wilson formula written out (no continuity correction).
        z <- stats::qnorm(1 - (1 - lev) / 2); k <- m$successes[1]; n <- m$trials[1]; p <- k / n
        w <- (p + z^2 / (2 * n) + c(-1, 1) * z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) /
          (1 + z^2 / n)
        expect_equal(c(m$lower[1], m$upper[1]), w, tolerance = tol)
      }
    }
  }
})

test_that("classification_metrics at the Youden threshold agrees with pROC::coords", {
  skip_if_not_installed("pROC")
  d <- rotterdam_data()
  sets <- c(list(rot = list(y = d$node_positive, x = d$glm_score)), simulated_sets()[1:3])
  for (s in sets) {
    m <- classification_metrics(s$y, s$x)
    p <- pROC::roc(s$y, s$x, quiet = TRUE)
    best <- pROC::coords(p, "best", best.method = "youden", transpose = FALSE)
    expect_equal(attr(m, "threshold"), best$threshold[1], tolerance = tol)
    expect_equal(m$estimate[1:2], c(best$sensitivity[1], best$specificity[1]), tolerance = tol)
    # A numeric threshold in each direction.
    for (dir in c("<", ">")) {
      th <- stats::median(s$x)
      m2 <- classification_metrics(s$y, s$x, threshold = th, direction = dir)
      p2 <- pROC::roc(s$y, s$x, direction = dir, quiet = TRUE)
      cc <- pROC::coords(p2, th, input = "threshold", transpose = FALSE,
                         ret = c("sensitivity", "specificity", "accuracy", "ppv", "npv"))
      expect_equal(m2$estimate[1:5], unlist(cc[1, ], use.names = FALSE), tolerance = tol)
    }
  }
})

test_that("concordance_index equals Hmisc::rcorr.cens and survival::concordance", {
  skip_if_not_installed("Hmisc")
  d <- rotterdam_data()
  set.seed(11)
  n <- 600
  sim <- data.frame(time = sample(1:60, n, replace = TRUE),     # many tied times
                    status = rbinom(n, 1, 0.6),
                    score = round(rnorm(n), 1))                   # tied predictors
  sets <- list(
    list(x = d$glm_score, time = d$rtime, status = d$recur),
    list(x = d$size_score, time = d$rtime, status = d$recur),   # heavily tied predictor
    list(x = sim$score, time = sim$time, status = sim$status))
  for (s in sets) {
    ours <- concordance_index(s$x, time = s$time, status = s$status)
    h <- Hmisc::rcorr.cens(-s$x, survival::Surv(s$time, s$status))
    expect_equal(ours$c, unname(h["C Index"]), tolerance = tol)
    expect_equal(ours$se, unname(h["S.D."]) / 2, tolerance = tol)
    expect_equal(2 * ours$comparable, unname(h["Relevant Pairs"]), tolerance = tol)
    sv <- survival::concordance(survival::Surv(s$time, s$status) ~ s$x, reverse = TRUE)
    expect_equal(ours$c, unname(sv$concordance), tolerance = tol)
    expect_equal(c(ours$concordant, ours$discordant, ours$tied_predictor),
                 unname(sv$count[c("concordant", "discordant", "tied.x")]), tolerance = tol)
    z <- stats::qnorm(0.975)
    expect_equal(c(ours$lower, ours$upper), ours$c + c(-1, 1) * z * ours$se, tolerance = tol)
  }
})

test_that("concordance_index for a binary outcome equals rcorr.cens and the AUC", {
  skip_if_not_installed("Hmisc")
  d <- rotterdam_data()
  for (s in c(list(list(y = d$node_positive, x = d$glm_score)), simulated_sets()[1:2])) {
    ours <- concordance_index(s$x, response = s$y)
    h <- Hmisc::rcorr.cens(s$x, s$y)
    expect_equal(ours$c, unname(h["C Index"]), tolerance = tol)
    expect_equal(ours$sd_dxy, unname(h["S.D."]), tolerance = tol)
    expect_equal(ours$c, roc_curve(s$y, s$x, direction = "<")$auc, tolerance = tol)
  }
})

test_that("tied times and tied predictors are counted as documented", {
  # Times 1, 1, 1, 2; status 1, 1, 0, 1; risk scores 2, 3, 2, 1 (higher = earlier event).
  # Comparable: (1,3) tie in score, (2,3) concordant, (1,4), (2,4) concordant; the two
  # events at time 1 are not comparable.
  r <- concordance_index(c(2, 3, 2, 1), time = c(1, 1, 1, 2), status = c(1, 1, 0, 1))
  expect_equal(r$comparable, 4)
  expect_equal(r$tied_predictor, 1)
  expect_equal(r$concordant, 3)
  expect_equal(r$c, 3.5 / 4)
})

test_that("bad inputs give classed errors naming the argument", {
  y <- c(0, 1, 0, 1); x <- c(0.1, 0.4, 0.35, 0.8)
  expect_error(roc_curve(c(0, NA, 0, 1), x), class = "radsig_error_missing")
  e <- tryCatch(roc_curve(y, c(0.1, NA, 0.35, 0.8)), error = function(e) e)
  expect_s3_class(e, "radsig_error_missing")
  expect_identical(e$arg, "predictor")
  e <- tryCatch(roc_curve(c(1, 1, 1, 1), x), error = function(e) e)
  expect_s3_class(e, "radsig_error_value")
  expect_identical(e$arg, "response")
  e <- tryCatch(roc_curve(y, x[-1]), error = function(e) e)
  expect_s3_class(e, "radsig_error_length")
  expect_identical(e$arg, "predictor")
  e <- tryCatch(roc_curve(y, c("a", "b", "c", "d")), error = function(e) e)
  expect_s3_class(e, "radsig_error_type")
  expect_identical(e$arg, "predictor")
  expect_error(roc_curve(y, factor(x)), class = "radsig_error_type")
  e <- tryCatch(roc_curve(y, c(0.1, Inf, 0.35, 0.8)), error = function(e) e)
  expect_s3_class(e, "radsig_error_value")
  expect_identical(e$arg, "predictor")
  expect_error(roc_curve(y, x, direction = "up"), class = "radsig_error_value")
  expect_error(roc_curve(y, x, positive = "2"), class = "radsig_error_value")
  expect_error(auc_ci(list()), class = "radsig_error_type")
  expect_error(auc_ci(roc_curve(y, x), level = 2), class = "radsig_error_value")
  expect_error(auc_ci(roc_curve(y, x), method = "boot", n_boot = 0),
               class = "radsig_error_value")
  expect_error(auc_ci(roc_curve(c(0, 1, 1), c(1, 2, 3))), class = "radsig_error_value")
  expect_error(classification_metrics(y, x, threshold = "best"),
               class = "radsig_error_value")
  expect_error(classification_metrics(c(0, 0, 0, 0), x), class = "radsig_error_value")
  expect_error(classification_metrics(y, c(x[1:3], NA)), class = "radsig_error_missing")
  # Concordance.
  expect_error(concordance_index(x), class = "radsig_error_value")
  expect_error(concordance_index(x, time = c(1, 2, 3, 4)), class = "radsig_error_value")
  e <- tryCatch(concordance_index(x, time = c(1, 2, NA, 4), status = c(1, 1, 0, 1)),
                error = function(e) e)
  expect_s3_class(e, "radsig_error_missing")
  expect_identical(e$arg, "time")
  e <- tryCatch(concordance_index(x, time = 1:4, status = c(1, 2, 0, 1)), error = function(e) e)
  expect_s3_class(e, "radsig_error_value")
  expect_identical(e$arg, "status")
  e <- tryCatch(concordance_index(x, time = 1:3, status = c(1, 1, 0)), error = function(e) e)
  expect_s3_class(e, "radsig_error_length")
  expect_error(concordance_index(x, time = c(1, 2, Inf, 4), status = c(1, 1, 0, 1)),
               class = "radsig_error_value")
  expect_error(concordance_index(c("a", "b", "c", "d"), response = y),
               class = "radsig_error_type")
  expect_error(concordance_index(x, time = 1:4, status = c(0, 0, 0, 0)),
               class = "radsig_error_value")
  expect_error(concordance_index(x, response = y, time = 1:4), class = "radsig_error_value")
})

test_that("radsig_roc methods: print, as.data.frame, plot", {
  s <- simulated_sets()$ties_up
  r <- roc_curve(s$y, s$x)
  expect_output(print(r), "AUC = ")
  df <- as.data.frame(r)
  expect_named(df, c("threshold", "sensitivity", "specificity"))
  expect_equal(nrow(df), length(unique(s$x)) + 1)
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_invisible(plot(r))
  expect_invisible(plot(roc_curve(s$y, -s$x), add = TRUE, col = "red"))
  expect_output(print(auc_ci(r)), "DeLong")
  expect_output(print(classification_metrics(s$y, s$x)), "Clopper-Pearson")
  expect_output(print(concordance_index(s$x, response = s$y)), "Harrell")
})
