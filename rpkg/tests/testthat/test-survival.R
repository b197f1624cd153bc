# Oracles: survival::coxph / cox.zph / survfit / survdiff computed at test time on
# survival::rotterdam, gbsg, lung and simulated data with heavy ties.

# survival's own functions evaluate Surv()/strata() in the formula's environment.
if (requireNamespace("survival", quietly = TRUE)) {
  Surv <- survival::Surv
  strata <- survival::strata
}

sim_ties <- function(n = 300, seed = 42) {
  set.seed(seed)
  d <- data.frame(x1 = rnorm(n), x2 = rbinom(n, 1, 0.4), g = factor(sample(c("a", "b", "c"), n, TRUE)))
  d$time <- ceiling(rexp(n, exp(0.5 * d$x1 - 0.4 * d$x2)) * 10)  # heavy ties
  d$status <- rbinom(n, 1, 0.75)
  d$s <- sample(1:2, n, TRUE)
  d
}

expect_same_cox <- function(r, g, tol = 1e-8) {
  expect_equal(unname(coef(r)), unname(coef(g)), tolerance = tol)
  expect_equal(unname(vcov(r)), unname(if (is.null(g$naive.var)) vcov(g) else g$naive.var),
               tolerance = tol)
  expect_equal(r$loglik, g$loglik, tolerance = tol)
  b <- coef(g)
  wald <- if (is.null(g$naive.var)) unname(g$wald.test) else drop(b %*% solve(g$naive.var, b))
  expect_equal(r$tests$statistic[2], wald, tolerance = tol)
  expect_equal(r$tests$statistic[3], unname(g$score), tolerance = tol)
  expect_equal(r$tests$statistic[1], unname(2 * diff(g$loglik)), tolerance = tol)
  expect_equal(unname(r$linear_predictor), unname(g$linear.predictors), tolerance = tol)
  expect_equal(unname(r$means), unname(g$means), tolerance = tol)
  expect_equal(r$concordance[["concordance"]], unname(g$concordance["concordance"]),
               tolerance = tol)
}

test_that("fit_cox equals coxph on rotterdam, Efron and Breslow", {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  f <- Surv(dtime, death) ~ age + size + grade + pgr + er + meno + chemo + hormon
  for (ties in c("efron", "breslow")) {
    expect_same_cox(fit_cox(f, d, ties = ties), survival::coxph(f, data = d, ties = ties))
  }
})

test_that("fit_cox equals coxph with strata and weights (gbsg, rotterdam)", {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  f <- Surv(rtime, recur) ~ age + size + pgr + strata(grade, meno)
  set.seed(5)
  w <- runif(nrow(d), 0.5, 2)
  r <- fit_cox(f, d, weights = w)
  g <- survival::coxph(f, data = d, weights = w)
  expect_same_cox(r, g)
  expect_equal(unname(predict(r, d[1:25, ])),
               unname(predict(g, d[1:25, ], reference = "sample")), tolerance = 1e-8)
  gb <- survival::gbsg
  f <- Surv(rfstime, status) ~ age + meno + size + grade + nodes + pgr + er + hormon
  expect_same_cox(fit_cox(f, gb), survival::coxph(f, data = gb))
})

test_that("fit_cox equals coxph with heavy ties, factors, lung with NAs", {
  skip_if_not_installed("survival")
  d <- sim_ties()
  f <- Surv(time, status) ~ x1 + x2 + g
  for (ties in c("efron", "breslow")) {
    expect_same_cox(fit_cox(f, d, ties = ties), survival::coxph(f, data = d, ties = ties))
  }
  f <- Surv(time, status) ~ x1 + strata(s) + g
  expect_same_cox(fit_cox(f, d), survival::coxph(f, data = d))
  l <- survival::lung
  f <- Surv(time, status) ~ age + sex + ph.ecog + wt.loss
  expect_message(r <- fit_cox(f, l), "row")
  g <- survival::coxph(f, data = l)
  expect_same_cox(r, g)
  nd <- l[c(1, 5, 9), ]
  expect_equal(unname(predict(r, nd)), unname(predict(g, nd)), tolerance = 1e-8)
  expect_equal(unname(predict(r, nd, type = "risk")), unname(predict(g, nd, type = "risk")),
               tolerance = 1e-8)
  s <- summary(r)$coefficients
  expect_equal(s$hr_lower, unname(summary(g)$conf.int[, 3]), tolerance = 1e-8)
  expect_equal(s$p_value, unname(summary(g)$coefficients[, 5]), tolerance = 1e-8)
})

