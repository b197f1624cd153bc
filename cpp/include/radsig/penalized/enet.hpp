// Elastic-net regularisation paths by pathwise coordinate descent (radsig::penalized).
//
// Objective (weights w normalised to sum to one, lambda in the units of the family):
//   gaussian:    1/2 sum w_i (y_i - a0 - x_i'b)^2 + lambda * P(b)
//   binomial:    -sum w_i loglik_i(a0 + offset_i + x_i'b) + lambda * P(b)
//   cox:         -sum w_i (Breslow log partial likelihood terms) + lambda * P(b)
//   multinomial: -sum w_i loglik_i (symmetric parametrisation) + lambda * P(b)
// with P(b) = sum_j vp_j [alpha |b_j| + (1 - alpha)/2 b_j^2] acting on the coefficients of
// the standardised predictors. The conventions (standardisation by the 1/n standard
// deviation, scaling of y for gaussian, lambda_max, the log-spaced lambda sequence, the
// early path stop and the convergence criterion) follow glmnet 4.1 so that paths agree.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

#include "radsig/core/progress.hpp"

namespace radsig::penalized {

enum class family { gaussian, binomial, multinomial, cox };

// Parse "gaussian", "binomial", "multinomial", "cox"; throws invalid_argument otherwise.
family parse_family(const std::string& name);

struct enet_options {
  double alpha = 1.0;                 // 1 = lasso, 0 = ridge
  int nlambda = 100;                  // length of the automatic lambda sequence
  double lambda_min_ratio = -1.0;     // < 0: 0.01 if n < p else 1e-4
  std::vector<double> lambda;         // user sequence (any order; sorted decreasing)
  bool standardize = true;
  bool intercept = true;              // ignored for cox
  double thresh = 1e-7;               // convergence threshold (relative to null deviance)
  int maxit = 100000;                 // maximum number of coordinate-descent passes
  std::vector<double> penalty_factor; // empty: all ones; rescaled to sum to p
  std::vector<double> lower_limits;   // empty: -Inf (length 1 or p, each <= 0)
  std::vector<double> upper_limits;   // empty: +Inf (length 1 or p, each >= 0)
  int dfmax = -1;                     // stop when more than dfmax nonzero; < 0: p + 1
  std::vector<int> exclude;           // 0-based indices of predictors kept at zero
  // glmnet.control() equivalents
  double fdev = 1e-5;    // minimum fractional change in deviance to continue the path
  double devmax = 0.999; // stop when the deviance ratio exceeds this
  double eps = 1e-6;     // smallest allowed lambda_min_ratio
  double big = 9.9e35;   // "infinite" first lambda
  int mnlam = 5;         // minimum number of lambdas before the path may stop
  double pmin = 1e-9;    // probabilities are kept inside [pmin, 1 - pmin]
  double exmx = 250.0;   // bound on the linear predictor (multinomial)
  bool efron = false;    // cox ties: false = Breslow (as glmnet), true = Efron
};

// One regularisation path. Coefficients are on the original scale of x.
struct enet_path {
  family fam = family::gaussian;
  std::vector<double> lambda;          // decreasing, length L
  std::vector<Eigen::MatrixXd> beta;   // one p x L matrix per response column (K for
                                       // multinomial, else 1)
  Eigen::MatrixXd a0;                  // K x L intercepts (zero for cox)
  std::vector<double> dev_ratio;       // fraction of null deviance explained, length L
  double null_deviance = 0.0;          // 2 x (null - saturated) log-lik, summed weights
  std::vector<int> df;                 // number of nonzero coefficients (any class)
  int npasses = 0;                     // total coordinate-descent passes
  int status = 0;                      // 0 ok; != 0 see `message` (path truncated)
  std::string message;                 // warning text when status != 0
};

// Gaussian: y continuous. `weights` (empty = ones) and `offset` (empty = zeros) have length n.
enet_path fit_gaussian(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& weights, const Eigen::VectorXd& offset,
                       const enet_options& opt, const progress_callbacks& cb = {});

// Binomial: y in {0, 1} (event = 1).
enet_path fit_binomial(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& weights, const Eigen::VectorXd& offset,
                       const enet_options& opt, const progress_callbacks& cb = {});

// Multinomial: y is an n x K indicator (or proportion) matrix, K >= 2; offset empty or n x K.
enet_path fit_multinomial(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::MatrixXd& y,
                          const Eigen::VectorXd& weights, const Eigen::MatrixXd& offset,
                          const enet_options& opt, const progress_callbacks& cb = {});

// Cox proportional hazards: survival time > 0 and status in {0, 1}.
enet_path fit_cox(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& time,
                  const Eigen::VectorXd& status, const Eigen::VectorXd& weights,
                  const Eigen::VectorXd& offset, const enet_options& opt,
                  const progress_callbacks& cb = {});

// Breslow log partial likelihood (weights not normalised; censored times shifted by
// 100 * DBL_EPSILON as glmnet) of each column of the linear predictor `eta` (n x L).
std::vector<double> cox_log_partial(const Eigen::MatrixXd& eta, const Eigen::VectorXd& time,
                                    const Eigen::VectorXd& status,
                                    const Eigen::VectorXd& weights);

// Coefficients at arbitrary lambda values s by linear interpolation between the path's
// lambdas (glmnet's predict(..., exact = FALSE)): s above the first lambda gives the first
// solution, s below the last gives the last. Returns (p + 1) x |s| per class (intercept
// first row).
std::vector<Eigen::MatrixXd> interpolate_coef(const enet_path& path,
                                              const std::vector<double>& s);

}  // namespace radsig::penalized
