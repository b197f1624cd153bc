// Test of proportional hazards from the scaled Schoenfeld residuals (survival::cox.zph): a
// score test, per term and global, for adding g(t) * x to the model at the fitted beta.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::survival {

struct zph_result {
  std::vector<double> chisq;  // one per term, then the global test (last)
  std::vector<int> df;
  std::vector<double> p_value;
};

// x: the model's covariates (n x p); lp: the fit's linear predictor; gtime: the transformed
// time of each subject, centred at the mean over events; term[j]: the term of column j
// (0..nterm-1). `efron` selects the Efron tie handling.
zph_result cox_zph_test(const Eigen::MatrixXd& x, const Eigen::VectorXd& time,
                        const Eigen::VectorXi& status, const Eigen::VectorXi& strata,
                        const Eigen::VectorXd& weights, const Eigen::VectorXd& lp,
                        const Eigen::VectorXd& gtime, const std::vector<int>& term,
                        bool efron);

}  // namespace radsig::survival
