// Hand-derived nomogram scaling.
#include <gtest/gtest.h>

#include "radsig/core/error.hpp"
#include "radsig/nomogram/nomogram.hpp"

namespace {

using namespace radsig::nomogram;

TEST(Nomogram, WidestPredictorSpansMaxscale) {
  // predictor A contributes -1..1 (range 2), B 0..0.5 (range 0.5)
  const auto s = scale_points({{-1, 0, 1}, {0, 0.25, 0.5}}, 100);
  EXPECT_DOUBLE_EQ(s.points_per_unit, 50.0);
  EXPECT_DOUBLE_EQ(s.points[0][2], 100.0);
  EXPECT_DOUBLE_EQ(s.points[0][0], 0.0);
  EXPECT_DOUBLE_EQ(s.points[1][2], 25.0);
  // total 125 points -> lp = intercept + (-1 + 0) + 125 / 50
  EXPECT_DOUBLE_EQ(total_points_to_lp(s, 0.3, 125), 0.3 - 1 + 2.5);
}

TEST(Nomogram, BadInputThrows) {
  EXPECT_THROW(scale_points({}, 100), radsig::invalid_argument);
  EXPECT_THROW(scale_points({{1, 1}}, 100), radsig::invalid_argument);
  EXPECT_THROW(scale_points({{0, 1}}, -1), radsig::invalid_argument);
}

}  // namespace
