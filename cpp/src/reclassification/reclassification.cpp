#include "radsig/reclassification/reclassification.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <boost/math/distributions/normal.hpp>

#include "radsig/core/error.hpp"

namespace radsig::reclassification {
namespace {

void check_sizes(const std::vector<int>& y, const std::vector<double>& p_old,
                 const std::vector<double>& p_new) {
  if (p_old.size() != y.size())
    throw invalid_argument("p_old", "must have the same length as y");
  if (p_new.size() != y.size())
    throw invalid_argument("p_new", "must have the same length as y");
}

void check_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw invalid_argument("level", "must be strictly between 0 and 1");
}

// Validation flags accumulated branch-free inside the computing loops (one pass over
// cohorts of millions); `throw_if_bad` names the offending argument afterwards.
struct validity {
  bool y_ok = true;
  bool p_old_ok = true;
  bool p_new_ok = true;
  void add(int y, double a, double b) {
    y_ok &= (y == 0) | (y == 1);
    p_old_ok &= (a >= 0.0) & (a <= 1.0);  // false for NaN
    p_new_ok &= (b >= 0.0) & (b <= 1.0);
  }
  void throw_if_bad(std::size_t n_events, std::size_t n) const {
    if (!y_ok) throw invalid_argument("y", "must contain only 0 and 1");
    if (!p_old_ok) throw invalid_argument("p_old", "must contain probabilities in [0, 1]");
    if (!p_new_ok) throw invalid_argument("p_new", "must contain probabilities in [0, 1]");
    if (n_events == 0 || n_events == n)
      throw invalid_argument("y", "must contain both events (1) and non-events (0)");
  }
};

// Pencina's variance of the proportion moving up minus the proportion moving down.
double nri_half_variance(double up, double down, double n) {
  return (up + down) / (n * n) - (up - down) * (up - down) / (n * n * n);
}

}  // namespace

wald_summary make_wald_summary(double estimate, double se, double level) {
  wald_summary w;
  w.estimate = estimate;
  w.se = se;
  const boost::math::normal_distribution<double> norm;
  const double q = boost::math::quantile(norm, 0.5 + level / 2.0);
  w.lower = estimate - q * se;
  w.upper = estimate + q * se;
  w.z = estimate / se;  // may be +-Inf or NaN when se == 0, as in Hmisc
  if (std::isfinite(w.z)) {
    w.p_value = 2.0 * boost::math::cdf(norm, -std::fabs(w.z));
  } else if (std::isnan(w.z)) {
    w.p_value = std::nan("");
  } else {
    w.p_value = 0.0;
  }
  return w;
}

std::size_t risk_category(double p, const std::vector<double>& cutoffs) {
  return static_cast<std::size_t>(std::upper_bound(cutoffs.begin(), cutoffs.end(), p) -
                                  cutoffs.begin());
}

