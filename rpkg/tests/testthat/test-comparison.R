# mcnemar_test against stats::mcnemar.test / binom.test; compare_groups p-values against
# the base-R test named in each row.

test_that("mcnemar_test equals stats::mcnemar.test (chi-square) and binom.test (exact)", {
  set.seed(41)
  n <- 300
  truth <- rbinom(n, 1, 0.4)
  p1 <- ifelse(runif(n) < 0.85, truth, 1 - truth)
  p2 <- ifelse(runif(n) < 0.75, truth, 1 - truth)
  c1 <- factor(p1 == truth, levels = c(TRUE, FALSE))
  c2 <- factor(p2 == truth, levels = c(TRUE, FALSE))
  ref <- stats::mcnemar.test(table(c1, c2))
  ours <- mcnemar_test(truth, p1, p2, exact = FALSE)
  expect_equal(unname(ours$statistic), unname(ref$statistic), tolerance = 1e-12)
  expect_equal(ours$p.value, ref$p.value, tolerance = 1e-12)
  b <- sum(c1 == "TRUE" & c2 == "FALSE"); cc <- sum(c1 == "FALSE" & c2 == "TRUE")
  ex <- mcnemar_test(truth, p1, p2, exact = TRUE)
  expect_equal(ex$p.value, stats::binom.test(b, b + cc)$p.value, tolerance = 1e-12)
  expect_equal(unname(ex$discordant), c(b, cc))
  # default rule: chi-square for >= 25 discordant pairs
  expect_equal(mcnemar_test(truth, p1, p2)$p.value, ref$p.value)
  expect_output(print(ours), "McNemar")
})

test_that("mcnemar_test small samples use the exact test; b == c gives no correction", {
  truth <- c("N+", "N+", "N0", "N0", "N+", "N0", "N+", "N0", "N+", "N0")
  p1 <- c("N+", "N+", "N0", "N0", "N+", "N0", "N0", "N+", "N+", "N0")
  p2 <- c("N0", "N0", "N0", "N+", "N+", "N0", "N0", "N+", "N+", "N0")
  r <- mcnemar_test(truth, p1, p2)
  expect_match(r$method, "Exact")
  expect_equal(r$p.value, stats::binom.test(3, 3)$p.value)
  t2 <- c(1, 1, 0, 0); a <- c(1, 0, 0, 0); b <- c(0, 1, 0, 0)
  ref <- stats::mcnemar.test(table(factor(a == t2, c(TRUE, FALSE)),
                                   factor(b == t2, c(TRUE, FALSE))))
  expect_equal(unname(mcnemar_test(t2, a, b, exact = FALSE)$statistic),
               unname(ref$statistic))
  expect_equal(mcnemar_test(t2, t2, t2)$p.value, 1)
  expect_equal(mcnemar_test(t2, a == 1, b == 1)$p.value, mcnemar_test(t2, a, b)$p.value)
})

test_that("mcnemar_test bad input gives classed errors", {
  expect_error(mcnemar_test(c(1, 0, 1), c(1, 0), c(1, 0, 1)), class = "radsig_error_length")
  expect_error(mcnemar_test(c(1, 0, 1), c(1, 0, 2), c(1, 0, 1)), class = "radsig_error_value")
  expect_error(mcnemar_test(c(1, 0, 1), c(1, NA, 1), c(1, 0, 1)),
               class = "radsig_error_missing")
  expect_error(mcnemar_test(c(1, 1, 1), c(1, 0, 1), c(1, 0, 1)), class = "radsig_error_value")
  expect_error(mcnemar_test(c(1, 0, 1), c(1, 0, 1), c(1, 0, 1), exact = "yes"),
               class = "radsig_error_value")
})

# Recomputes the p of one table row with the base-R test it names.
reference_p <- function(x, g, test) {
  ok <- !is.na(x)
  x <- x[ok]; g <- droplevels(as.factor(g[ok]))
  switch(test,
    "Student t-test" = stats::t.test(x ~ g, var.equal = TRUE)$p.value,
    "Welch t-test" = stats::t.test(x ~ g)$p.value,
    "Mann-Whitney U test" = suppressWarnings(stats::wilcox.test(x ~ g)$p.value),
    "One-way ANOVA" = stats::oneway.test(x ~ g, var.equal = TRUE)$p.value,
    "Welch ANOVA" = stats::oneway.test(x ~ g)$p.value,
    "Kruskal-Wallis test" = stats::kruskal.test(x ~ g)$p.value,
    "Fisher's exact test" = stats::fisher.test(table(x, g))$p.value,
    "Chi-square test (continuity corrected)" = stats::chisq.test(table(x, g))$p.value,
    "Chi-square test" = stats::chisq.test(table(x, g))$p.value,
    stop("unknown test ", test))
}

