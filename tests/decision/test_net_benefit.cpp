#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/decision/net_benefit.hpp"

namespace dc = radsig::decision;

TEST(NetBenefit, HandComputed) {
  const std::vector<int> y = {1, 1, 0, 0, 1};
  const std::vector<double> p = {0.9, 0.4, 0.4, 0.1, 0.2};
  const auto c = dc::net_benefit(y, p, {0.0, 0.2, 0.4, 0.5, 1.0});
  // pt = 0: all treated, NB = prevalence
  EXPECT_DOUBLE_EQ(c.net_benefit[0], 3.0 / 5.0);
  // pt = 0.2: treated p >= 0.2: {0.9,0.4,0.4,0.2} -> TP 3, FP 1
  EXPECT_EQ(c.tp[1], 3u);
  EXPECT_EQ(c.fp[1], 1u);
  EXPECT_NEAR(c.net_benefit[1], 3.0 / 5 - 1.0 / 5 * 0.25, 1e-15);
  // pt = 0.4: ties at 0.4 are treated -> TP 2, FP 1
  EXPECT_NEAR(c.net_benefit[2], 2.0 / 5 - 1.0 / 5 * (0.4 / 0.6), 1e-15);
  EXPECT_NEAR(c.net_benefit[3], 1.0 / 5, 1e-15);
  EXPECT_TRUE(std::isnan(c.net_benefit[4]));
  const auto all = dc::net_benefit_treat_all(0.6, {0.0, 0.2});
  EXPECT_DOUBLE_EQ(all[0], 0.6);
  EXPECT_NEAR(all[1], 0.6 - 0.4 * 0.25, 1e-15);
}

TEST(NetBenefit, BootstrapIsSeedDeterministic) {
  const std::vector<int> y = {1, 1, 0, 0, 1, 0, 0, 1};
  const std::vector<double> p = {0.9, 0.4, 0.4, 0.1, 0.2, 0.3, 0.5, 0.7};
  const auto a = dc::net_benefit_bootstrap(y, {p}, {0.1, 0.3}, {0.0}, 50, 0.95, 7);
  const auto b = dc::net_benefit_bootstrap(y, {p}, {0.1, 0.3}, {0.0}, 50, 0.95, 7);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].lower, b[0].lower);
  EXPECT_LE(a[0].lower[0], a[0].upper[0]);
}

TEST(NetBenefit, BadInputThrows) {
  EXPECT_THROW(dc::net_benefit({1, 0}, {0.5}, {0.1}), radsig::invalid_argument);
  EXPECT_THROW(dc::net_benefit({1, 0}, {0.5, 1.5}, {0.1}), radsig::invalid_argument);
  EXPECT_THROW(dc::net_benefit({1, 0}, {0.5, 0.5}, {-0.1}), radsig::invalid_argument);
}
