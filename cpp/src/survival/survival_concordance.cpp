#include <algorithm>
#include <numeric>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/survival/concordance.hpp"

namespace radsig::survival {
namespace {

class fenwick {
 public:
  explicit fenwick(std::size_t n) : t_(n + 1, 0.0) {}
  void add(std::size_t i, double v) {
    for (++i; i < t_.size(); i += i & (~i + 1)) t_[i] += v;
  }
  double prefix(std::size_t i) const {  // sum of [0, i)
    double s = 0;
    for (; i > 0; i -= i & (~i + 1)) s += t_[i];
    return s;
  }

 private:
  std::vector<double> t_;
};

}  // namespace

concordance_counts risk_concordance(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                                    const Eigen::VectorXd& score, const Eigen::VectorXi& strata,
                                    const Eigen::VectorXd& weights) {
  const Eigen::Index n = time.size();
  if (score.size() != n || status.size() != n || (strata.size() && strata.size() != n) ||
      (weights.size() && weights.size() != n))
    throw invalid_argument("score", "time, status, score, strata and weights must have the same length");
  // Ranks of the score (ties share a rank).
  std::vector<double> sorted(score.data(), score.data() + n);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::size_t> rank(n);
  for (Eigen::Index i = 0; i < n; ++i)
    rank[i] = std::lower_bound(sorted.begin(), sorted.end(), score[i]) - sorted.begin();
  // Descending time within strata; at equal times censorings first (they are "at risk"
  // for the events at that time).
  std::vector<int> ord(n);
  std::iota(ord.begin(), ord.end(), 0);
  std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) {
    const int sa = strata.size() ? strata[a] : 0, sb = strata.size() ? strata[b] : 0;
    if (sa != sb) return sa < sb;
    if (time[a] != time[b]) return time[a] > time[b];
    return status[a] < status[b];
  });
  concordance_counts c;
  fenwick tree(sorted.size());
  double total = 0;
  for (Eigen::Index i = 0; i < n;) {
    const int s0 = strata.size() ? strata[ord[i]] : 0;
    Eigen::Index end = i;
    while (end < n && (strata.size() ? strata[ord[end]] : 0) == s0) ++end;
    tree = fenwick(sorted.size());
    total = 0;
    for (Eigen::Index g = i; g < end;) {
      Eigen::Index h = g;
      const double t = time[ord[g]];
      while (h < end && time[ord[h]] == t) ++h;
      // censorings at t join first
      for (Eigen::Index k = g; k < h; ++k) {
        const int p = ord[k];
        if (status[p] == 0) {
          const double w = weights.size() ? weights[p] : 1.0;
          tree.add(rank[p], w);
          total += w;
        }
      }
      double dead_w = 0;
      for (Eigen::Index k = g; k < h; ++k) {
        const int p = ord[k];
        if (status[p] != 1) continue;
        const double w = weights.size() ? weights[p] : 1.0;
        const double below = tree.prefix(rank[p]);
        const double upto = tree.prefix(rank[p] + 1);
        c.concordant += w * below;          // the event has the higher risk score
        c.tied_x += w * (upto - below);
        c.discordant += w * (total - upto);
        dead_w += w;
      }
      // tied event times: count tied_y pairs among the events at t
      double sum_w = 0, sum_w2 = 0;
      for (Eigen::Index k = g; k < h; ++k) {
        const int p = ord[k];
        if (status[p] != 1) continue;
        const double w = weights.size() ? weights[p] : 1.0;
        sum_w += w;
        sum_w2 += w * w;
        tree.add(rank[p], w);
        total += w;
      }
      c.tied_y += (sum_w * sum_w - sum_w2) / 2.0;
      (void)dead_w;
      g = h;
    }
    i = end;
  }
  return c;
}

}  // namespace radsig::survival