expect_p_values_match <- function(tab, data, group) {
  tested <- tab[!is.na(tab$p.value), ]
  expect_gt(nrow(tested), 0)
  for (i in seq_len(nrow(tested))) {
    v <- tested$variable[i]
    expect_equal(tested$p.value[i], reference_p(data[[v]], data[[group]], tested$test[i]),
                 tolerance = 1e-12, info = paste(v, tested$test[i]))
  }
}

test_that("compare_groups p-values equal the base-R tests on survival::rotterdam", {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  d$nodes_pos <- factor(d$nodes > 0, labels = c("N0", "N+"))
  d$grade <- factor(d$grade)
  d$meno <- factor(d$meno, labels = c("pre", "post"))
  tab <- compare_groups(d, "nodes_pos", vars = c("age", "size", "pgr", "er", "grade", "meno",
                                                 "hormon"))
  expect_s3_class(tab, "data.frame")
  expect_true(all(c("variable", "level", "Overall", "N0", "N+", "test", "p.value") %in%
                    names(tab)))
  expect_p_values_match(tab, d, "nodes_pos")
  expect_identical(tab$test[tab$variable == "pgr"], "Mann-Whitney U test")
  expect_identical(tab$test[tab$variable == "size"][1], "Chi-square test")
  expect_identical(tab$test[tab$variable == "meno"][1],
                   "Chi-square test (continuity corrected)")
  # three groups
  tab3 <- compare_groups(d, "size", vars = c("age", "pgr", "meno", "grade"))
  expect_p_values_match(tab3, d, "size")
  gb <- survival::gbsg
  gb$grade <- factor(gb$grade)
  expect_p_values_match(compare_groups(gb, "grade", vars = c("age", "size", "er", "meno")),
                        gb, "grade")
  expect_identical(tab$level[tab$variable == "meno"], c("pre", "post"))
  expect_identical(tab$level[tab$variable == "hormon"], c("0", "1"))  # 0/1 -> categorical
  tf <- compare_groups(d, "nodes_pos", vars = "grade", factor_vars = "grade")
  expect_identical(tf$level, c("2", "3"))
  expect_output(print(tab), "N+", fixed = TRUE)
})

test_that("compare_groups picks Student, Welch and Fisher by the documented rules", {
  set.seed(7)
  n <- 120
  d <- data.frame(g = rep(c("A", "B"), each = n / 2))
  z <- qnorm(ppoints(n / 2))  # exactly normal-looking samples
  d$same_var <- c(50 + 10 * sample(z), 53 + 10 * sample(z))
  d$diff_var <- c(50 + 2 * sample(z), 52 + 15 * sample(z))
  d$rare <- factor(c(rep("x", 3), rep("y", n - 3)))
  d$with_na <- c(NA, NA, rnorm(n - 2))
  tab <- compare_groups(d, "g")
  expect_identical(tab$test[tab$variable == "same_var"], "Student t-test")
  expect_identical(tab$test[tab$variable == "diff_var"], "Welch t-test")
  expect_identical(tab$test[tab$variable == "rare"][1], "Fisher's exact test")
  expect_equal(tab$missing[tab$variable == "with_na"], 2L)
  expect_match(tab$Overall[tab$variable == "same_var"], "\u00b1")
  expect_p_values_match(tab, d, "g")
  tn <- compare_groups(d, "g", vars = "diff_var", normality = "none")
  expect_identical(tn$test, "Welch t-test")
})

test_that("compare_groups by cohort and on TH.data::wpbc", {
  skip_if_not_installed("TH.data")
  data("wpbc", package = "TH.data", envir = environment())
  set.seed(12)
  w <- wpbc
  w$cohort <- ifelse(runif(nrow(w)) < 0.7, "training", "validation")
  w$node_pos <- factor(ifelse(is.na(w$pnodes), NA, ifelse(w$pnodes > 0, "N+", "N0")))
  w <- w[!is.na(w$node_pos), ]
  tab <- compare_groups(w, "node_pos", vars = c("tsize", "mean_radius", "status"),
                        cohort = "cohort")
  expect_setequal(unique(tab$cohort), c("training", "validation"))
  for (co in c("training", "validation")) {
    sub <- tab[tab$cohort == co, ]
    class(sub) <- "data.frame"
    expect_p_values_match(sub, w[w$cohort == co, ], "node_pos")
  }
})

test_that("compare_groups bad input gives classed errors", {
  d <- data.frame(g = c("a", "b", "a", "b"), x = 1:4)
  expect_error(compare_groups(list(g = 1), "g"), class = "radsig_error_type")
  expect_error(compare_groups(d, "nope"), class = "radsig_error_value")
  expect_error(compare_groups(d, "g", vars = "y"), class = "radsig_error_value")
  expect_error(compare_groups(transform(d, g = c(NA, "b", "a", "b")), "g"),
               class = "radsig_error_missing")
  expect_error(compare_groups(transform(d, g = "a"), "g"), class = "radsig_error_value")
  expect_error(compare_groups(d, "g", normality = "ks"), class = "radsig_error_value")
  expect_error(compare_groups(d, "g", factor_vars = "zz"), class = "radsig_error_value")
})
