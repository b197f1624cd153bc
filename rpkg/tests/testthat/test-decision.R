# Decision curves against a hand computation of net benefit and, when installed (CRAN,
# tools/deps/cran-optional.txt), dcurves::dca.

hand_nb <- function(y, p, pt) {
  n <- length(y)
  vapply(pt, function(t) {
    if (t >= 1) return(NA_real_)
    sum(y == 1 & p >= t) / n - sum(y == 0 & p >= t) / n * t / (1 - t)
  }, numeric(1))
}

test_that("net benefit equals the hand computation, including thresholds 0 and 1", {
  set.seed(21)
  n <- 300
  y <- rbinom(n, 1, 0.3)
  p1 <- round(plogis(-1 + 1.3 * y + rnorm(n)), 2)   # ties on the threshold grid
  p2 <- plogis(-1.2 + 2 * y + rnorm(n))
  p2[1:5] <- c(0, 1, 0, 1, 0.5)
  th <- c(0, seq(0.01, 0.99, by = 0.01), 1)
  dc <- decision_curve(y, radiomics = p1, combined = p2, thresholds = th)
  df <- as.data.frame(dc)
  expect_setequal(levels(df$model), c("radiomics", "combined", "treat_all", "treat_none"))
  expect_true(all(c("model", "threshold", "net_benefit") %in% names(df)))
  r <- df[df$model == "radiomics", ]
  expect_equal(r$net_benefit, hand_nb(y, p1, th), tolerance = 1e-14)
  expect_equal(df$net_benefit[df$model == "combined"], hand_nb(y, p2, th), tolerance = 1e-14)
  prev <- mean(y)
  all <- df[df$model == "treat_all", ]
  expect_equal(all$net_benefit[th < 1], prev - (1 - prev) * th[th < 1] / (1 - th[th < 1]))
  expect_equal(r$net_benefit[1], prev)          # threshold 0: everyone treated
  expect_true(is.na(r$net_benefit[length(th)])) # threshold 1: undefined
  expect_equal(r$standardized_net_benefit, r$net_benefit / prev)
  mid <- th > 0 & th < 1
  expect_equal(r$net_interventions_avoided[mid],
               100 * (r$net_benefit[mid] - all$net_benefit[mid]) / (th[mid] / (1 - th[mid])))
  expect_true(is.na(r$net_interventions_avoided[1]))
  expect_true(all(df$net_benefit[df$model == "treat_none" & df$threshold < 1] == 0))
})

test_that("harm is subtracted and factor outcomes work", {
  set.seed(2)
  y <- factor(sample(c("neg", "pos"), 100, TRUE))
  p <- runif(100)
  a <- as.data.frame(decision_curve(y, m = p, thresholds = c(0.2, 0.5)))
  b <- as.data.frame(decision_curve(y, m = p, thresholds = c(0.2, 0.5), harm = 0.01))
  expect_equal(b$net_benefit[1:2], a$net_benefit[1:2] - 0.01)
  expect_equal(a$net_benefit[1:2], hand_nb(as.integer(y == "pos"), p, c(0.2, 0.5)))
})

test_that("bootstrap bands are reproducible with a seed and contain the estimate", {
  set.seed(5)
  y <- rbinom(150, 1, 0.4)
  p <- plogis(-0.5 + 2 * y + rnorm(150))
  a <- as.data.frame(decision_curve(y, m = p, thresholds = c(0.1, 0.3, 0.5), boot = 200,
                                    seed = 42))
  b <- as.data.frame(decision_curve(y, m = p, thresholds = c(0.1, 0.3, 0.5), boot = 200,
                                    seed = 42))
  expect_identical(a, b)
  m <- a[a$model == "m", ]
  expect_true(all(m$lower <= m$net_benefit & m$net_benefit <= m$upper))
  set.seed(9); c1 <- decision_curve(y, m = p, thresholds = 0.3, boot = 50)
  set.seed(9); c2 <- decision_curve(y, m = p, thresholds = 0.3, boot = 50)
  expect_identical(c1$curves, c2$curves)
})

test_that("print and plot methods work", {
  set.seed(1)
  y <- rbinom(80, 1, 0.5)
  dc <- decision_curve(y, score = runif(80), thresholds = seq(0.1, 0.9, by = 0.1), boot = 20,
                       seed = 1)
  expect_output(print(dc), "Decision curve")
  pdf(NULL); on.exit(dev.off())
  expect_invisible(plot(dc))
})

test_that("decision_curve bad input gives classed errors", {
  y <- c(0, 1, 0, 1)
  expect_error(decision_curve(y, m = c(0.1, 0.2, 1.3, 0.5)), class = "radsig_error_value")
  expect_error(decision_curve(y, m = c(0.1, 0.2, 0.3)), class = "radsig_error_length")
  expect_error(decision_curve(y, m = c(0.1, NA, 0.3, 0.2)), class = "radsig_error_missing")
  expect_error(decision_curve(c(1, 1, 1, 1), m = c(0.1, 0.2, 0.3, 0.4)),
               class = "radsig_error_value")
  expect_error(decision_curve(y), class = "radsig_error_length")
  expect_error(decision_curve(y, m = c(0.1, 0.2, 0.3, 0.4), thresholds = c(-0.1, 0.5)),
               class = "radsig_error_value")
  expect_error(decision_curve(y, m = c(0.1, 0.2, 0.3, 0.4), harm = c(0, 0.1)),
               class = "radsig_error_length")
  expect_error(decision_curve(y, treat_all = c(0.1, 0.2, 0.3, 0.4)),
               class = "radsig_error_value")
})

test_that("net benefit equals dcurves::dca for the model, treat-all and treat-none", {
  skip_if_not_installed("dcurves")
  set.seed(3)
  y <- rbinom(500, 1, 0.3)
  p <- round(plogis(-1 + 2 * y + rnorm(500)), 2)  # ties, some exactly at the thresholds
  th <- c(0, 0.01, seq(0.05, 0.95, by = 0.05), 0.99)
  ref <- suppressMessages(dcurves::dca(y ~ m, data = data.frame(y = y, m = p),
                                       thresholds = th))
  ref <- as.data.frame(ref$dca)
  ours <- as.data.frame(decision_curve(y, m = p, thresholds = th))
  for (v in list(c("m", "m"), c("all", "treat_all"), c("none", "treat_none"))) {
    a <- ref[ref$variable == v[1], ]
    b <- ours[ours$model == v[2], ]
    expect_equal(b$net_benefit[match(a$threshold, b$threshold)], a$net_benefit,
                 tolerance = 1e-12)
  }
})
