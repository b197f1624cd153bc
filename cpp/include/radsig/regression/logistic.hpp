// Logistic regression by iteratively reweighted least squares, reproducing the iteration of
// R's glm.fit(family = binomial()) (same start, same clamped logit link, same deviance-based
// stopping rule) so that coefficients agree with glm to rounding error.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::regression {

struct logistic_options {
  int max_iter = 25;        // glm.control(maxit)
  double epsilon = 1e-8;    // glm.control(epsilon): |dev - dev_old| / (|dev| + 0.1)
  // true: each weighted least-squares step by a pivoted QR of sqrt(W) X (as glm; robust to
  // ill-conditioned designs). false: Cholesky (LDLT) of X'WX, ~4x cheaper, used by the
  // bootstrap engines where 1e-8 agreement with glm's QR path is not needed.
  bool use_qr = true;
  // Optional starting coefficients (glm's `start`); empty = glm's mustart initialisation.
  Eigen::VectorXd start;
  // false skips the checks of x, y, weights and offset (callers refitting already checked
  // data, e.g. bootstrap resamples).
  bool validate_inputs = true;
  // false leaves logistic_fit::covariance empty.
  bool covariance = true;
};

struct logistic_fit {
  Eigen::VectorXd coefficients;
  // (X'WX)^-1 with the working weights of the last IRLS step (as summary.glm).
  Eigen::MatrixXd covariance;
  Eigen::VectorXd linear_predictor;  // includes the offset
  Eigen::VectorXd fitted;            // probabilities
  Eigen::VectorXd working_weights;   // prior weight * mu(1-mu) of the last step
  double deviance = 0.0;
  int iterations = 0;
  bool converged = false;
  // Fitted probabilities numerically 0 or 1 (glm's warning) => (quasi-)complete separation.
  bool separation = false;
  // Columns whose coefficients were still diverging at the last iteration (separation).
  std::vector<int> separating_columns;
};

// x: n x p design (include an intercept column yourself), y in {0,1} (or proportions in
// [0,1]), weights >= 0 (empty = all 1), offset (empty = 0). Throws invalid_argument on bad
// shapes/values and convergence_error if the deviance is not finite.
logistic_fit fit_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const Eigen::VectorXd& weights, const Eigen::VectorXd& offset,
                          const logistic_options& options = {});

// Binomial deviance sum_i 2 w_i [y log(y/mu) + (1-y) log((1-y)/(1-mu))].
double binomial_deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu,
                         const Eigen::VectorXd& weights);

// glm's logit inverse link, clamped at |eta| > 30.
double logit_inverse(double eta);

}  // namespace radsig::regression
