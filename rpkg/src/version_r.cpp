// Glue: core version.
#include <Rcpp.h>

#include "radsig/core/version.hpp"

// [[Rcpp::export]]
std::string core_version_cpp() { return radsig::core_version(); }
