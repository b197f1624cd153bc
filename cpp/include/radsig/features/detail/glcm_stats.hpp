// Per-angle GLCM statistics shared by the GLCM features (glcm.cpp) and MCC (glcm_mcc.cpp).
#pragma once

#include <cstddef>
#include <vector>

namespace radsig::features::detail {

// Per-angle quantities derived from one GLCM. Marginals, sum and difference distributions
// are kept as counts (whole numbers for unweighted matrices) and turned into probabilities
// with the matrix total.
struct glcm_stats {
  int n = 0;
  double ng = 0;                         // highest level present
  std::vector<double> p, px, py, psum, pdiff;  // psum index k = i + j, pdiff index |i - j|
  double ux = 0, uy = 0, sx = 0, sy = 0;
  double hx = 0, hy = 0, hxy = 0, hxy1 = 0, hxy2 = 0;
  double energy = 0, max_probability = 0;
  double autocorrelation = 0, contrast = 0, covariance = 0, sum_squares = 0;
  double cluster2 = 0, cluster3 = 0, cluster4 = 0;
  double difference_entropy = 0, sum_entropy = 0;
  double at(int i, int j) const { return p[static_cast<std::size_t>(i) * n + j]; }
};

// MCC over the angles' statistics (FEATURES.md 9.4): the mean over angles of the square root
// of Q's second largest eigenvalue, PyRadiomics' conventions for complex and degenerate cases.
double glcm_mcc(const std::vector<glcm_stats>& stats, int n_levels);

}  // namespace radsig::features::detail
