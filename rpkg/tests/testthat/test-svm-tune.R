# tune_svm: cross-validated grid search, compared with e1071::tune.svm on the same folds.

test_that("tune_svm reproduces e1071::tune.svm errors on e1071's folds", {
  skip_if_not_installed("e1071")
  x <- as.matrix(iris[51:150, 1:4])
  y <- droplevels(iris$Species[51:150])
  # e1071::tune draws perm <- sample(n) and tests chunk k = perm[cut(1:n, cross) == k]
  set.seed(21)
  perm <- sample(nrow(x))
  folds <- integer(nrow(x))
  folds[perm] <- as.integer(cut(seq_len(nrow(x)), 5))
  ours <- tune_svm(x, y, cost = c(0.5, 4), gamma = c(0.1, 1), folds = folds,
                   metric = "accuracy", tolerance = 1e-8)
  set.seed(21)
  theirs <- e1071::tune.svm(x, y, cost = c(0.5, 4), gamma = c(0.1, 1),
                            tunecontrol = e1071::tune.control(cross = 5), tolerance = 1e-8)
  perf <- theirs$performances
  m <- merge(ours$grid, perf, by = c("cost", "gamma"))
  expect_equal(nrow(m), 4L)
  expect_equal(1 - m$mean, m$error, tolerance = 1e-12)
  expect_equal(m$se * sqrt(5), m$dispersion, tolerance = 1e-12)
  best_error <- min(perf$error)
  expect_equal(1 - ours$best$mean, best_error)
  expect_s3_class(ours$model, "radsig_svm")
  expect_equal(ours$model$cost, ours$best$cost)
  expect_output(print(ours), "best: cost")
})

test_that("fold AUCs equal pROC's AUC of the held-out decision values", {
  skip_if_not_installed("pROC")
  set.seed(4)
  x <- matrix(rnorm(120 * 3), 120, 3)
  y <- factor(ifelse(x[, 1] + rnorm(120) > 0, "yes", "no"))
  res <- tune_svm(x, y, cost = 1, gamma = 0.5, nfolds = 4, seed = 8)
  expect_identical(res$metric, "auc")
  test <- res$folds == 2
  fit <- fit_svm(x[!test, ], y[!test], gamma = 0.5)
  dec <- predict(fit, x[test, ], type = "decision")[, 1]
  if (fit$classes[1] != as.character(y[1])) dec <- -dec
  auc <- pROC::auc(pROC::roc(y[test] == y[1], dec, levels = c(FALSE, TRUE),
                             direction = "<", quiet = TRUE))
  expect_equal(res$grid$fold2, as.numeric(auc))
  # stratified folds: each class spread evenly
  tab <- table(res$folds, y)
  expect_lte(max(apply(tab, 2, function(v) diff(range(v)))), 1)
})

test_that("tuning is deterministic for a seed, leaves the RNG alone, and ignores the plan", {
  skip_if_not_installed("future")
  set.seed(10)
  x <- matrix(rnorm(80 * 3), 80, 3)
  y <- x[, 1] - x[, 2] + rnorm(80, sd = 0.3)
  state <- .Random.seed
  a <- tune_svm(x, y, cost = c(1, 8), gamma = c(0.2, 1), nfolds = 4, seed = 3,
                type = "eps-regression")
  expect_identical(.Random.seed, state)
  expect_identical(a$metric, "mse")
  old <- future::plan(future::multisession, workers = 2)
  on.exit(future::plan(old), add = TRUE)
  b <- tune_svm(x, y, cost = c(1, 8), gamma = c(0.2, 1), nfolds = 4, seed = 3,
                type = "eps-regression")
  future::plan(future::sequential)
  expect_identical(a$grid, b$grid)
  expect_identical(a$best, b$best)
  expect_identical(predict(a$model, x), predict(b$model, x))
  expect_equal(a$best$mean, min(a$grid$mean))
})

test_that("tune_svm rejects bad inputs with classed errors", {
  x <- as.matrix(iris[, 1:4])
  expect_error(tune_svm(x, iris$Species, metric = "auc"), class = "radsig_error_value",
               regexp = "two classes")
  expect_error(tune_svm(x, iris$Species, metric = "mse"), class = "radsig_error_value")
  expect_error(tune_svm(x, iris$Species, cost = c(1, -1)), class = "radsig_error_value",
               regexp = "cost")
  expect_error(tune_svm(x, iris$Species, gamma = numeric()), class = "radsig_error_value")
  expect_error(tune_svm(x, iris$Species, nfolds = 1), class = "radsig_error_value",
               regexp = "nfolds")
  expect_error(tune_svm(x, iris$Species, folds = 1:3), class = "radsig_error_length")
  expect_error(tune_svm(x, iris$Species, metric = "kappa"), class = "radsig_error_value")
  expect_error(tune_svm(x, iris$Species[-1]), class = "radsig_error_length")
})
