// Hand-derived cases for the IRLS logistic fit.
#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/regression/logistic.hpp"

namespace {

using radsig::regression::fit_logistic;

TEST(Logistic, SingleBinaryPredictorGivesLogOddsRatio) {
  // 2x2 table: x=0: 3 events of 10, x=1: 7 events of 10. MLE: intercept = logit(0.3),
  // slope = log odds ratio = log((7/3)/(3/7)), SE(slope) = sqrt(1/3+1/7+1/7+1/3).
  Eigen::MatrixXd x(20, 2);
  Eigen::VectorXd y(20);
  for (int i = 0; i < 20; ++i) {
    x(i, 0) = 1.0;
    x(i, 1) = i < 10 ? 0.0 : 1.0;
    y[i] = (i < 10) ? (i < 3 ? 1.0 : 0.0) : (i < 17 ? 1.0 : 0.0);
  }
  const auto fit = fit_logistic(x, y, Eigen::VectorXd(), Eigen::VectorXd());
  EXPECT_TRUE(fit.converged);
  EXPECT_FALSE(fit.separation);
  EXPECT_NEAR(fit.coefficients[0], std::log(0.3 / 0.7), 1e-8);
  EXPECT_NEAR(fit.coefficients[1], std::log((7.0 / 3.0) / (3.0 / 7.0)), 1e-8);
  EXPECT_NEAR(std::sqrt(fit.covariance(1, 1)), std::sqrt(2.0 / 3.0 + 2.0 / 7.0), 1e-6);
  EXPECT_NEAR(fit.fitted[0], 0.3, 1e-8);
}

TEST(Logistic, WeightsEqualReplication) {
  Eigen::MatrixXd x(4, 2);
  x << 1, 0, 1, 0, 1, 1, 1, 1;
  Eigen::VectorXd y(4), w(4);
  y << 1, 0, 1, 0;
  w << 3, 7, 7, 3;  // same 2x2 table as above
  const auto fit = fit_logistic(x, y, w, Eigen::VectorXd());
  EXPECT_NEAR(fit.coefficients[1], std::log((7.0 / 3.0) / (3.0 / 7.0)), 1e-8);
}

TEST(Logistic, OffsetShiftsIntercept) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(10, 1);
  Eigen::VectorXd y(10), off = Eigen::VectorXd::Constant(10, 0.5);
  y << 1, 1, 1, 1, 0, 0, 0, 0, 0, 0;
  const auto fit = fit_logistic(x, y, Eigen::VectorXd(), off);
  EXPECT_NEAR(fit.coefficients[0] + 0.5, std::log(0.4 / 0.6), 1e-8);
}

TEST(Logistic, CompleteSeparationIsReported) {
  Eigen::MatrixXd x(8, 2);
  Eigen::VectorXd y(8);
  for (int i = 0; i < 8; ++i) {
    x(i, 0) = 1;
    x(i, 1) = i;
    y[i] = i >= 4;
  }
  const auto fit = fit_logistic(x, y, Eigen::VectorXd(), Eigen::VectorXd());
  EXPECT_TRUE(fit.separation);
  ASSERT_FALSE(fit.separating_columns.empty());
  EXPECT_NE(std::find(fit.separating_columns.begin(), fit.separating_columns.end(), 1),
            fit.separating_columns.end());
}

TEST(Logistic, BadInputThrows) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(3, 1);
  Eigen::VectorXd y(3);
  y << 0, 2, 1;
  EXPECT_THROW(fit_logistic(x, y, Eigen::VectorXd(), Eigen::VectorXd()), radsig::invalid_argument);
  y << 0, 1, 1;
  Eigen::VectorXd w(2);
  EXPECT_THROW(fit_logistic(x, y, w, Eigen::VectorXd()), radsig::invalid_argument);
  Eigen::MatrixXd xc(3, 2);
  xc << 1, 2, 1, 2, 1, 2;
  EXPECT_THROW(fit_logistic(xc, y, Eigen::VectorXd(), Eigen::VectorXd()), radsig::invalid_argument);
}

}  // namespace
