// Grey level run length matrix features (FEATURES.md 9.5, 10).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "radsig/core/error.hpp"
#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/aggregate.hpp"
#include "radsig/features/detail/emphasis.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

bool inside(const std::array<int, 3>& dims, int z, int y, int x) {
  return z >= 0 && y >= 0 && x >= 0 && z < dims[0] && y < dims[1] && x < dims[2];
}

// Runs along one angle; returns false if no line holds two or more ROI voxels.
bool runs_along(const roi_box& roi, const discretised& d, const std::array<int, 3>& a,
                matrix& P) {
  const auto& dims = roi.dims;
  bool any_long_line = false;
  for (int z = 0; z < dims[0]; ++z)
    for (int y = 0; y < dims[1]; ++y)
      for (int x = 0; x < dims[2]; ++x) {
        if (inside(dims, z - a[0], y - a[1], x - a[2])) continue;  // not a line start
        int level = 0, length = 0, roi_on_line = 0;
        for (int zz = z, yy = y, xx = x; inside(dims, zz, yy, xx);
             zz += a[0], yy += a[1], xx += a[2]) {
          const int l = d.level[roi.index(zz, yy, xx)];
          if (l != 0) ++roi_on_line;
          if (l == level && l != 0) {
            ++length;
            continue;
          }
          if (level != 0) P(d.compact[level], length - 1) += 1;
          level = l;
          length = l != 0 ? 1 : 0;
        }
        if (level != 0) P(d.compact[level], length - 1) += 1;
        if (roi_on_line >= 2) any_long_line = true;
      }
  return any_long_line;
}

double glrlm_weight(const std::array<int, 3>& a, const settings& s,
                    const std::array<double, 3>& spacing) {
  const auto d = detail::physical_offset(a, spacing);
  switch (s.weighting) {
    case weighting_norm::infinity:
      return std::max({d[0], d[1], d[2]});
    case weighting_norm::euclidean:
      return std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    case weighting_norm::manhattan:
      return d[0] + d[1] + d[2];
    default:
      return 1.0;
  }
}

using detail::emphasis_stats;

struct glrlm_feature {
  const char* name;
  double (*fn)(const emphasis_stats&);
};

const glrlm_feature kFeatures[] = {
    {"GrayLevelNonUniformity", detail::gl_nonuniformity},
    {"GrayLevelNonUniformityNormalized", detail::gl_nonuniformity_normalized},
    {"GrayLevelVariance", detail::gl_variance},
    {"HighGrayLevelRunEmphasis", detail::high_gl_emphasis},
    {"LongRunEmphasis", detail::large_emphasis},
    {"LongRunHighGrayLevelEmphasis", detail::large_high_emphasis},
    {"LongRunLowGrayLevelEmphasis", detail::large_low_emphasis},
    {"LowGrayLevelRunEmphasis", detail::low_gl_emphasis},
    {"RunEntropy", detail::joint_entropy},
    {"RunLengthNonUniformity", detail::size_nonuniformity},
    {"RunLengthNonUniformityNormalized", detail::size_nonuniformity_normalized},
    {"RunPercentage", detail::percentage},
    {"RunVariance", detail::size_variance},
    {"ShortRunEmphasis", detail::small_emphasis},
    {"ShortRunHighGrayLevelEmphasis", detail::small_high_emphasis},
    {"ShortRunLowGrayLevelEmphasis", detail::small_low_emphasis},
};

}  // namespace

