// ROC curves and the area under them, following pROC's conventions (pROC::roc):
// - the response is 0 (control) / 1 (case);
// - direction "<" (controls_lower): a subject is called positive when predictor >= threshold;
//   direction ">" (controls_higher): positive when predictor <= threshold;
// - automatic direction: "<" when median(controls) <= median(cases), else ">" (decided by
//   the medians, not by the AUC, exactly as pROC does);
// - thresholds: -Inf, the midpoints between consecutive distinct predictor values, +Inf
//   (midpoints that round onto a data value are moved as pROC does), stored in pROC's order:
//   increasing for "<", decreasing for ">", so that sensitivity always starts at 1;
// - AUC: Mann-Whitney statistic with ties counted 1/2 (= the trapezoidal area).
// All computations sort the data once: O(n log n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace radsig::metrics {

enum class roc_direction {
  automatic,        // choose from the class medians (pROC's rule)
  controls_lower,   // pROC's "<": higher predictor values indicate a case
  controls_higher,  // pROC's ">": lower predictor values indicate a case
};

// pROC's symbol for a resolved direction ("<" or ">").
const char* direction_symbol(roc_direction direction);

// The predictor values of one data set split by class, in their original order.
struct binary_sample {
  std::vector<double> controls;
  std::vector<double> cases;
};

// Splits `predictor` by `response` (0 = control, 1 = case). Throws radsig::invalid_argument
// for unequal lengths, response values other than 0/1, non-finite predictor values or a
// response with fewer than one case and one control.
binary_sample split_by_class(const std::vector<int>& response,
                             const std::vector<double>& predictor);

// pROC's automatic direction from the class medians.
roc_direction choose_direction(const binary_sample& sample);

struct roc_curve_result {
  std::vector<double> thresholds;     // "<": -Inf ... +Inf; ">": +Inf ... -Inf
  std::vector<double> sensitivities;  // at each threshold
  std::vector<double> specificities;  // at each threshold
  double auc = 0.0;                   // Mann-Whitney AUC in the resolved direction
  double auc_variance = 0.0;          // DeLong variance of the AUC (NaN if < 2 per class)
  roc_direction direction = roc_direction::controls_lower;  // resolved, never automatic
  std::size_t n_cases = 0;
  std::size_t n_controls = 0;
};

// The empirical ROC curve, its AUC and the DeLong variance of the AUC.
roc_curve_result roc_curve(const binary_sample& sample,
                           roc_direction direction = roc_direction::automatic);

// Threshold maximising sensitivity + specificity (Youden's J). Among equal maxima the first
// in threshold order is taken (pROC's coords(best.method = "youden") returns all of them;
// its first row is this one).
std::size_t youden_index(const roc_curve_result& curve);

// AUCs of resampled data sets (stratified bootstrap). The predictor values are ranked once;
// each resample is then evaluated in O(n + distinct values) from the indices of the drawn
// controls and cases (0-based, into sample.controls / sample.cases).
class auc_resampler {
 public:
  auc_resampler(const binary_sample& sample, roc_direction direction);
  double auc(const std::vector<std::int32_t>& control_indices,
             const std::vector<std::int32_t>& case_indices) const;

 private:
  std::vector<std::int32_t> control_rank_;  // rank of each control among distinct values
  std::vector<std::int32_t> case_rank_;
  std::size_t n_distinct_ = 0;
};

}  // namespace radsig::metrics
