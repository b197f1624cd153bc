// Hand-derived cases for the SMO solver, the Platt sigmoid and pairwise coupling.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "radsig/core/error.hpp"
#include "radsig/svm/platt.hpp"
#include "radsig/svm/solver.hpp"
#include "radsig/svm/svm.hpp"

namespace sv = radsig::svm;

namespace {

sv::svm_options linear_options(double cost) {
  sv::svm_options o;
  o.kernel.type = sv::kernel_type::linear;
  o.cost = cost;
  o.scale = false;
  o.tolerance = 1e-10;
  return o;
}

Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
  Eigen::MatrixXd m(Eigen::Index(r.size()), Eigen::Index(r.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : r) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}

}  // namespace

// Two points +-e1: hard margin w = e1, b = 0, alpha = 1/2 each.
TEST(SvmSolver, TwoPointHardMargin) {
  const auto x = rows({{1, 0}, {-1, 0}});
  const auto m = sv::fit_svm(x, {1, 2}, linear_options(100));
  ASSERT_EQ(m.sv_index.size(), 2u);
  EXPECT_NEAR(m.coef(0, 0), 0.5, 1e-9);
  EXPECT_NEAR(m.coef(1, 0), -0.5, 1e-9);
  EXPECT_NEAR(m.rho[0], 0.0, 1e-9);
  const auto d = sv::decision_values(m, rows({{0.25, 3}, {-2, 0}}));
  EXPECT_NEAR(d(0, 0), 0.25, 1e-9);
  EXPECT_NEAR(d(1, 0), -2.0, 1e-9);
  EXPECT_EQ(sv::predict_labels(m, d), (std::vector<int>{1, 2}));
}

// Four points separated by x1 = 1: support vectors (2,0) and (0,0), f(x) = x1 - 1.
TEST(SvmSolver, FourPointSeparatingLine) {
  const auto x = rows({{3, 1}, {2, 0}, {0, 0}, {-1, 1}});
  for (bool shrinking : {true, false}) {
    auto o = linear_options(1000);
    o.shrinking = shrinking;
    const auto m = sv::fit_svm(x, {7, 7, 3, 3}, o);
    EXPECT_EQ(m.labels, (std::vector<int>{7, 3}));
    ASSERT_EQ(m.sv_index, (std::vector<std::size_t>{1, 2}));
    EXPECT_NEAR(m.coef(0, 0), 0.5, 1e-8);
    EXPECT_NEAR(m.coef(1, 0), -0.5, 1e-8);
    EXPECT_NEAR(m.rho[0], 1.0, 1e-8);
    const auto d = sv::decision_values(m, x);
    EXPECT_NEAR(d(0, 0), 2.0, 1e-8);
    EXPECT_NEAR(d(3, 0), -2.0, 1e-8);
  }
}

// Soft margin: dual on x = +-1 is min 2a^2 - 2a, a <= C; with C = 0.1 both at the bound,
// w = 0.2 and rho = 0 (midpoint of the feasible interval).
TEST(SvmSolver, SoftMarginAtBound) {
  const auto m = sv::fit_svm(rows({{1}, {-1}}), {1, 0}, linear_options(0.1));
  EXPECT_NEAR(m.coef(0, 0), 0.1, 1e-12);
  EXPECT_NEAR(m.coef(1, 0), -0.1, 1e-12);
  EXPECT_NEAR(m.rho[0], 0.0, 1e-12);
}

// Class weights scale the box of each class: with C = 1 and weight 0.05 on the second class
// the balancing constraint caps the first class too.
TEST(SvmSolver, ClassWeightsScaleCost) {
  auto o = linear_options(1.0);
  o.class_weights = {{0, 0.05}};
  const auto m = sv::fit_svm(rows({{1}, {-1}}), {1, 0}, o);
  EXPECT_NEAR(m.coef(0, 0), 0.05, 1e-12);
  EXPECT_NEAR(m.coef(1, 0), -0.05, 1e-12);
}

