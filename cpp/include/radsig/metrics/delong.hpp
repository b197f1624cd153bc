// DeLong, DeLong & Clarke-Pearson (1988) inference for the AUC, with pROC's conventions
// (pROC::ci.auc(method = "delong"), pROC::roc.test(method = "delong")).
//
// Placements: for each case, the share of controls with a lower predictor (ties count 1/2);
// for each control, the share of cases with a higher predictor (ties 1/2), both in the
// curve's direction. They are computed with the sorted-array (midrank) method in
// O(n log n) instead of the O(m n) pairwise definition.
#pragma once

#include <vector>

#include "radsig/metrics/roc.hpp"

namespace radsig::metrics {

enum class alternative { two_sided, less, greater };

struct delong_placements {
  std::vector<double> cases;     // V10, in the order of binary_sample::cases
  std::vector<double> controls;  // V01, in the order of binary_sample::controls
  double auc = 0.0;              // mean of the case placements
};

// `direction` must be resolved (controls_lower or controls_higher).
delong_placements compute_placements(const binary_sample& sample, roc_direction direction);

// var(V10)/m + var(V01)/n with (n - 1) denominators. Needs >= 2 cases and >= 2 controls.
double delong_variance(const delong_placements& p);

struct interval {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

// Normal-approximation interval estimate +- z * sqrt(variance), clipped to [0, 1]
// (pROC's ci.auc(method = "delong")).
interval delong_interval(double auc, double variance, double level);

struct paired_delong_result {
  double auc1 = 0.0, auc2 = 0.0;
  double difference = 0.0;  // auc1 - auc2
  double se = 0.0;          // standard error of the difference
  double statistic = 0.0;   // Z (0 when difference and se are both 0, as pROC)
  double p_value = 0.0;
  double lower = 0.0, upper = 0.0;  // CI of the difference (not clipped)
};

// Paired test: both curves on the same subjects (same response). The placements must come
// from the same binary_sample layout (same subjects in the same order).
paired_delong_result delong_paired_test(const delong_placements& p1,
                                        const delong_placements& p2,
                                        alternative alt, double level);

struct unpaired_delong_result {
  double auc1 = 0.0, auc2 = 0.0;
  double statistic = 0.0;  // pROC's D: difference / sqrt(var1 + var2)
  double df = 0.0;         // Welch-Satterthwaite degrees of freedom (pROC's formula)
  double p_value = 0.0;    // from Student's t with df degrees of freedom
};

unpaired_delong_result delong_unpaired_test(const delong_placements& p1,
                                            const delong_placements& p2, alternative alt);

// p-value of a standard-normal statistic for the given alternative (pROC's orientation:
// "greater" means auc1 > auc2).
double normal_p_value(double z, alternative alt);

}  // namespace radsig::metrics
