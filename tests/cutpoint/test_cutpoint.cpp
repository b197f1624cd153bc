#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "radsig/core/error.hpp"
#include "radsig/cutpoint/maxstat.hpp"
#include "radsig/cutpoint/optimal_cutpoint.hpp"

namespace cp = radsig::cutpoint;

TEST(OptimalCutpoint, YoudenHandComputed) {
  // negatives 1,2,3 ; positives 4,5,6 -> perfect split at x >= 4
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  const std::vector<int> y = {0, 0, 0, 1, 1, 1};
  const auto r = cp::optimal_cutpoint(x, y, {});
  EXPECT_TRUE(r.greater_equal);
  EXPECT_DOUBLE_EQ(r.cutpoint, 4.0);
  EXPECT_DOUBLE_EQ(r.metric, 1.0);
  EXPECT_EQ(r.table.tp, 3u);
  EXPECT_EQ(r.table.tn, 3u);
}

TEST(OptimalCutpoint, MedianTieBreakNeedNotBeOptimal) {
  // x >= 4 and x >= 6 are both optimal (Youden 0.75); the median cut 5 is not (0.5).
  const std::vector<double> x = {1, 4, 5, 6, 2, 3, 7, 8};
  const std::vector<int> y = {0, 1, 0, 1, 0, 0, 1, 1};
  cp::cutpoint_options o;
  o.direction = cp::cut_direction::greater_equal;
  const auto r = cp::optimal_cutpoint(x, y, o);
  ASSERT_EQ(r.optimal_set.size(), 2u);
  EXPECT_DOUBLE_EQ(r.cutpoint, 5.0);
  EXPECT_NEAR(r.metric, 0.5, 1e-12);
  o.ties = cp::tie_break::lowest;
  EXPECT_DOUBLE_EQ(cp::optimal_cutpoint(x, y, o).cutpoint, 4.0);
  o.ties = cp::tie_break::highest;
  EXPECT_DOUBLE_EQ(cp::optimal_cutpoint(x, y, o).cutpoint, 6.0);
}

TEST(OptimalCutpoint, BadInputThrows) {
  EXPECT_THROW(cp::optimal_cutpoint({1, 2}, {1, 1}, {}), radsig::invalid_argument);
  EXPECT_THROW(cp::optimal_cutpoint({1, 2}, {1}, {}), radsig::invalid_argument);
  EXPECT_THROW(cp::optimal_cutpoint({1, std::nan("")}, {1, 0}, {}), radsig::invalid_argument);
}

TEST(Maxstat, LogrankScoresTiesUseMaximumRank) {
  // times 1, 2, 2, 3 all events: ranks 1, 3, 3, 4.
  const auto a = cp::logrank_scores({1, 2, 2, 3}, {1, 1, 1, 1});
  EXPECT_NEAR(a[0], 1 - 1.0 / 4, 1e-15);
  EXPECT_NEAR(a[1], 1 - (1.0 / 4 + 2.0 / 2), 1e-15);
  EXPECT_NEAR(a[3], 1 - (1.0 / 4 + 2.0 / 2 + 1.0), 1e-15);
}

TEST(Maxstat, Lausen92And94) {
  EXPECT_DOUBLE_EQ(cp::p_lausen92(0.5, 0.1, 0.9), 1.0);
  // One candidate: Lau94 reduces to the two-sided normal p.
  EXPECT_NEAR(cp::p_lausen94(1.96, 100, {50}), 0.04999579, 1e-7);
}

TEST(Maxstat, ExactGaussSingleCutIsNormal) {
  EXPECT_NEAR(cp::p_exact_gauss(1.96, 100, {50}), 0.04999579, 1e-7);
  // Two cuts with correlation rho: bounded by the single-cut p and the Bonferroni bound.
  const double p2 = cp::p_exact_gauss(2.0, 100, {40, 60});
  EXPECT_GT(p2, 2 * 0.02275013);
  EXPECT_LT(p2, 4 * 0.02275013);
}

TEST(Maxstat, MinPvalueMatchesDirectLogrank) {
  // Two groups by x: lower {1,2,3} with times 1,2,3 (events), upper {4,5,6} times 4,5,6.
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  const std::vector<double> t = {1, 2, 3, 4, 5, 6};
  const std::vector<int> s = {1, 1, 1, 1, 1, 1};
  const auto r = cp::min_pvalue_logrank(x, t, s, 0.5, 0.6);
  ASSERT_EQ(r.scan.m.size(), 1u);  // only m = 3 is admissible
  // Hand log-rank: at risk 6..1, lower group has the first three deaths.
  // E1 = 3/6 + 2/5 + 1/4, O1 = 3, V = sum n1 n0 / n^2 (d = 1):
  const double e1 = 3.0 / 6 + 2.0 / 5 + 1.0 / 4;
  const double v = 9.0 / 36 + 6.0 / 25 + 3.0 / 16;
  EXPECT_NEAR(r.chisq, (3 - e1) * (3 - e1) / v, 1e-12);
}

#include "radsig/cutpoint/radix_order.hpp"

TEST(RadixOrder, StableAndMatchesStableSort) {
  std::vector<double> v;
  for (int i = 0; i < 5000; ++i) v.push_back(static_cast<double>((i * 7919) % 613) / 7.0 - 40.0);
  v.push_back(-0.0);
  v.push_back(0.0);
  v.push_back(-1e300);
  v.push_back(1e-300);
  const auto ord = cp::radix_order(v);
  std::vector<std::size_t> ref(v.size());
  for (std::size_t i = 0; i < ref.size(); ++i) ref[i] = i;
  std::stable_sort(ref.begin(), ref.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  EXPECT_EQ(ord, ref);
}
