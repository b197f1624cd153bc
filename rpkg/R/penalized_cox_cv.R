# Cox cross-validation measures, as cv.glmnet: the partial-likelihood deviance by the
# Verweij-van Houwelingen subtraction (full data minus training folds, both at the fold's
# coefficients) per event, and Harrell's C (survival::concordance) per fold.

# Breslow deviance 2 * (lsat - loglik) of each column of eta; weights rescaled to sum to n.
enet_cox_deviance <- function(eta, y, w) {
  w <- length(w) * w / sum(w)
  dead <- y[, 2] == 1
  wd <- tapply(w[dead], y[dead, 1], sum)
  wd <- wd[wd > 0]
  lsat <- -sum(wd * log(wd))
  2 * (lsat - call_core(cox_log_partial_cpp(eta, y[, 1], y[, 2], w)))
}

enet_cox_cv_curve <- function(predmat, prep, foldid, measure, fold_coefs) {
  nfolds <- max(foldid)
  y <- prep$y
  w <- prep$weights
  off <- if (is.null(prep$offset)) 0 else drop(prep$offset)
  if (measure == "deviance") {
    cvraw <- t(vapply(seq_len(nfolds), function(k) {
      h <- foldid == k
      b <- fold_coefs[[k]]
      eta_full <- prep$x %*% b + off
      full <- enet_cox_deviance(eta_full, y, w)
      minus <- enet_cox_deviance(eta_full[!h, , drop = FALSE], y[!h, , drop = FALSE], w[!h])
      full - minus
    }, numeric(ncol(predmat))))
    ev <- as.numeric(tapply(w * y[, 2], foldid, sum))
    return(enet_cv_stats(cvraw / ev, ev, nfolds - colSums(is.na(cvraw))))
  }
  if (!requireNamespace("survival", quietly = TRUE)) {
    radsig_abort("type_measure = \"C\" needs the survival package.",
                 class = "radsig_error_value", arg = "type_measure")
  }
  cvraw <- t(vapply(seq_len(nfolds), function(k) {
    h <- foldid == k
    sy <- survival::Surv(y[h, 1], y[h, 2])
    apply(predmat[h, , drop = FALSE], 2, function(pr) {
      f <- -pr
      survival::concordance(sy ~ f, weights = w[h])$concordance
    })
  }, numeric(ncol(predmat))))
  enet_cv_stats(cvraw, as.numeric(tapply(w, foldid, sum)), rep(nfolds, ncol(cvraw)))
}
