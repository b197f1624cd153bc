#include "radsig/cutpoint/maxstat.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include "radsig/core/error.hpp"
#include "radsig/cutpoint/radix_order.hpp"

namespace radsig::cutpoint {
namespace {

constexpr double kPi = 3.14159265358979323846;

double norm_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

void check_survival(const std::vector<double>& time, const std::vector<int>& status) {
  if (time.empty()) throw invalid_argument("time", "must not be empty");
  if (status.size() != time.size())
    throw invalid_argument("status", "must have the same length as time");
  bool finite = true, nonneg = true;
  for (double t : time) {
    finite &= std::isfinite(t);
    nonneg &= t >= 0.0;
  }
  if (!finite) throw invalid_argument("time", "must contain finite values only");
  if (!nonneg) throw invalid_argument("time", "must be non-negative");
  std::size_t events = 0;
  for (int s : status) {
    if (s != 0 && s != 1) throw invalid_argument("status", "must contain only 0 and 1");
    events += static_cast<std::size_t>(s);
  }
  if (events == 0) throw invalid_argument("status", "must contain at least one event");
}

void check_props(double minprop, double maxprop) {
  if (!(minprop > 0.0 && minprop < 1.0))
    throw invalid_argument("minprop", "must lie strictly between 0 and 1");
  if (!(maxprop > minprop && maxprop < 1.0))
    throw invalid_argument("maxprop", "must lie strictly between minprop and 1");
}

// Stable order of x and the admissible lower-group sizes m (ends of tied runs).
struct candidates {
  std::vector<std::size_t> order;
  std::vector<std::size_t> m;
  std::vector<double> cuts;
};

candidates make_candidates(const std::vector<double>& x, double minprop, double maxprop) {
  check_props(minprop, maxprop);
  bool finite = true;
  for (double v : x) finite &= std::isfinite(v);
  if (!finite) throw invalid_argument("x", "must contain finite values only");
  const std::size_t n = x.size();
  candidates c;
  c.order = radix_order(x);
  const double nd = static_cast<double>(n);
  const auto lo = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(nd * minprop)));
  const auto hi = static_cast<std::size_t>(std::floor(nd * maxprop));
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (x[c.order[k + 1]] == x[c.order[k]]) continue;
    const std::size_t m = k + 1;
    if (m >= lo && m <= hi) {
      c.m.push_back(m);
      c.cuts.push_back(x[c.order[k]]);
    }
  }
  if (c.m.empty())
    throw invalid_argument("x", "has no cut-point leaving between minprop and maxprop of the "
                                "subjects in the lower group (too few distinct values?)");
  return c;
}

// max over candidate m of |S_m - E_m| / sqrt(V_m) for scores already in x order.
double max_standardised(const std::vector<double>& a_sorted, const std::vector<std::size_t>& m,
                        const std::vector<double>& expect, const std::vector<double>& sd,
                        std::vector<double>* each) {
  long double cum = 0.0L;
  std::size_t k = 0;
  double best = -1.0;
  for (std::size_t j = 0; j < m.size(); ++j) {
    for (; k < m[j]; ++k) cum += a_sorted[k];
    const double t = std::fabs((static_cast<double>(cum) - expect[j]) / sd[j]);
    if (each) (*each)[j] = t;
    best = std::max(best, t);
  }
  return best;
}

double p_cond_mc(double b, std::vector<double> a_sorted, const std::vector<std::size_t>& m,
                 const std::vector<double>& expect, const std::vector<double>& sd,
                 std::size_t n_perm, std::uint64_t seed, const progress_callbacks& cb) {
  if (n_perm < 1) throw invalid_argument("n_perm", "must be at least 1");
  std::mt19937_64 rng(seed);
  std::size_t exceed = 0;
  for (std::size_t r = 0; r < n_perm; ++r) {
    std::shuffle(a_sorted.begin(), a_sorted.end(), rng);
    if (max_standardised(a_sorted, m, expect, sd, nullptr) >= b) ++exceed;
    if ((r + 1) % 256 == 0) report_progress(cb, r + 1, n_perm);
  }
  return static_cast<double>(exceed) / static_cast<double>(n_perm);
}

}  // namespace

std::vector<double> logrank_scores(const std::vector<double>& time,
                                   const std::vector<int>& status) {
  check_survival(time, status);
  const std::size_t n = time.size();
  const std::vector<std::size_t> ord = radix_order(time);
  // For each run of tied times, every member has the maximum rank r (1-based); the
  // cumulative sum runs to the end of the run.
  std::vector<double> scores(n);
  long double cum = 0.0L;
  std::size_t k = 0;
  while (k < n) {
    std::size_t e = k;
    while (e + 1 < n && time[ord[e + 1]] == time[ord[k]]) ++e;
    const double denom = static_cast<double>(n - (e + 1) + 1);
    for (std::size_t j = k; j <= e; ++j) cum += static_cast<double>(status[ord[j]]) / denom;
    for (std::size_t j = k; j <= e; ++j)
      scores[ord[j]] = static_cast<double>(status[ord[j]]) - static_cast<double>(cum);
    k = e + 1;
  }
  return scores;
}

