// Kaplan-Meier estimator with Greenwood variance and the confidence-interval transforms of
// survival::survfit (conf.type "log", "log-log", "plain").
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::survival {

enum class km_conf_type { log, log_log, plain, none };

struct km_curve {
  std::vector<double> time;     // every distinct time (events and censorings)
  std::vector<double> n_risk, n_event, n_censor;
  std::vector<double> surv;
  std::vector<double> std_err;  // SE of the cumulative hazard -log S (survfit's std.err)
  std::vector<double> cumhaz;   // Nelson-Aalen
  std::vector<double> lower, upper;  // NaN where undefined (as survfit's NA)
};

// One curve. `weights` empty = 1. Times must be finite (>= 0 is not required here).
km_curve kaplan_meier(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                      const Eigen::VectorXd& weights, km_conf_type conf_type,
                      double conf_level);

// Median-type quantile of a KM curve as survival::quantile.survfit (midpoint rule on flat
// stretches at exactly 1 - p). `y` is 1 - S (or 1 - a confidence limit). NaN if not reached.
double km_quantile(const std::vector<double>& time, const std::vector<double>& surv, double p,
                   double tol = 1.4901161193847656e-08);

}  // namespace radsig::survival
