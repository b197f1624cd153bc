// Grey level dependence matrix features (FEATURES.md 9.7).
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/emphasis.hpp"
#include "radsig/features/detail/grid_scan.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

using detail::emphasis_stats;

struct gldm_feature {
  const char* name;
  double (*fn)(const emphasis_stats&);
};

const gldm_feature kFeatures[] = {
    {"DependenceEntropy", detail::joint_entropy},
    {"DependenceNonUniformity", detail::size_nonuniformity},
    {"DependenceNonUniformityNormalized", detail::size_nonuniformity_normalized},
    {"DependenceVariance", detail::size_variance},
    {"GrayLevelNonUniformity", detail::gl_nonuniformity},
    {"GrayLevelVariance", detail::gl_variance},
    {"HighGrayLevelEmphasis", detail::high_gl_emphasis},
    {"LargeDependenceEmphasis", detail::large_emphasis},
    {"LargeDependenceHighGrayLevelEmphasis", detail::large_high_emphasis},
    {"LargeDependenceLowGrayLevelEmphasis", detail::large_low_emphasis},
    {"LowGrayLevelEmphasis", detail::low_gl_emphasis},
    {"SmallDependenceEmphasis", detail::small_emphasis},
    {"SmallDependenceHighGrayLevelEmphasis", detail::small_high_emphasis},
    {"SmallDependenceLowGrayLevelEmphasis", detail::small_low_emphasis},
};

}  // namespace

matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s) {
  return gldm_matrix(roi, d, s, texture_grid(roi, d, s));
}

// Dependence counts: one branch-free pass over the padded grid per neighbour offset (the
// compiler vectorises it); only the counts at ROI voxels are read afterwards. A ROI that
// fills little of its box is visited voxel by voxel instead.
matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                   const padded_levels& pl) {
  const auto offs =
      pl.offsets(make_angles(roi.dims, s.distances, true, s.force2d, s.force2d_dimension));
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(offs.size()) + 1);
  const int* level = pl.level.data();
  const unsigned alpha = static_cast<unsigned>(s.gldm_a), width = 2 * alpha;
  if (3 * pl.roi.size() < pl.level.size()) {
    // Sparse ROI in its box: visit the ROI voxels only.
    for (const std::size_t i : pl.roi) {
      const int x = level[i];
      int count = 0;
      for (const std::ptrdiff_t off : offs) {
        const int y = level[static_cast<std::ptrdiff_t>(i) + off];
        count += (y != 0) & (static_cast<unsigned>(x - y) + alpha <= width);
      }
      P(d.compact[x], count) += 1;
    }
    return P;
  }
  std::vector<std::int32_t> count(pl.level.size(), 0);
  std::int32_t* c = count.data();
  detail::scan_offsets(static_cast<std::ptrdiff_t>(pl.level.size()), offs,
                       [&](std::ptrdiff_t off, std::ptrdiff_t lo, std::ptrdiff_t hi) {
                         for (std::ptrdiff_t v = lo; v < hi; ++v) {
                           const int x = level[v], y = level[v + off];
                           // |x - y| <= alpha  <=>  x - y + alpha in [0, 2 alpha] (unsigned)
                           c[v] += static_cast<std::int32_t>(
                               (y != 0) & (static_cast<unsigned>(x - y) + alpha <= width));
                         }
                       });
  for (const std::size_t i : pl.roi) P(d.compact[pl.level[i]], count[i]) += 1;
  return P;
}

std::vector<std::string> gldm_names() { return detail::table_names(kFeatures); }

class_values compute_gldm(const class_input& in) {
  const matrix P = in.grid ? gldm_matrix(*in.roi, *in.levels, *in.opts, *in.grid)
                          : gldm_matrix(*in.roi, *in.levels, *in.opts);
  const auto st = detail::make_emphasis(P, in.levels->present, true);
  return detail::evaluate_table(kFeatures, st);
}

}  // namespace radsig::features
