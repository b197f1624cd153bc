// Glue: calibration (radsig::calibration). Converts, calls the core, returns lists.
#include <Rcpp.h>
#include <RcppEigen.h>

#include <vector>

#include "radsig/calibration/bootstrap.hpp"
#include "radsig/calibration/calibration.hpp"

// [[Rcpp::depends(RcppEigen)]]

namespace {
std::vector<std::vector<int>> zero_based(Rcpp::List resamples) {
  std::vector<std::vector<int>> out;
  for (R_xlen_t r = 0; r < resamples.size(); ++r) {
    Rcpp::IntegerVector v = resamples[r];
    std::vector<int> s(v.begin(), v.end());
    for (int& i : s) i -= 1;
    out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

// [[Rcpp::export]]
Rcpp::List hosmer_lemeshow_cpp(const Eigen::Map<Eigen::VectorXd> prob,
                               const Eigen::Map<Eigen::VectorXd> y, int g) {
  const auto r = radsig::calibration::hosmer_lemeshow(prob, y, g);
  return Rcpp::List::create(Rcpp::Named("statistic") = r.statistic, Rcpp::Named("df") = r.df,
                            Rcpp::Named("p_value") = r.p_value,
                            Rcpp::Named("observed") = r.observed,
                            Rcpp::Named("expected") = r.expected, Rcpp::Named("n") = r.n);
}

// [[Rcpp::export]]
std::vector<double> lowess_cpp(std::vector<double> x, std::vector<double> y, double f, int iter,
                               double delta) {
  return radsig::calibration::lowess(x, y, f, iter, delta);
}

// [[Rcpp::export]]
std::vector<double> approx_first_cpp(std::vector<double> x, std::vector<double> y,
                                     std::vector<double> xout) {
  auto v = radsig::calibration::interpolate(x, y, xout);
  for (double& d : v)
    if (std::isnan(d)) d = NA_REAL;
  return v;
}

// [[Rcpp::export]]
Rcpp::List validate_logistic_cpp(const Eigen::Map<Eigen::MatrixXd> x,
                                 const Eigen::Map<Eigen::VectorXd> y, Rcpp::List resamples,
                                 int threads) {
  radsig::calibration::bootstrap_options opt;
  opt.threads = threads;
  const auto v = radsig::calibration::validate_logistic(x, y, zero_based(resamples), opt);
  return Rcpp::List::create(Rcpp::Named("index") = v.index,
                            Rcpp::Named("table") = Rcpp::wrap(v.table),
                            Rcpp::Named("failed") = v.failed);
}

// [[Rcpp::export]]
Rcpp::List calibrate_logistic_cpp(const Eigen::Map<Eigen::MatrixXd> x,
                                  const Eigen::Map<Eigen::VectorXd> y, Rcpp::List resamples,
                                  std::vector<double> predy, int threads) {
  radsig::calibration::bootstrap_options opt;
  opt.threads = threads;
  const auto c = radsig::calibration::calibrate_logistic(x, y, zero_based(resamples), predy, opt);
  return Rcpp::List::create(
      Rcpp::Named("predy") = c.predy, Rcpp::Named("calibrated_orig") = c.calibrated_orig,
      Rcpp::Named("calibrated_corrected") = c.calibrated_corrected,
      Rcpp::Named("training") = c.training, Rcpp::Named("test") = c.test,
      Rcpp::Named("optimism") = c.optimism, Rcpp::Named("n") = c.n,
      Rcpp::Named("failed") = c.failed);
}
