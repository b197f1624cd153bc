// Hand-derived cases for the calibration core.
#include <gtest/gtest.h>

#include <cmath>

#include "radsig/calibration/bootstrap.hpp"
#include "radsig/calibration/calibration.hpp"
#include "radsig/core/error.hpp"

namespace {

using namespace radsig::calibration;

TEST(Lowess, ReproducesAStraightLine) {
  std::vector<double> x, y;
  for (int i = 0; i < 30; ++i) {
    x.push_back(i);
    y.push_back(2.0 + 0.5 * i);
  }
  const auto fit = lowess(x, y, 2.0 / 3.0, 3);
  for (int i = 0; i < 30; ++i) EXPECT_NEAR(fit[i], y[i], 1e-10);
}

TEST(Lowess, TiedWindowTakesEveryTiedPoint) {
  // ns = 2 nearest points, all tied with x[0]: h = 0, so every point tied with x[0] (also
  // beyond the window) gets weight 1 (as R's clowess: stats::lowess gives 3 3 3 3 5 7 6 9).
  const std::vector<double> x{1, 1, 1, 1, 2, 3, 4, 5}, y{1, 2, 3, 6, 5, 7, 6, 9};
  const auto fit = lowess(x, y, 0.3, 0);
  const double expected[] = {3, 3, 3, 3, 5, 7, 6, 9};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(fit[i], expected[i], 1e-12) << i;
}

TEST(Lowess, RawArrayVersionMatches) {
  std::vector<double> x, y;
  for (int i = 0; i < 200; ++i) {
    x.push_back(std::floor(i / 3.0) + 0.01 * (i % 3));
    y.push_back(std::sin(0.1 * i) + (i % 7 == 0 ? 1.0 : 0.0));
  }
  const auto fit = lowess(x, y, 2.0 / 3.0, 0);
  std::vector<double> raw(x.size());
  lowess_sorted(x.data(), y.data(), x.size(), 2.0 / 3.0, 0, -1.0, raw.data());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(fit[i], raw[i]);
  // A straight line through every local window is reproduced whatever the window length
  // (exercises the vectorised loop and its scalar tail).
  for (std::size_t i = 0; i < x.size(); ++i) y[i] = 1.5 - 0.25 * x[i];
  for (double f : {0.05, 0.2, 0.5, 1.0}) {
    const auto line = lowess(x, y, f, 0);
    for (std::size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(line[i], y[i], 1e-10);
  }
}

TEST(Interpolate, LinearWithTiesAndOutside) {
  const std::vector<double> x{0, 1, 1, 3}, y{0, 2, 5, 6};
  const auto v = interpolate(x, y, {0.5, 1, 2, 4});
  EXPECT_DOUBLE_EQ(v[0], 1.0);
  EXPECT_DOUBLE_EQ(v[1], 2.0);  // ties: first y
  EXPECT_DOUBLE_EQ(v[2], 4.0);  // between (1,2) and (3,6)
  EXPECT_TRUE(std::isnan(v[3]));
}

TEST(GiniMeanDifference, ByHand) {
  // pairs of {1, 2, 4}: |1-2| + |1-4| + |2-4| = 6 over 3 pairs
  EXPECT_DOUBLE_EQ(gini_mean_difference({4, 1, 2}), 2.0);
}

TEST(SomersDxy, PerfectAndTied) {
  Eigen::VectorXd s(4), y(4);
  s << 1, 2, 3, 4;
  y << 0, 0, 1, 1;
  EXPECT_DOUBLE_EQ(somers_dxy(s, y), 1.0);
  s << 1, 1, 1, 1;
  EXPECT_DOUBLE_EQ(somers_dxy(s, y), 0.0);
}

TEST(HosmerLemeshow, ByHandWithThreeGroups) {
  Eigen::VectorXd p(6), y(6);
  p << 0.1, 0.2, 0.4, 0.5, 0.7, 0.8;
  y << 0, 0, 1, 0, 1, 1;
  const auto r = hosmer_lemeshow(p, y, 3);
  // groups {0.1,0.2}, {0.4,0.5}, {0.7,0.8}
  double chi = 0;
  const double o[3] = {0, 1, 2}, e[3] = {0.3, 0.9, 1.5};
  for (int k = 0; k < 3; ++k)
    chi += (o[k] - e[k]) * (o[k] - e[k]) / e[k] + (o[k] - e[k]) * (o[k] - e[k]) / (2 - e[k]);
  EXPECT_NEAR(r.statistic, chi, 1e-12);
  EXPECT_EQ(r.df, 1);
  EXPECT_THROW(hosmer_lemeshow(p, y, 2), radsig::invalid_argument);
}

TEST(Bootstrap, ThreadCountDoesNotChangeResults) {
  const int n = 120;
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = 1;
    x(i, 1) = std::sin(i * 0.7) * 2;
    y[i] = (std::cos(i * 1.3) + 0.8 * x(i, 1)) > 0 ? 1 : 0;
  }
  std::vector<std::vector<int>> rs;
  for (int b = 0; b < 9; ++b) {
    std::vector<int> s;
    for (int i = 0; i < n; ++i) s.push_back((i * 7 + b * 13 + (i * b) % 11) % n);
    rs.push_back(s);
  }
  bootstrap_options one, three;
  three.threads = 3;
  const auto a = validate_logistic(x, y, rs, one);
  const auto b = validate_logistic(x, y, rs, three);
  for (Eigen::Index i = 0; i < a.table.rows(); ++i)
    for (Eigen::Index j = 0; j < a.table.cols(); ++j) EXPECT_EQ(a.table(i, j), b.table(i, j));
  // apparent slope is 1 and intercept 0 by construction
  EXPECT_DOUBLE_EQ(a.table(3, 0), 1.0);
  EXPECT_DOUBLE_EQ(a.table(2, 0), 0.0);
  std::vector<std::vector<int>> bad{{0, n}};
  EXPECT_THROW(validate_logistic(x, y, bad), radsig::invalid_argument);
}

}  // namespace
