# Oracles: stats::glm / stats::step computed at test time on survival::rotterdam and
# simulated data.

rotterdam_binary <- function() {
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  d$y <- as.integer(d$nodes > 0)
  d
}

expect_same_glm <- function(r, g, tol = 1e-8) {
  expect_equal(unname(coef(r)), unname(coef(g)), tolerance = tol)
  sg <- summary(g)$coefficients
  sr <- summary(r)$coefficients
  expect_equal(sr$std_error, unname(sg[, 2]), tolerance = tol)
  expect_equal(sr$z_value, unname(sg[, 3]), tolerance = tol)
  expect_equal(sr$p_value, unname(sg[, 4]), tolerance = tol)
  expect_equal(r$deviance, g$deviance, tolerance = tol)
  expect_equal(r$null_deviance, g$null.deviance, tolerance = tol)
  expect_equal(r$aic, AIC(g), tolerance = tol)
  expect_equal(r$bic, BIC(g), tolerance = tol)
  expect_equal(as.numeric(logLik(r)), as.numeric(logLik(g)), tolerance = tol)
  expect_equal(r$df_residual, g$df.residual)
  expect_equal(unname(confint(r)), unname(confint.default(g)), tolerance = tol)
}

test_that("fit_logistic equals glm(binomial) on rotterdam (factors, weights, offset)", {
  d <- rotterdam_binary()
  f <- y ~ age + size + grade + pgr + meno
  expect_same_glm(fit_logistic(f, d), glm(f, data = d, family = binomial))
  set.seed(11)
  w <- runif(nrow(d), 0.5, 2)
  g <- suppressWarnings(glm(f, data = d, family = binomial, weights = w))
  expect_same_glm(fit_logistic(f, d, weights = w), g)
  off <- 0.3 * scale(d$er)[, 1]
  g <- glm(f, data = d, family = binomial, offset = off)
  expect_same_glm(fit_logistic(f, d, offset = off), g)
})

test_that("fit_logistic equals glm on gbsg and simulated interactions", {
  skip_if_not_installed("survival")
  d <- survival::gbsg
  f <- status ~ age + meno + size + grade + nodes + pgr + er + hormon
  expect_same_glm(fit_logistic(f, d), glm(f, data = d, family = binomial))
  set.seed(3)
  s <- data.frame(a = rnorm(200), b = rnorm(200), g = factor(sample(letters[1:3], 200, TRUE)))
  s$y <- rbinom(200, 1, plogis(0.5 * s$a - s$b + (s$g == "b")))
  f <- y ~ a * g + b
  expect_same_glm(fit_logistic(f, s), glm(f, data = s, family = binomial))
})

test_that("predict matches predict.glm, with se", {
  d <- rotterdam_binary()
  f <- y ~ age + size + grade
  g <- glm(f, data = d, family = binomial)
  r <- fit_logistic(f, d)
  nd <- d[c(1, 50, 700, 2000), ]
  expect_equal(unname(predict(r, nd)), unname(predict(g, nd)), tolerance = 1e-8)
  pr <- predict(r, nd, type = "response", se_fit = TRUE)
  pg <- predict(g, nd, type = "response", se.fit = TRUE)
  expect_equal(unname(pr$fit), unname(pg$fit), tolerance = 1e-8)
  expect_equal(unname(pr$se_fit), unname(pg$se.fit), tolerance = 1e-8)
  expect_equal(unname(predict(r, type = "response")), unname(fitted(g)), tolerance = 1e-8)
  expect_equal(coef(r), coef(g), tolerance = 1e-8)
})

test_that("factor outcome and aliased columns follow glm", {
  d <- rotterdam_binary()
  d$yf <- factor(ifelse(d$y == 1, "pos", "neg"))
  d$age2 <- 2 * d$age
  g <- glm(yf ~ age + age2 + grade, data = d, family = binomial)
  r <- fit_logistic(yf ~ age + age2 + grade, d)
  expect_equal(coef(r), coef(g), tolerance = 1e-8)
  expect_identical(r$aliased, "age2")
})

test_that("separation is detected and reported with the offending term", {
  s <- data.frame(x = c(1:10), z = c(0.3, -1, 0.5, 0.1, 2, -0.2, 1.1, 0.4, -0.7, 0.9))
  s$y <- as.integer(s$x > 5)
  w <- NULL
  r <- withCallingHandlers(fit_logistic(y ~ x + z, s), radsig_warning_separation = function(e) {
    w <<- e
    invokeRestart("muffleWarning")
  })
  expect_s3_class(w, "radsig_warning_separation")
  expect_true("x" %in% w$terms)
  expect_true(r$separation)
  g <- suppressWarnings(glm(y ~ x + z, data = s, family = binomial))
  expect_equal(r$deviance, g$deviance, tolerance = 1e-6)
})