namespace {

// Runs along one angle with positive grid offset `off`. The ROI voxels are visited in grid
// order, so a voxel's predecessor on its line has been seen: its run length continues the
// predecessor's when the levels agree (branch-free: runs are short in noisy images, so a
// branch would mispredict). A run ends where the successor's level differs; the matrix
// cells of ending runs, row_start[level] + length, are collected branch-free, then counted.
// Returns the longest run.
int runs_on_grid(const padded_levels& pl, const std::vector<std::int32_t>& row_start,
                 std::ptrdiff_t off, std::vector<std::int32_t>& len,
                 std::vector<std::int32_t>& ends, matrix& m) {
  const int* level = pl.level.data();
  const std::int32_t* start = row_start.data();
  std::int32_t* ln = len.data();
  std::int32_t* out = ends.data();
  std::size_t k = 0;
  std::int32_t longest = 0;
  for (const std::size_t i : pl.roi) {
    const int li = level[i];
    const std::int32_t same = -static_cast<std::int32_t>(level[i - off] == li);
    const std::int32_t run = (ln[i - off] & same) + 1;
    ln[i] = run;
    longest = std::max(longest, run);
    out[k] = start[li] + run;
    k += level[i + off] != li ? 1 : 0;
  }
  for (std::size_t r = 0; r < k; ++r) m.data[static_cast<std::size_t>(out[r])] += 1;
  return longest;
}

// Keeps the first `cols` columns of m.
void keep_columns(matrix& m, int cols) {
  for (int i = 1; i < m.rows; ++i)
    std::copy_n(m.data.begin() + static_cast<std::ptrdiff_t>(i) * m.cols, cols,
                m.data.begin() + static_cast<std::ptrdiff_t>(i) * cols);
  m.cols = cols;
  m.data.resize(static_cast<std::size_t>(m.rows) * static_cast<std::size_t>(cols));
}

}  // namespace

std::vector<matrix> glrlm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                   std::vector<std::array<int, 3>>* angles_out) {
  return glrlm_matrices(roi, d, s, texture_grid(roi, d, s), angles_out);
}

// One matrix per angle, with as many columns as the longest run over all angles.
std::vector<matrix> glrlm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                   const padded_levels& pl,
                                   std::vector<std::array<int, 3>>* angles_out) {
  // The first half of the angles: lexicographically positive, so positive grid offsets.
  const auto angles = make_angles(roi.dims, {1}, false, s.force2d, s.force2d_dimension);
  const int n = static_cast<int>(d.n_levels());
  const int max_len = std::max({roi.dims[0], roi.dims[1], roi.dims[2]});
  if (static_cast<double>(n) * max_len >= 2147483647.0)
    throw invalid_argument("bin_count", "too many grey levels for the run length matrix");
  // Matrix index of (level, run length 1) minus 1, per level.
  std::vector<std::int32_t> row_start(d.compact.size(), 0);
  for (std::size_t l = 0; l < d.compact.size(); ++l)
    if (d.compact[l] >= 0) row_start[l] = d.compact[l] * max_len - 1;
  std::vector<std::int32_t> len(pl.level.size(), 0), ends(pl.roi.size(), 0);
  std::vector<matrix> P;
  int longest = 1;
  for (const auto& a : angles) {
    matrix m(n, max_len);
    const int angle_longest = runs_on_grid(pl, row_start, pl.offset(a), len, ends, m);
    longest = std::max(longest, angle_longest);
    // PyRadiomics drops a direction in which no line holds two ROI voxels; IBSI keeps its
    // length-1 runs. Without a run of two, decide that by walking the lines.
    if (angle_longest <= 1 && !s.ibsi) {
      matrix check(n, max_len);
      if (!runs_along(roi, d, a, check)) std::fill(m.data.begin(), m.data.end(), 0.0);
    }
    P.push_back(std::move(m));
  }
  for (auto& m : P) keep_columns(m, longest);
  if (angles_out) *angles_out = angles;
  return P;
}

std::vector<std::string> glrlm_names() { return detail::table_names(kFeatures); }

class_values compute_glrlm(const class_input& in) {
  const settings& s = *in.opts;
  std::vector<std::array<int, 3>> angles;
  auto P = in.grid ? glrlm_matrices(*in.roi, *in.levels, s, *in.grid, &angles)
                   : glrlm_matrices(*in.roi, *in.levels, s, &angles);
  if (s.weighting != weighting_norm::none) {
    std::vector<double> w;
    for (const auto& a : angles) w.push_back(glrlm_weight(a, s, in.roi->spacing));
    P = {detail::merge(P, w)};
  } else {
    detail::drop_empty(P);
  }
  std::vector<emphasis_stats> stats;
  for (const auto& m : P) stats.push_back(detail::make_emphasis(m, in.levels->present, false));
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    std::vector<double> per_angle;
    for (const auto& st : stats) per_angle.push_back(f.fn(st));
    out.values.push_back(detail::nanmean(per_angle));
  }
  out.n_active = out.names.size();
  return out;
}

}  // namespace radsig::features
