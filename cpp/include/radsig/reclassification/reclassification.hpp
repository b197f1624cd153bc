// Net reclassification improvement (NRI) and integrated discrimination improvement (IDI)
// of a new risk model over an old one (Pencina et al. 2008, 2011).
//
// Conventions (those of Hmisc::improveProb for the continuous NRI and the IDI):
// * y is 0/1 (1 = event); both predictions are probabilities in [0, 1].
// * Continuous (category-free) NRI: "up" = p_new > p_old, "down" = p_new < p_old; exact
//   equality is no move.
// * Categorical NRI: risk categories are left-closed intervals [0, c1), [c1, c2), ...,
//   [ck, 1]; "up"/"down" = moving to a higher/lower category.
// * Variance of each half: (u + d) / n^2 - (u - d)^2 / n^3 (u, d = counts moving up/down).
// * IDI = mean(p_new - p_old | event) - mean(p_new - p_old | non-event); its SE uses the
//   n - 1 variances of the differences in each group.
#pragma once

#include <cstddef>
#include <vector>

namespace radsig::reclassification {

// A Wald interval, z statistic and two-sided normal p-value for an estimate with a SE.
struct wald_summary {
  double estimate = 0.0;
  double se = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  double z = 0.0;
  double p_value = 1.0;
};

wald_summary make_wald_summary(double estimate, double se, double level);

// One half of the NRI (events or non-events).
struct nri_component {
  std::size_t n = 0;       // subjects in the group
  std::size_t n_up = 0;    // moved up (higher risk / higher category)
  std::size_t n_down = 0;  // moved down
  double p_up = 0.0;
  double p_down = 0.0;
  wald_summary nri;        // events: p_up - p_down; non-events: p_down - p_up
};

struct nri_result {
  wald_summary nri;                // total NRI
  nri_component events;
  nri_component nonevents;
  bool categorical = false;
  std::size_t n_categories = 0;    // categorical only: cutoffs.size() + 1
  // Categorical only: reclassification tables, row = old category, column = new category,
  // stored row-major with n_categories^2 counts.
  std::vector<std::size_t> table_events;
  std::vector<std::size_t> table_nonevents;
};

// Read-only view of n subjects' data, so callers (e.g. the R glue) need not copy large
// vectors: y[i] in {0, 1}, probabilities p_old[i], p_new[i] in [0, 1].
struct risk_data {
  const int* y = nullptr;
  const double* p_old = nullptr;
  const double* p_new = nullptr;
  std::size_t n = 0;
};

// `cutoffs` empty: continuous NRI; otherwise strictly increasing values inside (0, 1).
nri_result net_reclassification(const risk_data& data, const std::vector<double>& cutoffs,
                                double level = 0.95);
nri_result net_reclassification(const std::vector<int>& y, const std::vector<double>& p_old,
                                const std::vector<double>& p_new,
                                const std::vector<double>& cutoffs, double level = 0.95);

struct idi_result {
  wald_summary idi;
  double improve_sens = 0.0;   // mean(p_new - p_old | event)
  double improve_spec = 0.0;   // -mean(p_new - p_old | non-event)
  std::size_t n_events = 0;
  std::size_t n_nonevents = 0;
};

idi_result integrated_discrimination(const risk_data& data, double level = 0.95);
idi_result integrated_discrimination(const std::vector<int>& y,
                                     const std::vector<double>& p_old,
                                     const std::vector<double>& p_new, double level = 0.95);

// Category index of p for left-closed cutoffs: the number of cutoffs <= p.
std::size_t risk_category(double p, const std::vector<double>& cutoffs);

}  // namespace radsig::reclassification
