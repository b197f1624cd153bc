#include "radsig/metrics/delong.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "radsig/core/error.hpp"

namespace radsig::metrics {

namespace {

// Number of elements of sorted `v` below `x` and equal to `x`.
void count_below_equal(const std::vector<double>& v, double x, std::size_t* below,
                       std::size_t* equal) {
  auto lo = std::lower_bound(v.begin(), v.end(), x);
  auto hi = std::upper_bound(lo, v.end(), x);
  *below = static_cast<std::size_t>(lo - v.begin());
  *equal = static_cast<std::size_t>(hi - lo);
}

double sum_sq_dev(const std::vector<double>& v, double centre) {
  long double s = 0.0L;
  for (double x : v) s += static_cast<long double>(x - centre) * (x - centre);
  return static_cast<double>(s);
}

double sum_cross_dev(const std::vector<double>& a, double ca, const std::vector<double>& b,
                     double cb) {
  long double s = 0.0L;
  for (std::size_t i = 0; i < a.size(); ++i) {
    s += static_cast<long double>(a[i] - ca) * (b[i] - cb);
  }
  return static_cast<double>(s);
}

void check_level(double level) {
  if (!(level > 0.0 && level < 1.0)) {
    throw invalid_argument("level", "must lie strictly between 0 and 1");
  }
}

double z_quantile(double level) {
  return boost::math::quantile(boost::math::normal(), 1.0 - (1.0 - level) / 2.0);
}

}  // namespace

delong_placements compute_placements(const binary_sample& sample, roc_direction direction) {
  if (direction == roc_direction::automatic) {
    throw invalid_argument("direction", "must be resolved before computing placements");
  }
  if (sample.cases.empty() || sample.controls.empty()) {
    throw invalid_argument("response", "needs at least one case and one control");
  }
  // Work on a scale where cases are expected higher.
  const double sign = direction == roc_direction::controls_lower ? 1.0 : -1.0;
  std::vector<double> controls(sample.controls.size()), cases(sample.cases.size());
  std::transform(sample.controls.begin(), sample.controls.end(), controls.begin(),
                 [sign](double v) { return sign * v; });
  std::transform(sample.cases.begin(), sample.cases.end(), cases.begin(),
                 [sign](double v) { return sign * v; });
  std::vector<double> sorted_controls = controls, sorted_cases = cases;
  std::sort(sorted_controls.begin(), sorted_controls.end());
  std::sort(sorted_cases.begin(), sorted_cases.end());
  const double m = static_cast<double>(cases.size());
  const double n = static_cast<double>(controls.size());

  delong_placements p;
  p.cases.resize(cases.size());
  p.controls.resize(controls.size());
  long double total = 0.0L;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::size_t below, equal;
    count_below_equal(sorted_controls, cases[i], &below, &equal);
    p.cases[i] = (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) / n;
    total += static_cast<long double>(below) + 0.5L * static_cast<long double>(equal);
  }
  for (std::size_t j = 0; j < controls.size(); ++j) {
    std::size_t below, equal;
    count_below_equal(sorted_cases, controls[j], &below, &equal);
    const double above = m - static_cast<double>(below) - static_cast<double>(equal);
    p.controls[j] = (above + 0.5 * static_cast<double>(equal)) / m;
  }
  p.auc = static_cast<double>(total / (static_cast<long double>(m) * n));
  return p;
}

double delong_variance(const delong_placements& p) {
  const double m = static_cast<double>(p.cases.size());
  const double n = static_cast<double>(p.controls.size());
  if (m < 2 || n < 2) {
    throw invalid_argument("roc", "the DeLong variance needs at least 2 cases and 2 controls");
  }
  return sum_sq_dev(p.cases, p.auc) / (m - 1) / m + sum_sq_dev(p.controls, p.auc) / (n - 1) / n;
}

