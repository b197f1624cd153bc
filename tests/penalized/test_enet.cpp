#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "radsig/core/error.hpp"
#include "radsig/penalized/enet.hpp"

namespace {

namespace pz = radsig::penalized;

struct problem {
  Eigen::MatrixXd x;
  Eigen::VectorXd yg, yb, time, status;
};

problem make_problem(int n, int p, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> nd;
  std::uniform_real_distribution<double> ud;
  problem pr;
  pr.x.resize(n, p);
  for (int j = 0; j < p; ++j)
    for (int i = 0; i < n; ++i) pr.x(i, j) = nd(rng) * (1.0 + j % 3);
  pr.yg.resize(n);
  pr.yb.resize(n);
  pr.time.resize(n);
  pr.status.resize(n);
  for (int i = 0; i < n; ++i) {
    const double eta = pr.x(i, 0) - 0.5 * pr.x(i, 1);
    pr.yg[i] = eta + nd(rng);
    pr.yb[i] = ud(rng) < 1.0 / (1.0 + std::exp(-eta)) ? 1.0 : 0.0;
    pr.time[i] = -std::log(ud(rng)) / std::exp(0.5 * eta);
    pr.status[i] = ud(rng) < 0.7 ? 1.0 : 0.0;
  }
  return pr;
}

// Largest KKT violation of  -loglik/n + lambda [alpha |b|_1 + (1 - alpha) ridge/2 * scale]
// on unstandardised x, given the gradient of the mean log-likelihood.
double kkt_violation(const Eigen::VectorXd& grad, const Eigen::VectorXd& b, double lambda,
                     double alpha, double ridge_scale) {
  double worst = 0.0;
  for (Eigen::Index j = 0; j < b.size(); ++j) {
    const double ridge = lambda * (1.0 - alpha) * ridge_scale * b[j];
    if (b[j] != 0.0) {
      worst = std::max(worst, std::abs(grad[j] - ridge - lambda * alpha * (b[j] > 0 ? 1 : -1)));
    } else {
      worst = std::max(worst, std::abs(grad[j]) - lambda * alpha);
    }
  }
  return worst;
}

class EnetKkt : public ::testing::TestWithParam<std::tuple<unsigned, double>> {};

TEST_P(EnetKkt, GaussianSolutionsSatisfyKkt) {
  const auto [seed, alpha] = GetParam();
  const auto pr = make_problem(80, 30, seed);
  pz::enet_options opt;
  opt.alpha = alpha;
  opt.standardize = false;
  opt.thresh = 1e-14;
  const auto path = pz::fit_gaussian(pr.x, pr.yg, {}, {}, opt);
  const double n = 80;
  const double ym = pr.yg.mean();
  const double ys = std::sqrt((pr.yg.array() - ym).square().mean());
  for (std::size_t l = 1; l < path.lambda.size(); ++l) {
    const Eigen::VectorXd b = path.beta[0].col(static_cast<Eigen::Index>(l));
    const Eigen::VectorXd res =
        pr.yg - pr.x * b - Eigen::VectorXd::Constant(80, path.a0(0, static_cast<Eigen::Index>(l)));
    EXPECT_NEAR(res.sum(), 0.0, 1e-9);
    const Eigen::VectorXd grad = pr.x.transpose() * res / n;
    // glmnet scales y by its SD, so the ridge part acts as (1 - alpha)/(2 ys) |b|^2
    EXPECT_LT(kkt_violation(grad, b, path.lambda[l], alpha, 1.0 / ys), 1e-6 * ys)
        << "lambda " << l;
  }
}

TEST_P(EnetKkt, BinomialSolutionsSatisfyKkt) {
  const auto [seed, alpha] = GetParam();
  const auto pr = make_problem(100, 20, seed + 100);
  pz::enet_options opt;
  opt.alpha = alpha;
  opt.standardize = false;
  opt.thresh = 1e-14;
  const auto path = pz::fit_binomial(pr.x, pr.yb, {}, {}, opt);
  for (std::size_t l = 1; l < path.lambda.size(); ++l) {
    const auto c = static_cast<Eigen::Index>(l);
    const Eigen::VectorXd b = path.beta[0].col(c);
    const Eigen::ArrayXd eta = (pr.x * b).array() + path.a0(0, c);
    const Eigen::VectorXd res = (pr.yb.array() - 1.0 / (1.0 + (-eta).exp())).matrix();
    EXPECT_NEAR(res.mean(), 0.0, 1e-6);
    const Eigen::VectorXd grad = pr.x.transpose() * res / 100.0;
    EXPECT_LT(kkt_violation(grad, b, path.lambda[l], alpha, 1.0), 1e-6) << "lambda " << l;
  }
}

INSTANTIATE_TEST_SUITE_P(RandomProblems, EnetKkt,
                         ::testing::Combine(::testing::Values(1u, 2u, 3u),
                                            ::testing::Values(1.0, 0.5)));

// The covariance updates (n >= 2p) and the naive updates (n < 2p) solve the same problem:
// duplicating every row (same objective with weights normalised) switches the mode.
TEST(Enet, GaussianCovarianceModeEqualsNaiveMode) {
  for (double alpha : {1.0, 0.5, 0.0}) {
    auto pr = make_problem(70, 40, 21);
    pr.x.col(5).setConstant(2.0);  // constant column
    Eigen::MatrixXd x2(140, 40);
    Eigen::VectorXd y2(140);
    x2 << pr.x, pr.x;
    y2 << pr.yg, pr.yg;
    pz::enet_options opt;
    opt.alpha = alpha;
    opt.thresh = 1e-14;
    opt.exclude = {7};
    opt.penalty_factor.assign(40, 1.0);
    opt.penalty_factor[0] = 0.0;
    opt.penalty_factor[3] = 2.0;
    const auto naive = pz::fit_gaussian(pr.x, pr.yg, {}, {}, opt);
    const auto cov = pz::fit_gaussian(x2, y2, {}, {}, opt);
    ASSERT_EQ(naive.lambda.size(), cov.lambda.size());
    for (std::size_t l = 0; l < naive.lambda.size(); ++l)
      EXPECT_NEAR(cov.lambda[l], naive.lambda[l], 1e-10 * naive.lambda[l]);
    EXPECT_LT((cov.beta[0] - naive.beta[0]).cwiseAbs().maxCoeff(), 1e-8);
    EXPECT_LT((cov.a0 - naive.a0).cwiseAbs().maxCoeff(), 1e-8);
    EXPECT_TRUE((cov.beta[0].row(5).array() == 0).all());
    EXPECT_TRUE((cov.beta[0].row(7).array() == 0).all());
  }
}

TEST(Enet, LambdaMaxIsTheSmallestLambdaWithAllZero) {
  const auto pr = make_problem(60, 10, 7);
  pz::enet_options opt;
  const auto path = pz::fit_gaussian(pr.x, pr.yg, {}, {}, opt);
  // hand-derived: max_j |<x_j - mean, y - mean>| / (n * sd1(x_j))
  double mx = 0.0;
  const Eigen::VectorXd yc = pr.yg.array() - pr.yg.mean();
  for (int j = 0; j < 10; ++j) {
    const Eigen::VectorXd xc = pr.x.col(j).array() - pr.x.col(j).mean();
    const double sd = std::sqrt(xc.squaredNorm() / 60.0);
    mx = std::max(mx, std::abs(xc.dot(yc)) / (60.0 * sd));
  }
  EXPECT_NEAR(path.lambda[0], mx, 1e-10 * mx);
  EXPECT_EQ(path.df[0], 0);
  EXPECT_GT(path.df[1], 0);
  const double ratio = path.lambda[2] / path.lambda[1];
  EXPECT_NEAR(ratio, std::pow(1e-4, 1.0 / 99.0), 1e-12);
}

TEST(Enet, InterpolationReproducesPathColumns) {
  const auto pr = make_problem(50, 8, 9);
  const auto path = pz::fit_binomial(pr.x, pr.yb, {}, {}, pz::enet_options{});
  const auto c = pz::interpolate_coef(path, {path.lambda[3], 1e9, 0.0});
  EXPECT_NEAR((c[0].col(0).tail(8) - path.beta[0].col(3)).cwiseAbs().maxCoeff(), 0.0, 1e-14);
  EXPECT_NEAR(c[0](0, 1), path.a0(0, 0), 1e-14);
  EXPECT_NEAR((c[0].col(2).tail(8) - path.beta[0].rightCols(1)).cwiseAbs().maxCoeff(), 0.0,
              1e-14);
}

TEST(Enet, BadInputThrows) {
  const auto pr = make_problem(30, 5, 3);
  pz::enet_options opt;
  opt.alpha = 2.0;
  EXPECT_THROW(pz::fit_gaussian(pr.x, pr.yg, {}, {}, opt), radsig::invalid_argument);
  opt = {};
  EXPECT_THROW(pz::fit_gaussian(pr.x, pr.yg.head(10), {}, {}, opt), radsig::invalid_argument);
  EXPECT_THROW(pz::fit_gaussian(pr.x, pr.yg, -Eigen::VectorXd::Ones(30), {}, opt),
               radsig::invalid_argument);
  EXPECT_THROW(pz::fit_binomial(pr.x, Eigen::VectorXd::Zero(30), {}, {}, opt),
               radsig::invalid_argument);
  EXPECT_THROW(pz::fit_binomial(pr.x, pr.yg, {}, {}, opt), radsig::invalid_argument);
  opt.penalty_factor = {1, 2};
  EXPECT_THROW(pz::fit_gaussian(pr.x, pr.yg, {}, {}, opt), radsig::invalid_argument);
  EXPECT_THROW(pz::parse_family("poisson"), radsig::invalid_argument);
  opt = {};
  EXPECT_THROW(pz::fit_gaussian(pr.x, Eigen::VectorXd::Constant(30, 2.0), {}, {}, opt),
               radsig::invalid_argument);
}

TEST(Enet, ConstantColumnGetsZero) {
  auto pr = make_problem(40, 6, 5);
  pr.x.col(2).setConstant(4.0);
  const auto path = pz::fit_gaussian(pr.x, pr.yg, {}, {}, pz::enet_options{});
  EXPECT_EQ(path.beta[0].row(2).cwiseAbs().maxCoeff(), 0.0);
}

}  // namespace

