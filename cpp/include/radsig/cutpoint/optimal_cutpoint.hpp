// Optimal cut-point of a continuous marker for a binary outcome, following cutpointr's
// maximize_metric / minimize_metric conventions:
// * rule: predicted positive when x >= cut (direction ">=") or x <= cut ("<=");
// * candidates: the unique observed x plus +Inf (">=") or -Inf ("<="), i.e. "nobody
//   positive";
// * every candidate whose metric is within `tolerance` of the optimum is optimal; ties are
//   broken by the median (which need not be observed, nor optimal), the lowest or the
//   highest of them, and the reported metric and confusion table are recomputed at the
//   chosen cut;
// * direction "auto": ">=" when the median of x among positives exceeds that among
//   negatives, else "<=" (cutpointr with pos_class given and direction NULL).
#pragma once

#include <cstddef>
#include <vector>

namespace radsig::cutpoint {

enum class cut_metric {
  youden,           // sens + spec - 1, maximised
  sens_spec_sum,    // sens + spec, maximised
  closest_topleft,  // sqrt((1 - sens)^2 + (1 - spec)^2), minimised (cutpointr::roc01)
  fixed_sens,       // spec where sens >= target (else 0), maximised (cutpointr::spec_constrain)
  fixed_spec        // sens where spec >= target (else 0), maximised (cutpointr::sens_constrain)
};

enum class cut_direction { automatic, greater_equal, less_equal };
enum class tie_break { median, lowest, highest };

struct cutpoint_options {
  cut_metric metric = cut_metric::youden;
  cut_direction direction = cut_direction::automatic;
  tie_break ties = tie_break::median;
  double target = 0.8;       // constraint for fixed_sens / fixed_spec
  double tolerance = 1e-6;   // cutpointr's tol_metric
};

struct confusion {
  std::size_t tp = 0, fp = 0, tn = 0, fn = 0;
  double sensitivity() const;
  double specificity() const;
  double accuracy() const;
};

struct cutpoint_result {
  double cutpoint = 0.0;
  bool greater_equal = true;          // resolved direction
  double metric = 0.0;                // metric at `cutpoint`
  confusion table;                    // confusion table at `cutpoint`
  std::vector<double> optimal_set;    // all optimal candidates before tie-breaking
  std::size_t n_candidates = 0;
};

// y: 0/1 with 1 = positive class; x finite. Both classes required.
cutpoint_result optimal_cutpoint(const std::vector<double>& x, const std::vector<int>& y,
                                 const cutpoint_options& options);

// Confusion table at a given cut for a direction.
confusion confusion_at(const std::vector<double>& x, const std::vector<int>& y, double cut,
                       bool greater_equal);

// Metric value for a confusion table.
double metric_value(const confusion& c, const cutpoint_options& options);

}  // namespace radsig::cutpoint