// eps-SVR on (-1,-1), (1,1): the flattest function within the tube is f = 0.9 x.
TEST(SvmSolver, EpsilonRegressionTube) {
  auto o = linear_options(100);
  o.type = sv::svm_type::eps_regression;
  o.epsilon = 0.1;
  const auto m = sv::fit_svm(rows({{-1}, {1}}), {-1, 1}, o);
  const auto d = sv::decision_values(m, rows({{0.5}, {0}}));
  const auto pred = sv::predict_response(m, d);
  EXPECT_NEAR(pred[0], 0.45, 1e-9);
  EXPECT_NEAR(pred[1], 0.0, 1e-9);
}

// Three 1-D clusters: one-vs-one voting recovers each class; pairs (0,1), (0,2), (1,2).
TEST(SvmSolver, MulticlassVoting) {
  const auto x = rows({{0}, {0.5}, {5}, {5.5}, {10}, {10.5}});
  auto o = linear_options(10);
  o.kernel.type = sv::kernel_type::radial;
  o.kernel.gamma = 0.5;
  const auto m = sv::fit_svm(x, {4, 4, 2, 2, 9, 9}, o);
  EXPECT_EQ(m.labels, (std::vector<int>{4, 2, 9}));
  EXPECT_EQ(m.n_pairs(), 3u);
  EXPECT_EQ(m.coef.cols(), 2);
  const auto d = sv::decision_values(m, rows({{0.2}, {5.2}, {10.1}}));
  EXPECT_GT(d(0, 0), 0);  // class 4 over 2
  EXPECT_LT(d(1, 0), 0);
  EXPECT_LT(d(2, 1), 0);  // class 9 over 4
  EXPECT_EQ(sv::predict_labels(m, d), (std::vector<int>{4, 2, 9}));
}

// A two-row cache gives the same optimum as a full one (LRU keeps the working pair).
TEST(SvmSolver, TinyCacheSameSolution) {
  std::mt19937 gen(3);
  std::normal_distribution<double> z;
  Eigen::MatrixXd x(60, 3);
  std::vector<double> y(60);
  for (int i = 0; i < 60; ++i) {
    y[i] = i % 2;
    for (int j = 0; j < 3; ++j) x(i, j) = z(gen) + (i % 2) * 0.8;
  }
  auto o = linear_options(1.0);
  o.kernel.type = sv::kernel_type::radial;
  o.kernel.gamma = 0.3;
  const auto big = sv::fit_svm(x, y, o);
  o.cache_mb = 1e-6;
  o.shrinking = false;
  const auto small = sv::fit_svm(x, y, o);
  ASSERT_EQ(big.sv_index, small.sv_index);
  EXPECT_NEAR(big.rho[0], small.rho[0], 1e-7);
  EXPECT_LT((big.coef - small.coef).cwiseAbs().maxCoeff(), 1e-7);
  EXPECT_TRUE(big.converged);
}

// nu-SVR: nu bounds the fraction of support vectors from below.
TEST(SvmSolver, NuRegressionSupportFraction) {
  std::mt19937 gen(5);
  std::normal_distribution<double> z;
  Eigen::MatrixXd x(80, 2);
  std::vector<double> y(80);
  for (int i = 0; i < 80; ++i) {
    x(i, 0) = z(gen);
    x(i, 1) = z(gen);
    y[i] = x(i, 0) - 0.5 * x(i, 1) + 0.3 * z(gen);
  }
  for (double nu : {0.2, 0.5, 0.8}) {
    auto o = linear_options(1.0);
    o.type = sv::svm_type::nu_regression;
    o.scale = true;
    o.nu = nu;
    const auto m = sv::fit_svm(x, y, o);
    EXPECT_GE(double(m.sv_index.size()) / 80.0, nu - 1e-9);
  }
}

// Platt targets on dec = -1 / +1: 1/3 and 2/3, so B = 0 and A = -log 2.
TEST(SvmPlatt, SymmetricSigmoid) {
  const auto fit = sv::fit_sigmoid({-1, 1}, {false, true});
  EXPECT_NEAR(fit.b, 0.0, 1e-6);
  EXPECT_NEAR(fit.a, -std::log(2.0), 1e-5);
  EXPECT_NEAR(sv::sigmoid_probability(1.0, fit.a, fit.b), 2.0 / 3.0, 1e-5);
  EXPECT_NEAR(sv::sigmoid_probability(-1e6, 1.0, 0.0), 1.0, 1e-12);
}

