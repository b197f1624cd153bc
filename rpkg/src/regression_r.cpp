// Glue: logistic regression (radsig::regression). Converts, calls the core, returns a list.
#include <Rcpp.h>
#include <RcppEigen.h>

#include "radsig/regression/logistic.hpp"

// [[Rcpp::depends(RcppEigen)]]

// [[Rcpp::export]]
Rcpp::List fit_logistic_cpp(const Eigen::Map<Eigen::MatrixXd> x,
                            const Eigen::Map<Eigen::VectorXd> y,
                            const Eigen::Map<Eigen::VectorXd> weights,
                            const Eigen::Map<Eigen::VectorXd> offset, int max_iter,
                            double epsilon) {
  radsig::regression::logistic_options opt;
  opt.max_iter = max_iter;
  opt.epsilon = epsilon;
  const auto fit = radsig::regression::fit_logistic(x, y, weights, offset, opt);
  Rcpp::IntegerVector sep(fit.separating_columns.begin(), fit.separating_columns.end());
  return Rcpp::List::create(
      Rcpp::Named("coefficients") = Rcpp::wrap(fit.coefficients),
      Rcpp::Named("covariance") = Rcpp::wrap(fit.covariance),
      Rcpp::Named("linear_predictor") = Rcpp::wrap(fit.linear_predictor),
      Rcpp::Named("fitted") = Rcpp::wrap(fit.fitted),
      Rcpp::Named("working_weights") = Rcpp::wrap(fit.working_weights),
      Rcpp::Named("deviance") = fit.deviance, Rcpp::Named("iterations") = fit.iterations,
      Rcpp::Named("converged") = fit.converged, Rcpp::Named("separation") = fit.separation,
      Rcpp::Named("separating_columns") = sep + 1);
}
