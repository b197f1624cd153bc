// Cox proportional-hazards elastic-net path with Breslow ties, as glmnet's coxnet: the
// Newton step uses the diagonal of the Hessian of the partial likelihood as working
// weights; censored times get 100 * DBL_EPSILON added so that they follow tied deaths.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {
namespace {

// Risk-set structure of the sorted observations (only those with positive weight and a time
// at or after the first death take part).
struct risk_sets {
  std::vector<int> order;  // observation indices sorted by time
  std::vector<int> group;  // for order[i]: index of the last death time <= its time
  std::vector<int> start;  // first position in `order` of each death-time group
  Eigen::VectorXd dk;      // total weight of the deaths at each death time
  Eigen::VectorXd dq;      // weighted status per observation
  std::vector<int> nd;     // number of deaths (positive weight) at each death time
  bool efron = false;      // Efron instead of Breslow for tied deaths
};

risk_sets make_risk_sets(const Eigen::VectorXd& t, const Eigen::VectorXd& d,
                         const Eigen::VectorXd& q) {
  const auto n = t.size();
  std::vector<int> idx;
  for (Eigen::Index i = 0; i < n; ++i)
    if (q[i] > 0) idx.push_back(static_cast<int>(i));
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return t[a] < t[b]; });
  double t0 = std::numeric_limits<double>::infinity();
  for (int i : idx)
    if (d[i] > 0) {
      t0 = t[i];
      break;
    }
  if (!std::isfinite(t0)) throw invalid_argument("y", "has no events with positive weight");
  risk_sets rs;
  rs.dq = d.cwiseProduct(q);
  for (int i : idx)
    if (t[i] >= t0) rs.order.push_back(i);
  double current = -std::numeric_limits<double>::infinity();
  std::vector<double> dks;
  for (std::size_t pos = 0; pos < rs.order.size(); ++pos) {
    const int i = rs.order[pos];
    if (d[i] > 0 && t[i] > current) {
      current = t[i];
      rs.start.push_back(static_cast<int>(pos));
      dks.push_back(0.0);
    }
    rs.group.push_back(static_cast<int>(rs.start.size()) - 1);
    if (d[i] > 0 && t[i] == current) {
      dks.back() += rs.dq[i];
      if (rs.nd.size() < dks.size()) rs.nd.push_back(0);
      ++rs.nd.back();
    }
  }
  rs.dk = Eigen::Map<Eigen::VectorXd>(dks.data(), static_cast<Eigen::Index>(dks.size()));
  return rs;
}

// Risk-set sums u_k = sum of e over observations with time >= t_k.
Eigen::VectorXd risk_sums(const risk_sets& rs, const Eigen::VectorXd& e) {
  const auto K = static_cast<Eigen::Index>(rs.start.size());
  Eigen::VectorXd u(K);
  double h = 0.0;
  std::size_t pos = rs.order.size();
  for (Eigen::Index k = K - 1; k >= 0; --k) {
    const auto first = static_cast<std::size_t>(rs.start[static_cast<std::size_t>(k)]);
    while (pos > first) h += e[rs.order[--pos]];
    u[k] = h;
  }
  return u;
}

// Sum of e over the deaths at each death time (Efron).
Eigen::VectorXd death_sums(const risk_sets& rs, const Eigen::VectorXd& e,
                           const Eigen::VectorXd& d) {
  Eigen::VectorXd tk = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(rs.start.size()));
  for (std::size_t pos = 0; pos < rs.order.size(); ++pos) {
    const int i = rs.order[pos];
    const int k = rs.group[pos];
    if (d[i] > 0 && rs.start[static_cast<std::size_t>(k)] <= static_cast<int>(pos)) tk[k] += e[i];
  }
  return tk;
}

// Partial log-likelihood: Breslow  sum dq f - sum dk log u;  Efron replaces dk log u by
// (dk / nd) sum_{r < nd} log(u - r/nd * T_k), T_k the sum of e over the tied deaths.
double log_partial(const risk_sets& rs, const Eigen::VectorXd& f, const Eigen::VectorXd& e,
                   const Eigen::VectorXd& d) {
  const Eigen::VectorXd u = risk_sums(rs, e);
  if (!rs.efron) return rs.dq.dot(f) - rs.dk.dot(u.array().log().matrix());
  const Eigen::VectorXd tk = death_sums(rs, e, d);
  double ll = rs.dq.dot(f);
  for (Eigen::Index k = 0; k < u.size(); ++k) {
    const int m = rs.nd[static_cast<std::size_t>(k)];
    const double mw = rs.dk[k] / m;
    for (int r = 0; r < m; ++r) ll -= mw * std::log(u[k] - r * tk[k] / m);
  }
  return ll;
}

