// Survival cut-points: maximally selected log-rank statistics (Lausen & Schumacher 1992,
// Hothorn & Lausen 2003) with the p-value approximations of maxstat::maxstat.test
// (smethod = "LogRank"), and the plain minimum-p-value search over log-rank tests.
//
// Conventions (maxstat 0.7 / exactRankTests):
// * log-rank scores a_i = status_i - sum_{j: t_j <= t_i} status_j / (N - r_j + 1), where
//   r_j is the rank of t_j with ties given the maximum rank;
// * candidate cuts: m = number of subjects in the lower group, only at the end of a run of
//   tied x, with max(1, floor(N minprop)) <= m <= floor(N maxprop); lower group = x <= cut;
// * statistic M = max_m |S_m - E_m| / sqrt(V_m) with the permutation mean and variance;
//   the estimate is the x of the first maximiser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "radsig/core/progress.hpp"

namespace radsig::cutpoint {

// Log-rank scores as exactRankTests::cscores(Surv(time, status), type = "LogRank").
std::vector<double> logrank_scores(const std::vector<double>& time,
                                   const std::vector<int>& status);

enum class maxstat_pmethod {
  none,
  lausen92,     // Brownian-bridge asymptotics (depends only on minprop, maxprop)
  lausen94,     // improved Bonferroni bound over the actual candidate cuts
  exact_gauss,  // P(max |Z_m| >= M) for the Gaussian limit, by deterministic quadrature
  cond_mc       // conditional Monte Carlo over permutations of the scores
};

struct maxstat_options {
  double minprop = 0.1;
  double maxprop = 0.9;
  maxstat_pmethod pmethod = maxstat_pmethod::lausen94;
  std::size_t n_perm = 10000;      // cond_mc only
  std::uint64_t seed = 1;          // cond_mc only
  std::size_t grid = 0;            // exact_gauss cells on [-M, M]; 0 = automatic
};

struct cut_scan {
  std::vector<double> cuts;        // x value of each candidate (the lower group is x <= cut)
  std::vector<std::size_t> m;      // size of the lower group
  std::vector<double> statistic;   // statistic at each candidate
};

struct maxstat_result {
  double statistic = 0.0;          // M
  double estimate = 0.0;           // cut-point (x of the first maximiser)
  std::size_t n_lower = 0;         // m at the estimate
  double p_value = 0.0;            // NaN for pmethod none
  cut_scan scan;
};

// Standardised statistics of arbitrary scores `a` (e.g. log-rank scores) split by x.
maxstat_result maxstat_scores(const std::vector<double>& x, const std::vector<double>& a,
                              const maxstat_options& options,
                              const progress_callbacks& callbacks = {});

// Convenience: log-rank scores of (time, status), then maxstat_scores.
maxstat_result maxstat_logrank(const std::vector<double>& x, const std::vector<double>& time,
                               const std::vector<int>& status, const maxstat_options& options,
                               const progress_callbacks& callbacks = {});

// P-value approximations (maxstat's pLausen92 / pLausen94 and the Gaussian limit).
double p_lausen92(double b, double minprop, double maxprop);
double p_lausen94(double b, std::size_t n, const std::vector<std::size_t>& m);
// `callbacks` lets a caller interrupt long exact-Gauss integrations (cost ~ n^1.5).
double p_exact_gauss(double b, std::size_t n, const std::vector<std::size_t>& m,
                     std::size_t grid = 0, const progress_callbacks& callbacks = {});

struct min_pvalue_result {
  double chisq = 0.0;              // log-rank chi-square (survdiff) at the best cut
  double estimate = 0.0;           // cut-point: lower group x <= estimate
  std::size_t n_lower = 0;
  double p_value = 1.0;            // UNCORRECTED p of the best cut (chi-square, 1 df)
  cut_scan scan;                   // statistic = chi-square at each candidate
};

// Two-group log-rank test (as survival::survdiff) at every candidate cut, O(N log N).
min_pvalue_result min_pvalue_logrank(const std::vector<double>& x,
                                     const std::vector<double>& time,
                                     const std::vector<int>& status, double minprop,
                                     double maxprop);

}  // namespace radsig::cutpoint
