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

// Dependence counts per row span: one branch-free pass over the span per neighbour offset
// (vectorised), then one matrix entry per ROI voxel of the span.
matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                   const padded_levels& pl) {
  const auto offs =
      pl.offsets(make_angles(roi.dims, s.distances, true, s.force2d, s.force2d_dimension));
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(offs.size()) + 1);
  const unsigned alpha = static_cast<unsigned>(s.gldm_a), width = 2 * alpha;
  std::vector<std::int32_t> count(static_cast<std::size_t>(pl.longest_span), 0);
  std::int32_t* __restrict c = count.data();
  detail::scan_spans(
      pl, offs,
      [&](std::size_t, const int* __restrict x, const int* __restrict y, int n) {
        if (alpha == 0) {
          // Equal levels (the default): only the counts of ROI voxels (x != 0) are read,
          // and y == x != 0 there, so the background test is implied.
          for (int t = 0; t < n; ++t) c[t] += static_cast<std::int32_t>(x[t] == y[t]);
          return;
        }
        // |x - y| <= alpha  <=>  x - y + alpha in [0, 2 alpha] (unsigned); background never
        // counts.
        for (int t = 0; t < n; ++t)
          c[t] += static_cast<std::int32_t>((y[t] != 0) &
                                            (static_cast<unsigned>(x[t] - y[t]) + alpha <= width));
      },
      [&](const row_span& sp) {
        const int* x = pl.level.data() + sp.start;
        for (int t = 0; t < sp.length; ++t) {
          if (x[t] != 0) P(d.compact[x[t]], c[t]) += 1;
          c[t] = 0;
        }
      });
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
