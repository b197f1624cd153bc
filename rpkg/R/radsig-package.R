#' radsig: radiomics signatures with one C++ core
#'
#' radsig covers the radiomics prediction workflow end to end: images and masks,
#' preprocessing, PyRadiomics-compatible features, harmonisation, feature selection,
#' models and their evaluation. Every algorithm lives once, in a C++17 core; this package
#' converts and validates R inputs, calls the core and returns data frames and S3 objects
#' that follow the conventions of the packages users come from (pROC, Hmisc, survival,
#' glmnet, rms, e1071).
#'
#' Errors are classed conditions inheriting from `radsig_error` (see [radsig_error]).
#'
#' @keywords internal
#' @useDynLib radsig, .registration = TRUE
#' @importFrom Rcpp sourceCpp
"_PACKAGE"