test_that("cox_zph equals cox.zph (km, rank, identity; factors, strata, Breslow)", {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  f <- Surv(dtime, death) ~ age + size + grade + pgr + hormon
  g <- survival::coxph(f, data = d)
  r <- fit_cox(f, d)
  for (tr in c("km", "rank", "identity")) {
    z <- survival::cox.zph(g, transform = tr)
    zr <- cox_zph(r, transform = tr)
    expect_equal(zr$chisq, unname(z$table[, "chisq"]), tolerance = 1e-8)
    expect_equal(zr$df, unname(as.integer(z$table[, "df"])))
    expect_equal(zr$term, rownames(z$table))
  }
  d <- sim_ties()
  f <- Surv(time, status) ~ x1 + x2 + strata(s)
  g <- survival::coxph(f, data = d, ties = "breslow")
  expect_equal(cox_zph(fit_cox(f, d, ties = "breslow"))$p_value,
               unname(survival::cox.zph(g)$table[, "p"]), tolerance = 1e-8)
})

test_that("km_curve equals survfit (log, log-log, plain; groups; weights)", {
  skip_if_not_installed("survival")
  l <- survival::lung
  for (ct in c("log", "log-log", "plain")) {
    s <- survival::survfit(Surv(time, status) ~ sex, data = l, conf.type = ct)
    k <- km_curve(Surv(time, status) ~ sex, l, conf_type = ct)
    expect_equal(k$table$time, s$time)
    expect_equal(k$table$n_risk, s$n.risk)
    expect_equal(k$table$n_event, s$n.event)
    expect_equal(k$table$n_censor, s$n.censor)
    expect_equal(k$table$surv, s$surv, tolerance = 1e-10)
    expect_equal(k$table$std_err, s$std.err, tolerance = 1e-10)
    expect_equal(k$table$lower, s$lower, tolerance = 1e-10)
    expect_equal(k$table$upper, s$upper, tolerance = 1e-10)
    expect_equal(k$table$cumhaz, s$cumhaz, tolerance = 1e-10)
    q <- summary(s)$table
    expect_equal(k$median$median, unname(q[, "median"]))
    expect_equal(k$median$lower, unname(q[, paste0("0.95LCL")]))
    expect_equal(k$median$upper, unname(q[, paste0("0.95UCL")]))
  }
  d <- sim_ties()
  set.seed(9)
  w <- sample(1:3, nrow(d), TRUE)  # integer case weights: survfit keeps Greenwood
  s <- survival::survfit(Surv(time, status) ~ 1, data = d, weights = w)
  k <- km_curve(Surv(time, status) ~ 1, d, weights = w)
  expect_equal(k$table$surv, s$surv, tolerance = 1e-10)
  expect_equal(k$table$std_err, s$std.err, tolerance = 1e-10)
  expect_equal(k$table$n_risk, s$n.risk, tolerance = 1e-10)
  s <- survival::survfit(Surv(rtime, recur) ~ grade, data = survival::rotterdam)
  k <- km_curve(Surv(rtime, recur) ~ grade, survival::rotterdam)
  expect_equal(k$median$median, unname(summary(s)$table[, "median"]))
  expect_equal(k$table$upper, s$upper, tolerance = 1e-10)
})

test_that("km_curve plot draws a number-at-risk table", {
  skip_if_not_installed("survival")
  k <- km_curve(Surv(time, status) ~ sex, survival::lung)
  f <- tempfile(fileext = ".pdf")
  grDevices::pdf(f)
  expect_invisible(plot(k))
  grDevices::dev.off()
  expect_gt(file.size(f), 0)
  expect_s3_class(as.data.frame(k), "data.frame")
  sm <- summary(k, times = c(0, 100, 500))
  expect_equal(nrow(sm), 6L)
})

