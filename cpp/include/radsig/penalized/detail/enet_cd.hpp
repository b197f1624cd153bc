// Internal building blocks of the elastic-net solvers: standardisation, the lambda schedule,
// the coordinate-descent engine for a weighted least-squares subproblem with strong-rule
// screening, and the path bookkeeping. Not part of the public API.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

#include "radsig/penalized/enet.hpp"

namespace radsig::penalized::detail {

// Checks the options shared by every family for p predictors; throws invalid_argument.
void validate_options(const enet_options& opt, Eigen::Index p);

// Normalised observation weights (sum one); throws on bad values.
Eigen::VectorXd normalised_weights(const Eigen::VectorXd& w, Eigen::Index n);

// The standardised design and everything derived from the options per predictor.
struct design {
  Eigen::MatrixXd x;       // n x p; centred (weighted) if `center`, divided by xs
  Eigen::VectorXd xm, xs;  // weighted means (0 if not centred) and scales (1 if not scaled)
  std::vector<char> ju;    // 1 = predictor takes part (not constant, not excluded)
  Eigen::VectorXd vp;      // penalty factors rescaled to sum to p
  Eigen::VectorXd lo, hi;  // coefficient bounds on the standardised scale
};

// Builds the design with weights w (normalised). Constant columns get ju = 0.
design standardise(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& w,
                   const enet_options& opt, bool center);

// Generates the lambda sequence on the internal scale, as glmnet: the first value is
// "infinite" (the null model), the second is lambda_max * ratio^(1/(L-1)), then geometric.
class lambda_schedule {
 public:
  // `float_exponent`: compute the ratio exponent 1/(L-1) in single precision, as glmnet's
  // Fortran coxnet does (its lambdas then differ from the double-precision ones by ~1e-9).
  lambda_schedule(const enet_options& opt, Eigen::Index n, Eigen::Index p, double scale,
                  bool float_exponent = false);
  bool user() const { return user_; }
  int size() const { return static_cast<int>(n_); }
  // Lambda number m given the current absolute gradients ga (used at m == 1). Sets `prev`
  // to the lambda used as "previous" by the strong rule.
  double at(int m, const Eigen::VectorXd& ga, const design& d, double& prev);

 private:
  bool user_ = false;
  std::vector<double> ulam_;
  std::size_t n_ = 0;
  double alf_ = 1.0, alpha_ = 1.0, big_ = 9.9e35, cur_ = 0.0;
};

// Coordinate descent for  1/2 sum v_i (z_i - b0 - x_i'b)^2 + l1 sum vp|b| + l2/2 sum vp b^2
// with r = v * (z - b0 - x b) kept up to date.
class cd_engine {
 public:
  cd_engine(const design& d, double thr, int maxit, bool fit_intercept);

  Eigen::VectorXd b;        // coefficients (standardised scale)
  double b0 = 0.0;          // intercept
  Eigen::VectorXd r;        // weighted working residual
  Eigen::VectorXd v;        // working weights
  double vsum = 0.0;
  Eigen::VectorXd xv;       // sum_i v_i x_ij^2 (valid for strong predictors)
  Eigen::VectorXd ga;       // |x_j' r| (refreshed for non-strong predictors at KKT checks)
  std::vector<char> strong; // predictors the coordinate loop visits
  std::vector<char> in_active;
  std::vector<int> active;  // predictors that have ever been nonzero (entry order)
  int npasses = 0;
  double rss_drop = 0.0;    // accumulated decrease of the weighted RSS (gaussian R^2)
  double thr;
  bool unit_weights = false;  // v == 1 (design already scaled by sqrt(w)): cheaper updates

  void compute_ga_all();
  void compute_xv(bool strong_only);
  // Sequential strong rule: add j with ga_j > alpha (2 lambda - prev) vp_j.
  void screen(double alpha, double lambda, double prev);
  // One pass over the strong set (full) or the active set; returns max xv_j (delta b_j)^2.
  double pass(bool full, double l1, double l2);
  // Passes until convergence (full pass, then active-set passes, repeated).
  void solve_wls(double l1, double l2);
  // Refreshes ga for included non-strong predictors; adds KKT violators to the strong set.
  // Returns true when none violates.
  bool kkt_ok(double l1);
  int nonzero() const;

 private:
  const design& d_;
  int maxit_;
  bool intercept_;
};

// Thrown (internally) when the pass limit is reached.
struct maxit_reached {};

// Fills lambda[0] as glmnet's fix.lam does (extrapolating the geometric sequence).
void fix_first_lambda(std::vector<double>& lambda);

// Whether the path should stop after storing lambda number m (0-based).
bool path_should_stop(const enet_options& opt, bool user_lambda, int m, int nonzero,
                      double dfmax, double change, double dev_ratio);

}  // namespace radsig::penalized::detail
