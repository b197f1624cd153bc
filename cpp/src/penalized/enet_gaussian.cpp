// Gaussian elastic-net path. As glmnet, y is centred and scaled by its weighted 1/n standard
// deviation before fitting; lambdas are reported on the original y scale.
#include <cmath>
#include <limits>

#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {

enet_path fit_gaussian(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& y,
                       const Eigen::VectorXd& weights, const Eigen::VectorXd& offset,
                       const enet_options& opt, const progress_callbacks& cb) {
  const auto n = x.rows(), p = x.cols();
  if (n < 2 || p < 1) throw invalid_argument("x", "needs at least 2 rows and 1 column");
  if (y.size() != n) throw invalid_argument("y", "must have one value per row of x");
  if (offset.size() != 0 && offset.size() != n)
    throw invalid_argument("offset", "must have one value per observation");
  detail::validate_options(opt, p);
  const Eigen::VectorXd w = detail::normalised_weights(weights, n);
  detail::design d = detail::standardise(x, w, opt, opt.intercept);

  Eigen::VectorXd z = offset.size() ? Eigen::VectorXd(y - offset) : y;
  if (opt.intercept && (z.array() == z[0]).all())
    throw invalid_argument("y", "is constant; the gaussian model cannot be fitted");
  double ym = 0.0, ys = 0.0;
  if (opt.intercept) {
    ym = w.dot(z);
    z.array() -= ym;
  }
  ys = std::sqrt(w.dot(z.cwiseAbs2()));
  if (!(ys > 0)) throw invalid_argument("y", "is constant; the gaussian model cannot be fitted");
  z /= ys;
  d.lo /= ys;
  d.hi /= ys;
  const double wraw = weights.size() ? weights.sum() : static_cast<double>(n);

  // as glmnet's naive mode: work with sqrt(w) * x and sqrt(w) * z, so the working weights
  // are one and a coordinate update costs one axpy
  const Eigen::ArrayXd sw = w.array().sqrt();
  for (Eigen::Index j = 0; j < p; ++j)
    if (d.ju[static_cast<std::size_t>(j)]) d.x.col(j).array() *= sw;
  detail::cd_engine cd(d, opt.thresh, opt.maxit, false);
  cd.unit_weights = true;
  cd.v = Eigen::VectorXd::Ones(n);
  cd.vsum = 1.0;
  cd.r = (sw * z.array()).matrix();
  cd.compute_xv(false);
  // n >> p: covariance updates (each coordinate step costs O(p) instead of O(n); the Gram
  // columns are computed in chunks as predictors enter the strong set); else naive mode
  if (n >= 2 * p && p <= 2000) {  // the Gram takes at most p^2 doubles (32 MB)
    cd.use_covariance(std::move(d.x));
  } else {
    cd.compute_ga_all();
  }

  detail::lambda_schedule sched(opt, n, p, ys);
  const double dfmax = opt.dfmax < 0 ? static_cast<double>(p) + 1 : opt.dfmax;
  enet_path out;
  out.fam = family::gaussian;
  out.null_deviance = wraw * ys * ys;
  std::vector<Eigen::VectorXd> cols;
  std::vector<double> a0s;
  double rsq = 0.0;
  bool warm = false;
  for (int m = 0; m < sched.size(); ++m) {
    report_progress(cb, static_cast<std::size_t>(m), static_cast<std::size_t>(sched.size()));
    double prev = 0.0;
    const double lam = sched.at(m, cd.ga, d, prev);
    const double l1 = lam * opt.alpha, l2 = lam * (1.0 - opt.alpha);
    cd.rss_drop = 0.0;
    try {
      cd.screen(opt.alpha, lam, prev);
      // glmnet's order: active-set passes first once warm, then full passes (with a KKT
      // check of the non-strong predictors once converged) alternating with active passes.
      auto partial = [&] {
        warm = true;
        while (cd.pass(false, l1, l2) >= cd.thr) {
        }
      };
      if (warm) partial();
      while (true) {
        if (cd.pass(true, l1, l2) < cd.thr && cd.kkt_ok(l1)) break;
        partial();
      }
    } catch (const detail::maxit_reached&) {
      out.status = -(m + 1);
      out.message = "convergence for lambda number " + std::to_string(m + 1) +
                    " not reached after maxit passes; solutions for larger lambdas returned";
      break;
    }
    const double rsq0 = rsq;
    rsq += cd.rss_drop;
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
    for (int k : cd.active) beta[k] = cd.b[k] * ys / d.xs[k];
    a0s.push_back(opt.intercept ? ym - beta.dot(d.xm) : 0.0);
    cols.push_back(std::move(beta));
    out.lambda.push_back(lam * ys);
    out.dev_ratio.push_back(rsq);
    const int nz = cd.nonzero();
    out.df.push_back(nz);
    const double change = rsq == 0 ? std::numeric_limits<double>::infinity() : (rsq - rsq0) / rsq;
    if (detail::path_should_stop(opt, sched.user(), m, nz, dfmax, change, rsq)) break;
  }
  if (!sched.user()) detail::fix_first_lambda(out.lambda);
  const auto L = static_cast<Eigen::Index>(cols.size());
  if (L == 0) throw convergence_error("the gaussian path did not converge at the first lambda");
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
