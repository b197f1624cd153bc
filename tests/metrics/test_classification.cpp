// Hand-derived cases for classification metrics, binomial intervals and Hanley-McNeil.
#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/metrics/classification.hpp"
#include "radsig/metrics/hanley_mcneil.hpp"

namespace rm = radsig::metrics;

namespace {

TEST(BinomialInterval, ClopperPearsonClosedFormsAtTheEdges) {
  // k = 0: upper = 1 - (alpha/2)^(1/n); k = n: lower = (alpha/2)^(1/n).
  const auto z = rm::binomial_interval(0, 10, 0.95, rm::proportion_ci_method::clopper_pearson);
  EXPECT_EQ(z.lower, 0.0);
  EXPECT_NEAR(z.upper, 1.0 - std::pow(0.025, 0.1), 1e-14);
  const auto a = rm::binomial_interval(10, 10, 0.95, rm::proportion_ci_method::clopper_pearson);
  EXPECT_NEAR(a.lower, std::pow(0.025, 0.1), 1e-14);
  EXPECT_EQ(a.upper, 1.0);
}

TEST(BinomialInterval, WilsonIsSymmetricAtOneHalf) {
  const auto w = rm::binomial_interval(5, 10, 0.95, rm::proportion_ci_method::wilson);
  const double z = 1.959963984540054, n = 10;
  const double half = z * std::sqrt(0.025 + z * z / 400) / (1 + z * z / n);
  EXPECT_NEAR(w.lower, 0.5 - half, 1e-14);
  EXPECT_NEAR(w.upper, 0.5 + half, 1e-14);
  EXPECT_NEAR(w.lower, 0.2365931, 1e-7);
}

TEST(BinomialInterval, EmptyDenominatorIsNaN) {
  EXPECT_TRUE(std::isnan(rm::binomial_interval(0, 0, 0.95, rm::proportion_ci_method::wilson).estimate));
  EXPECT_THROW(rm::binomial_interval(3, 2, 0.95, rm::proportion_ci_method::wilson),
               radsig::invalid_argument);
}

TEST(Classification, ConfusionCountsAndMetrics) {
  const auto s = rm::split_by_class({0, 1, 0, 0, 1}, {1, 2, 2, 3, 4});
  const auto c = rm::confusion_at(s, 2.0, rm::roc_direction::controls_lower);
  // >= 2 positive: cases 2, 4 (TP 2), controls 2, 3 (FP 2), control 1 (TN 1).
  EXPECT_EQ(c.true_positive, 2);
  EXPECT_EQ(c.false_positive, 2);
  EXPECT_EQ(c.true_negative, 1);
  EXPECT_EQ(c.false_negative, 0);
  const auto m = rm::classification_metrics(c, 0.95, rm::proportion_ci_method::wilson);
  EXPECT_DOUBLE_EQ(m.sensitivity.estimate, 1.0);
  EXPECT_DOUBLE_EQ(m.specificity.estimate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.accuracy.estimate, 0.6);
  EXPECT_DOUBLE_EQ(m.ppv.estimate, 0.5);
  EXPECT_DOUBLE_EQ(m.npv.estimate, 1.0);
  EXPECT_DOUBLE_EQ(m.f1, 4.0 / 6.0);
  const auto d = rm::confusion_at(s, 2.0, rm::roc_direction::controls_higher);
  EXPECT_EQ(d.true_positive, 1);  // <= 2: case 2
  EXPECT_EQ(d.false_positive, 2);
}

TEST(HanleyMcNeil, TableLookupAndInterpolation) {
  EXPECT_NEAR(rm::hanley_mcneil_r(0.50, 0.800).r, 0.45, 1e-12);
  EXPECT_NEAR(rm::hanley_mcneil_r(0.02, 0.700).r, 0.02, 1e-12);
  EXPECT_NEAR(rm::hanley_mcneil_r(0.90, 0.975).r, 0.82, 1e-12);
  // Halfway between rows 0.50 (.45) and 0.52 (.47) at area 0.800.
  EXPECT_NEAR(rm::hanley_mcneil_r(0.51, 0.800).r, 0.46, 1e-12);
  EXPECT_FALSE(rm::hanley_mcneil_r(0.51, 0.800).outside_table);
  EXPECT_TRUE(rm::hanley_mcneil_r(0.51, 0.600).outside_table);
  EXPECT_TRUE(rm::hanley_mcneil_r(-0.2, 0.800).outside_table);
  EXPECT_EQ(rm::hanley_mcneil_r(-0.2, 0.800).r, 0.0);
}

TEST(HanleyMcNeil, StandardErrorOf1982) {
  // A = 0.5, m = n = 1: Q1 = 1/3, Q2 = 1/3, var = 0.25.
  EXPECT_NEAR(rm::hanley_mcneil_se(0.5, 1, 1), 0.5, 1e-15);
}

}  // namespace
