# find_cutpoint against cutpointr; survival_cutpoint against maxstat::maxstat.test
# (smethod = "LogRank") and survival::survdiff, all computed at test time.

cutpointr_ref <- function(x, y, method, direction, tie_break, target = 0.8) {
  metric <- switch(method, youden = cutpointr::youden, sens_spec_sum = cutpointr::sum_sens_spec,
                   closest_topleft = cutpointr::roc01, fixed_sens = cutpointr::spec_constrain,
                   fixed_spec = cutpointr::sens_constrain)
  opt <- if (method == "closest_topleft") cutpointr::minimize_metric else cutpointr::maximize_metric
  bt <- switch(tie_break, median = stats::median, lowest = min, highest = max)
  dir <- if (direction == "auto") NULL else direction
  suppressMessages(suppressWarnings(
    cutpointr::cutpointr(x = x, class = y, pos_class = 1, direction = dir, method = opt,
                         metric = metric, break_ties = bt, min_constrain = target)))
}

expect_matches_cutpointr <- function(x, y, method, direction = "auto", tie_break = "median",
                                     target = 0.8) {
  ref <- cutpointr_ref(x, y, method, direction, tie_break, target)
  ours <- find_cutpoint(x, y, method = method, direction = direction, tie_break = tie_break,
                        target = target)
  info <- paste(method, direction, tie_break)
  expect_equal(ours$cutpoint, unname(unlist(ref$optimal_cutpoint)), info = info)
  expect_identical(ours$direction, ref$direction, info = info)
  expect_equal(ours$metric, unname(unlist(ref[[4]])), tolerance = 1e-12, info = info)
  expect_equal(ours$sensitivity, unname(unlist(ref$sensitivity)), tolerance = 1e-12, info = info)
  expect_equal(ours$specificity, unname(unlist(ref$specificity)), tolerance = 1e-12, info = info)
  expect_equal(ours$accuracy, unname(unlist(ref$acc)), tolerance = 1e-12, info = info)
}

test_that("find_cutpoint equals cutpointr for every method, direction and tie-break", {
  skip_if_not_installed("cutpointr")
  set.seed(31)
  n <- 200
  y <- rbinom(n, 1, 0.4)
  x <- round(rnorm(n, mean = 0.8 * y), 1)  # many ties
  for (m in c("youden", "sens_spec_sum", "closest_topleft", "fixed_sens", "fixed_spec")) {
    for (tb in c("median", "lowest", "highest")) {
      expect_matches_cutpointr(x, y, m, "auto", tb, target = 0.7)
    }
    expect_matches_cutpointr(x, y, m, "<=", "median", target = 0.7)
  }
  expect_matches_cutpointr(-x, y, "youden", "auto")  # auto picks "<="
})

test_that("median tie-breaking may give a non-optimal cut, as in cutpointr", {
  skip_if_not_installed("cutpointr")
  x <- c(1, 2, 3, 5, 4, 6, 7, 8)
  y <- c(0, 0, 0, 0, 1, 1, 1, 1)
  r <- find_cutpoint(x, y)
  expect_equal(sort(r$optimal_cutpoints), c(4, 6))
  expect_equal(r$cutpoint, 5)
  expect_equal(r$metric, 0.5)
  expect_matches_cutpointr(x, y, "youden")
  expect_equal(find_cutpoint(x, y, tie_break = "lowest")$metric, 0.75)
})

test_that("find_cutpoint equals cutpointr on TH.data::wpbc", {
  skip_if_not_installed("cutpointr")
  skip_if_not_installed("TH.data")
  data("wpbc", package = "TH.data", envir = environment())
  w <- wpbc[!is.na(wpbc$pnodes), ]
  y <- as.integer(w$status == "R")
  for (v in c("pnodes", "tsize", "mean_radius", "worst_area")) {
    expect_matches_cutpointr(w[[v]], y, "youden")
    expect_matches_cutpointr(w[[v]], y, "closest_topleft")
  }
  r <- find_cutpoint(w$pnodes, w$status, positive = "R")
  expect_equal(sum(r$confusion), nrow(w))
  expect_output(print(r), "Optimal cut-point")
  expect_s3_class(as.data.frame(r), "data.frame")
})

test_that("find_cutpoint bad input gives classed errors", {
  expect_error(find_cutpoint(c(1, 2, 3), c(1, 1, 1)), class = "radsig_error_value")
  expect_error(find_cutpoint(c(1, 2, 3), c(1, 0)), class = "radsig_error_length")
  expect_error(find_cutpoint(c(1, NA, 3), c(1, 0, 1)), class = "radsig_error_missing")
  expect_error(find_cutpoint(c(1, 2, 3), c(1, 0, 1), method = "best"),
               class = "radsig_error_value")
  expect_error(find_cutpoint(c(1, 2, 3), c(1, 0, 1), target = 2), class = "radsig_error_value")
  expect_error(find_cutpoint(letters[1:3], c(1, 0, 1)), class = "radsig_error_type")
})