test_that("missing values are omitted with a message, or refused", {
  d <- rotterdam_binary()[1:300, ]
  d$age[c(3, 9)] <- NA
  expect_message(r <- fit_logistic(y ~ age + grade, d), "2 row")
  g <- glm(y ~ age + grade, data = d, family = binomial)
  expect_equal(coef(r), coef(g), tolerance = 1e-8)
  expect_error(fit_logistic(y ~ age + grade, d, na_action = "fail"),
               class = "radsig_error_missing")
})

test_that("bad inputs give classed errors", {
  d <- rotterdam_binary()[1:200, ]
  expect_error(fit_logistic(nodes ~ age, d), class = "radsig_error_value")
  expect_error(fit_logistic(size ~ age, d), class = "radsig_error_value")
  expect_error(fit_logistic(y ~ age, as.matrix(d)), class = "radsig_error_type")
  expect_error(fit_logistic(~ age, d), class = "radsig_error_type")
  expect_error(fit_logistic(y ~ age, d, weights = rep(-1, 200)), class = "radsig_error_value")
  expect_error(fit_logistic(y ~ age, d, weights = 1:3), class = "radsig_error_length")
  expect_error(fit_logistic(y ~ nonexistent, d), class = "radsig_error_value")
  d1 <- d; d1$y <- 1
  expect_error(fit_logistic(y ~ age, d1), class = "radsig_error_value")
  r <- fit_logistic(y ~ age + size, d)
  nd <- data.frame(age = 50, size = "huge")
  expect_error(predict(r, nd), class = "radsig_error_value")
  expect_error(predict(r, d, type = "prob"), class = "radsig_error_value")
  expect_error(confint(r, level = 2), class = "radsig_error_value")
  expect_error(step_aic(lm(y ~ age, d)), class = "radsig_error_type")
  expect_error(odds_ratio_table(d, "nope", "age"), class = "radsig_error_value")
  expect_error(odds_ratio_table(d, "y", c("age", "zzz")), class = "radsig_error_value")
})

test_that("step_aic follows stats::step (backward, forward, both, BIC)", {
  d <- rotterdam_binary()
  full <- y ~ age + size + grade + pgr + meno + hormon + recur
  g <- step(glm(full, data = d, family = binomial), trace = 0)
  r <- step_aic(fit_logistic(full, d))
  expect_equal(names(coef(r)), names(coef(g)))
  expect_equal(coef(r), coef(g), tolerance = 1e-8)
  expect_equal(r$anova$AIC, g$anova$AIC, tolerance = 1e-8)
  expect_equal(trimws(r$anova$Step), trimws(as.character(g$anova$Step)))
  g <- step(glm(y ~ 1, data = d, family = binomial), scope = full, direction = "forward",
            trace = 0)
  r <- step_aic(fit_logistic(y ~ 1, d), scope = full, direction = "forward")
  expect_equal(trimws(r$anova$Step), trimws(as.character(g$anova$Step)))
  expect_equal(r$anova$Deviance, g$anova$Deviance, tolerance = 1e-8)
  g <- step(glm(y ~ age + grade, data = d, family = binomial), scope = list(upper = full),
            direction = "both", k = log(nrow(d)), trace = 0)
  r <- step_aic(fit_logistic(y ~ age + grade, d), scope = list(upper = full),
                direction = "both", k = log(nrow(d)))
  expect_equal(trimws(r$anova$Step), trimws(as.character(g$anova$Step)))
  expect_equal(r$anova$AIC, g$anova$AIC, tolerance = 1e-8)
})

test_that("odds_ratio_table matches univariable and multivariable glm", {
  d <- rotterdam_binary()
  tab <- odds_ratio_table(d, "y", c("age", "size", "pgr"), p_enter = 0.05)
  g <- glm(y ~ size, data = d, family = binomial)
  expect_equal(tab$uni_or[tab$predictor == "size"], unname(exp(coef(g)[-1])), tolerance = 1e-8)
  expect_equal(tab$uni_lower[tab$predictor == "size"],
               unname(exp(confint.default(g)[-1, 1])), tolerance = 1e-8)
  entered <- unique(tab$predictor[tab$entered])
  gm <- glm(reformulate(entered, "y"), data = d, family = binomial)
  expect_equal(tab$multi_p[tab$entered], unname(summary(gm)$coefficients[-1, 4]),
               tolerance = 1e-8)
  expect_true(all(is.na(tab$multi_or[!tab$entered])))
})