// Working weights v and residuals r (gradient of the log-likelihood in eta).
bool working(const risk_sets& rs, const Eigen::VectorXd& e, const Eigen::VectorXd& d,
             Eigen::VectorXd& v, Eigen::VectorXd& r) {
  const Eigen::VectorXd u = risk_sums(rs, e);
  const auto K = u.size();
  // per death time: contributions for observations at risk (b1, c1) and, for Efron, for
  // the tied deaths themselves (b2, c2)
  Eigen::VectorXd b1(K), c1(K), b2(K), c2(K);
  if (!rs.efron) {
    b1 = rs.dk.cwiseQuotient(u);
    c1 = rs.dk.cwiseQuotient(u.cwiseAbs2());
    b2 = b1;
    c2 = c1;
  } else {
    const Eigen::VectorXd tk = death_sums(rs, e, d);
    for (Eigen::Index k = 0; k < K; ++k) {
      const int m = rs.nd[static_cast<std::size_t>(k)];
      const double mw = rs.dk[k] / m;
      b1[k] = c1[k] = b2[k] = c2[k] = 0.0;
      for (int j = 0; j < m; ++j) {
        const double frac = static_cast<double>(j) / m;
        const double den = u[k] - frac * tk[k];
        b1[k] += mw / den;
        c1[k] += mw / (den * den);
        b2[k] += mw * (1.0 - frac) / den;
        c2[k] += mw * (1.0 - frac) * (1.0 - frac) / (den * den);
      }
    }
  }
  double b = 0.0, c = 0.0;
  int k_done = -1;
  for (std::size_t pos = 0; pos < rs.order.size(); ++pos) {
    const int i = rs.order[pos];
    const int k = rs.group[pos];
    while (k_done < k) {
      ++k_done;
      b += b1[k_done];
      c += c1[k_done];
    }
    double bi = b, ci = c;
    if (rs.efron && d[i] > 0 && rs.start[static_cast<std::size_t>(k)] <= static_cast<int>(pos)) {
      bi += b2[k] - b1[k];
      ci += c2[k] - c1[k];
    }
    v[i] = e[i] * (bi - e[i] * ci);
    if (!(v[i] > 0.0)) return false;
    r[i] = rs.dq[i] - e[i] * bi;
  }
  return true;
}

}  // namespace

