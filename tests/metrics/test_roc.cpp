// Hand-derived cases for radsig::metrics ROC curves, AUC, DeLong inference and resampling.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "radsig/core/error.hpp"
#include "radsig/metrics/delong.hpp"
#include "radsig/metrics/roc.hpp"

namespace rm = radsig::metrics;

namespace {

// controls {1, 2, 3}, cases {2, 4}: AUC = (1.5 + 3) / 6 = 0.75.
rm::binary_sample small_sample() { return rm::split_by_class({0, 1, 0, 0, 1}, {1, 2, 2, 3, 4}); }

TEST(RocCurve, ThresholdsSensitivitiesSpecificities) {
  const rm::roc_curve_result r = rm::roc_curve(small_sample());
  EXPECT_EQ(r.direction, rm::roc_direction::controls_lower);
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> t = {-inf, 1.5, 2.5, 3.5, inf};
  EXPECT_EQ(r.thresholds, t);
  const std::vector<double> se = {1.0, 1.0, 0.5, 0.5, 0.0};
  const std::vector<double> sp = {0.0, 1.0 / 3, 2.0 / 3, 1.0, 1.0};
  EXPECT_EQ(r.sensitivities, se);
  EXPECT_EQ(r.specificities, sp);
  EXPECT_DOUBLE_EQ(r.auc, 0.75);
  // V10 = (0.5, 1), V01 = (1, 0.75, 0.5): var = 0.125 / 2 + 0.125 / 2 / 3 = 1/12.
  EXPECT_NEAR(r.auc_variance, 1.0 / 12.0, 1e-15);
}

TEST(RocCurve, AutomaticDirectionFollowsMedians) {
  // Cases lower than controls: direction ">" and the same AUC on the reversed scale.
  const auto s = rm::split_by_class({0, 1, 0, 0, 1}, {-1, -2, -2, -3, -4});
  const rm::roc_curve_result r = rm::roc_curve(s);
  EXPECT_EQ(r.direction, rm::roc_direction::controls_higher);
  EXPECT_DOUBLE_EQ(r.auc, 0.75);
  // Stored from +Inf down: everybody is <= +Inf, nobody is <= -Inf.
  EXPECT_EQ(r.thresholds.front(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.sensitivities.front(), 1.0);
  EXPECT_EQ(r.specificities.front(), 0.0);
  EXPECT_EQ(r.sensitivities.back(), 0.0);
  // Forcing the other direction gives 1 - AUC.
  EXPECT_DOUBLE_EQ(rm::roc_curve(s, rm::roc_direction::controls_lower).auc, 0.25);
}

TEST(RocCurve, MidpointsRoundingOntoDataAreMovedAsPROC) {
  const double a = 1.0, b = std::nextafter(1.0, 2.0);
  const auto s = rm::split_by_class({0, 1}, {a, b});
  EXPECT_EQ(rm::roc_curve(s, rm::roc_direction::controls_lower).thresholds[1], b);
  EXPECT_EQ(rm::roc_curve(s, rm::roc_direction::controls_higher).thresholds[1], a);
}

TEST(RocCurve, HugeValuesDoNotOverflow) {
  const auto s = rm::split_by_class({0, 1}, {1e308, 1.7e308});
  const auto r = rm::roc_curve(s);
  EXPECT_TRUE(std::isfinite(r.thresholds[1]));
  EXPECT_DOUBLE_EQ(r.thresholds[1], 1e308 / 2 + 1.7e308 / 2);
}

TEST(RocCurve, YoudenPicksTheBestThreshold) {
  const auto r = rm::roc_curve(small_sample());
  // se + sp: 1, 1.333, 1.1667, 1.5, 1 -> threshold 3.5.
  EXPECT_EQ(r.thresholds[rm::youden_index(r)], 3.5);
}

TEST(RocCurve, BadInputThrowsNamingTheArgument) {
  EXPECT_THROW(rm::split_by_class({0, 1}, {1.0}), radsig::invalid_argument);
  EXPECT_THROW(rm::split_by_class({0, 0}, {1.0, 2.0}), radsig::invalid_argument);
  EXPECT_THROW(rm::split_by_class({0, 2}, {1.0, 2.0}), radsig::invalid_argument);
  try {
    rm::split_by_class({0, 1}, {1.0, std::numeric_limits<double>::quiet_NaN()});
    FAIL();
  } catch (const radsig::invalid_argument& e) {
    EXPECT_EQ(e.argument(), "predictor");
  }
}

TEST(DeLong, PlacementsMatchTheDefinition) {
  const auto p = rm::compute_placements(small_sample(), rm::roc_direction::controls_lower);
  EXPECT_EQ(p.cases, (std::vector<double>{0.5, 1.0}));
  EXPECT_EQ(p.controls, (std::vector<double>{1.0, 0.75, 0.5}));
  EXPECT_DOUBLE_EQ(p.auc, 0.75);
  EXPECT_NEAR(rm::delong_variance(p), 1.0 / 12.0, 1e-15);
}

TEST(DeLong, IntervalIsClippedToTheUnitInterval) {
  const rm::interval ci = rm::delong_interval(0.75, 1.0 / 12.0, 0.95);
  EXPECT_EQ(ci.upper, 1.0);
  EXPECT_NEAR(ci.lower, 0.75 - 1.959963984540054 * std::sqrt(1.0 / 12.0), 1e-12);
}

TEST(DeLong, PairedTestOfIdenticalCurvesIsZero) {
  const auto p = rm::compute_placements(small_sample(), rm::roc_direction::controls_lower);
  const auto t = rm::delong_paired_test(p, p, rm::alternative::two_sided, 0.95);
  EXPECT_EQ(t.statistic, 0.0);
  EXPECT_DOUBLE_EQ(t.p_value, 1.0);
}

TEST(DeLong, UnpairedTestUsesWelchDegreesOfFreedom) {
  const auto p1 = rm::compute_placements(small_sample(), rm::roc_direction::controls_lower);
  const auto s2 = rm::split_by_class({0, 1, 0, 1, 1, 0}, {1, 5, 2, 3, 2.5, 2.6});
  const auto p2 = rm::compute_placements(s2, rm::roc_direction::controls_lower);
  const double v1 = rm::delong_variance(p1), v2 = rm::delong_variance(p2);
  const auto t = rm::delong_unpaired_test(p1, p2, rm::alternative::two_sided);
  EXPECT_NEAR(t.statistic, (p1.auc - p2.auc) / std::sqrt(v1 + v2), 1e-14);
  EXPECT_NEAR(t.df, (v1 + v2) * (v1 + v2) / (v1 * v1 / 4 + v2 * v2 / 5), 1e-12);
  EXPECT_GT(t.p_value, 0.0);
  EXPECT_LE(t.p_value, 1.0);
}

TEST(Resampler, IdentityResampleGivesTheAuc) {
  const auto s = small_sample();
  rm::auc_resampler rs(s, rm::roc_direction::controls_lower);
  EXPECT_DOUBLE_EQ(rs.auc({0, 1, 2}, {0, 1}), 0.75);
  // Only the control 3 and the case 2: 0.
  EXPECT_DOUBLE_EQ(rs.auc({2, 2}, {0}), 0.0);
  EXPECT_THROW(rs.auc({5}, {0}), radsig::invalid_argument);
}

}  // namespace