nri_result net_reclassification(const risk_data& d, const std::vector<double>& cutoffs,
                                double level) {
  if (d.n == 0) throw invalid_argument("y", "must not be empty");
  check_level(level);
  for (std::size_t k = 0; k < cutoffs.size(); ++k) {
    if (!(cutoffs[k] > 0.0 && cutoffs[k] < 1.0))
      throw invalid_argument("cutoffs", "must lie strictly between 0 and 1");
    if (k > 0 && !(cutoffs[k] > cutoffs[k - 1]))
      throw invalid_argument("cutoffs", "must be strictly increasing");
  }
  nri_result res;
  res.categorical = !cutoffs.empty();
  const std::size_t k = cutoffs.size() + 1;
  // counts[group][0 = n, 1 = up, 2 = down], group = y (0 non-events, 1 events).
  std::size_t counts[2][3] = {{0, 0, 0}, {0, 0, 0}};
  validity ok;
  if (res.categorical) {
    res.n_categories = k;
    res.table_events.assign(k * k, 0);
    res.table_nonevents.assign(k * k, 0);
    for (std::size_t i = 0; i < d.n; ++i) {
      ok.add(d.y[i], d.p_old[i], d.p_new[i]);
      const int g = d.y[i] == 1 ? 1 : 0;
      const std::size_t a = risk_category(d.p_old[i], cutoffs);
      const std::size_t b = risk_category(d.p_new[i], cutoffs);
      (g == 1 ? res.table_events : res.table_nonevents)[a * k + b] += 1;
      counts[g][0] += 1;
      counts[g][1] += static_cast<std::size_t>(b > a);
      counts[g][2] += static_cast<std::size_t>(b < a);
    }
  } else {
    for (std::size_t i = 0; i < d.n; ++i) {
      const double a = d.p_old[i], b = d.p_new[i];
      ok.add(d.y[i], a, b);
      std::size_t* c = counts[d.y[i] & 1];
      c[0] += 1;
      c[1] += static_cast<std::size_t>(b > a);
      c[2] += static_cast<std::size_t>(b < a);
    }
  }
  ok.throw_if_bad(counts[1][0], d.n);
  for (int g = 0; g < 2; ++g) {
    nri_component& c = g == 1 ? res.events : res.nonevents;
    c.n = counts[g][0];
    c.n_up = counts[g][1];
    c.n_down = counts[g][2];
  }
  for (nri_component* c : {&res.events, &res.nonevents}) {
    const double n = static_cast<double>(c->n);
    c->p_up = static_cast<double>(c->n_up) / n;
    c->p_down = static_cast<double>(c->n_down) / n;
  }
  const double v_ev = nri_half_variance(static_cast<double>(res.events.n_up),
                                        static_cast<double>(res.events.n_down),
                                        static_cast<double>(res.events.n));
  const double v_ne = nri_half_variance(static_cast<double>(res.nonevents.n_up),
                                        static_cast<double>(res.nonevents.n_down),
                                        static_cast<double>(res.nonevents.n));
  const double nri_ev = res.events.p_up - res.events.p_down;
  const double nri_ne = res.nonevents.p_down - res.nonevents.p_up;
  res.events.nri = make_wald_summary(nri_ev, std::sqrt(v_ev), level);
  res.nonevents.nri = make_wald_summary(nri_ne, std::sqrt(v_ne), level);
  res.nri = make_wald_summary(nri_ev + nri_ne, std::sqrt(v_ev + v_ne), level);
  return res;
}

nri_result net_reclassification(const std::vector<int>& y, const std::vector<double>& p_old,
                                const std::vector<double>& p_new,
                                const std::vector<double>& cutoffs, double level) {
  check_sizes(y, p_old, p_new);
  return net_reclassification(risk_data{y.data(), p_old.data(), p_new.data(), y.size()},
                              cutoffs, level);
}

idi_result integrated_discrimination(const risk_data& d, double level) {
  if (d.n == 0) throw invalid_argument("y", "must not be empty");
  check_level(level);
  // Two-pass mean / variance of the differences in each group (numerically stable).
  double sum[2] = {0.0, 0.0};
  std::size_t n[2] = {0, 0};
  validity ok;
  for (std::size_t i = 0; i < d.n; ++i) {
    ok.add(d.y[i], d.p_old[i], d.p_new[i]);
    const int g = d.y[i] & 1;
    sum[g] += d.p_new[i] - d.p_old[i];
    ++n[g];
  }
  ok.throw_if_bad(n[1], d.n);
  const double mean[2] = {sum[0] / static_cast<double>(n[0]),
                          sum[1] / static_cast<double>(n[1])};
  double ss[2] = {0.0, 0.0};
  for (std::size_t i = 0; i < d.n; ++i) {
    const int g = d.y[i];
    const double dev = d.p_new[i] - d.p_old[i] - mean[g];
    ss[g] += dev * dev;
  }
  idi_result res;
  res.n_events = n[1];
  res.n_nonevents = n[0];
  res.improve_sens = mean[1];
  res.improve_spec = -mean[0];
  // A group of size 1 has no variance estimate (R's var() gives NA): the SE is NaN then.
  const double var_ev = n[1] > 1 ? ss[1] / static_cast<double>(n[1] - 1) : std::nan("");
  const double var_ne = n[0] > 1 ? ss[0] / static_cast<double>(n[0] - 1) : std::nan("");
  const double se = std::sqrt(var_ev / static_cast<double>(n[1]) +
                              var_ne / static_cast<double>(n[0]));
  res.idi = make_wald_summary(mean[1] - mean[0], se, level);
  return res;
}

idi_result integrated_discrimination(const std::vector<int>& y,
                                     const std::vector<double>& p_old,
                                     const std::vector<double>& p_new, double level) {
  check_sizes(y, p_old, p_new);
  return integrated_discrimination(risk_data{y.data(), p_old.data(), p_new.data(), y.size()},
                                   level);
}

}  // namespace radsig::reclassification
