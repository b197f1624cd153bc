#include "radsig/survival/cox_baseline.hpp"

#include "radsig/core/error.hpp"
#include "radsig/survival/cox.hpp"

namespace radsig::survival {

baseline_hazard cox_baseline_hazard(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                                    const Eigen::VectorXi& strata, const Eigen::VectorXd& weights,
                                    const Eigen::VectorXd& risk, bool efron) {
  const Eigen::Index n = time.size();
  if (status.size() != n || risk.size() != n || (weights.size() && weights.size() != n) ||
      (strata.size() && strata.size() != n))
    throw invalid_argument("risk", "time, status, weights, strata and risk must have the same length");
  const std::vector<int> ord = order_by_strata_time(time, strata);
  auto stratum = [&](int i) { return strata.size() ? strata[i] : 0; };
  auto wt = [&](int i) { return weights.size() ? weights[i] : 1.0; };
  baseline_hazard out;
  for (Eigen::Index start = 0; start < n;) {
    Eigen::Index end = start;
    const int s0 = stratum(ord[start]);
    while (end < n && stratum(ord[end]) == s0) ++end;
    double at_risk = 0;
    for (Eigen::Index i = start; i < end; ++i) at_risk += wt(ord[i]) * risk[ord[i]];
    double cum = 0;
    for (Eigen::Index i = start; i < end;) {
      const double t = time[ord[i]];
      Eigen::Index j = i;
      double d = 0, dw = 0, drisk = 0, leaving = 0;
      for (; j < end && time[ord[j]] == t; ++j) {
        const int p = ord[j];
        leaving += wt(p) * risk[p];
        if (status[p] == 1) {
          d += 1;
          dw += wt(p);
          drisk += wt(p) * risk[p];
        }
      }
      if (d > 0) {
        if (!efron || d == 1) {
          cum += dw / at_risk;
        } else {
          for (int k = 0; k < static_cast<int>(d); ++k)
            cum += (dw / d) / (at_risk - (k / d) * drisk);
        }
        out.stratum.push_back(s0);
        out.time.push_back(t);
        out.cumhaz.push_back(cum);
      }
      at_risk -= leaving;
      i = j;
    }
    start = end;
  }
  return out;
}

}  // namespace radsig::survival
