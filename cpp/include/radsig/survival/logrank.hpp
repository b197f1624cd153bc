// G-rho family of k-sample tests (survival::survdiff): rho = 0 is the log-rank test, rho = 1
// the Peto-Peto modification of the Gehan-Wilcoxon test. Hypergeometric variance with the
// tie correction; optional strata (observed/expected summed over strata).
#pragma once

#include <Eigen/Dense>

namespace radsig::survival {

struct logrank_result {
  Eigen::VectorXd observed;   // per group (weighted by S(t-)^rho)
  Eigen::VectorXd expected;
  Eigen::MatrixXd variance;
  Eigen::VectorXi n;          // subjects per group
  double chisq = 0.0;
  int df = 0;
  double p_value = 1.0;
};

// `group` holds codes 0..k-1 (k >= 2), `strata` empty or integer codes.
logrank_result logrank_test(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                            const Eigen::VectorXi& group, const Eigen::VectorXi& strata,
                            double rho);

}  // namespace radsig::survival