// Consistent pairwise probabilities r_ij = p_i / (p_i + p_j) give p back.
TEST(SvmPlatt, PairwiseCouplingRecoversConsistentProbabilities) {
  const Eigen::Vector3d p(0.5, 0.3, 0.2);
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(3, 3);
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      if (i != j) r(i, j) = p[i] / (p[i] + p[j]);
    }
  }
  const Eigen::VectorXd q = sv::couple_pairwise(r);
  EXPECT_NEAR(q.sum(), 1.0, 1e-12);
  EXPECT_LT((q - p).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(SvmErrors, BadOptionsThrowNamedArguments) {
  const auto x = rows({{1}, {-1}, {2}});
  auto expect_arg = [&](sv::svm_options o, std::vector<double> y, const std::string& arg) {
    try {
      sv::fit_svm(x, y, o);
      ADD_FAILURE() << "no exception for " << arg;
    } catch (const radsig::invalid_argument& e) {
      EXPECT_EQ(e.argument(), arg);
    }
  };
  auto o = linear_options(1);
  expect_arg(o, {1, 1, 1}, "y");
  auto c = o;
  c.cost = 0;
  expect_arg(c, {1, 0, 1}, "cost");
  auto g = o;
  g.kernel.type = sv::kernel_type::radial;
  g.kernel.gamma = -1;
  expect_arg(g, {1, 0, 1}, "gamma");
  auto nu = o;
  nu.type = sv::svm_type::nu_regression;
  nu.nu = 1.5;
  expect_arg(nu, {1, 0, 1}, "nu");
  expect_arg(o, {1, 0, std::nan("")}, "y");
  auto w = o;
  w.class_weights = {{5, 1.0}};
  expect_arg(w, {1, 0, 1}, "class_weights");
  const auto m = sv::fit_svm(x, {1, 0, 1}, o);
  EXPECT_THROW(sv::predict_probabilities(m, sv::decision_values(m, x)), radsig::invalid_argument);
  EXPECT_THROW(sv::decision_values(m, rows({{1, 2}})), radsig::invalid_argument);
}

// The returned solution satisfies the KKT conditions of the full problem to the tolerance
// (checks the shrinking / gradient-reconstruction path on a problem with many bounded SVs).
TEST(SvmSolver, SolutionMeetsKktConditions) {
  std::mt19937 gen(11);
  std::normal_distribution<double> z;
  const int n = 300;
  Eigen::MatrixXd x(n, 4);
  std::vector<double> y(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < 4; ++j) x(i, j) = z(gen);
    y[i] = x(i, 0) + x(i, 1) * x(i, 1) + z(gen) > 1 ? 1 : 2;
  }
  auto o = linear_options(2.0);
  o.kernel.type = sv::kernel_type::radial;
  o.kernel.gamma = 0.5;
  o.tolerance = 1e-6;
  const auto m = sv::fit_svm(x, y, o);
  // With decision values d_t = sum_j y_j a_j K_tj - rho, the dual gradient is
  // G_t = y_t (d_t + rho) - 1, so y_t G_t = d_t + rho - y_t; optimality:
  // max over I_up of -y G plus max over I_low of y G below the tolerance.
  const auto d = sv::decision_values(m, x);
  std::vector<double> alpha(n, 0.0);
  for (std::size_t s = 0; s < m.sv_index.size(); ++s) alpha[m.sv_index[s]] = std::fabs(m.coef(Eigen::Index(s), 0));
  double up = -1e300, low = -1e300;
  for (int t = 0; t < n; ++t) {
    const double yt = y[t] == m.labels[0] ? 1.0 : -1.0;
    const double yg = d(t, 0) + m.rho[0] - yt;  // y_t G_t
    const bool in_up = yt > 0 ? alpha[t] < 2.0 : alpha[t] > 0.0;
    const bool in_low = yt > 0 ? alpha[t] > 0.0 : alpha[t] < 2.0;
    if (in_up) up = std::max(up, -yg);
    if (in_low) low = std::max(low, yg);
  }
  EXPECT_LT(up + low, 1e-6 * 1.0001);
  EXPECT_TRUE(m.converged);
}