namespace {

TEST(EnetCox, LogPartialLikelihoodHandDerived) {
  // times 1, 2, 3 with deaths at 1 and 2: Breslow log-lik at eta = 0 is -(log 3 + log 2);
  // a tie of two deaths at time 1 gives -2 log 3 for the tied pair.
  Eigen::MatrixXd eta = Eigen::MatrixXd::Zero(3, 1);
  const Eigen::VectorXd w = Eigen::VectorXd::Ones(3);
  const auto a = pz::cox_log_partial(eta, Eigen::Vector3d(1, 2, 3), Eigen::Vector3d(1, 1, 0), w);
  EXPECT_NEAR(a[0], -(std::log(3.0) + std::log(2.0)), 1e-14);
  const auto b = pz::cox_log_partial(eta, Eigen::Vector3d(1, 1, 3), Eigen::Vector3d(1, 1, 0), w);
  EXPECT_NEAR(b[0], -2.0 * std::log(3.0), 1e-14);
}

TEST(EnetCox, PathStartsAtNullAndGainsDeviance) {
  const auto pr = make_problem(120, 8, 21);
  const auto path = pz::fit_cox(pr.x, pr.time, pr.status, {}, {}, pz::enet_options{});
  EXPECT_EQ(path.df[0], 0);
  EXPECT_NEAR(path.dev_ratio[0], 0.0, 1e-12);
  for (std::size_t l = 1; l < path.dev_ratio.size(); ++l)
    EXPECT_GE(path.dev_ratio[l], path.dev_ratio[l - 1] - 1e-10);
  EXPECT_EQ(path.a0.cwiseAbs().maxCoeff(), 0.0);
}

TEST(EnetMultinomial, IntercepsCentredAndProbabilitiesValid) {
  const auto pr = make_problem(150, 6, 22);
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(150, 3);
  for (int i = 0; i < 150; ++i) y(i, pr.x(i, 0) < -0.5 ? 0 : (pr.x(i, 0) < 0.5 ? 1 : 2)) = 1;
  const auto path = pz::fit_multinomial(pr.x, y, {}, {}, pz::enet_options{});
  ASSERT_EQ(path.beta.size(), 3u);
  for (Eigen::Index l = 0; l < path.a0.cols(); ++l) EXPECT_NEAR(path.a0.col(l).sum(), 0.0, 1e-10);
  EXPECT_GT(path.dev_ratio.back(), 0.3);
  // the informative predictor enters first
  const Eigen::Index first = static_cast<Eigen::Index>(
      std::find_if(path.df.begin(), path.df.end(), [](int v) { return v > 0; }) - path.df.begin());
  ASSERT_LT(first, path.a0.cols());
  EXPECT_NE(path.beta[0](0, first) == 0.0 && path.beta[2](0, first) == 0.0, true);
  EXPECT_THROW(pz::fit_multinomial(pr.x, y.leftCols(1), {}, {}, pz::enet_options{}),
               radsig::invalid_argument);
}

}  // namespace
