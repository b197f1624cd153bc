#include "radsig/metrics/hanley_mcneil.hpp"

#include <algorithm>
#include <cmath>

#include "radsig/core/error.hpp"

namespace radsig::metrics {

namespace {

// Hanley & McNeil (1983), Table 1: r for average correlations 0.02, 0.04, ..., 0.90 (rows)
// and average areas 0.700, 0.725, ..., 0.975 (columns).
constexpr int kRows = 45;
constexpr int kCols = 12;
constexpr double kTable[kRows][kCols] = {
    {.02, .02, .02, .02, .02, .02, .02, .01, .01, .01, .01, .01},
    {.04, .04, .03, .03, .03, .03, .03, .03, .03, .02, .02, .02},
    {.05, .05, .05, .05, .05, .05, .05, .04, .04, .04, .03, .02},
    {.07, .07, .07, .07, .07, .06, .06, .06, .06, .05, .04, .03},
    {.09, .09, .09, .09, .08, .08, .08, .07, .07, .06, .06, .04},
    {.11, .11, .11, .10, .10, .10, .09, .09, .08, .08, .07, .05},
    {.13, .12, .12, .12, .12, .11, .11, .11, .10, .09, .08, .06},
    {.14, .14, .14, .14, .13, .13, .13, .12, .11, .11, .09, .07},
    {.16, .16, .16, .16, .15, .15, .14, .14, .13, .12, .11, .09},
    {.18, .18, .18, .17, .17, .17, .16, .15, .15, .14, .12, .10},
    {.20, .20, .19, .19, .19, .18, .18, .17, .16, .15, .14, .11},
    {.22, .22, .21, .21, .21, .20, .19, .19, .18, .17, .15, .12},
    {.24, .23, .23, .23, .22, .22, .21, .20, .19, .18, .16, .13},
    {.26, .25, .25, .25, .24, .24, .23, .22, .21, .20, .18, .15},
    {.27, .27, .27, .26, .26, .25, .25, .24, .23, .21, .19, .16},
    {.29, .29, .29, .28, .28, .27, .26, .26, .24, .23, .21, .18},
    {.31, .31, .31, .30, .30, .29, .28, .27, .26, .25, .23, .19},
    {.33, .33, .32, .32, .31, .31, .30, .29, .28, .26, .24, .21},
    {.35, .35, .34, .34, .33, .33, .32, .31, .30, .28, .26, .22},
    {.37, .37, .36, .36, .35, .35, .34, .33, .32, .30, .28, .24},
    {.39, .39, .38, .38, .37, .36, .36, .35, .33, .32, .29, .25},
    {.41, .40, .40, .40, .39, .38, .38, .37, .35, .34, .31, .27},
    {.43, .42, .42, .42, .41, .40, .39, .38, .37, .35, .33, .29},
    {.45, .44, .44, .43, .43, .42, .41, .40, .39, .37, .35, .30},
    {.47, .46, .46, .45, .45, .44, .43, .42, .41, .39, .37, .32},
    {.49, .48, .48, .47, .47, .46, .45, .44, .43, .41, .39, .34},
    {.51, .50, .50, .49, .49, .48, .47, .46, .45, .43, .41, .36},
    {.53, .52, .52, .51, .51, .50, .49, .48, .47, .45, .43, .38},
    {.55, .54, .54, .53, .53, .52, .51, .50, .49, .47, .45, .40},
    {.57, .56, .56, .55, .55, .54, .53, .52, .51, .49, .47, .42},
    {.59, .58, .58, .57, .57, .56, .55, .54, .53, .51, .49, .45},
    {.61, .60, .60, .59, .59, .58, .58, .57, .55, .54, .51, .47},
    {.63, .62, .62, .62, .61, .60, .60, .59, .57, .56, .53, .49},
    {.65, .64, .64, .64, .63, .62, .62, .61, .60, .58, .56, .51},
    {.67, .66, .66, .66, .65, .65, .64, .63, .62, .60, .58, .54},
    {.69, .69, .68, .68, .67, .67, .66, .65, .64, .63, .60, .56},
    {.71, .71, .70, .70, .69, .69, .68, .67, .66, .65, .63, .59},
    {.73, .73, .72, .72, .72, .71, .71, .70, .69, .67, .65, .61},
    {.75, .75, .75, .74, .74, .73, .73, .72, .71, .70, .68, .64},
    {.77, .77, .77, .76, .76, .76, .75, .74, .73, .72, .70, .67},
    {.79, .79, .79, .79, .78, .78, .77, .77, .76, .75, .73, .70},
    {.82, .81, .81, .81, .81, .80, .80, .79, .78, .77, .76, .73},
    {.84, .84, .83, .83, .83, .82, .82, .81, .81, .80, .78, .75},
    {.86, .86, .86, .85, .85, .85, .84, .84, .83, .82, .81, .79},
    {.88, .88, .88, .88, .87, .87, .87, .86, .86, .85, .84, .82},
};

double pearson(const std::vector<double>& a, const std::vector<double>& b, double sign_a,
               double sign_b) {
  const std::size_t n = a.size();
  if (n < 2) return 0.0;
  long double ma = 0.0L, mb = 0.0L;
  for (std::size_t i = 0; i < n; ++i) {
    ma += sign_a * a[i];
    mb += sign_b * b[i];
  }
  ma /= n;
  mb /= n;
  long double sab = 0.0L, saa = 0.0L, sbb = 0.0L;
  for (std::size_t i = 0; i < n; ++i) {
    const long double da = sign_a * a[i] - ma, db = sign_b * b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa == 0.0L || sbb == 0.0L) return 0.0;
  return static_cast<double>(sab / std::sqrt(saa * sbb));
}

double direction_sign(roc_direction d) {
  if (d == roc_direction::automatic) {
    throw invalid_argument("direction", "must be resolved before the Hanley-McNeil test");
  }
  return d == roc_direction::controls_lower ? 1.0 : -1.0;
}

}  // namespace

double hanley_mcneil_se(double auc, std::size_t n_cases, std::size_t n_controls) {
  if (n_cases == 0 || n_controls == 0) {
    throw invalid_argument("response", "needs at least one case and one control");
  }
  const double a = auc, m = static_cast<double>(n_cases), n = static_cast<double>(n_controls);
  const double q1 = a / (2.0 - a), q2 = 2.0 * a * a / (1.0 + a);
  const double v = (a * (1.0 - a) + (m - 1.0) * (q1 - a * a) + (n - 1.0) * (q2 - a * a)) / (m * n);
  return std::sqrt(std::max(0.0, v));
}

table_lookup hanley_mcneil_r(double average_correlation, double average_auc) {
  table_lookup out;
  if (std::isnan(average_correlation) || std::isnan(average_auc)) {
    throw invalid_argument("roc", "correlation or AUC is NaN");
  }
  double col = (average_auc - 0.700) / 0.025;
  if (col < 0.0 || col > kCols - 1) {
    out.outside_table = true;
    col = std::clamp(col, 0.0, static_cast<double>(kCols - 1));
  }
  double row = (average_correlation - 0.02) / 0.02;  // row index; -1 stands for corr = 0
  if (average_correlation < 0.02) out.outside_table = true;
  if (row > kRows - 1) {
    out.outside_table = true;
    row = kRows - 1;
  }
  if (row < -1.0) row = -1.0;
  const int c0 = std::min(static_cast<int>(std::floor(col)), kCols - 2);
  const double fc = col - c0;
  auto at_row = [&](int r) {  // value at row r, interpolated over columns (r = -1: 0)
    if (r < 0) return 0.0;
    return (1.0 - fc) * kTable[r][c0] + fc * kTable[r][c0 + 1];
  };
  const int r0 = std::min(static_cast<int>(std::floor(row)), kRows - 2);
  const double fr = row - r0;
  out.r = (1.0 - fr) * at_row(r0) + fr * at_row(r0 + 1);
  return out;
}

hanley_mcneil_result hanley_mcneil_test(const binary_sample& sample1, roc_direction direction1,
                                        const binary_sample& sample2, roc_direction direction2,
                                        alternative alt) {
  if (sample1.cases.size() != sample2.cases.size() ||
      sample1.controls.size() != sample2.controls.size()) {
    throw invalid_argument("roc2", "the Hanley-McNeil test needs both curves on the same subjects");
  }
  const double s1 = direction_sign(direction1), s2 = direction_sign(direction2);
  hanley_mcneil_result r;
  r.auc1 = compute_placements(sample1, direction1).auc;
  r.auc2 = compute_placements(sample2, direction2).auc;
  r.se1 = hanley_mcneil_se(r.auc1, sample1.cases.size(), sample1.controls.size());
  r.se2 = hanley_mcneil_se(r.auc2, sample2.cases.size(), sample2.controls.size());
  r.correlation_cases = pearson(sample1.cases, sample2.cases, s1, s2);
  r.correlation_controls = pearson(sample1.controls, sample2.controls, s1, s2);
  const table_lookup lk = hanley_mcneil_r((r.correlation_cases + r.correlation_controls) / 2.0,
                                          (r.auc1 + r.auc2) / 2.0);
  r.r = lk.r;
  r.outside_table = lk.outside_table;
  const double var = r.se1 * r.se1 + r.se2 * r.se2 - 2.0 * r.r * r.se1 * r.se2;
  const double d = r.auc1 - r.auc2;
  r.statistic = (d == 0.0) ? 0.0 : d / std::sqrt(std::max(0.0, var));
  r.p_value = normal_p_value(r.statistic, alt);
  return r;
}

}  // namespace radsig::metrics
