// Cox proportional hazards model by Newton-Raphson on the partial likelihood, with Efron or
// Breslow handling of tied event times, strata, case weights and offsets. The iteration
// reproduces survival::coxph (coxfit6): covariates centred and scaled by the weighted mean
// absolute deviation during the iterations, start at beta = 0 (or `init`), step-halving when
// the log-likelihood decreases, stop when |1 - loglik_old / loglik_new| <= eps.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace radsig::survival {

enum class cox_ties { efron, breslow };

struct cox_options {
  cox_ties ties = cox_ties::efron;
  int max_iter = 20;             // coxph.control(iter.max)
  double eps = 1e-9;             // coxph.control(eps)
  double toler_chol = 1.818989403545856e-07;  // eps^0.75 (coxph.control(toler.chol))
};

// Input data. `status` 1 = event, 0 = censored. `strata` (empty = one stratum) holds any
// integer codes. `weights` (empty = 1) must be > 0. `offset` empty = 0. `center[j]` false
// leaves column j uncentred/unscaled (coxph does this for columns with values in -1/0/1).
struct cox_data {
  Eigen::MatrixXd x;
  Eigen::VectorXd time;
  Eigen::VectorXi status;
  Eigen::VectorXi strata;
  Eigen::VectorXd weights;
  Eigen::VectorXd offset;
  std::vector<bool> center;
};

struct cox_fit {
  Eigen::VectorXd coefficients;
  Eigen::MatrixXd covariance;       // inverse information at the final beta
  Eigen::VectorXd means;            // centring values (0 for uncentred columns)
  Eigen::VectorXd linear_predictor; // x b + offset - sum(b * means), input order
  double loglik_init = 0.0;
  double loglik = 0.0;
  double score_test = 0.0;          // score test at the initial beta
  double wald_test = 0.0;           // b' V^-1 b
  int iterations = 0;
  bool converged = false;
  bool step_halving_at_end = false;
  int n_events = 0;
};

cox_fit fit_cox(const cox_data& data, const cox_options& options = {},
                const Eigen::VectorXd& init = Eigen::VectorXd());

// Throws invalid_argument for bad shapes, negative times, status not 0/1, weights <= 0,
// or no events. Shared by the survival front-ends.
void validate_survival(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                       const Eigen::VectorXd& weights);

// Stable order of subjects by (stratum, time): the order coxph uses.
std::vector<int> order_by_strata_time(const Eigen::VectorXd& time, const Eigen::VectorXi& strata);

}  // namespace radsig::survival