enet_path fit_cox(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& time,
                  const Eigen::VectorXd& status, const Eigen::VectorXd& weights,
                  const Eigen::VectorXd& offset, const enet_options& opt,
                  const progress_callbacks& cb) {
  const auto n = x.rows(), p = x.cols();
  if (n < 2 || p < 1) throw invalid_argument("x", "needs at least 2 rows and 1 column");
  if (time.size() != n || status.size() != n)
    throw invalid_argument("y", "must have one time and status per row of x");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(time[i] > 0) || !std::isfinite(time[i]))
      throw invalid_argument("y", "survival times must be finite and positive");
    if (status[i] != 0.0 && status[i] != 1.0)
      throw invalid_argument("y", "status must be 0 or 1");
  }
  if (offset.size() != 0 && offset.size() != n)
    throw invalid_argument("offset", "must have one value per observation");
  detail::validate_options(opt, p);
  const Eigen::VectorXd q = detail::normalised_weights(weights, n);
  enet_options sopt = opt;
  const detail::design d = detail::standardise(x, q, sopt, true);
  const Eigen::VectorXd t =
      time.array() + (1.0 - status.array()) * 100.0 * std::numeric_limits<double>::epsilon();
  risk_sets rs = make_risk_sets(t, status, q);
  rs.efron = opt.efron;

  const double fmax = std::log(std::numeric_limits<double>::max() * 0.1);
  Eigen::VectorXd f = Eigen::VectorXd::Zero(n);
  if (offset.size() && (offset.array() != 0.0).any()) f = offset.array() - q.dot(offset);
  const Eigen::VectorXd f_null = f;
  auto expo = [&](const Eigen::VectorXd& ff) {
    Eigen::VectorXd e(n);
    for (Eigen::Index i = 0; i < n; ++i)
      e[i] = q[i] * std::exp(std::copysign(std::min(std::abs(ff[i]), fmax), ff[i]));
    return e;
  };
  Eigen::VectorXd e = expo(f);
  const double r0 = log_partial(rs, f, e, status);
  const double rr = -(rs.dk.dot(rs.dk.array().log().matrix()) + r0);

  detail::cd_engine cd(d, opt.thresh * rr, opt.maxit, false);
  cd.v.setZero();
  cd.r.setZero();
  if (!working(rs, e, status, cd.v, cd.r))
    throw convergence_error("cox: non-positive working weight at the null model");
  cd.compute_ga_all();

  detail::lambda_schedule sched(opt, n, p, 1.0, true);
  const double dfmax = opt.dfmax < 0 ? static_cast<double>(p) + 1 : opt.dfmax;
  // coxnet's single-precision constants
  const double sml = opt.fdev * 100.0,
               devmax = opt.devmax * static_cast<double>(0.99f) / static_cast<double>(0.999f);
  const int mnl = std::min(opt.mnlam, sched.size());
  enet_path out;
  out.fam = family::cox;
  const double wraw = weights.size() ? weights.sum() : static_cast<double>(n);
  out.null_deviance = 2.0 * wraw * rr;
  std::vector<Eigen::VectorXd> cols;
  Eigen::VectorXd bs = Eigen::VectorXd::Zero(p);
  for (int m = 0; m < sched.size(); ++m) {
    report_progress(cb, static_cast<std::size_t>(m), static_cast<std::size_t>(sched.size()));
    double prev = 0.0;
    const double lam = sched.at(m, cd.ga, d, prev);
    const double l1 = lam * opt.alpha, l2 = lam * (1.0 - opt.alpha);
    try {
      cd.screen(opt.alpha, lam, prev);
      while (true) {
        for (int k : cd.active) bs[k] = cd.b[k];
        cd.defer_xv();
        cd.solve_wls(l1, l2);
        f = f_null;
        for (int k : cd.active)
          if (cd.b[k] != 0.0) f += cd.b[k] * d.x.col(k);
        e = expo(f);
        if (!working(rs, e, status, cd.v, cd.r)) {
          out.status = -30000 - (m + 1);
          out.message = "cox: non-positive working weight at lambda number " +
                        std::to_string(m + 1) + "; path truncated";
          break;
        }
        bool converged = true;
        for (int k : cd.active) {
          const double dk = cd.b[k] - bs[k];
          if (cd.xv[k] * dk * dk >= cd.thr) {
            converged = false;
            break;
          }
        }
        if (converged && cd.kkt_ok(l1)) break;
      }
    } catch (const detail::maxit_reached&) {
      out.status = -(m + 1);
      out.message = "convergence for lambda number " + std::to_string(m + 1) +
                    " not reached after maxit passes; solutions for larger lambdas returned";
      break;
    }
    if (out.status != 0) break;
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
    for (int k : cd.active) beta[k] = cd.b[k] / d.xs[k];
    cols.push_back(std::move(beta));
    out.lambda.push_back(lam);
    const double dev = (log_partial(rs, f, e, status) - r0) / rr;
    out.dev_ratio.push_back(dev);
    const int nz = cd.nonzero();
    out.df.push_back(nz);
    if (sched.user() || m + 1 < mnl) continue;
    const double back = out.dev_ratio[static_cast<std::size_t>(m - mnl + 1)];
    if (nz > dfmax || (dev - back) / dev < sml || dev > devmax) break;
  }
  if (!sched.user()) detail::fix_first_lambda(out.lambda);
  const auto L = static_cast<Eigen::Index>(cols.size());
  if (L == 0) throw convergence_error("the cox path did not converge at the first lambda");
  out.beta.emplace_back(p, L);
  out.a0 = Eigen::MatrixXd::Zero(1, L);
  for (Eigen::Index l = 0; l < L; ++l) out.beta[0].col(l) = cols[static_cast<std::size_t>(l)];
  out.npasses = cd.npasses;
  return out;
}

std::vector<double> cox_log_partial(const Eigen::MatrixXd& eta, const Eigen::VectorXd& time,
                                    const Eigen::VectorXd& status,
                                    const Eigen::VectorXd& weights) {
  const auto n = eta.rows();
  if (time.size() != n || status.size() != n || weights.size() != n)
    throw invalid_argument("y", "time, status, weights and eta must have the same length");
  const Eigen::VectorXd t =
      time.array() + (1.0 - status.array()) * 100.0 * std::numeric_limits<double>::epsilon();
  const risk_sets rs = make_risk_sets(t, status, weights);
  const double fmax = std::log(std::numeric_limits<double>::max() * 0.1);
  const double sw = weights.sum();
  std::vector<double> out;
  for (Eigen::Index l = 0; l < eta.cols(); ++l) {
    Eigen::VectorXd f = eta.col(l).array() - weights.dot(eta.col(l)) / sw;
    Eigen::VectorXd e(n);
    for (Eigen::Index i = 0; i < n; ++i)
      e[i] = weights[i] * std::exp(std::copysign(std::min(std::abs(f[i]), fmax), f[i]));
    out.push_back(log_partial(rs, f, e, status));
  }
  return out;
}

}  // namespace radsig::penalized
