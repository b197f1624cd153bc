#include "radsig/regression/logistic.hpp"

#include <cfloat>
#include <cmath>
#include <string>

#include "radsig/core/error.hpp"

namespace radsig::regression {
namespace {

constexpr double kThresh = 30.0;
constexpr double kInvEps = 1.0 / DBL_EPSILON;

// d mu / d eta given e = exp(eta) (only used when |eta| <= 30).
double logit_mu_eta(double eta, double e) {
  if (eta > kThresh || eta < -kThresh) return DBL_EPSILON;
  const double opexp = 1.0 + e;
  return e / (opexp * opexp);
}

// glm's clamped inverse link; also stores exp(eta) in *e when |eta| <= 30 so that the next
// IRLS step reuses it for d mu / d eta (the same value glm computes twice).
double logit_inverse_exp(double eta, double* e) {
  double t;
  if (eta < -kThresh) {
    t = DBL_EPSILON;
  } else if (eta > kThresh) {
    t = kInvEps;
  } else {
    t = std::exp(eta);
    *e = t;
  }
  return t / (1.0 + t);
}

// mu = logit_inverse(eta) elementwise, caching exp(eta) in ex.
void inverse_link(const Eigen::VectorXd& eta, Eigen::VectorXd& mu, Eigen::VectorXd& ex) {
  for (Eigen::Index i = 0; i < eta.size(); ++i) mu[i] = logit_inverse_exp(eta[i], &ex[i]);
}

double y_log_y(double y, double mu) { return y != 0.0 ? y * std::log(y / mu) : 0.0; }

void validate(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
              const Eigen::VectorXd& offset) {
  const Eigen::Index n = x.rows();
  if (n == 0 || x.cols() == 0) throw invalid_argument("x", "design matrix has no rows or no columns");
  if (y.size() != n) throw invalid_argument("y", "length differs from the number of rows of x");
  if (w.size() != n) throw invalid_argument("weights", "length differs from the number of rows of x");
  if (offset.size() != n) throw invalid_argument("offset", "length differs from the number of rows of x");
  if (!x.allFinite()) throw invalid_argument("x", "contains missing or infinite values");
  if (!offset.allFinite()) throw invalid_argument("offset", "contains missing or infinite values");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(y[i] >= 0.0 && y[i] <= 1.0)) throw invalid_argument("y", "values must be in [0, 1]");
    if (!(w[i] >= 0.0) || !std::isfinite(w[i]))
      throw invalid_argument("weights", "must be finite and non-negative");
  }
  if (w.sum() <= 0.0) throw invalid_argument("weights", "all weights are zero");
}

}  // namespace

double logit_inverse(double eta) {
  double e;
  return logit_inverse_exp(eta, &e);
}

double binomial_deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu,
                         const Eigen::VectorXd& weights) {
  double dev = 0.0;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    dev += 2.0 * weights[i] * (y_log_y(y[i], mu[i]) + y_log_y(1.0 - y[i], 1.0 - mu[i]));
  return dev;
}

