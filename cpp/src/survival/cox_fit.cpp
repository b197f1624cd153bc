#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/survival/cox.hpp"

namespace radsig::survival {
namespace {

// Sorted working copy of the data plus the scratch space of one likelihood evaluation.
class cox_workspace {
 public:
  cox_workspace(const cox_data& d, const std::vector<int>& ord, int p, cox_ties ties)
      : n_(static_cast<int>(ord.size())), p_(p), efron_(ties == cox_ties::efron),
        x_(static_cast<std::size_t>(n_) * p), time_(n_), status_(n_), last_in_stratum_(n_),
        w_(n_), off_(n_), a_(p), a2_(p), cmat_(p, p), cmat2_(p, p), u_(p), imat_(p, p) {
    for (int i = 0; i < n_; ++i) {
      const int k = ord[i];
      for (int j = 0; j < p; ++j) x_[static_cast<std::size_t>(i) * p + j] = d.x(k, j);
      time_[i] = d.time[k];
      status_[i] = d.status[k];
      w_[i] = d.weights.size() ? d.weights[k] : 1.0;
      off_[i] = d.offset.size() ? d.offset[k] : 0.0;
      last_in_stratum_[i] = (i == n_ - 1) || (d.strata.size() && d.strata[ord[i + 1]] != d.strata[k]);
    }
  }

  // Centres and scales column j like coxfit6; returns (mean, scale).
  std::pair<double, double> standardise(int j) {
    double wsum = 0, m = 0;
    for (int i = 0; i < n_; ++i) { wsum += w_[i]; m += w_[i] * xv(i, j); }
    m /= wsum;
    double mad = 0;
    for (int i = 0; i < n_; ++i) { xv(i, j) -= m; mad += w_[i] * std::fabs(xv(i, j)); }
    const double s = mad > 0 ? wsum / mad : 1.0;
    for (int i = 0; i < n_; ++i) xv(i, j) *= s;
    return {m, s};
  }

  // Log partial likelihood at beta; fills score u() and information imat() (lower part).
  double evaluate(const Eigen::VectorXd& beta) {
    u_.setZero(); a2_.setZero(); imat_.setZero(); cmat2_.setZero();
    double loglik = 0, denom = 0;
    for (int person = n_ - 1; person >= 0;) {
      if (last_in_stratum_[person]) { denom = 0; a_.setZero(); cmat_.setZero(); }
      const double dtime = time_[person];
      int ndead = 0;
      double deadwt = 0, denom2 = 0;
      while (person >= 0 && time_[person] == dtime) {
        const double* xi = &x_[static_cast<std::size_t>(person) * p_];
        double zbeta = off_[person];
        for (int j = 0; j < p_; ++j) zbeta += beta[j] * xi[j];
        const double risk = std::exp(zbeta) * w_[person];
        if (status_[person] == 0) {
          denom += risk;
          for (int j = 0; j < p_; ++j) {
            a_[j] += risk * xi[j];
            for (int k = 0; k <= j; ++k) cmat_(j, k) += risk * xi[j] * xi[k];
          }
        } else {
          ++ndead;
          deadwt += w_[person];
          denom2 += risk;
          loglik += w_[person] * zbeta;
          for (int j = 0; j < p_; ++j) {
            u_[j] += w_[person] * xi[j];
            a2_[j] += risk * xi[j];
            for (int k = 0; k <= j; ++k) cmat2_(j, k) += risk * xi[j] * xi[k];
          }
        }
        --person;
        if (person >= 0 && last_in_stratum_[person]) break;
      }
      if (ndead == 0) continue;
      if (!efron_ || ndead == 1) {
        denom += denom2;
        loglik -= deadwt * std::log(denom);
        for (int j = 0; j < p_; ++j) {
          a_[j] += a2_[j];
          const double mean = a_[j] / denom;
          u_[j] -= deadwt * mean;
          for (int k = 0; k <= j; ++k) {
            cmat_(j, k) += cmat2_(j, k);
            imat_(j, k) += deadwt * (cmat_(j, k) - mean * a_[k]) / denom;
          }
        }
      } else {
        const double wtave = deadwt / ndead;
        for (int r = 0; r < ndead; ++r) {
          denom += denom2 / ndead;
          loglik -= wtave * std::log(denom);
          for (int j = 0; j < p_; ++j) {
            a_[j] += a2_[j] / ndead;
            const double mean = a_[j] / denom;
            u_[j] -= wtave * mean;
            for (int k = 0; k <= j; ++k) {
              cmat_(j, k) += cmat2_(j, k) / ndead;
              imat_(j, k) += wtave * (cmat_(j, k) - mean * a_[k]) / denom;
            }
          }
        }
      }
      a2_.setZero();
      cmat2_.setZero();
    }
    for (int j = 0; j < p_; ++j)
      for (int k = j + 1; k < p_; ++k) imat_(j, k) = imat_(k, j);
    return loglik;
  }

