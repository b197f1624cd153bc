// Harrell's concordance index for right-censored survival data (and, with every subject an
// event and the 0/1 outcome as "time", for binary outcomes), with the standard deviation
// of Somers' Dxy of Hmisc::rcorr.cens. O(n log n) (Fenwick trees over predictor ranks).
//
// Orientation (Hmisc's): a pair is concordant when the subject with the LONGER time has the
// LARGER predictor. Callers wanting the risk convention (higher score = earlier event) pass
// the negated score.
//
// Comparable ("relevant") pairs, as in Hmisc and survival: i and j with i an event and
// t_i < t_j, or t_i == t_j with i an event and j censored (the censored subject is taken to
// outlive the event). Two events at the same time, two censored subjects, or a censored
// subject before an event are not comparable. Times are compared exactly (==), like Hmisc;
// survival::concordance additionally merges times equal up to rounding (aeqSurv).
// Pairs tied in the predictor count 1/2 (concordance = (concordant + tied/2) / comparable).
//
// Standard deviation of Dxy = 2C - 1 (Hmisc's "S.D."): with r_i the number of comparable
// partners of subject i and w_i = (#concordant - #discordant) among them,
//   sd = 2 sqrt( sum_i (r_i W - w_i R)^2 ) / R^2,  R = sum r_i, W = sum w_i,
// an algebraically identical, cancellation-free form of Hmisc's (Quade's) formula.
// The standard error of C is sd / 2.
#pragma once

#include <cstdint>
#include <vector>

namespace radsig::metrics {

struct concordance_result {
  double c = 0.0;       // concordance index
  double dxy = 0.0;     // Somers' Dxy = 2 c - 1
  double sd_dxy = 0.0;  // Hmisc's S.D. of Dxy
  double se = 0.0;      // standard error of c = sd_dxy / 2
  // Counts of unordered comparable pairs.
  double concordant = 0.0;
  double discordant = 0.0;
  double tied_predictor = 0.0;
  double comparable = 0.0;
};

// `status`: 1 = event, 0 = censored. Throws radsig::invalid_argument for unequal lengths,
// non-finite values, status values other than 0/1, or data with no comparable pair.
concordance_result harrell_c(const std::vector<double>& predictor,
                             const std::vector<double>& time, const std::vector<int>& status);

}  // namespace radsig::metrics
