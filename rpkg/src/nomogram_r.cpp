// Glue: nomogram point scales (radsig::nomogram) and the Cox baseline hazard.
#include <Rcpp.h>
#include <RcppEigen.h>

#include <vector>

#include "radsig/nomogram/nomogram.hpp"
#include "radsig/survival/cox_baseline.hpp"

// [[Rcpp::depends(RcppEigen)]]

// [[Rcpp::export]]
Rcpp::List nomogram_scale_cpp(Rcpp::List contributions, double maxscale) {
  std::vector<std::vector<double>> c;
  for (R_xlen_t j = 0; j < contributions.size(); ++j)
    c.push_back(Rcpp::as<std::vector<double>>(contributions[j]));
  const auto s = radsig::nomogram::scale_points(c, maxscale);
  Rcpp::List pts(s.points.size());
  for (std::size_t j = 0; j < s.points.size(); ++j) pts[j] = Rcpp::wrap(s.points[j]);
  return Rcpp::List::create(Rcpp::Named("sc") = s.points_per_unit,
                            Rcpp::Named("min_contrib") = s.min_contrib,
                            Rcpp::Named("points") = pts);
}

// [[Rcpp::export]]
Rcpp::List cox_baseline_cpp(const Eigen::Map<Eigen::VectorXd> time,
                            const Eigen::Map<Eigen::VectorXi> status,
                            const Eigen::Map<Eigen::VectorXi> strata,
                            const Eigen::Map<Eigen::VectorXd> weights,
                            const Eigen::Map<Eigen::VectorXd> risk, bool efron) {
  const auto b = radsig::survival::cox_baseline_hazard(time, status, strata, weights, risk, efron);
  return Rcpp::List::create(Rcpp::Named("stratum") = b.stratum, Rcpp::Named("time") = b.time,
                            Rcpp::Named("cumhaz") = b.cumhaz);
}