logistic_fit fit_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const Eigen::VectorXd& weights_in, const Eigen::VectorXd& offset_in,
                          const logistic_options& options) {
  const Eigen::Index n = x.rows(), p = x.cols();
  const Eigen::VectorXd w = weights_in.size() ? weights_in : Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd offset = offset_in.size() ? offset_in : Eigen::VectorXd::Zero(n);
  if (options.validate_inputs) validate(x, y, w, offset);
  if (options.max_iter < 1) throw invalid_argument("max_iter", "must be at least 1");

  // glm's binomial initialize: mustart = (w y + 0.5) / (w + 1).
  Eigen::VectorXd mu(n), eta(n), ex = Eigen::VectorXd::Zero(n);  // exp(eta) where |eta| <= 30
  if (options.start.size()) {
    if (options.start.size() != p || !options.start.allFinite())
      throw invalid_argument("start", "needs one finite value per column of x");
    eta = x * options.start + offset;
    inverse_link(eta, mu, ex);
  } else {
    for (Eigen::Index i = 0; i < n; ++i) {
      mu[i] = (w[i] * y[i] + 0.5) / (w[i] + 1.0);
      eta[i] = std::log(mu[i] / (1.0 - mu[i]));
      if (eta[i] <= kThresh && eta[i] >= -kThresh) ex[i] = std::exp(eta[i]);
    }
  }
  double dev_old = binomial_deviance(y, mu, w);

  logistic_fit fit;
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p), beta_prev = beta;
  Eigen::VectorXd ww(n), z(n), sw(n), zw(n), start(p), eta_new(n), mu_new(n),
      ex_new = Eigen::VectorXd::Zero(n);
  Eigen::MatrixXd xw(n, p);
  Eigen::MatrixXd xtwx(p, p);
  Eigen::LDLT<Eigen::MatrixXd> ldlt(p);
  bool have_beta = false;
  for (int iter = 1; iter <= options.max_iter; ++iter) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const double me = logit_mu_eta(eta[i], ex[i]);
      const double var = mu[i] * (1.0 - mu[i]);
      z[i] = (eta[i] - offset[i]) + (y[i] - mu[i]) / me;
      ww[i] = w[i] > 0.0 ? w[i] * me * me / var : 0.0;
    }
    sw = ww.array().sqrt();
    xw = x.array().colwise() * sw.array();
    zw = z.array() * sw.array();
    xtwx.setZero();
    xtwx.selfadjointView<Eigen::Lower>().rankUpdate(xw.transpose());
    xtwx.triangularView<Eigen::StrictlyUpper>() = xtwx.transpose();
    if (options.use_qr) {
      Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xw);
      if (qr.rank() < p)
        throw invalid_argument("x", "design matrix is rank deficient (collinear columns)");
      start = qr.solve(zw);
    } else {
      ldlt.compute(xtwx);
      const double dmax = xtwx.diagonal().maxCoeff();
      if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().minCoeff() > 1e-12 * dmax))
        throw invalid_argument("x", "design matrix is rank deficient (collinear columns)");
      start = ldlt.solve(xw.transpose() * zw);
    }
    eta_new.noalias() = x * start;
    eta_new += offset;
    inverse_link(eta_new, mu_new, ex_new);
    double dev = binomial_deviance(y, mu_new, w);
    int halving = 0;
    while (!std::isfinite(dev)) {
      if (!have_beta || ++halving > options.max_iter)
        throw convergence_error("logistic regression: non-finite deviance and no way to step back");
      start = (start + beta) / 2.0;
      eta_new.noalias() = x * start;
      eta_new += offset;
      inverse_link(eta_new, mu_new, ex_new);
      dev = binomial_deviance(y, mu_new, w);
    }
    beta_prev = beta;
    beta = start;
    have_beta = true;
    eta.swap(eta_new);
    mu.swap(mu_new);
    ex.swap(ex_new);
    fit.iterations = iter;
    if (std::fabs(dev - dev_old) / (std::fabs(dev) + 0.1) < options.epsilon) {
      fit.converged = true;
      dev_old = dev;
      break;
    }
    dev_old = dev;
  }

  fit.coefficients = beta;
  fit.working_weights = ww;
  if (options.covariance) fit.covariance = xtwx.ldlt().solve(Eigen::MatrixXd::Identity(p, p));
  fit.linear_predictor = eta;
  fit.fitted = mu;
  fit.deviance = dev_old;
  const double eps10 = 10.0 * DBL_EPSILON;
  for (Eigen::Index i = 0; i < n; ++i)
    if (w[i] > 0.0 && (mu[i] > 1.0 - eps10 || mu[i] < eps10)) fit.separation = true;
  if (fit.separation || !fit.converged) {
    // Separating directions keep growing by O(1) per iteration; converged ones do not move.
    for (Eigen::Index j = 0; j < p; ++j) {
      const double step = std::fabs(beta[j] - beta_prev[j]);
      if (step > 1e-6 * (1.0 + std::fabs(beta[j]))) fit.separating_columns.push_back(static_cast<int>(j));
    }
    if (!fit.separating_columns.empty()) fit.separation = true;
  }
  return fit;
}

}  // namespace radsig::regression
