// Hand-derived cases for the survival core.
#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/survival/concordance.hpp"
#include "radsig/survival/cox.hpp"
#include "radsig/survival/km.hpp"
#include "radsig/survival/logrank.hpp"

namespace {

using namespace radsig::survival;

TEST(KaplanMeier, ProductLimitAndGreenwood) {
  // times 1,2,2,3+,4 ; status 1,1,0,0,1
  Eigen::VectorXd t(5);
  t << 1, 2, 2, 3, 4;
  Eigen::VectorXi s(5);
  s << 1, 1, 0, 0, 1;
  const auto c = kaplan_meier(t, s, Eigen::VectorXd(), km_conf_type::log, 0.95);
  ASSERT_EQ(c.time.size(), 4u);
  EXPECT_DOUBLE_EQ(c.surv[0], 0.8);
  EXPECT_DOUBLE_EQ(c.surv[1], 0.8 * 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(c.surv[2], 0.6);
  EXPECT_DOUBLE_EQ(c.surv[3], 0.0);
  EXPECT_DOUBLE_EQ(c.n_risk[1], 4.0);
  EXPECT_NEAR(c.std_err[1], std::sqrt(1.0 / (5 * 4) + 1.0 / (4 * 3)), 1e-12);
  EXPECT_NEAR(c.lower[0], 0.8 * std::exp(-1.959963984540054 * c.std_err[0]), 1e-9);
  EXPECT_TRUE(std::isnan(c.lower[3]));
  // median: S drops to 0.6 at t=2, then 0 at 4 -> first time with S <= 0.5 is 4
  EXPECT_DOUBLE_EQ(km_quantile(c.time, c.surv, 0.5), 4.0);
}

TEST(KaplanMeier, MedianOnAFlatAtOneHalfIsTheMidpoint) {
  Eigen::VectorXd t(4);
  t << 1, 2, 3, 4;
  Eigen::VectorXi s = Eigen::VectorXi::Ones(4);
  const auto c = kaplan_meier(t, s, Eigen::VectorXd(), km_conf_type::none, 0.95);
  EXPECT_DOUBLE_EQ(km_quantile(c.time, c.surv, 0.5), 2.5);
}

TEST(Logrank, TwoGroupsByHand) {
  // Group 0 dies at 1 and 3, group 1 at 2 and 4, no censoring.
  Eigen::VectorXd t(4);
  t << 1, 2, 3, 4;
  Eigen::VectorXi s = Eigen::VectorXi::Ones(4), g(4);
  g << 0, 1, 0, 1;
  const auto r = logrank_test(t, s, g, Eigen::VectorXi(), 0.0);
  // E0 = 2/4 + 1/3 + 1/2 + 0 ; V = sum d r0 r1 (n-d) / (n^2 (n-1))
  const double e0 = 0.5 + 1.0 / 3.0 + 0.5;
  const double v = (2.0 * 2 * 3) / (16 * 3) + (1.0 * 2 * 2) / (9 * 2) + (1.0 * 1 * 1) / (4 * 1);
  EXPECT_NEAR(r.expected[0], e0, 1e-12);
  EXPECT_NEAR(r.observed[0], 2.0, 1e-12);
  EXPECT_NEAR(r.variance(0, 0), v, 1e-12);
  EXPECT_NEAR(r.chisq, (2.0 - e0) * (2.0 - e0) / v, 1e-12);
  EXPECT_EQ(r.df, 1);
}

TEST(Cox, SingleBinaryCovariateScoreTestEqualsLogrankWithoutTies) {
  Eigen::VectorXd t(6);
  t << 1, 2, 3, 4, 5, 6;
  Eigen::VectorXi s(6), g(6);
  s << 1, 1, 0, 1, 1, 1;
  g << 1, 0, 1, 1, 0, 0;
  cox_data d;
  d.x = g.cast<double>();
  d.time = t;
  d.status = s;
  const auto fit = fit_cox(d);
  const auto lr = logrank_test(t, s, g, Eigen::VectorXi(), 0.0);
  EXPECT_NEAR(fit.score_test, lr.chisq, 1e-10);
  EXPECT_TRUE(fit.converged);
  // the score at the MLE is zero: refitting from the estimate stays put
  const auto again = fit_cox(d, cox_options{}, fit.coefficients);
  EXPECT_NEAR(again.coefficients[0], fit.coefficients[0], 1e-7);
}

TEST(Cox, OneEventPartialLikelihoodClosedForm) {
  // Deaths at t=1 (3 at risk) and t=3 (alone in its risk set): at beta = 0 the log partial
  // likelihood is -log 3 + log 1.
  Eigen::VectorXd t(3);
  t << 1, 2, 3;
  Eigen::VectorXi s(3);
  s << 1, 0, 1;
  cox_data d;
  d.x = Eigen::MatrixXd(3, 1);
  d.x << 1, 0, 0.5;
  d.time = t;
  d.status = s;
  cox_options opt;
  opt.max_iter = 1;
  const auto fit = fit_cox(d, opt);
  EXPECT_NEAR(fit.loglik_init, -std::log(3.0), 1e-12);
}

TEST(Cox, BadInputThrows) {
  cox_data d;
  d.x = Eigen::MatrixXd::Ones(3, 1);
  d.time = Eigen::VectorXd::Ones(3);
  d.status = Eigen::VectorXi::Zero(3);
  EXPECT_THROW(fit_cox(d), radsig::invalid_argument);  // no events
  d.status << 1, 0, 1;
  d.time << 1, -2, 3;
  EXPECT_THROW(fit_cox(d), radsig::invalid_argument);  // negative time
  d.time << 1, 2, 3;
  EXPECT_THROW(fit_cox(d), radsig::invalid_argument);  // constant covariate: singular
}

TEST(Concordance, CountsPairsByHand) {
  Eigen::VectorXd t(4), score(4);
  t << 1, 2, 3, 4;
  score << 4, 3, 3, 1;
  Eigen::VectorXi s(4);
  s << 1, 1, 0, 1;
  // comparable pairs: (1,2),(1,3),(1,4),(2,3),(2,4); (2,3) tied in score
  const auto c = risk_concordance(t, s, score, Eigen::VectorXi(), Eigen::VectorXd());
  EXPECT_DOUBLE_EQ(c.concordant, 4.0);
  EXPECT_DOUBLE_EQ(c.tied_x, 1.0);
  EXPECT_DOUBLE_EQ(c.discordant, 0.0);
  EXPECT_DOUBLE_EQ(c.concordance(), 4.5 / 5.0);
}

}  // namespace
