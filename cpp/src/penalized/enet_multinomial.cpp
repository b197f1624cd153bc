// Multinomial elastic-net path (symmetric parametrisation, one coefficient vector per
// class), as glmnet's type.multinomial = "ungrouped": each outer iteration cycles over the
// classes, fitting a weighted least-squares approximation for one class with the others
// fixed; afterwards the coefficients of each predictor are re-centred across classes to
// the value minimising the elastic-net penalty.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {
namespace {

// The shift s minimising  alpha sum|a_k - s| + (1 - alpha)/2 sum (a_k - s)^2  (the median
// for the lasso, the mean for ridge), kept inside the coefficient bounds.
double penalty_centre(double alpha, double lo, double hi, const Eigen::RowVectorXd& a) {
  const auto n = a.size();
  const double am = a.mean();
  double out = am;
  if (alpha > 0 && n != 2) {
    std::vector<double> s(a.data(), a.data() + n);
    std::sort(s.begin(), s.end());
    if (s.front() == s.back()) {
      out = a[0];
    } else {
      const auto h = static_cast<std::size_t>(n / 2);
      const double med = n % 2 == 1 ? s[h] : 0.5 * (s[h] + s[h - 1]);
      if (alpha == 1.0) {
        out = med;
      } else {
        // stationary point s = am + r (#above - #below) inside an interval, else the best
        // breakpoint
        const double r = alpha / ((1.0 - alpha) * static_cast<double>(n));
        bool found = false;
        for (Eigen::Index k = 0; k + 1 < n && !found; ++k) {
          const auto below = static_cast<double>(k + 1);
          const double cand = am + r * (static_cast<double>(n) - 2.0 * below);
          if (cand > s[static_cast<std::size_t>(k)] && cand <= s[static_cast<std::size_t>(k + 1)]) {
            out = cand;
            found = true;
          }
        }
        if (!found) {
          double best = std::numeric_limits<double>::infinity();
          for (double c : s) {
            const double crit = 2.0 * r * (a.array() - c).abs().sum() + c * (c - 2.0 * am);
            if (crit < best) {
              best = crit;
              out = c;
            }
          }
        }
      }
    }
  }
  return std::max((a.array() - hi).maxCoeff(), std::min((a.array() - lo).minCoeff(), out));
}

}  // namespace