test_that("logrank_test equals survdiff (rho 0 and 1, strata)", {
  skip_if_not_installed("survival")
  l <- survival::lung
  for (rho in c(0, 1, 0.5)) {
    a <- survival::survdiff(Surv(time, status) ~ ph.ecog, data = l, rho = rho)
    b <- suppressMessages(logrank_test(Surv(time, status) ~ ph.ecog, l, rho = rho))
    expect_s3_class(b, "htest")
    expect_equal(unname(b$statistic), a$chisq, tolerance = 1e-10)
    expect_equal(unname(b$observed), a$obs, tolerance = 1e-10)
    expect_equal(unname(b$expected), a$exp, tolerance = 1e-10)
    expect_equal(unname(b$var), unname(a$var), tolerance = 1e-10)
    expect_equal(b$p.value, stats::pchisq(a$chisq, length(a$n) - 1, lower.tail = FALSE),
                 tolerance = 1e-10)
  }
  a <- survival::survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = l)
  b <- suppressMessages(logrank_test(Surv(time, status) ~ sex + strata(ph.ecog), l))
  expect_equal(unname(b$statistic), a$chisq, tolerance = 1e-10)
  d <- sim_ties()
  a <- survival::survdiff(Surv(time, status) ~ g, data = d)
  expect_equal(unname(logrank_test(Surv(time, status) ~ g, d)$statistic), a$chisq,
               tolerance = 1e-10)
})

test_that("survival front-ends refuse bad input with classed errors", {
  d <- data.frame(time = c(5, 8, 12, 3, 9), status = c(1, 0, 1, 1, 0), x = c(1, 3, 2, 5, 4),
                  g = c("a", "b", "a", "b", "a"))
  d0 <- d; d0$status <- 0
  expect_error(fit_cox(Surv(time, status) ~ x, d0), class = "radsig_error_value")
  expect_error(km_curve(Surv(time, status) ~ 1, d0), class = "radsig_error_value")
  expect_error(logrank_test(Surv(time, status) ~ g, d0), class = "radsig_error_value")
  dn <- d; dn$time[2] <- -1
  expect_error(fit_cox(Surv(time, status) ~ x, dn), class = "radsig_error_value")
  expect_error(km_curve(Surv(time, status) ~ 1, dn), class = "radsig_error_value")
  dz <- d; dz$time[2] <- 0
  expect_warning(km_curve(Surv(time, status) ~ 1, dz), class = "radsig_warning_zero_time")
  ds <- d; ds$status[1] <- 3
  expect_error(fit_cox(Surv(time, status) ~ x, ds), class = "radsig_error_value")
  expect_error(fit_cox(time ~ x, d), class = "radsig_error_type")
  expect_error(fit_cox(Surv(time, status) ~ x, d, ties = "exact"), class = "radsig_error_value")
  expect_error(fit_cox(Surv(time, status) ~ x, d, weights = c(1, 1, 0, 1, 1)),
               class = "radsig_error_value")
  expect_error(fit_cox(Surv(time, status) ~ x, d, weights = 1:2), class = "radsig_error_length")
  dm <- d; dm$x[1] <- NA
  expect_error(fit_cox(Surv(time, status) ~ x, dm, na_action = "fail"),
               class = "radsig_error_missing")
  expect_error(km_curve(Surv(time, status) ~ 1, d, conf_type = "logit"),
               class = "radsig_error_value")
  expect_error(logrank_test(Surv(time, status) ~ 1, d), class = "radsig_error_value")
  d1 <- d; d1$g <- "a"
  expect_error(logrank_test(Surv(time, status) ~ g, d1), class = "radsig_error_value")
  fit <- fit_cox(Surv(time, status) ~ x + g, d)
  expect_error(predict(fit, data.frame(x = 1, g = "zzz")), class = "radsig_error_value")
  expect_error(cox_zph(lm(time ~ x, d)), class = "radsig_error_type")
})
