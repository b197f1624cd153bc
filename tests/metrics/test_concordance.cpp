// Hand-derived cases for Harrell's C and Hmisc's S.D. of Dxy.
#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/metrics/concordance.hpp"

namespace rm = radsig::metrics;

namespace {

TEST(HarrellC, CountsComparablePairs) {
  // Pairs: (1,2) (1,3) (1,4) concordant, (2,3) discordant, (2,4) concordant.
  // r = (3, 3, 2, 2), w = (3, 1, 0, 2): R = 10, W = 6, sum (r W - w R)^2 = 416.
  const auto r = rm::harrell_c({1, 3, 2, 4}, {1, 2, 3, 4}, {1, 1, 0, 1});
  EXPECT_DOUBLE_EQ(r.c, 0.8);
  EXPECT_DOUBLE_EQ(r.comparable, 5);
  EXPECT_DOUBLE_EQ(r.concordant, 4);
  EXPECT_DOUBLE_EQ(r.discordant, 1);
  EXPECT_NEAR(r.sd_dxy, 2.0 * std::sqrt(416.0) / 100.0, 1e-15);
  EXPECT_NEAR(r.se, std::sqrt(416.0) / 100.0, 1e-15);
}

TEST(HarrellC, TiedTimesAndPredictors) {
  // Times 1, 1, 1, 2 with status 1, 1, 0, 1. Two events at time 1 are not comparable; each
  // is comparable with the censored subject at time 1 and with subject 4.
  // x = (2, 1, 2, 3): (1,3) tied x; (2,3) concordant; (1,4), (2,4) concordant.
  const auto r = rm::harrell_c({2, 1, 2, 3}, {1, 1, 1, 2}, {1, 1, 0, 1});
  EXPECT_DOUBLE_EQ(r.comparable, 4);
  EXPECT_DOUBLE_EQ(r.tied_predictor, 1);
  EXPECT_DOUBLE_EQ(r.concordant, 3);
  EXPECT_DOUBLE_EQ(r.c, 3.5 / 4);
}

TEST(HarrellC, BinaryOutcomeEqualsAuc) {
  // time = outcome, everyone an event: C = AUC of controls {1, 2, 3} vs cases {2, 4}.
  const auto r = rm::harrell_c({1, 2, 2, 3, 4}, {0, 1, 0, 0, 1}, {1, 1, 1, 1, 1});
  EXPECT_DOUBLE_EQ(r.c, 0.75);
}

TEST(HarrellC, BadInput) {
  EXPECT_THROW(rm::harrell_c({1, 2}, {1}, {1, 1}), radsig::invalid_argument);
  EXPECT_THROW(rm::harrell_c({1, 2}, {1, 2}, {0, 0}), radsig::invalid_argument);
  EXPECT_THROW(rm::harrell_c({1, 2}, {1, 2}, {1, 2}), radsig::invalid_argument);
  EXPECT_THROW(rm::harrell_c({1, NAN}, {1, 2}, {1, 1}), radsig::invalid_argument);
}

}  // namespace
