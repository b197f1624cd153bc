// Internal building blocks of the elastic-net solvers: standardisation, the lambda schedule,
// the coordinate-descent engine for a weighted least-squares subproblem with strong-rule
// screening, and the path bookkeeping. Not part of the public API.
#pragma once

#include <Eigen/Core>

#include <memory>
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

// Inner products C_jk = x_j'x_k of the design columns for the covariance updates of the
// gaussian family (n >> p). Columns are computed on demand in chunks (the requested
// predictors plus the most likely next ones); each chunk needs only the rows of the
// predictors without a column yet (C is symmetric), so the whole cache costs at most one
// x'x. The cache owns the design matrix and reorders its columns.
class gram_cache {
 public:
  gram_cache(Eigen::MatrixXd&& x, const std::vector<char>& ju);
  bool has(Eigen::Index j) const { return has_[static_cast<std::size_t>(j)] != 0; }
  // Column j of C (all p rows; zero rows for excluded predictors). Requires has(j).
  auto col(Eigen::Index j) const { return c_.col(j); }
  // Computes the columns of `need` (without one yet) and, to fill a chunk, those of the
  // predictors with the highest `priority` among the remaining ones.
  void ensure(const std::vector<int>& need, const Eigen::VectorXd& priority);

 private:
  void swap_positions(Eigen::Index a, Eigen::Index b);
  Eigen::MatrixXd x_;         // design columns, permuted: computed, pending, excluded
  Eigen::MatrixXd c_;         // p x p; column j valid when has_[j]
  std::vector<int> perm_;     // position -> predictor
  std::vector<int> pos_;      // predictor -> position
  std::vector<char> has_;
  Eigen::Index done_ = 0;     // positions [0, done_) have their column
  Eigen::Index nju_ = 0;      // positions [0, nju_) are predictors taking part
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
  // Covariance mode (unit weights, no intercept): `g` holds x_j'r for every predictor and
  // is updated from the Gram columns; r is not kept. Takes over the design matrix, so
  // compute_xv / compute_ga_all must have run before.
  void use_covariance(Eigen::MatrixXd&& x);
  Eigen::VectorXd g;

  void compute_ga_all();
  void compute_xv(bool strong_only);
  // The next full pass computes xv of each strong predictor as it visits it (after new
  // working weights; saves a separate sweep over the strong columns).
  void defer_xv() { xv_deferred_ = true; }
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
  Eigen::Index p_ = 0;
  bool xv_deferred_ = false;
  std::unique_ptr<gram_cache> gram_;
  void ensure_strong_columns();
};

// r -= delta * (v .*) xa (skipped when xa is null; without v when `unit`), then returns
// xb'r and, when `norm` is not null, stores v'(xb .* xb) there. One sweep over n.
double column_sweep(double* r, const double* v, const double* xa, double delta,
                    const double* xb, Eigen::Index n, double* norm, bool unit);

// Thrown (internally) when the pass limit is reached.
struct maxit_reached {};

// Fills lambda[0] as glmnet's fix.lam does (extrapolating the geometric sequence).
void fix_first_lambda(std::vector<double>& lambda);

// Whether the path should stop after storing lambda number m (0-based).
bool path_should_stop(const enet_options& opt, bool user_lambda, int m, int nonzero,
                      double dfmax, double change, double dev_ratio);

}  // namespace radsig::penalized::detail