maxstat_ref <- function(x, time, status, pmethod, ...) {
  d <- data.frame(x = x, time = time, status = status)
  suppressWarnings(maxstat::maxstat.test(survival::Surv(time, status) ~ x, data = d,
                                         smethod = "LogRank", pmethod = pmethod, ...))
}

test_that("log-rank scores equal exactRankTests::cscores (ties get the maximum rank)", {
  skip_if_not_installed("exactRankTests")
  skip_if_not_installed("survival")
  d <- survival::gbsg
  ref <- exactRankTests::cscores(survival::Surv(d$rfstime, d$status), type = "LogRank")
  expect_equal(radsig:::logrank_scores_cpp(as.double(d$rfstime), d$status),
               as.numeric(ref), tolerance = 1e-12)
})

test_that("maxstat statistic, estimate and Lau92/Lau94 p equal maxstat.test", {
  skip_if_not_installed("maxstat")
  skip_if_not_installed("survival")
  skip_if_not_installed("TH.data")
  data("wpbc", package = "TH.data", envir = environment())
  w <- wpbc[!is.na(wpbc$pnodes), ]
  rot <- survival::rotterdam
  gb <- survival::gbsg
  cases <- list(list(rot$nodes, rot$rtime, rot$recur), list(rot$age, rot$dtime, rot$death),
                list(gb$pgr, gb$rfstime, gb$status), list(gb$size, gb$rfstime, gb$status),
                list(w$pnodes, w$time, as.integer(w$status == "R")),
                list(w$mean_radius, w$time, as.integer(w$status == "R")))
  for (k in seq_along(cases)) {
    cs <- cases[[k]]
    for (pm in c("Lau92", "Lau94")) {
      ref <- maxstat_ref(cs[[1]], cs[[2]], cs[[3]], pm)
      ours <- survival_cutpoint(cs[[1]], cs[[2]], cs[[3]], pmethod = pm)
      expect_equal(ours$statistic, unname(ref$statistic), tolerance = 1e-10, info = k)
      expect_equal(ours$cutpoint, unname(ref$estimate), info = k)
      expect_equal(ours$p.value, as.numeric(ref$p.value), tolerance = 1e-10, info = paste(k, pm))
      expect_equal(ours$scan$statistic, ref$stats, tolerance = 1e-10, info = k)
    }
  }
  ours <- survival_cutpoint(rot$age, rot$rtime, rot$recur, pmethod = "Lau94", minprop = 0.2,
                            maxprop = 0.7)
  ref <- maxstat_ref(rot$age, rot$rtime, rot$recur, "Lau94", minprop = 0.2, maxprop = 0.7)
  expect_equal(ours$p.value, as.numeric(ref$p.value), tolerance = 1e-10)
  expect_true(is.na(survival_cutpoint(rot$age, rot$rtime, rot$recur, pmethod = "none")$p.value))
})

test_that("exactGauss agrees with maxstat within its quasi-Monte Carlo error", {
  skip_if_not_installed("maxstat")
  skip_if_not_installed("TH.data")
  data("wpbc", package = "TH.data", envir = environment())
  w <- wpbc[!is.na(wpbc$pnodes), ]
  st <- as.integer(w$status == "R")
  for (v in c("pnodes", "tsize", "mean_radius")) {
    set.seed(1)
    ref <- maxstat_ref(w[[v]], w$time, st, "exactGauss", abseps = 1e-4)
    ours <- survival_cutpoint(w[[v]], w$time, st, pmethod = "exactGauss")
    # pmvnorm often stops with "error > abseps"; allow 10% relative error.
    expect_equal(ours$p.value, as.numeric(ref$p.value), tolerance = 0.1, info = v)
    expect_gt(ours$p.value, 2 * pnorm(-ours$statistic))           # above the single-cut p
    expect_lte(ours$p.value, survival_cutpoint(w[[v]], w$time, st, pmethod = "Lau94")$p.value)
  }
})

