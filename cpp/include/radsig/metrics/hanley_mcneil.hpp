// Comparison of two correlated AUCs (both curves on the same subjects) by
//   Hanley JA, McNeil BJ. A method of comparing the areas under receiver operating
//   characteristic curves derived from the same cases. Radiology 1983;148:839-843.
// z = (A1 - A2) / sqrt(SE1^2 + SE2^2 - 2 r SE1 SE2), where
// - SE_k is the Hanley & McNeil (1982, Radiology 143:29-36) standard error of an AUC,
//   sqrt((A(1-A) + (m-1)(Q1-A^2) + (n-1)(Q2-A^2)) / (m n)), Q1 = A/(2-A), Q2 = 2A^2/(1+A),
//   m cases, n controls;
// - r, the correlation between the two AUCs, is read from Table 1 of the 1983 paper from the
//   average of the two within-class (Pearson) correlations of the scores and the average of
//   the two AUCs, interpolated bilinearly between the tabulated values.
// The table covers average correlations 0.02-0.90 and average AUCs 0.700-0.975. Outside it
// the inputs are clamped to its edges (an average correlation in [0, 0.02) is interpolated
// towards r = 0 at correlation 0; a negative one gives r = 0) and `outside_table` is set.
#pragma once

#include <cstddef>

#include "radsig/metrics/delong.hpp"
#include "radsig/metrics/roc.hpp"

namespace radsig::metrics {

double hanley_mcneil_se(double auc, std::size_t n_cases, std::size_t n_controls);

struct table_lookup {
  double r = 0.0;
  bool outside_table = false;
};

table_lookup hanley_mcneil_r(double average_correlation, double average_auc);

struct hanley_mcneil_result {
  double auc1 = 0.0, auc2 = 0.0;
  double se1 = 0.0, se2 = 0.0;
  double correlation_cases = 0.0, correlation_controls = 0.0;
  double r = 0.0;  // correlation between the two AUCs (from the table)
  bool outside_table = false;
  double statistic = 0.0;  // z
  double p_value = 0.0;
};

// `sample1` and `sample2` hold the two scores of the same subjects in the same order
// (same cases, same controls). Directions must be resolved.
hanley_mcneil_result hanley_mcneil_test(const binary_sample& sample1, roc_direction direction1,
                                        const binary_sample& sample2, roc_direction direction2,
                                        alternative alt);

}  // namespace radsig::metrics
