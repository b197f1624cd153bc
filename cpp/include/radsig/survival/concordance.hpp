// Harrell's concordance between a risk score and right-censored survival (higher score =
// shorter survival), counted as survival::concordance does for a coxph fit: a pair is
// comparable when the earlier time is an event (an event tied in time with a censoring
// counts, the censored subject outlives); tied scores get half credit; pairs in different
// strata are not compared. O(n log n) with a Fenwick tree; case weights multiply.
#pragma once

#include <Eigen/Dense>

namespace radsig::survival {

struct concordance_counts {
  double concordant = 0, discordant = 0, tied_x = 0, tied_y = 0;
  double concordance() const {
    const double d = concordant + discordant + tied_x;
    return d > 0 ? (concordant + tied_x / 2.0) / d : 0.5;
  }
};

concordance_counts risk_concordance(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                                    const Eigen::VectorXd& score, const Eigen::VectorXi& strata,
                                    const Eigen::VectorXd& weights);

}  // namespace radsig::survival
