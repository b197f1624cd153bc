#include "radsig/survival/logrank.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

#include "radsig/core/error.hpp"

namespace radsig::survival {

logrank_result logrank_test(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                            const Eigen::VectorXi& group, const Eigen::VectorXi& strata,
                            double rho) {
  const Eigen::Index n = time.size();
  if (n == 0) throw invalid_argument("time", "no observations");
  if (status.size() != n || group.size() != n || (strata.size() && strata.size() != n))
    throw invalid_argument("group", "time, status, group and strata must have the same length");
  if (!std::isfinite(rho)) throw invalid_argument("rho", "must be finite");
  const int k = group.maxCoeff() + 1;
  if (group.minCoeff() < 0) throw invalid_argument("group", "codes must be >= 0");
  int events = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(time[i])) throw invalid_argument("time", "contains missing or infinite values");
    if (status[i] != 0 && status[i] != 1) throw invalid_argument("status", "must be 0 or 1");
    events += status[i];
  }
  logrank_result r;
  r.n = Eigen::VectorXi::Zero(k);
  for (Eigen::Index i = 0; i < n; ++i) ++r.n[group[i]];
  if ((r.n.array() > 0).count() < 2) throw invalid_argument("group", "there is only one group");
  if (events == 0) throw invalid_argument("status", "no events: every observation is censored");

  // Order by stratum, time, events before censorings (survdiff's order(strat, time, -status)).
  std::vector<int> ord(n);
  std::iota(ord.begin(), ord.end(), 0);
  std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) {
    const int sa = strata.size() ? strata[a] : 0, sb = strata.size() ? strata[b] : 0;
    if (sa != sb) return sa < sb;
    if (time[a] != time[b]) return time[a] < time[b];
    return status[a] > status[b];
  });
  r.observed = Eigen::VectorXd::Zero(k);
  r.expected = Eigen::VectorXd::Zero(k);
  r.variance = Eigen::MatrixXd::Zero(k, k);
  Eigen::VectorXd risk(k);
  std::vector<double> kaplan(n, 1.0);
  for (Eigen::Index start = 0; start < n;) {
    Eigen::Index end = start;  // one past the stratum's last subject
    const int s0 = strata.size() ? strata[ord[start]] : 0;
    while (end < n && (strata.size() ? strata[ord[end]] : 0) == s0) ++end;
    if (rho != 0.0) {  // left-continuous pooled KM
      double km = 1.0;
      for (Eigen::Index i = start; i < end;) {
        const double nrisk = static_cast<double>(end - i);
        double deaths = 0;
        Eigen::Index j = i;
        for (; j < end && time[ord[j]] == time[ord[i]]; ++j) {
          kaplan[j] = km;
          deaths += status[ord[j]];
        }
        km *= (nrisk - deaths) / nrisk;
        i = j;
      }
    }
    risk.setZero();
    for (Eigen::Index i = end - 1; i >= start;) {
      const double wt = rho == 0.0 ? 1.0 : std::pow(kaplan[i], rho);
      double deaths = 0;
      Eigen::Index j = i;
      for (; j >= start && time[ord[j]] == time[ord[i]]; --j) {
        const int g = group[ord[j]];
        deaths += status[ord[j]];
        risk[g] += 1.0;
        r.observed[g] += status[ord[j]] * wt;
      }
      const double nrisk = static_cast<double>(end - (j + 1));
      i = j;
      if (deaths == 0) continue;
      for (int g = 0; g < k; ++g) r.expected[g] += wt * deaths * risk[g] / nrisk;
      if (nrisk == 1.0) continue;
      const double wt2 = wt * wt;
      for (int a = 0; a < k; ++a) {
        const double tmp = wt2 * deaths * risk[a] * (nrisk - deaths) / (nrisk * (nrisk - 1.0));
        r.variance(a, a) += tmp;
        for (int b = 0; b < k; ++b) r.variance(a, b) -= tmp * risk[b] / nrisk;
      }
    }
    start = end;
  }
  // chisq over groups with expected > 0, dropping the first of them (as survdiff).
  std::vector<int> use;
  for (int g = 0; g < k; ++g)
    if (r.expected[g] > 0) use.push_back(g);
  r.df = static_cast<int>(use.size()) - 1;
  if (use.size() >= 2) {
    const int m = static_cast<int>(use.size()) - 1;
    Eigen::VectorXd diff(m);
    Eigen::MatrixXd v(m, m);
    for (int a = 0; a < m; ++a) {
      diff[a] = r.observed[use[a + 1]] - r.expected[use[a + 1]];
      for (int b = 0; b < m; ++b) v(a, b) = r.variance(use[a + 1], use[b + 1]);
    }
    r.chisq = diff.dot(v.ldlt().solve(diff));
    r.p_value = boost::math::cdf(boost::math::complement(
        boost::math::chi_squared(static_cast<double>(r.df)), std::max(r.chisq, 0.0)));
  }
  return r;
}

}  // namespace radsig::survival
