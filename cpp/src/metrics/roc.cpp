#include "radsig/metrics/roc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "radsig/core/error.hpp"

namespace radsig::metrics {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One distinct predictor value with the number of cases and controls that have it.
struct value_group {
  double value;
  std::int64_t cases;
  std::int64_t controls;
};

// Distinct values of the pooled sample in increasing order (both inputs sorted).
std::vector<value_group> group_sorted(const std::vector<double>& controls,
                                      const std::vector<double>& cases) {
  std::vector<value_group> groups;
  groups.reserve(controls.size() + cases.size());
  std::size_t i = 0, j = 0;
  while (i < controls.size() || j < cases.size()) {
    double v;
    if (j >= cases.size() || (i < controls.size() && controls[i] <= cases[j])) {
      v = controls[i];
    } else {
      v = cases[j];
    }
    value_group g{v, 0, 0};
    while (i < controls.size() && controls[i] == v) { ++g.controls; ++i; }
    while (j < cases.size() && cases[j] == v) { ++g.cases; ++j; }
    groups.push_back(g);
  }
  return groups;
}

// R's median of a sorted vector.
double sorted_median(const std::vector<double>& x) {
  const std::size_t n = x.size();
  if (n % 2 == 1) return x[n / 2];
  return static_cast<double>((static_cast<long double>(x[n / 2 - 1]) + x[n / 2]) / 2.0L);
}

// AUC and DeLong variance from groups ordered so that later groups indicate cases
// (increasing predictor for "<", decreasing for ">"). Placements: a case's is the share of
// controls below it (ties 1/2), a control's the share of cases above it (ties 1/2).
void auc_and_variance(const std::vector<value_group>& groups, bool reversed, std::int64_t m,
                      std::int64_t n, double* auc, double* variance) {
  const std::size_t k = groups.size();
  auto at = [&](std::size_t g) -> const value_group& {
    return reversed ? groups[k - 1 - g] : groups[g];
  };
  // Exact numerator of 2 * m * n * AUC as an integer.
  long double twice_num = 0.0L;
  std::int64_t controls_below = 0;
  for (std::size_t g = 0; g < k; ++g) {
    const value_group& grp = at(g);
    twice_num += static_cast<long double>(grp.cases) *
                 static_cast<long double>(2 * controls_below + grp.controls);
    controls_below += grp.controls;
  }
  const double theta = static_cast<double>(twice_num / (2.0L * m * n));
  *auc = theta;
  if (m < 2 || n < 2) {
    *variance = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  long double s10 = 0.0L, s01 = 0.0L;
  controls_below = 0;
  std::int64_t cases_above = m;
  for (std::size_t g = 0; g < k; ++g) {
    const value_group& grp = at(g);
    cases_above -= grp.cases;
    if (grp.cases > 0) {
      const double v10 = (static_cast<double>(controls_below) + 0.5 * grp.controls) / n;
      s10 += static_cast<long double>(grp.cases) * (v10 - theta) * (v10 - theta);
    }
    if (grp.controls > 0) {
      const double v01 = (static_cast<double>(cases_above) + 0.5 * grp.cases) / m;
      s01 += static_cast<long double>(grp.controls) * (v01 - theta) * (v01 - theta);
    }
    controls_below += grp.controls;
  }
  *variance = static_cast<double>(s10 / (m - 1) / m + s01 / (n - 1) / n);
}

// pROC's thresholds: midpoints of consecutive distinct values (halving first when the sum
// could overflow), with midpoints that round onto a data value moved to the side that keeps
// the classification rule (>= for "<", <= for ">") correct.
std::vector<double> proc_thresholds(const std::vector<value_group>& groups, bool lower) {
  const std::size_t k = groups.size();
  std::vector<double> t(k + 1);
  t[0] = -kInf;
  t[k] = kInf;
  for (std::size_t g = 1; g < k; ++g) {
    const double a = groups[g - 1].value, b = groups[g].value;
    double mid = (a + b) / 2;
    if (std::fabs(mid) > 1e100) mid = a / 2 + b / 2;
    if (mid == a) {
      if (lower) mid = b;
    } else if (mid == b) {
      if (!lower) mid = a;
    }
    t[g] = mid;
  }
  return t;
}

}  // namespace

const char* direction_symbol(roc_direction direction) {
  switch (direction) {
    case roc_direction::controls_lower: return "<";
    case roc_direction::controls_higher: return ">";
    default: return "auto";
  }
}

binary_sample split_by_class(const std::vector<int>& response,
                             const std::vector<double>& predictor) {
  if (response.size() != predictor.size()) {
    throw invalid_argument("predictor", "has length " + std::to_string(predictor.size()) +
                                            " but the response has length " +
                                            std::to_string(response.size()));
  }
  binary_sample s;
  for (std::size_t i = 0; i < response.size(); ++i) {
    if (!std::isfinite(predictor[i])) {
      throw invalid_argument("predictor", "contains a non-finite value at position " +
                                              std::to_string(i + 1));
    }
    if (response[i] == 1) {
      s.cases.push_back(predictor[i]);
    } else if (response[i] == 0) {
      s.controls.push_back(predictor[i]);
    } else {
      throw invalid_argument("response", "must be coded 0 (control) / 1 (case)");
    }
  }
  if (s.cases.empty() || s.controls.empty()) {
    throw invalid_argument("response", "needs at least one case and one control");
  }
  return s;
}

roc_direction choose_direction(const binary_sample& sample) {
  std::vector<double> controls = sample.controls, cases = sample.cases;
  std::sort(controls.begin(), controls.end());
  std::sort(cases.begin(), cases.end());
  return sorted_median(controls) <= sorted_median(cases) ? roc_direction::controls_lower
                                                         : roc_direction::controls_higher;
}

roc_curve_result roc_curve(const binary_sample& sample, roc_direction direction) {
  if (sample.cases.empty() || sample.controls.empty()) {
    throw invalid_argument("response", "needs at least one case and one control");
  }
  std::vector<double> controls = sample.controls, cases = sample.cases;
  std::sort(controls.begin(), controls.end());
  std::sort(cases.begin(), cases.end());
  if (direction == roc_direction::automatic) {
    direction = sorted_median(controls) <= sorted_median(cases)
                    ? roc_direction::controls_lower
                    : roc_direction::controls_higher;
  }
  const bool lower = direction == roc_direction::controls_lower;
  const std::vector<value_group> groups = group_sorted(controls, cases);
  const auto m = static_cast<std::int64_t>(cases.size());
  const auto n = static_cast<std::int64_t>(controls.size());

  roc_curve_result r;
  r.direction = direction;
  r.n_cases = cases.size();
  r.n_controls = controls.size();
  r.thresholds = proc_thresholds(groups, lower);
  const std::size_t k = groups.size();
  r.sensitivities.resize(k + 1);
  r.specificities.resize(k + 1);
  // Threshold j lies above the first j distinct values. Counts are exact integers, divided
  // once, as pROC does.
  std::int64_t cases_le = 0, controls_le = 0;
  for (std::size_t j = 0; j <= k; ++j) {
    if (j > 0) {
      cases_le += groups[j - 1].cases;
      controls_le += groups[j - 1].controls;
    }
    if (lower) {  // positive when predictor >= threshold
      r.sensitivities[j] = static_cast<double>(m - cases_le) / static_cast<double>(m);
      r.specificities[j] = static_cast<double>(controls_le) / static_cast<double>(n);
    } else {  // positive when predictor <= threshold
      r.sensitivities[j] = static_cast<double>(cases_le) / static_cast<double>(m);
      r.specificities[j] = static_cast<double>(n - controls_le) / static_cast<double>(n);
    }
  }
  if (!lower) {  // pROC stores ">" curves from +Inf down to -Inf
    std::reverse(r.thresholds.begin(), r.thresholds.end());
    std::reverse(r.sensitivities.begin(), r.sensitivities.end());
    std::reverse(r.specificities.begin(), r.specificities.end());
  }
  auc_and_variance(groups, !lower, m, n, &r.auc, &r.auc_variance);
  return r;
}

std::size_t youden_index(const roc_curve_result& curve) {
  if (curve.thresholds.empty()) throw invalid_argument("roc", "the ROC curve is empty");
  std::size_t best = 0;
  double best_j = curve.sensitivities[0] + curve.specificities[0];
  for (std::size_t j = 1; j < curve.thresholds.size(); ++j) {
    const double v = curve.sensitivities[j] + curve.specificities[j];
    if (v > best_j) {
      best_j = v;
      best = j;
    }
  }
  return best;
}

auc_resampler::auc_resampler(const binary_sample& sample, roc_direction direction) {
  if (direction == roc_direction::automatic) {
    throw invalid_argument("direction", "must be resolved before resampling");
  }
  const double sign = direction == roc_direction::controls_lower ? 1.0 : -1.0;
  std::vector<double> values;
  values.reserve(sample.controls.size() + sample.cases.size());
  for (double v : sample.controls) values.push_back(sign * v);
  for (double v : sample.cases) values.push_back(sign * v);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  n_distinct_ = values.size();
  auto rank = [&](double v) {
    return static_cast<std::int32_t>(
        std::lower_bound(values.begin(), values.end(), sign * v) - values.begin());
  };
  control_rank_.reserve(sample.controls.size());
  case_rank_.reserve(sample.cases.size());
  for (double v : sample.controls) control_rank_.push_back(rank(v));
  for (double v : sample.cases) case_rank_.push_back(rank(v));
}

double auc_resampler::auc(const std::vector<std::int32_t>& control_indices,
                          const std::vector<std::int32_t>& case_indices) const {
  if (control_indices.empty() || case_indices.empty()) {
    throw invalid_argument("indices", "a resample needs at least one case and one control");
  }
  std::vector<std::int64_t> n_controls(n_distinct_, 0), n_cases(n_distinct_, 0);
  for (std::int32_t i : control_indices) {
    if (i < 0 || static_cast<std::size_t>(i) >= control_rank_.size()) {
      throw invalid_argument("indices", "control index out of range");
    }
    ++n_controls[control_rank_[i]];
  }
  for (std::int32_t i : case_indices) {
    if (i < 0 || static_cast<std::size_t>(i) >= case_rank_.size()) {
      throw invalid_argument("indices", "case index out of range");
    }
    ++n_cases[case_rank_[i]];
  }
  long double twice_num = 0.0L;
  std::int64_t below = 0;
  for (std::size_t g = 0; g < n_distinct_; ++g) {
    if (n_cases[g] > 0) {
      twice_num += static_cast<long double>(n_cases[g]) *
                   static_cast<long double>(2 * below + n_controls[g]);
    }
    below += n_controls[g];
  }
  return static_cast<double>(twice_num /
                             (2.0L * static_cast<long double>(control_indices.size()) *
                              static_cast<long double>(case_indices.size())));
}

}  // namespace radsig::metrics
