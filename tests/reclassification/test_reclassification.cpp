#include <gtest/gtest.h>

#include <cmath>

#include "radsig/core/error.hpp"
#include "radsig/reclassification/reclassification.hpp"

namespace rc = radsig::reclassification;

namespace {

// 4 events, 4 non-events; hand-derived moves.
const std::vector<int> kY = {1, 1, 1, 1, 0, 0, 0, 0};
const std::vector<double> kOld = {0.30, 0.50, 0.15, 0.40, 0.20, 0.10, 0.35, 0.05};
const std::vector<double> kNew = {0.40, 0.50, 0.25, 0.30, 0.10, 0.10, 0.45, 0.02};

TEST(Nri, ContinuousHandComputed) {
  const auto r = rc::net_reclassification(kY, kOld, kNew, {});
  // events: up 2 (0.30->0.40, 0.15->0.25), down 1, equal 1
  EXPECT_EQ(r.events.n_up, 2u);
  EXPECT_EQ(r.events.n_down, 1u);
  // non-events: down 2, up 1, equal 1
  EXPECT_EQ(r.nonevents.n_up, 1u);
  EXPECT_EQ(r.nonevents.n_down, 2u);
  EXPECT_DOUBLE_EQ(r.events.nri.estimate, 0.25);
  EXPECT_DOUBLE_EQ(r.nonevents.nri.estimate, 0.25);
  EXPECT_DOUBLE_EQ(r.nri.estimate, 0.5);
  const double v = 3.0 / 16.0 - 1.0 / 64.0;  // (u+d)/n^2 - (u-d)^2/n^3 for each half
  EXPECT_NEAR(r.nri.se, std::sqrt(2 * v), 1e-15);
  EXPECT_NEAR(r.nri.z, 0.5 / std::sqrt(2 * v), 1e-12);
}

TEST(Nri, CategoricalLeftClosed) {
  // cutoffs 0.1, 0.2: categories [0,0.1), [0.1,0.2), [0.2,1]
  const auto r = rc::net_reclassification(kY, kOld, kNew, {0.1, 0.2});
  // events: 0.30->0.40 (2->2), 0.50->0.50, 0.15->0.25 (1->2 up), 0.40->0.30: up 1, down 0
  EXPECT_EQ(r.events.n_up, 1u);
  EXPECT_EQ(r.events.n_down, 0u);
  // non-events: 0.20->0.10 (2->1 down), 0.10->0.10 (1->1), 0.35->0.45, 0.05->0.02
  EXPECT_EQ(r.nonevents.n_up, 0u);
  EXPECT_EQ(r.nonevents.n_down, 1u);
  EXPECT_DOUBLE_EQ(r.nri.estimate, 0.5);
  EXPECT_EQ(r.n_categories, 3u);
  EXPECT_EQ(r.table_events[1 * 3 + 2], 1u);
  EXPECT_EQ(r.table_nonevents[2 * 3 + 1], 1u);
  EXPECT_EQ(rc::risk_category(0.1, {0.1, 0.2}), 1u);
  EXPECT_EQ(rc::risk_category(0.0999, {0.1, 0.2}), 0u);
}

TEST(Idi, HandComputed) {
  const auto r = rc::integrated_discrimination(kY, kOld, kNew);
  const double ev = (0.10 + 0.0 + 0.10 - 0.10) / 4, ne = (-0.10 + 0.0 + 0.10 - 0.03) / 4;
  EXPECT_NEAR(r.idi.estimate, ev - ne, 1e-15);
  EXPECT_NEAR(r.improve_sens, ev, 1e-15);
  EXPECT_NEAR(r.improve_spec, -ne, 1e-15);
}

TEST(Nri, BadInputThrows) {
  EXPECT_THROW(rc::net_reclassification({1, 0}, {0.1}, {0.2, 0.3}, {}),
               radsig::invalid_argument);
  EXPECT_THROW(rc::net_reclassification({1, 1}, {0.1, 0.2}, {0.2, 0.3}, {}),
               radsig::invalid_argument);
  EXPECT_THROW(rc::net_reclassification({1, 0}, {0.1, 1.2}, {0.2, 0.3}, {}),
               radsig::invalid_argument);
  EXPECT_THROW(rc::net_reclassification({1, 0}, {0.1, 0.2}, {0.2, 0.3}, {0.3, 0.2}),
               radsig::invalid_argument);
  EXPECT_THROW(rc::integrated_discrimination({1, 2}, {0.1, 0.2}, {0.2, 0.3}),
               radsig::invalid_argument);
}

}  // namespace
