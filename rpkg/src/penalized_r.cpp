// Glue: elastic-net paths (radsig::penalized). Converts R inputs, calls the core, converts
// the path back. Validation of user input happens in R (rpkg/R/penalized*.R); the core
// re-checks and throws radsig::invalid_argument.
#include <RcppEigen.h>

#include <string>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/core/progress.hpp"
#include "radsig/penalized/enet.hpp"

namespace {

void check_interrupt_fn(void*) { R_CheckUserInterrupt(); }

radsig::progress_callbacks interrupt_callbacks() {
  radsig::progress_callbacks cb;
  cb.should_stop = [] { return R_ToplevelExec(check_interrupt_fn, nullptr) == FALSE; };
  return cb;
}

std::vector<double> as_std(const Rcpp::NumericVector& v) {
  return std::vector<double>(v.begin(), v.end());
}

radsig::penalized::enet_options options_from(const Rcpp::List& c) {
  radsig::penalized::enet_options o;
  o.alpha = Rcpp::as<double>(c["alpha"]);
  o.nlambda = Rcpp::as<int>(c["nlambda"]);
  o.lambda_min_ratio = Rcpp::as<double>(c["lambda_min_ratio"]);
  o.lambda = as_std(c["lambda"]);
  o.standardize = Rcpp::as<bool>(c["standardize"]);
  o.intercept = Rcpp::as<bool>(c["intercept"]);
  o.thresh = Rcpp::as<double>(c["thresh"]);
  o.maxit = Rcpp::as<int>(c["maxit"]);
  o.penalty_factor = as_std(c["penalty_factor"]);
  o.lower_limits = as_std(c["lower_limits"]);
  o.upper_limits = as_std(c["upper_limits"]);
  o.dfmax = Rcpp::as<int>(c["dfmax"]);
  Rcpp::IntegerVector ex = c["exclude"];
  for (int j : ex) o.exclude.push_back(j - 1);
  o.efron = Rcpp::as<bool>(c["efron"]);
  return o;
}

Eigen::VectorXd as_eigen(const Rcpp::NumericVector& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.begin(), v.size());
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List enet_path_cpp(const Eigen::Map<Eigen::MatrixXd> x, Rcpp::NumericMatrix y,
                         std::string family, Rcpp::NumericVector weights,
                         Rcpp::NumericMatrix offset, Rcpp::List control) {
  namespace pz = radsig::penalized;
  const auto fam = pz::parse_family(family);
  const auto opt = options_from(control);
  const auto cb = interrupt_callbacks();
  const Eigen::VectorXd w = as_eigen(weights);
  Eigen::Map<const Eigen::MatrixXd> ym(y.begin(), y.nrow(), y.ncol());
  Eigen::Map<const Eigen::MatrixXd> om(offset.begin(), offset.nrow(), offset.ncol());
  const Eigen::VectorXd off = om.size() ? Eigen::VectorXd(om.col(0)) : Eigen::VectorXd();
  pz::enet_path path;
  switch (fam) {
    case pz::family::gaussian:
      path = pz::fit_gaussian(x, ym.col(0), w, off, opt, cb);
      break;
    case pz::family::binomial:
      path = pz::fit_binomial(x, ym.col(0), w, off, opt, cb);
      break;
    case pz::family::cox:
      path = pz::fit_cox(x, ym.col(0), ym.col(1), w, off, opt, cb);
      break;
    case pz::family::multinomial:
      path = pz::fit_multinomial(x, ym, w, om, opt, cb);
      break;
  }
  Rcpp::List beta(path.beta.size());
  for (std::size_t k = 0; k < path.beta.size(); ++k) beta[k] = Rcpp::wrap(path.beta[k]);
  return Rcpp::List::create(
      Rcpp::Named("lambda") = path.lambda, Rcpp::Named("beta") = beta,
      Rcpp::Named("a0") = Rcpp::wrap(path.a0), Rcpp::Named("dev_ratio") = path.dev_ratio,
      Rcpp::Named("nulldev") = path.null_deviance, Rcpp::Named("df") = path.df,
      Rcpp::Named("npasses") = path.npasses, Rcpp::Named("status") = path.status,
      Rcpp::Named("message") = path.message);
}

// [[Rcpp::export]]
Rcpp::NumericVector cox_log_partial_cpp(const Eigen::Map<Eigen::MatrixXd> eta,
                                        Rcpp::NumericVector time, Rcpp::NumericVector status,
                                        Rcpp::NumericVector weights) {
  const auto out = radsig::penalized::cox_log_partial(eta, as_eigen(time), as_eigen(status),
                                                      as_eigen(weights));
  return Rcpp::NumericVector(out.begin(), out.end());
}
