// Binomial (logistic) elastic-net path: exact Newton (IRLS) outer loop around the
// coordinate-descent engine, probabilities bounded by pmin as in glmnet.
#include <cmath>
#include <limits>

#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {
namespace {

// Intercept of the null model with an offset, by Newton's method.
double null_intercept(const Eigen::VectorXd& y, const Eigen::VectorXd& g,
                      const Eigen::VectorXd& w) {
  const Eigen::ArrayXd e = (-g.array()).exp();
  const double qy = w.dot(y);
  Eigen::ArrayXd p = 1.0 / (1.0 + e);
  double az = 0.0;
  for (int it = 0; it < 1000; ++it) {
    const Eigen::ArrayXd v = w.array() * p * (1.0 - p);
    const double step = (qy - (w.array() * p).sum()) / v.sum();
    az += step;
    if (std::abs(step) < 1e-7) break;
    p = 1.0 / (1.0 + std::exp(-az) * e);
  }
  return az;
}

double binomial_deviance(const Eigen::VectorXd& w, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& q, double pmin) {
  double s = 0.0;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    const double pi = std::min(std::max(pmin, q[i]), 1.0 - pmin);
    s -= w[i] * (y[i] * std::log(pi) + (1.0 - y[i]) * std::log(1.0 - pi));
  }
  return s;
}

}  // namespace

