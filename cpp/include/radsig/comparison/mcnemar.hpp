// McNemar's test comparing the correctness of two classifiers on the same subjects.
//
// b = subjects classifier 1 gets right and classifier 2 wrong, c = the reverse.
// * chi-square: (|b - c| - 1)^2 / (b + c) with 1 df, continuity correction applied only
//   when b != c (as stats::mcnemar.test(correct = TRUE));
// * exact: two-sided binomial test of b out of b + c with p = 0.5 (as stats::binom.test),
//   p = 1 when b + c = 0.
#pragma once

#include <cstddef>
#include <vector>

namespace radsig::comparison {

struct mcnemar_result {
  std::size_t both_correct = 0;
  std::size_t only_first = 0;     // b
  std::size_t only_second = 0;    // c
  std::size_t both_wrong = 0;
  bool exact = false;
  double statistic = 0.0;         // chi-square (NaN for the exact test)
  double p_value = 1.0;
};

// Exact test when `exact` > 0, chi-square when `exact` == 0, and when `exact` < 0 the
// exact test if b + c < exact_below, else chi-square.
mcnemar_result mcnemar(const std::vector<int>& truth, const std::vector<int>& pred1,
                       const std::vector<int>& pred2, int exact = -1,
                       std::size_t exact_below = 25);

// Two-sided exact binomial p-value of k successes out of n with p = 0.5.
double binomial_two_sided_half(std::size_t k, std::size_t n);

}  // namespace radsig::comparison