enet_path fit_multinomial(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::MatrixXd& y,
                          const Eigen::VectorXd& weights, const Eigen::MatrixXd& offset,
                          const enet_options& opt, const progress_callbacks& cb) {
  const auto n = x.rows(), p = x.cols(), K = y.cols();
  if (n < 2 || p < 1) throw invalid_argument("x", "needs at least 2 rows and 1 column");
  if (y.rows() != n || K < 2) throw invalid_argument("y", "must be an n x K matrix, K >= 2");
  if (offset.size() != 0 && (offset.rows() != n || offset.cols() != K))
    throw invalid_argument("offset", "must be an n x K matrix");
  detail::validate_options(opt, p);
  const Eigen::VectorXd w = detail::normalised_weights(weights, n);
  const detail::design d = detail::standardise(x, w, opt, opt.intercept);
  const double pmin = opt.pmin;
  const double vmin = (1.0 + pmin) * pmin * (1.0 - pmin);
  const double pfm = (1.0 + pmin) * pmin, pfx = (1.0 - pmin) * (1.0 - pmin);
  const double emin = pmin / (1.0 - pmin), emax = 1.0 / emin;
  Eigen::MatrixXd g = offset.size() ? offset : Eigen::MatrixXd::Zero(n, K);

  Eigen::MatrixXd B = Eigen::MatrixXd::Zero(p + 1, K), Bs = B;  // row 0 = intercepts
  Eigen::MatrixXd q(n, K);
  Eigen::VectorXd sxp = Eigen::VectorXd::Zero(n);
  double dev = 0.0, dev0 = 0.0;
  for (Eigen::Index k = 0; k < K; ++k) {
    double q0 = w.dot(y.col(k));
    if (q0 <= pmin || q0 >= 1.0 - pmin)
      throw invalid_argument("y", "a class has (almost) no or all observations");
    if (opt.intercept) {
      B(0, k) = std::log(q0);
      dev -= q0 * B(0, k);
    }
  }
  if (!opt.intercept) dev = std::log(static_cast<double>(K));
  if ((g.array() == 0.0).all()) {
    B.row(0).array() -= B.row(0).sum() / static_cast<double>(K);
    for (Eigen::Index k = 0; k < K; ++k) {
      q.col(k).setConstant(std::exp(B(0, k)));
      sxp += q.col(k);
    }
  } else {
    for (Eigen::Index i = 0; i < n; ++i)
      g.row(i).array() -= g.row(i).sum() / static_cast<double>(K);
    if (opt.intercept) {  // null intercepts with offsets (Newton, class by class)
      Eigen::MatrixXd e = g.array().exp();
      Eigen::VectorXd s = e.rowwise().sum();
      Eigen::RowVectorXd az = Eigen::RowVectorXd::Zero(K);
      double dm = 0.0;
      int it = 0;
      do {
        dm = 0.0;
        for (Eigen::Index k = 0; k < K; ++k) {
          double t = 0.0, u = 0.0;
          for (Eigen::Index i = 0; i < n; ++i) {
            const double pik = e(i, k) / s[i];
            t += w[i] * (y(i, k) - pik);
            u += w[i] * pik * (1.0 - pik);
          }
          const double step = t / u;
          az[k] += step;
          const double ed = std::exp(step);
          dm = std::max(dm, std::abs(step));
          for (Eigen::Index i = 0; i < n; ++i) {
            const double z = e(i, k);
            e(i, k) = z * ed;
            s[i] += -z + e(i, k);
          }
        }
      } while (dm >= 1e-7 && ++it < 10000);
      az.array() -= az.sum() / static_cast<double>(K);
      B.row(0) = az;
    }
    dev = 0.0;
    for (Eigen::Index k = 0; k < K; ++k) {
      q.col(k) = (B(0, k) + g.col(k).array()).matrix();
      dev -= w.dot(y.col(k).cwiseProduct(q.col(k)));
      q.col(k) = q.col(k).array().exp().matrix();
      sxp += q.col(k);
    }
    const Eigen::VectorXd sxpl = w.cwiseProduct(sxp.array().log().matrix());
    for (Eigen::Index k = 0; k < K; ++k) dev += y.col(k).dot(sxpl);
  }
  for (Eigen::Index k = 0; k < K; ++k)
    for (Eigen::Index i = 0; i < n; ++i)
      if (y(i, k) > 0) dev0 += w[i] * y(i, k) * std::log(y(i, k));
  dev0 += dev;
  const double thr = opt.thresh * dev0;

  std::vector<char> strong(static_cast<std::size_t>(p), 0);
  std::vector<char> in_active(static_cast<std::size_t>(p), 0);
  std::vector<int> active;
  Eigen::VectorXd ga = Eigen::VectorXd::Zero(p), r(n), v(n);
  Eigen::MatrixXd xv = Eigen::MatrixXd::Zero(p, K);
  auto refresh_ga = [&] {  // max over classes of |x_j' r_k| for included non-strong j
    for (Eigen::Index j = 0; j < p; ++j)
      if (!strong[static_cast<std::size_t>(j)] && d.ju[static_cast<std::size_t>(j)]) ga[j] = 0.0;
    for (Eigen::Index k = 0; k < K; ++k) {
      r = (w.array() * (y.col(k).array() - q.col(k).array() / sxp.array())).matrix();
      for (Eigen::Index j = 0; j < p; ++j) {
        const auto uj = static_cast<std::size_t>(j);
        if (strong[uj] || !d.ju[uj]) continue;
        ga[j] = std::max(ga[j], std::abs(d.x.col(j).dot(r)));
      }
    }
  };
  refresh_ga();

  int npasses = 0;
  detail::lambda_schedule sched(opt, n, p, 1.0);
  const double dfmax = opt.dfmax < 0 ? static_cast<double>(p) + 1 : opt.dfmax;
  enet_path out;
  out.fam = family::multinomial;
  const double wraw = weights.size() ? weights.sum() : static_cast<double>(n);
  out.null_deviance = 2.0 * wraw * dev0;
  std::vector<Eigen::MatrixXd> cols;
  std::vector<Eigen::VectorXd> a0s;
  Eigen::VectorXd di(n), pred(n);
  for (int m = 0; m < sched.size(); ++m) {
    report_progress(cb, static_cast<std::size_t>(m), static_cast<std::size_t>(sched.size()));
    double prev = 0.0;
    const double lam = sched.at(m, ga, d, prev);
    const double l1 = lam * opt.alpha, l2 = lam * (1.0 - opt.alpha);
    const double tlam = opt.alpha * (2.0 * lam - prev);
    for (Eigen::Index j = 0; j < p; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      if (!strong[uj] && d.ju[uj] && ga[j] > tlam * d.vp[j]) strong[uj] = 1;
    }
    bool any_class = false;
    bool maxit_hit = false;
    while (true) {
      if (npasses > opt.maxit) {
        maxit_hit = true;
        break;
      }
      bool changed = false;
      for (Eigen::Index ic = 0; ic < K && !maxit_hit; ++ic) {
        auto b = B.col(ic);
        Bs(0, ic) = b[0];
        for (int k : active) Bs(k + 1, ic) = b[k + 1];
        double xmz = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
          double pic = q(i, ic) / sxp[i];
          if (pic < pfm) {
            pic = 0.0;
            v[i] = 0.0;
          } else if (pic > pfx) {
            pic = 1.0;
            v[i] = 0.0;
          } else {
            v[i] = w[i] * pic * (1.0 - pic);
            xmz += v[i];
          }
          r[i] = w[i] * (y(i, ic) - pic);
        }
        if (xmz <= vmin) continue;
        any_class = true;
        for (Eigen::Index j = 0; j < p; ++j)
          if (strong[static_cast<std::size_t>(j)]) xv(j, ic) = v.dot(d.x.col(j).cwiseAbs2());
        auto pass = [&](bool full) {
          ++npasses;
          double dlx = 0.0;
          auto update = [&](Eigen::Index j) {
            auto xj = d.x.col(j);
            const double gj = xj.dot(r);
            const double bj = b[j + 1];
            const double u = gj + xv(j, ic) * bj;
            const double a = std::abs(u) - d.vp[j] * l1;
            double nb = 0.0;
            if (a > 0.0)
              nb = std::max(d.lo[j], std::min(d.hi[j], std::copysign(a, u) /
                                                           (xv(j, ic) + d.vp[j] * l2)));
            if (nb == bj) return;
            const auto uj = static_cast<std::size_t>(j);
            if (!in_active[uj]) {
              in_active[uj] = 1;
              active.push_back(static_cast<int>(j));
            }
            const double delta = nb - bj;
            b[j + 1] = nb;
            dlx = std::max(dlx, xv(j, ic) * delta * delta);
            r.array() -= delta * v.array() * xj.array();
          };
          if (full) {
            for (Eigen::Index j = 0; j < p; ++j)
              if (strong[static_cast<std::size_t>(j)]) update(j);
          } else {
            for (std::size_t a = 0; a < active.size(); ++a) update(active[a]);
          }
          if (opt.intercept) {
            const double delta = r.sum() / xmz;
            if (delta != 0.0) {
              b[0] += delta;
              dlx = std::max(dlx, xmz * delta * delta);
              r -= delta * v;
            }
          }
          return dlx;
        };
        while (!maxit_hit) {  // WLS for class ic
          if (pass(true) < thr) break;
          while (pass(false) >= thr) {
            if (npasses > opt.maxit) {
              maxit_hit = true;
              break;
            }
          }
          if (npasses > opt.maxit) maxit_hit = true;
        }
        if (!changed) {
          const double d0 = Bs(0, ic) - b[0];
          changed = xmz * d0 * d0 > thr;
          for (int k : active) {
            if (changed) break;
            const double dk = b[k + 1] - Bs(k + 1, ic);
            changed = xv(k, ic) * dk * dk > thr;
          }
        }
        pred = (b[0] + g.col(ic).array()).matrix();
        for (int k : active)
          if (b[k + 1] != 0.0) pred += b[k + 1] * d.x.col(k);
        pred = pred.array().max(-opt.exmx).min(opt.exmx).matrix();
        sxp -= q.col(ic);
        q.col(ic) = pred.array().exp().max(emin * sxp.array()).min(emax * sxp.array()).matrix();
        sxp += q.col(ic);
      }
      if (maxit_hit) break;
      // re-centre intercepts and coefficients across classes
      double s = -B.row(0).sum() / static_cast<double>(K);
      B.row(0).array() += s;
      di.setConstant(s);
      for (int l : active) {
        const Eigen::RowVectorXd row = B.row(l + 1);
        s = d.vp[l] <= 0 ? row.mean() : penalty_centre(opt.alpha, d.lo[l], d.hi[l], row);
        B.row(l + 1).array() -= s;
        di -= s * d.x.col(l);
      }
      di = di.array().exp().matrix();
      sxp.array() *= di.array();
      for (Eigen::Index k = 0; k < K; ++k) q.col(k).array() *= di.array();
      if (!any_class) break;
      if (!changed) {
        refresh_ga();
        bool added = false;
        for (Eigen::Index j = 0; j < p; ++j) {
          const auto uj = static_cast<std::size_t>(j);
          if (strong[uj] || !d.ju[uj]) continue;
          if (ga[j] > l1 * d.vp[j]) {
            strong[uj] = 1;
            added = true;
          }
        }
        if (!added) break;
      }
    }
    if (maxit_hit) {
      out.status = -(m + 1);
      out.message = "convergence for lambda number " + std::to_string(m + 1) +
                    " not reached after maxit passes; solutions for larger lambdas returned";
      break;
    }
    Eigen::MatrixXd beta = Eigen::MatrixXd::Zero(p, K);
    Eigen::VectorXd a0(K);
    for (Eigen::Index k = 0; k < K; ++k) {
      for (int j : active) beta(j, k) = B(j + 1, k) / d.xs[j];
      a0[k] = opt.intercept ? B(0, k) - beta.col(k).dot(d.xm) : 0.0;
    }
    a0.array() -= a0.mean();  // intercepts reported centred across classes, as glmnet
    double devi = 0.0;
    for (Eigen::Index k = 0; k < K; ++k)
      for (Eigen::Index i = 0; i < n; ++i)
        if (y(i, k) > 0) devi -= w[i] * y(i, k) * std::log(q(i, k) / sxp[i]);
    const double dev_ratio = (dev - devi) / dev0;
    const double prev_ratio = out.dev_ratio.empty() ? 0.0 : out.dev_ratio.back();
    int nz = 0;
    for (int j : active) nz += (beta.row(j).array() != 0.0).any() ? 1 : 0;
    cols.push_back(std::move(beta));
    a0s.push_back(std::move(a0));
    out.lambda.push_back(lam);
    out.dev_ratio.push_back(dev_ratio);
    out.df.push_back(nz);
    if (detail::path_should_stop(opt, sched.user(), m, nz, dfmax, dev_ratio - prev_ratio,
                                 dev_ratio))
      break;
    if (!any_class && !sched.user() && m + 1 >= std::min(opt.mnlam, opt.nlambda)) break;
  }
  if (!sched.user()) detail::fix_first_lambda(out.lambda);
  const auto L = static_cast<Eigen::Index>(cols.size());
  if (L == 0) throw convergence_error("the multinomial path did not converge at the first lambda");
  out.a0.resize(K, L);
  for (Eigen::Index k = 0; k < K; ++k) {
    Eigen::MatrixXd bk(p, L);
    for (Eigen::Index l = 0; l < L; ++l) {
      bk.col(l) = cols[static_cast<std::size_t>(l)].col(k);
      out.a0(k, l) = a0s[static_cast<std::size_t>(l)][k];
    }
    out.beta.push_back(std::move(bk));
  }
  out.npasses = npasses;
  return out;
}

}  // namespace radsig::penalized
