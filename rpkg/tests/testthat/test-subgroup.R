# subgroup_auc against pROC::roc + pROC::ci.auc(method = "delong") in each subgroup.

test_that("subgroup_auc equals pROC's DeLong CI in every subgroup of rotterdam", {
  skip_if_not_installed("pROC")
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  y <- as.integer(d$nodes > 0)
  res <- subgroup_auc(y, d$pgr, by = d$size)
  expect_identical(res$subgroup, c("Overall", levels(d$size)))
  dir <- attr(res, "direction")
  for (k in seq_len(nrow(res))) {
    keep <- if (k == 1) rep(TRUE, nrow(d)) else d$size == res$subgroup[k]
    r <- pROC::roc(y[keep], d$pgr[keep], levels = c(0, 1), direction = dir, quiet = TRUE)
    ci <- as.numeric(pROC::ci.auc(r, method = "delong"))
    expect_equal(res$auc[k], ci[2], tolerance = 1e-12)
    expect_equal(c(res$lower[k], res$upper[k]), ci[c(1, 3)], tolerance = 1e-10)
    expect_equal(res$n_cases[k], sum(y[keep]))
  }
  expect_output(print(res), "AUC by subgroup")
})

test_that("all-one-class subgroups give NA with a clear message", {
  set.seed(3)
  y <- c(rbinom(60, 1, 0.5), rep(0, 10), 1, rep(0, 5))
  score <- rnorm(length(y), mean = y)
  by <- c(rep("A", 60), rep("only controls", 10), rep("one case", 6))
  expect_warning(res <- subgroup_auc(y, score, by), "only one outcome class")
  r <- res[res$subgroup == "only controls", ]
  expect_true(is.na(r$auc))
  expect_match(r$note, "all subjects are controls")
  r1 <- res[res$subgroup == "one case", ]
  expect_false(is.na(r1$auc))
  expect_true(is.na(r1$lower))
})

test_that("subgroup_auc bad input gives classed errors", {
  y <- c(0, 1, 0, 1); s <- c(0.1, 0.8, 0.3, 0.6)
  expect_error(subgroup_auc(y, s, by = c("a", "b", "a")), class = "radsig_error_length")
  expect_error(subgroup_auc(y, s, by = c("a", NA, "a", "b")), class = "radsig_error_missing")
  expect_error(subgroup_auc(c(1, 1, 1, 1), s, by = rep("a", 4)), class = "radsig_error_value")
  expect_error(subgroup_auc(y, c(0.1, NA, 0.3, 0.6), by = rep("a", 4)),
               class = "radsig_error_missing")
})