  const Eigen::VectorXd& u() const { return u_; }
  const Eigen::MatrixXd& imat() const { return imat_; }

 private:
  double& xv(int i, int j) { return x_[static_cast<std::size_t>(i) * p_ + j]; }
  int n_, p_;
  bool efron_;
  std::vector<double> x_;
  std::vector<double> time_;
  std::vector<int> status_;
  std::vector<char> last_in_stratum_;
  std::vector<double> w_, off_;
  Eigen::VectorXd a_, a2_;
  Eigen::MatrixXd cmat_, cmat2_;
  Eigen::VectorXd u_;
  Eigen::MatrixXd imat_;
};

bool all_finite(const Eigen::VectorXd& u, const Eigen::MatrixXd& m, double lk) {
  return u.allFinite() && m.allFinite() && std::isfinite(lk);
}

// Cholesky of the information matrix with coxph's singularity tolerance.
Eigen::LDLT<Eigen::MatrixXd> factor_information(const Eigen::MatrixXd& imat, double toler) {
  Eigen::LDLT<Eigen::MatrixXd> ldlt(imat);
  const double dmax = imat.diagonal().cwiseAbs().maxCoeff();
  const Eigen::VectorXd d = ldlt.vectorD();
  for (Eigen::Index j = 0; j < d.size(); ++j)
    if (!(d[j] > toler * std::max(dmax, 1e-300)))
      throw invalid_argument("x", "the information matrix is singular (collinear covariates "
                                  "or a covariate without variation among the events)");
  return ldlt;
}

}  // namespace

void validate_survival(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                       const Eigen::VectorXd& weights) {
  const Eigen::Index n = time.size();
  if (n == 0) throw invalid_argument("time", "no observations");
  if (status.size() != n) throw invalid_argument("status", "length differs from time");
  if (weights.size() && weights.size() != n)
    throw invalid_argument("weights", "length differs from time");
  int events = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(time[i])) throw invalid_argument("time", "contains missing or infinite values");
    if (time[i] < 0) throw invalid_argument("time", "survival times must not be negative");
    if (status[i] != 0 && status[i] != 1) throw invalid_argument("status", "must be 0 (censored) or 1 (event)");
    if (weights.size() && !(weights[i] > 0 && std::isfinite(weights[i])))
      throw invalid_argument("weights", "must be finite and > 0");
    events += status[i];
  }
  if (events == 0) throw invalid_argument("status", "no events: every observation is censored");
}

std::vector<int> order_by_strata_time(const Eigen::VectorXd& time, const Eigen::VectorXi& strata) {
  std::vector<int> ord(time.size());
  std::iota(ord.begin(), ord.end(), 0);
  if (strata.size()) {
    std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) {
      if (strata[a] != strata[b]) return strata[a] < strata[b];
      return time[a] < time[b];
    });
  } else {
    std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) { return time[a] < time[b]; });
  }
  return ord;
}

