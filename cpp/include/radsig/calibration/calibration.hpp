// Calibration of predicted probabilities: lowess smoother (the algorithm of R's lowess),
// Hosmer-Lemeshow test, apparent calibration summaries.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::calibration {

// Locally weighted linear regression (Cleveland 1979) with tricube weights over the
// round-down(f * n) nearest neighbours, `iter` robustness iterations, and linear
// interpolation between points closer than `delta`. `x` must be sorted ascending; returns
// the fitted value at every x (as stats::lowess on sorted data).
std::vector<double> lowess(const std::vector<double>& x, const std::vector<double>& y,
                           double f = 2.0 / 3.0, int iter = 3, double delta = -1.0);

// lowess() on raw arrays (x sorted, not checked), writing the n fitted values to ys.
void lowess_sorted(const double* x, const double* y, std::size_t n, double f, int iter,
                   double delta, double* ys);

// Linear interpolation of (x, y) (x sorted, ties resolved to the first y) at `xout`; NaN
// outside [x_min, x_max] (approx(rule = 1, ties = first)).
std::vector<double> interpolate(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>& xout);

// interpolate() on raw arrays (x sorted, not checked), writing the m values to out.
void interpolate_sorted(const double* x, const double* y, std::size_t n, const double* xout,
                        std::size_t m, double* out);

struct hosmer_lemeshow_result {
  double statistic = 0;
  int df = 0;
  double p_value = 1;
  std::vector<double> observed, expected, n;  // events and expected events per group
};

// Groups by the type-7 quantiles of `prob` (g groups, duplicate breaks merged, lowest group
// closed on the left); statistic sum over groups and both outcomes of (O - E)^2 / E,
// df = groups - 2.
hosmer_lemeshow_result hosmer_lemeshow(const Eigen::VectorXd& prob, const Eigen::VectorXd& y,
                                       int g);

// Gini's mean difference (mean absolute difference over all pairs).
double gini_mean_difference(std::vector<double> x);

// Somers' Dxy between a score and a 0/1 outcome (2 * (AUC - 0.5), ties half).
double somers_dxy(const Eigen::VectorXd& score, const Eigen::VectorXd& y);

}  // namespace radsig::calibration