double p_lausen92(double b, double minprop, double maxprop) {
  check_props(minprop, maxprop);
  if (b < 1.0) return 1.0;
  const double db = std::exp(-b * b / 2.0) / std::sqrt(2.0 * kPi);
  const double p = 4.0 * db / b +
                   db * (b - 1.0 / b) *
                       std::log((maxprop * (1.0 - minprop)) / ((1.0 - maxprop) * minprop));
  return std::max(p, 0.0);
}

double p_lausen94(double b, std::size_t n, const std::vector<std::size_t>& m) {
  double d = 0.0;
  const double nd = static_cast<double>(n);
  for (std::size_t j = 0; j + 1 < m.size(); ++j) {
    const double m1 = static_cast<double>(m[j]), m2 = static_cast<double>(m[j + 1]);
    const double t = std::sqrt(1.0 - m1 * (nd - m2) / ((nd - m1) * m2));
    d += 1.0 / kPi * std::exp(-b * b / 2.0) * (t - (b * b / 4.0 - 1.0) * t * t * t / 6.0);
  }
  return 1.0 - (norm_cdf(b) - norm_cdf(-b)) + d;
}

// The standardised statistics at consecutive cuts form a Gauss-Markov chain with
// corr(Z_j, Z_{j+1}) = sqrt(m_j (N - m_{j+1}) / (m_{j+1} (N - m_j))). P(all |Z_j| <= b) is
// propagated as probability mass on a uniform grid of cells tiling [-b, b]; the transition
// from a cell centre is integrated exactly over each target cell. The cell width is a third
// of the smallest transition SD, so the chain's diffusion is resolved.
namespace {

// P(max_j |Z_j| > b) on a grid of g cells (see p_exact_gauss).
double gauss_chain_tail(double b, const std::vector<double>& rho, const std::vector<double>& s,
                        std::size_t g, const progress_callbacks& cb) {
  const double h = 2.0 * b / static_cast<double>(g);
  std::vector<double> mass(g), next(g);
  for (std::size_t k = 0; k < g; ++k) {
    const double e0 = -b + h * static_cast<double>(k);
    mass[k] = norm_cdf(e0 + h) - norm_cdf(e0);
  }
  for (std::size_t j = 0; j < rho.size(); ++j) {
    std::fill(next.begin(), next.end(), 0.0);
    const auto band = static_cast<long>(std::ceil(9.0 * s[j] / h)) + 1;
    for (std::size_t k = 0; k < g; ++k) {
      if (mass[k] == 0.0) continue;
      const double mu = rho[j] * (-b + h * (static_cast<double>(k) + 0.5));
      const long centre = static_cast<long>(std::floor((mu + b) / h));
      const long l0 = std::max(0L, centre - band);
      const long l1 = std::min(static_cast<long>(g) - 1, centre + band);
      double prev = norm_cdf((-b + h * static_cast<double>(l0) - mu) / s[j]);
      for (long l = l0; l <= l1; ++l) {
        const double cur = norm_cdf((-b + h * static_cast<double>(l + 1) - mu) / s[j]);
        next[static_cast<std::size_t>(l)] += mass[k] * (cur - prev);
        prev = cur;
      }
    }
    mass.swap(next);
    if ((j + 1) % 64 == 0) report_progress(cb, j + 1, rho.size());
  }
  long double inside = 0.0L;
  for (double v : mass) inside += v;
  return 1.0 - static_cast<double>(inside);
}

}  // namespace