cox_fit fit_cox(const cox_data& d, const cox_options& opt, const Eigen::VectorXd& init) {
  const int n = static_cast<int>(d.time.size());
  const int p = static_cast<int>(d.x.cols());
  validate_survival(d.time, d.status, d.weights);
  if (d.x.rows() != n) throw invalid_argument("x", "number of rows differs from length of time");
  if (p == 0) throw invalid_argument("x", "no covariates");
  if (!d.x.allFinite()) throw invalid_argument("x", "contains missing or infinite values");
  if (d.strata.size() && d.strata.size() != n) throw invalid_argument("strata", "length differs from time");
  if (d.offset.size() && d.offset.size() != n) throw invalid_argument("offset", "length differs from time");
  if (!d.center.empty() && static_cast<int>(d.center.size()) != p)
    throw invalid_argument("center", "one flag per column of x is needed");
  if (init.size() && init.size() != p) throw invalid_argument("init", "wrong length");
  if (opt.max_iter < 1) throw invalid_argument("max_iter", "must be at least 1");

  const std::vector<int> ord = order_by_strata_time(d.time, d.strata);
  cox_workspace ws(d, ord, p, opt.ties);
  cox_fit fit;
  fit.n_events = static_cast<int>(d.status.sum());
  fit.means = Eigen::VectorXd::Zero(p);
  Eigen::VectorXd scale = Eigen::VectorXd::Ones(p);
  for (int j = 0; j < p; ++j) {
    if (!d.center.empty() && !d.center[j]) continue;
    const auto ms = ws.standardise(j);
    fit.means[j] = ms.first;
    scale[j] = ms.second;
  }
  Eigen::VectorXd beta = init.size() ? Eigen::VectorXd(init.array() / scale.array())
                                     : Eigen::VectorXd::Zero(p);

  double loglik_best = ws.evaluate(beta);
  fit.loglik_init = loglik_best;
  if (!all_finite(ws.u(), ws.imat(), loglik_best))
    throw convergence_error("Cox model: non-finite log-likelihood at the initial values");
  Eigen::LDLT<Eigen::MatrixXd> chol = factor_information(ws.imat(), opt.toler_chol);
  Eigen::VectorXd step = chol.solve(ws.u());
  fit.score_test = ws.u().dot(step);
  Eigen::VectorXd newbeta = beta + step;
  Eigen::MatrixXd imat_final;
  int halving = 0;
  for (int iter = 1; iter <= opt.max_iter; ++iter) {
    fit.iterations = iter;
    const double newlk = ws.evaluate(newbeta);
    const bool finite = all_finite(ws.u(), ws.imat(), newlk);
    if (finite && std::fabs(1.0 - loglik_best / newlk) <= opt.eps) {
      fit.loglik = newlk;
      beta = newbeta;
      imat_final = ws.imat();
      fit.converged = true;
      fit.step_halving_at_end = halving > 0;
      break;
    }
    if (!finite || newlk < loglik_best) {
      ++halving;
      newbeta = (newbeta + halving * beta) / (halving + 1.0);
    } else {
      halving = 0;
      loglik_best = newlk;
      chol = factor_information(ws.imat(), opt.toler_chol);
      beta = newbeta;
      newbeta = newbeta + chol.solve(ws.u());
    }
  }
  if (!fit.converged) {
    fit.loglik = ws.evaluate(beta);
    imat_final = ws.imat();
  }
  const Eigen::MatrixXd var_scaled =
      factor_information(imat_final, opt.toler_chol).solve(Eigen::MatrixXd::Identity(p, p));
  fit.coefficients = beta.array() * scale.array();
  fit.covariance = scale.asDiagonal() * var_scaled * scale.asDiagonal();
  fit.wald_test = fit.coefficients.dot(
      fit.covariance.ldlt().solve(fit.coefficients));
  const double shift = fit.coefficients.dot(fit.means);
  fit.linear_predictor = d.x * fit.coefficients;
  fit.linear_predictor.array() -= shift;
  if (d.offset.size()) fit.linear_predictor += d.offset;
  return fit;
}

}  // namespace radsig::survival