test_that("condMC is reproducible with a seed and close to maxstat's", {
  skip_if_not_installed("maxstat")
  skip_if_not_installed("survival")
  d <- survival::gbsg
  a <- survival_cutpoint(d$pgr, d$rfstime, d$status, pmethod = "condMC", B = 4000, seed = 3)
  b <- survival_cutpoint(d$pgr, d$rfstime, d$status, pmethod = "condMC", B = 4000, seed = 3)
  expect_identical(a$p.value, b$p.value)
  set.seed(3)
  ref <- maxstat_ref(d$age, d$rfstime, d$status, "condMC", B = 4000)
  ours <- survival_cutpoint(d$age, d$rfstime, d$status, pmethod = "condMC", B = 4000,
                            seed = 4)
  pbar <- (ours$p.value + as.numeric(ref$p.value)) / 2
  expect_gt(pbar, 0.01)  # a p-value with a useful Monte Carlo comparison
  expect_lt(abs(ours$p.value - as.numeric(ref$p.value)),
            4 * sqrt(2 * pbar * (1 - pbar) / 4000) + 2 / 4000)
  # and both are close to the Gaussian-limit p-value
  g <- survival_cutpoint(d$age, d$rfstime, d$status, pmethod = "exactGauss")
  expect_lt(abs(ours$p.value - g$p.value), 0.05)
})

test_that("min_pvalue search equals survdiff at every candidate and flags its p", {
  skip_if_not_installed("survival")
  d <- survival::gbsg[1:150, ]
  r <- survival_cutpoint(d$age, d$rfstime, d$status, method = "min_pvalue")
  chisq <- vapply(r$scan$cut, function(cut)
    survival::survdiff(survival::Surv(rfstime, status) ~ I(age <= cut), data = d)$chisq, 0)
  expect_equal(r$scan$statistic, chisq, tolerance = 1e-9)
  best <- which.max(chisq)
  expect_equal(r$cutpoint, r$scan$cut[best])
  expect_equal(r$p.value, pchisq(max(chisq), 1, lower.tail = FALSE), tolerance = 1e-9)
  expect_false(r$p.value.corrected)
  expect_output(print(r), "UNCORRECTED")
  # ties in time and a large data set: rotterdam
  rot <- survival::rotterdam
  s <- survival_cutpoint(rot$nodes, rot$rtime, rot$recur, method = "min_pvalue")
  ref <- survival::survdiff(survival::Surv(rtime, recur) ~ I(nodes <= s$cutpoint), data = rot)
  expect_equal(s$statistic, ref$chisq, tolerance = 1e-9)
})

test_that("groups are a low/high factor ready for Kaplan-Meier", {
  skip_if_not_installed("survival")
  d <- survival::gbsg
  r <- survival_cutpoint(d$pgr, d$rfstime, d$status, pmethod = "Lau94")
  expect_s3_class(r$groups, "factor")
  expect_identical(levels(r$groups), c("low", "high"))
  expect_identical(r$groups == "low", d$pgr <= r$cutpoint)
  expect_equal(r$n_low + r$n_high, nrow(d))
  expect_true(r$p.value.corrected)
  expect_output(print(r), "Maximally selected")
  pdf(NULL); on.exit(dev.off())
  expect_invisible(plot(r))
})

test_that("survival_cutpoint bad input gives classed errors", {
  x <- c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
  t <- c(5, 3, 8, 1, 9, 2, 7, 4, 6, 10)
  s <- c(1, 0, 1, 1, 0, 1, 0, 1, 1, 0)
  expect_error(survival_cutpoint(x, t, c(s[-1], 2)), class = "radsig_error_value")
  expect_error(survival_cutpoint(x, t, rep(0, 10)), class = "radsig_error_value")
  expect_error(survival_cutpoint(x, -t, s), class = "radsig_error_value")
  err <- tryCatch(survival_cutpoint(x, c(Inf, t[-1]), s), error = function(e) e)
  expect_s3_class(err, "radsig_error_value")
  expect_identical(err$arg, "time")
  expect_error(survival_cutpoint(c(-Inf, x[-1]), t, s), class = "radsig_error_value")
  expect_error(survival_cutpoint(factor(x), t, s), class = "radsig_error_type")
  expect_error(survival_cutpoint(x, t[-1], s), class = "radsig_error_length")
  expect_error(survival_cutpoint(c(NA, x[-1]), t, s), class = "radsig_error_missing")
  expect_error(survival_cutpoint(x, t, s, minprop = 0.6, maxprop = 0.5),
               class = "radsig_error_value")
  expect_error(survival_cutpoint(rep(1, 10), t, s), class = "radsig_error_value")
  expect_error(survival_cutpoint(x, t, s, pmethod = "HL"), class = "radsig_error_value")
  expect_error(survival_cutpoint(x, t, s, pmethod = "condMC", B = 0),
               class = "radsig_error_value")
})
