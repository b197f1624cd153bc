#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/chi_squared.hpp>

#include "radsig/calibration/calibration.hpp"
#include "radsig/core/error.hpp"

namespace radsig::calibration {
namespace {

double quantile7(const std::vector<double>& sorted, double p) {
  const double h = (sorted.size() - 1) * p;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

void check_prob_y(const Eigen::VectorXd& prob, const Eigen::VectorXd& y) {
  if (prob.size() != y.size()) throw invalid_argument("y", "length differs from prob");
  if (prob.size() < 2) throw invalid_argument("prob", "at least two observations are needed");
  for (Eigen::Index i = 0; i < prob.size(); ++i) {
    if (!(prob[i] >= 0 && prob[i] <= 1)) throw invalid_argument("prob", "probabilities must be in [0, 1]");
    if (y[i] != 0 && y[i] != 1) throw invalid_argument("y", "must be 0/1");
  }
}

}  // namespace

hosmer_lemeshow_result hosmer_lemeshow(const Eigen::VectorXd& prob, const Eigen::VectorXd& y,
                                       int g) {
  check_prob_y(prob, y);
  if (g < 3) throw invalid_argument("g", "at least 3 groups are needed");
  std::vector<double> sorted(prob.data(), prob.data() + prob.size());
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> breaks;
  for (int k = 0; k <= g; ++k) {
    const double q = quantile7(sorted, static_cast<double>(k) / g);
    if (breaks.empty() || q > breaks.back()) breaks.push_back(q);
  }
  const int groups = static_cast<int>(breaks.size()) - 1;
  if (groups < 3) throw invalid_argument("prob", "too few distinct predicted probabilities for the groups");
  hosmer_lemeshow_result r;
  r.observed.assign(groups, 0);
  r.expected.assign(groups, 0);
  r.n.assign(groups, 0);
  for (Eigen::Index i = 0; i < prob.size(); ++i) {
    // interval (b_k, b_{k+1}], the first one closed on the left
    auto it = std::lower_bound(breaks.begin() + 1, breaks.end(), prob[i]);
    const int k = static_cast<int>(it - breaks.begin()) - 1;
    r.observed[k] += y[i];
    r.expected[k] += prob[i];
    r.n[k] += 1;
  }
  for (int k = 0; k < groups; ++k) {
    const double o1 = r.observed[k], e1 = r.expected[k];
    const double o0 = r.n[k] - o1, e0 = r.n[k] - e1;
    if (e1 > 0) r.statistic += (o1 - e1) * (o1 - e1) / e1;
    if (e0 > 0) r.statistic += (o0 - e0) * (o0 - e0) / e0;
  }
  r.df = groups - 2;
  r.p_value = boost::math::cdf(boost::math::complement(
      boost::math::chi_squared(static_cast<double>(r.df)), r.statistic));
  return r;
}

double gini_mean_difference(std::vector<double> x) {
  const std::size_t n = x.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  std::sort(x.begin(), x.end());
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += (static_cast<double>(i + 1) - (n + 1) / 2.0) * x[i];
  return 4.0 * s / (static_cast<double>(n) * (n - 1));
}

double somers_dxy(const Eigen::VectorXd& score, const Eigen::VectorXd& y) {
  const Eigen::Index n = score.size();
  std::vector<int> ord(n);
  std::iota(ord.begin(), ord.end(), 0);
  std::sort(ord.begin(), ord.end(), [&](int a, int b) { return score[a] < score[b]; });
  double rank_sum = 0, n1 = 0;
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j < n && score[ord[j]] == score[ord[i]]) ++j;
    const double avg = (i + 1 + j) / 2.0;  // average of ranks i+1..j
    for (Eigen::Index k = i; k < j; ++k)
      if (y[ord[k]] == 1) { rank_sum += avg; n1 += 1; }
    i = j;
  }
  const double n0 = n - n1;
  if (n1 == 0 || n0 == 0) return std::numeric_limits<double>::quiet_NaN();
  const double c = (rank_sum - n1 * (n1 + 1) / 2.0) / (n1 * n0);
  return 2.0 * (c - 0.5);
}

}  // namespace radsig::calibration