enet_path fit_binomial(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& weights, const Eigen::VectorXd& offset,
                       const enet_options& opt, const progress_callbacks& cb) {
  const auto n = x.rows(), p = x.cols();
  if (n < 2 || p < 1) throw invalid_argument("x", "needs at least 2 rows and 1 column");
  if (y.size() != n) throw invalid_argument("y", "must have one value per row of x");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(y[i] >= 0.0 && y[i] <= 1.0)) throw invalid_argument("y", "must be in [0, 1]");
  if (offset.size() != 0 && offset.size() != n)
    throw invalid_argument("offset", "must have one value per observation");
  detail::validate_options(opt, p);
  const Eigen::VectorXd w = detail::normalised_weights(weights, n);
  const detail::design d = detail::standardise(x, w, opt, opt.intercept);
  const Eigen::VectorXd g = offset.size() ? offset : Eigen::VectorXd::Zero(n);
  const double pmin = opt.pmin;
  const double fmax = std::log(1.0 / pmin - 1.0), fmin = -fmax;
  const double vmin = (1.0 + pmin) * pmin * (1.0 - pmin);

  double q0 = w.dot(y);
  if (q0 <= pmin || q0 >= 1.0 - pmin)
    throw invalid_argument("y", "has (almost) only one class; cannot fit a binomial model");
  detail::cd_engine cd(d, opt.thresh, opt.maxit, opt.intercept);
  Eigen::VectorXd q(n);
  double dev_null = 0.0;
  if (!opt.intercept) q0 = 0.5;
  if ((g.array() == 0.0).all()) {
    const double bz = opt.intercept ? std::log(q0 / (1.0 - q0)) : 0.0;
    cd.b0 = bz;
    q.setConstant(q0);
    dev_null = -(bz * w.dot(y) + std::log(1.0 - q0));
  } else {
    cd.b0 = opt.intercept ? null_intercept(y, g, w) : 0.0;
    q = (1.0 / (1.0 + (-cd.b0 - g.array()).exp())).matrix();
    dev_null = -(cd.b0 * w.dot(y) +
                 w.dot((y.array() * g.array() + (1.0 - q.array()).log()).matrix()));
  }
  cd.v = (w.array() * q.array() * (1.0 - q.array())).matrix();
  cd.vsum = cd.v.sum();
  cd.r = (w.array() * (y - q).array()).matrix();
  double dev0 = dev_null;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (y[i] > 0.0) dev0 += w[i] * y[i] * std::log(y[i]);
    if (y[i] < 1.0) dev0 += w[i] * (1.0 - y[i]) * std::log(1.0 - y[i]);
  }
  cd.thr = opt.thresh * dev0;
  cd.compute_ga_all();

  detail::lambda_schedule sched(opt, n, p, 1.0);
  const double dfmax = opt.dfmax < 0 ? static_cast<double>(p) + 1 : opt.dfmax;
  enet_path out;
  out.fam = family::binomial;
  const double wraw = weights.size() ? weights.sum() : static_cast<double>(n);
  out.null_deviance = 2.0 * wraw * dev0;
  std::vector<Eigen::VectorXd> cols;
  std::vector<double> a0s;
  Eigen::VectorXd bs = Eigen::VectorXd::Zero(p), eta(n);
  for (int m = 0; m < sched.size(); ++m) {
    report_progress(cb, static_cast<std::size_t>(m), static_cast<std::size_t>(sched.size()));
    double prev = 0.0;
    const double lam = sched.at(m, cd.ga, d, prev);
    const double l1 = lam * opt.alpha, l2 = lam * (1.0 - opt.alpha);
    bool saturated = false;
    try {
      cd.screen(opt.alpha, lam, prev);
      while (true) {
        const double bs0 = cd.b0;
        for (int k : cd.active) bs[k] = cd.b[k];
        cd.defer_xv();
        cd.solve_wls(l1, l2);
        // new working weights and residuals at the current solution
        eta = g;
        eta.array() += cd.b0;
        for (int k : cd.active)
          if (cd.b[k] != 0.0) eta += cd.b[k] * d.x.col(k);
        for (Eigen::Index i = 0; i < n; ++i)
          q[i] = eta[i] < fmin ? 0.0 : (eta[i] > fmax ? 1.0 : 1.0 / (1.0 + std::exp(-eta[i])));
        cd.v = (w.array() * q.array() * (1.0 - q.array())).matrix();
        cd.vsum = cd.v.sum();
        if (cd.vsum <= vmin) {
          saturated = true;
          break;
        }
        cd.r = (w.array() * (y - q).array()).matrix();
        bool converged = cd.vsum * (cd.b0 - bs0) * (cd.b0 - bs0) <= cd.thr;
        for (std::size_t a = 0; a < cd.active.size() && converged; ++a) {
          const int k = cd.active[a];
          const double dk = cd.b[k] - bs[k];
          converged = cd.xv[k] * dk * dk <= cd.thr;
        }
        if (converged && cd.kkt_ok(l1)) break;
      }
    } catch (const detail::maxit_reached&) {
      out.status = -(m + 1);
      out.message = "convergence for lambda number " + std::to_string(m + 1) +
                    " not reached after maxit passes; solutions for larger lambdas returned";
      break;
    }
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
    for (int k : cd.active) beta[k] = cd.b[k] / d.xs[k];
    a0s.push_back(cd.b0 - beta.dot(d.xm));
    cols.push_back(std::move(beta));
    out.lambda.push_back(lam);
    const double dev_ratio = (dev_null - binomial_deviance(w, y, q, pmin)) / dev0;
    const double prev_ratio = out.dev_ratio.empty() ? 0.0 : out.dev_ratio.back();
    out.dev_ratio.push_back(dev_ratio);
    const int nz = cd.nonzero();
    out.df.push_back(nz);
    if (detail::path_should_stop(opt, sched.user(), m, nz, dfmax, dev_ratio - prev_ratio,
                                 dev_ratio))
      break;
    if (saturated && !sched.user() && m + 1 >= std::min(opt.mnlam, opt.nlambda)) break;
  }
  if (!sched.user()) detail::fix_first_lambda(out.lambda);
  const auto L = static_cast<Eigen::Index>(cols.size());
  if (L == 0) throw convergence_error("the binomial path did not converge at the first lambda");
  out.beta.emplace_back(p, L);
  out.a0.resize(1, L);
  for (Eigen::Index l = 0; l < L; ++l) {
    out.beta[0].col(l) = cols[static_cast<std::size_t>(l)];
    out.a0(0, l) = a0s[static_cast<std::size_t>(l)];
  }
  out.npasses = cd.npasses;
  return out;
}

}  // namespace radsig::penalized