interval delong_interval(double auc, double variance, double level) {
  check_level(level);
  if (!(variance >= 0.0)) {
    throw invalid_argument("roc", "the DeLong variance is not available (need >= 2 per class)");
  }
  const double half = z_quantile(level) * std::sqrt(variance);
  interval r;
  r.estimate = auc;
  r.lower = std::max(0.0, auc - half);
  r.upper = std::min(1.0, auc + half);
  return r;
}

double normal_p_value(double z, alternative alt) {
  const boost::math::normal nd;
  if (std::isnan(z)) return std::numeric_limits<double>::quiet_NaN();
  switch (alt) {
    case alternative::two_sided: return 2.0 * boost::math::cdf(nd, -std::fabs(z));
    case alternative::greater: return boost::math::cdf(nd, -z);
    default: return boost::math::cdf(nd, z);
  }
}

paired_delong_result delong_paired_test(const delong_placements& p1,
                                        const delong_placements& p2, alternative alt,
                                        double level) {
  check_level(level);
  if (p1.cases.size() != p2.cases.size() || p1.controls.size() != p2.controls.size()) {
    throw invalid_argument("roc2", "a paired test needs both curves on the same subjects");
  }
  const double m = static_cast<double>(p1.cases.size());
  const double n = static_cast<double>(p1.controls.size());
  if (m < 2 || n < 2) {
    throw invalid_argument("roc1", "the DeLong test needs at least 2 cases and 2 controls");
  }
  // L S L' with L = (1, -1): var1 + var2 - 2 cov.
  const double s10 = (sum_sq_dev(p1.cases, p1.auc) + sum_sq_dev(p2.cases, p2.auc) -
                      2.0 * sum_cross_dev(p1.cases, p1.auc, p2.cases, p2.auc)) /
                     (m - 1);
  const double s01 = (sum_sq_dev(p1.controls, p1.auc) + sum_sq_dev(p2.controls, p2.auc) -
                      2.0 * sum_cross_dev(p1.controls, p1.auc, p2.controls, p2.auc)) /
                     (n - 1);
  paired_delong_result r;
  r.auc1 = p1.auc;
  r.auc2 = p2.auc;
  r.difference = p1.auc - p2.auc;
  r.se = std::sqrt(std::max(0.0, s10 / m + s01 / n));
  r.statistic = (r.difference == 0.0 && r.se == 0.0) ? 0.0 : r.difference / r.se;
  r.p_value = normal_p_value(r.statistic, alt);
  const double z = z_quantile(level);
  r.lower = r.difference - z * r.se;
  r.upper = r.difference + z * r.se;
  return r;
}

unpaired_delong_result delong_unpaired_test(const delong_placements& p1,
                                            const delong_placements& p2, alternative alt) {
  const double m1 = static_cast<double>(p1.cases.size());
  const double n1 = static_cast<double>(p1.controls.size());
  const double m2 = static_cast<double>(p2.cases.size());
  const double n2 = static_cast<double>(p2.controls.size());
  if (m1 < 2 || n1 < 2 || m2 < 2 || n2 < 2) {
    throw invalid_argument("roc1", "the DeLong test needs at least 2 cases and 2 controls");
  }
  const double v1 = delong_variance(p1);
  const double v2 = delong_variance(p2);
  unpaired_delong_result r;
  r.auc1 = p1.auc;
  r.auc2 = p2.auc;
  r.statistic = (p1.auc - p2.auc) / std::sqrt(v1 + v2);
  // pROC's degrees of freedom use the total sample size of each curve.
  r.df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (m1 + n1 - 1) + v2 * v2 / (m2 + n2 - 1));
  if (std::isnan(r.statistic) || !(r.df > 0)) {
    r.p_value = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  const boost::math::students_t td(r.df);
  switch (alt) {
    case alternative::two_sided:
      r.p_value = 2.0 * boost::math::cdf(td, -std::fabs(r.statistic));
      break;
    case alternative::greater: r.p_value = boost::math::cdf(td, -r.statistic); break;
    default: r.p_value = boost::math::cdf(td, r.statistic);
  }
  return r;
}

}  // namespace radsig::metrics