// The standardised statistics at consecutive cuts form a Gauss-Markov chain with
// corr(Z_j, Z_{j+1}) = sqrt(m_j (N - m_{j+1}) / (m_{j+1} (N - m_j))). P(all |Z_j| <= b) is
// propagated as probability mass on a uniform grid of cells tiling [-b, b]; the transition
// from a cell centre is integrated exactly over each target cell. The discretisation error
// is O(h^2) in the cell width h; with the automatic grid (h = min(0.02, smallest transition
// SD / 3)) the result is Richardson-extrapolated from grids h and h/2.
double p_exact_gauss(double b, std::size_t n, const std::vector<std::size_t>& m,
                     std::size_t grid, const progress_callbacks& cb) {
  if (m.empty()) throw invalid_argument("m", "must not be empty");
  if (!(b > 0.0)) return 1.0;
  if (m.size() == 1) return 2.0 * norm_cdf(-b);
  const double nd = static_cast<double>(n);
  std::vector<double> rho(m.size() - 1), s(m.size() - 1);
  double s_min = 1.0;
  for (std::size_t j = 0; j + 1 < m.size(); ++j) {
    const double m1 = static_cast<double>(m[j]), m2 = static_cast<double>(m[j + 1]);
    rho[j] = std::sqrt(m1 * (nd - m2) / (m2 * (nd - m1)));
    s[j] = std::sqrt(std::max(0.0, 1.0 - rho[j] * rho[j]));
    s_min = std::min(s_min, s[j]);
  }
  double p = 0.0;
  if (grid > 0) {
    p = gauss_chain_tail(b, rho, s, std::max<std::size_t>(grid, 16), cb);
  } else {
    const double h = std::min(0.02, s_min / 3.0);
    const auto g = std::max<std::size_t>(16, static_cast<std::size_t>(std::ceil(2.0 * b / h)));
    const double coarse = gauss_chain_tail(b, rho, s, g, cb);
    const double fine = gauss_chain_tail(b, rho, s, 2 * g, cb);
    p = (4.0 * fine - coarse) / 3.0;
  }
  return std::min(1.0, std::max(0.0, p));
}

maxstat_result maxstat_scores(const std::vector<double>& x, const std::vector<double>& a,
                              const maxstat_options& o, const progress_callbacks& cb) {
  if (x.size() != a.size()) throw invalid_argument("x", "must have the same length as the scores");
  if (x.size() < 2) throw invalid_argument("x", "must have at least 2 values");
  const candidates c = make_candidates(x, o.minprop, o.maxprop);
  const std::size_t n = x.size();
  const double nd = static_cast<double>(n);
  std::vector<double> a_sorted(n);
  long double ss = 0.0L, ss2 = 0.0L;
  for (std::size_t k = 0; k < n; ++k) {
    a_sorted[k] = a[c.order[k]];
    ss += a_sorted[k];
    ss2 += static_cast<long double>(a_sorted[k]) * a_sorted[k];
  }
  const double sum = static_cast<double>(ss), sum2 = static_cast<double>(ss2);
  std::vector<double> expect(c.m.size()), sd(c.m.size());
  for (std::size_t j = 0; j < c.m.size(); ++j) {
    const double mj = static_cast<double>(c.m[j]);
    expect[j] = mj / nd * sum;
    sd[j] = std::sqrt(mj * (nd - mj) / (nd * nd * (nd - 1.0)) * (nd * sum2 - sum * sum));
  }
  maxstat_result res;
  res.scan.cuts = c.cuts;
  res.scan.m = c.m;
  res.scan.statistic.resize(c.m.size());
  res.statistic = max_standardised(a_sorted, c.m, expect, sd, &res.scan.statistic);
  if (!std::isfinite(res.statistic))
    throw invalid_argument("time", "gives constant scores: no statistic can be computed");
  for (std::size_t j = 0; j < c.m.size(); ++j) {
    if (res.scan.statistic[j] == res.statistic) {
      res.estimate = c.cuts[j];
      res.n_lower = c.m[j];
      break;
    }
  }
  switch (o.pmethod) {
    case maxstat_pmethod::none: res.p_value = std::nan(""); break;
    case maxstat_pmethod::lausen92:
      res.p_value = p_lausen92(res.statistic, o.minprop, o.maxprop);
      break;
    case maxstat_pmethod::lausen94: res.p_value = p_lausen94(res.statistic, n, c.m); break;
    case maxstat_pmethod::exact_gauss:
      res.p_value = p_exact_gauss(res.statistic, n, c.m, o.grid, cb);
      break;
    case maxstat_pmethod::cond_mc:
      res.p_value = p_cond_mc(res.statistic, a_sorted, c.m, expect, sd, o.n_perm, o.seed, cb);
      break;
  }
  return res;
}

maxstat_result maxstat_logrank(const std::vector<double>& x, const std::vector<double>& time,
                               const std::vector<int>& status, const maxstat_options& o,
                               const progress_callbacks& cb) {
  if (time.size() != x.size()) throw invalid_argument("time", "must have the same length as x");
  return maxstat_scores(x, logrank_scores(time, status), o, cb);
}

namespace {

// Fenwick tree over 1..n of long double sums.
class fenwick {
 public:
  explicit fenwick(std::size_t n) : t_(n + 1, 0.0L) {}
  void add(std::size_t i, long double v) {
    for (; i < t_.size(); i += i & (~i + 1)) t_[i] += v;
  }
  long double prefix(std::size_t i) const {
    long double s = 0.0L;
    for (; i > 0; i -= i & (~i + 1)) s += t_[i];
    return s;
  }

