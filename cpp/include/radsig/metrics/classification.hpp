// Classification metrics at a threshold and confidence intervals for binomial proportions.
//
// Intervals:
// - Clopper-Pearson (exact, as stats::binom.test): lower = Beta^-1(alpha/2; k, n-k+1)
//   (0 when k = 0), upper = Beta^-1(1-alpha/2; k+1, n-k) (1 when k = n), Boost.Math's
//   inverse regularised incomplete beta;
// - Wilson score interval without continuity correction (= stats::prop.test(correct = FALSE)):
//   (p + z^2/(2n) +- z sqrt(p(1-p)/n + z^2/(4n^2))) / (1 + z^2/n).
// A proportion with denominator 0 has estimate and interval NaN.
#pragma once

#include <cstdint>
#include <vector>

#include "radsig/metrics/delong.hpp"
#include "radsig/metrics/roc.hpp"

namespace radsig::metrics {

enum class proportion_ci_method { clopper_pearson, wilson };

interval binomial_interval(std::int64_t successes, std::int64_t trials, double level,
                           proportion_ci_method method);

struct confusion_counts {
  std::int64_t true_positive = 0, false_positive = 0, true_negative = 0, false_negative = 0;
};

// Subjects are called positive when predictor >= threshold (direction controls_lower, pROC's
// "<") or predictor <= threshold (controls_higher, pROC's ">").
confusion_counts confusion_at(const binary_sample& sample, double threshold,
                              roc_direction direction);

struct classification_result {
  confusion_counts counts;
  interval sensitivity, specificity, accuracy, ppv, npv;
  double f1 = 0.0;  // 2 TP / (2 TP + FP + FN); a ratio, not a binomial proportion: no CI
};

classification_result classification_metrics(const confusion_counts& counts, double level,
                                             proportion_ci_method method);

}  // namespace radsig::metrics
