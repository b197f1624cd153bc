# Cox cross-validation measures (partial-likelihood deviance, C-index).
enet_cox_cv_curve <- function(predmat, prep, foldid, measure) {
  radsig_abort("Cross-validation for family \"cox\" is not available yet.",
               class = "radsig_error_value", arg = "family")
}