 private:
  std::vector<long double> t_;
};

}  // namespace

// Moving subject i (time T_i) into the lower group raises n1 at every event time <= T_i.
// With K_i the number of distinct event times <= T_i, w_k = d_k (n_k - d_k) / ((n_k - 1)
// n_k^2) and W(K) = sum_{k <= K} w_k:
//   U += status_i - H(T_i)   (H = Nelson-Aalen cumulative hazard),
//   V += sum_{k <= K_i} w_k (n_k - 1) - 2 Q(K_i),  Q(K) = sum_{k <= K} w_k n1_k,
// and Q(K) = sum_{j in lower, K_j <= K} W(K_j) + W(K) #{j in lower: K_j > K} (two Fenwick
// trees indexed by K_j).
min_pvalue_result min_pvalue_logrank(const std::vector<double>& x,
                                     const std::vector<double>& time,
                                     const std::vector<int>& status, double minprop,
                                     double maxprop) {
  if (time.size() != x.size()) throw invalid_argument("time", "must have the same length as x");
  check_survival(time, status);
  if (x.size() < 2) throw invalid_argument("x", "must have at least 2 values");
  const candidates c = make_candidates(x, minprop, maxprop);
  const std::size_t n = x.size();

  // Distinct event times, at-risk counts and deaths.
  const std::vector<std::size_t> ord = radix_order(time);
  std::vector<double> etime;
  std::vector<double> w, h_cum, a_cum, w_cum;  // per event time (cumulative versions)
  {
    std::size_t k = 0;
    long double hc = 0.0L, ac = 0.0L, wc = 0.0L;
    while (k < n) {
      std::size_t e = k;
      std::size_t d = static_cast<std::size_t>(status[ord[k]]);
      while (e + 1 < n && time[ord[e + 1]] == time[ord[k]]) {
        ++e;
        d += static_cast<std::size_t>(status[ord[e]]);
      }
      if (d > 0) {
        const double nk = static_cast<double>(n - k), dk = static_cast<double>(d);
        const double wk = nk > 1.0 ? dk * (nk - dk) / ((nk - 1.0) * nk * nk) : 0.0;
        hc += dk / nk;
        ac += wk * (nk - 1.0);
        wc += wk;
        etime.push_back(time[ord[k]]);
        h_cum.push_back(static_cast<double>(hc));
        a_cum.push_back(static_cast<double>(ac));
        w_cum.push_back(static_cast<double>(wc));
      }
      k = e + 1;
    }
  }
  const std::size_t n_ev = etime.size();
  fenwick count_tree(n_ev), weight_tree(n_ev);
  long double u = 0.0L, v = 0.0L;
  std::size_t added = 0;  // lower-group subjects with K_j > 0 (in the trees)
  min_pvalue_result res;
  res.scan.cuts = c.cuts;
  res.scan.m = c.m;
  res.scan.statistic.resize(c.m.size());
  std::size_t next = 0;
  for (std::size_t j = 0; j < c.m.size(); ++j) {
    for (; next < c.m[j]; ++next) {
      const std::size_t i = c.order[next];
      const auto kk = static_cast<std::size_t>(
          std::upper_bound(etime.begin(), etime.end(), time[i]) - etime.begin());
      const double hk = kk > 0 ? h_cum[kk - 1] : 0.0;
      const double ak = kk > 0 ? a_cum[kk - 1] : 0.0;
      const double wk = kk > 0 ? w_cum[kk - 1] : 0.0;
      long double q = 0.0L;
      if (kk > 0) {
        q = weight_tree.prefix(kk) +
            static_cast<long double>(wk) *
                (static_cast<long double>(added) - count_tree.prefix(kk));
      }
      u += static_cast<double>(status[i]) - hk;
      v += ak - 2.0L * q;
      if (kk > 0) {
        count_tree.add(kk, 1.0L);
        weight_tree.add(kk, wk);
        ++added;
      }
    }
    res.scan.statistic[j] = v > 0.0L ? static_cast<double>(u * u / v) : 0.0;
  }
  std::size_t best = 0;
  for (std::size_t j = 1; j < c.m.size(); ++j)
    if (res.scan.statistic[j] > res.scan.statistic[best]) best = j;
  res.chisq = res.scan.statistic[best];
  res.estimate = c.cuts[best];
  res.n_lower = c.m[best];
  res.p_value = boost::math::cdf(
      boost::math::complement(boost::math::chi_squared_distribution<double>(1.0), res.chisq));
  return res;
}

}  // namespace radsig::cutpoint
