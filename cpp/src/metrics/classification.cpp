#include "radsig/metrics/classification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>

#include "radsig/core/error.hpp"

namespace radsig::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

interval clopper_pearson(std::int64_t k, std::int64_t n, double alpha) {
  const double kd = static_cast<double>(k), nd = static_cast<double>(n);
  interval r;
  r.estimate = kd / nd;
  r.lower = k == 0 ? 0.0 : boost::math::ibeta_inv(kd, nd - kd + 1.0, alpha / 2.0);
  r.upper = k == n ? 1.0 : boost::math::ibeta_inv(kd + 1.0, nd - kd, 1.0 - alpha / 2.0);
  return r;
}

interval wilson(std::int64_t k, std::int64_t n, double alpha) {
  const double nd = static_cast<double>(n);
  const double p = static_cast<double>(k) / nd;
  const double z = boost::math::quantile(boost::math::normal(), 1.0 - alpha / 2.0);
  const double z2 = z * z;
  const double centre = p + z2 / (2.0 * nd);
  const double half = z * std::sqrt(p * (1.0 - p) / nd + z2 / (4.0 * nd * nd));
  const double denom = 1.0 + z2 / nd;
  interval r;
  r.estimate = p;
  r.lower = std::max(0.0, (centre - half) / denom);
  r.upper = std::min(1.0, (centre + half) / denom);
  return r;
}

}  // namespace

interval binomial_interval(std::int64_t successes, std::int64_t trials, double level,
                           proportion_ci_method method) {
  if (!(level > 0.0 && level < 1.0)) {
    throw invalid_argument("level", "must lie strictly between 0 and 1");
  }
  if (successes < 0 || trials < 0 || successes > trials) {
    throw invalid_argument("successes", "must lie between 0 and the number of trials");
  }
  if (trials == 0) return interval{kNaN, kNaN, kNaN};
  const double alpha = 1.0 - level;
  return method == proportion_ci_method::clopper_pearson ? clopper_pearson(successes, trials, alpha)
                                                         : wilson(successes, trials, alpha);
}

confusion_counts confusion_at(const binary_sample& sample, double threshold,
                              roc_direction direction) {
  if (direction == roc_direction::automatic) {
    throw invalid_argument("direction", "must be resolved before classifying");
  }
  if (std::isnan(threshold)) throw invalid_argument("threshold", "must not be NaN");
  const bool lower = direction == roc_direction::controls_lower;
  auto positive = [&](double v) { return lower ? v >= threshold : v <= threshold; };
  confusion_counts c;
  for (double v : sample.cases) (positive(v) ? c.true_positive : c.false_negative)++;
  for (double v : sample.controls) (positive(v) ? c.false_positive : c.true_negative)++;
  return c;
}

classification_result classification_metrics(const confusion_counts& c, double level,
                                             proportion_ci_method method) {
  classification_result r;
  r.counts = c;
  const std::int64_t tp = c.true_positive, fp = c.false_positive, tn = c.true_negative,
                     fn = c.false_negative;
  r.sensitivity = binomial_interval(tp, tp + fn, level, method);
  r.specificity = binomial_interval(tn, tn + fp, level, method);
  r.accuracy = binomial_interval(tp + tn, tp + tn + fp + fn, level, method);
  r.ppv = binomial_interval(tp, tp + fp, level, method);
  r.npv = binomial_interval(tn, tn + fn, level, method);
  const std::int64_t f1_denominator = 2 * tp + fp + fn;
  r.f1 = f1_denominator == 0 ? kNaN
                             : 2.0 * static_cast<double>(tp) / static_cast<double>(f1_denominator);
  return r;
}

}  // namespace radsig::metrics
