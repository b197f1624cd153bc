// Decision-curve analysis (Vickers & Elkin 2006) for a binary outcome.
//
// At threshold probability pt a subject is treated when p >= pt. Then
//   NB_model(pt)     = TP/n - FP/n * pt / (1 - pt) - harm
//   NB_treat_all(pt) = prev - (1 - prev) * pt / (1 - pt)
//   NB_treat_none    = 0
// NB is undefined at pt = 1 (reported as NaN). Standardised NB = NB / prev. Net
// interventions avoided per 100 = 100 * (NB_model - NB_all) / (pt / (1 - pt)) (NaN at pt = 0
// and pt = 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace radsig::decision {

struct net_benefit_curve {
  std::vector<double> threshold;
  std::vector<std::size_t> tp;     // true positives among those with p >= pt
  std::vector<std::size_t> fp;     // false positives among those with p >= pt
  std::vector<double> net_benefit;
};

// Net benefit of one model at every threshold. `y` is 0/1, `p` in [0, 1], thresholds in
// [0, 1]. Sorts p once: O(n log n + T log n).
net_benefit_curve net_benefit(const std::vector<int>& y, const std::vector<double>& p,
                              const std::vector<double>& thresholds, double harm = 0.0);

// Net benefit of treating everyone at each threshold for prevalence `prevalence`.
std::vector<double> net_benefit_treat_all(double prevalence,
                                          const std::vector<double>& thresholds);

struct bootstrap_band {
  std::vector<double> lower;
  std::vector<double> upper;
};

// Percentile bootstrap interval of NB for each model (models = columns of predictions,
// all of length n) and for treat-all (the last band). Resamples subjects with
// replacement `n_boot` times with a std::mt19937_64 seeded by `seed`; single-threaded, so
// results depend only on the seed.
std::vector<bootstrap_band> net_benefit_bootstrap(
    const std::vector<int>& y, const std::vector<std::vector<double>>& models,
    const std::vector<double>& thresholds, const std::vector<double>& harm,
    std::size_t n_boot, double level, std::uint64_t seed);

}  // namespace radsig::decision
