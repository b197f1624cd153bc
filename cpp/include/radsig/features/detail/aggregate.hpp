// Internal helpers shared by the texture classes: angle weights, empty-angle removal,
// NaN-ignoring means, the epsilon-guarded entropy term.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "radsig/features/settings.hpp"
#include "radsig/features/texture_matrices.hpp"

namespace radsig::features::detail {

constexpr double kEps = std::numeric_limits<double>::epsilon();

inline double xlog2(double p) { return p * std::log2(p + kEps); }

inline double nanmean(const std::vector<double>& v) {
  double s = 0;
  int n = 0;
  for (double x : v)
    if (!std::isnan(x)) {
      s += x;
      ++n;
    }
  return n == 0 ? std::numeric_limits<double>::quiet_NaN() : s / n;
}

inline double plain_mean(const std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

// Physical offset components (|a_z| s_z, |a_y| s_y, |a_x| s_x).
inline std::array<double, 3> physical_offset(const std::array<int, 3>& a,
                                             const std::array<double, 3>& spacing) {
  return {{std::abs(a[0]) * spacing[0], std::abs(a[1]) * spacing[1],
           std::abs(a[2]) * spacing[2]}};
}

// Removes all-zero matrices when more than one is present (FEATURES.md section 10).
inline void drop_empty(std::vector<matrix>& ms) {
  if (ms.size() <= 1) return;
  std::vector<matrix> kept;
  for (auto& m : ms)
    if (m.sum() != 0) kept.push_back(std::move(m));
  ms.swap(kept);
}

// Weighted sum of per-angle matrices into one.
inline matrix merge(const std::vector<matrix>& ms, const std::vector<double>& w) {
  matrix out(ms.front().rows, ms.front().cols);
  for (std::size_t a = 0; a < ms.size(); ++a)
    for (std::size_t k = 0; k < out.data.size(); ++k) out.data[k] += w[a] * ms[a].data[k];
  return out;
}

}  // namespace radsig::features::detail
