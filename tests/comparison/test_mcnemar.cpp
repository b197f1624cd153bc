#include <gtest/gtest.h>

#include <cmath>

#include "radsig/comparison/mcnemar.hpp"
#include "radsig/core/error.hpp"

namespace cm = radsig::comparison;

TEST(Mcnemar, CountsAndExactP) {
  const std::vector<int> truth = {1, 1, 1, 0, 0, 0, 1, 0};
  const std::vector<int> p1 = {1, 1, 1, 0, 0, 0, 0, 1};
  const std::vector<int> p2 = {0, 0, 1, 0, 1, 0, 0, 1};
  const auto r = cm::mcnemar(truth, p1, p2);
  EXPECT_EQ(r.only_first, 3u);
  EXPECT_EQ(r.only_second, 0u);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value, 0.25, 1e-15);  // 2 * 0.5^3
}

TEST(Mcnemar, ChiSquareWithCorrection) {
  const std::vector<int> truth(10, 1);
  const std::vector<int> p1 = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  const std::vector<int> p2 = {0, 0, 0, 0, 0, 1, 1, 0, 0, 0};
  const auto r = cm::mcnemar(truth, p1, p2, 0);
  EXPECT_NEAR(r.statistic, (4.0 - 1.0) * (4.0 - 1.0) / 6.0, 1e-15);
  EXPECT_THROW(cm::mcnemar({1}, {1, 0}, {1}), radsig::invalid_argument);
  EXPECT_DOUBLE_EQ(cm::binomial_two_sided_half(2, 4), 1.0);
}
