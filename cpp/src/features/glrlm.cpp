// Grey level run length matrix features (FEATURES.md 9.5, 10).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "radsig/core/error.hpp"
#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/interleaved_counts.hpp"
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

// Run lengths along one span: a voxel's run continues its predecessor's (at i - off, earlier
// in grid order, so already known) when the levels agree. Written without branches over
// plain arrays, so that it vectorises whenever off reaches past a vector (every direction
// but x). Background voxels inside the span get running length 0.
void span_runs(const int* level, std::int32_t* len, std::size_t first, std::size_t count,
               std::ptrdiff_t off) {
  const int* lv = level + first;
  const int* prev_lv = lv - off;
  std::int32_t* run = len + first;
  const std::int32_t* prev_run = run - off;
  for (std::size_t x = 0; x < count; ++x)
    run[x] = ((prev_run[x] & -static_cast<std::int32_t>(prev_lv[x] == lv[x])) + 1) &
             -static_cast<std::int32_t>(lv[x] != 0);
}

// Counts of (level, running length) over the voxels, from which the run length matrix
// follows without finding where runs end: a run of length L passes through running lengths
// 1..L once each, so the voxels of level g with running length L number the runs of g of
// length >= L, and runs of length exactly L are count(g, L) - count(g, L + 1).
// Cell of (level l, running length r): cell_start[l] + r. Background voxels inside the
// spans (level 0, running length 0) land in cell 0, so need no test.
// The table is kept in interleaved copies (by voxel position) when the ROI is large beside
// it, so that neighbouring voxels with the same cell do not chain their increments.
struct running_length_table {
  std::vector<std::int32_t> cell_start;  // per level
  std::vector<int> row_of;               // per level: matrix row, -1 if absent
  int max_len = 0;
  detail::interleaved_counts count;
  running_length_table(const discretised& d, int max_len_, std::size_t roi_voxels)
      : max_len(max_len_),
        count(cells(d, max_len_), cells(d, max_len_) * 8 <= roi_voxels ? 2 : 0) {
    const int background = 1;
    cell_start.assign(d.compact.size(), 0);
    row_of = d.compact;
    for (std::size_t l = 0; l < d.compact.size(); ++l)
      if (d.compact[l] >= 0) cell_start[l] = background + d.compact[l] * (max_len + 1);
  }
  // Background cell plus (max_len + 1) cells per present level.
  static std::size_t cells(const discretised& d, int max_len) {
    return 1 + d.n_levels() * static_cast<std::size_t>(max_len + 1);
  }
};

// Runs along one angle with positive grid offset `off`, span by span: running lengths, then
// their counts. Fills m (zeroed, n levels x max_len) and returns the longest run.
int runs_on_grid(const padded_levels& pl, std::ptrdiff_t off, std::vector<std::int32_t>& len,
                 running_length_table& table, matrix& m) {
  const int* level = pl.level.data();
  const std::int32_t* start = table.cell_start.data();
  detail::interleaved_counts& count = table.count;
  count.clear();
  for (const row_span& sp : pl.spans) {
    const auto n = static_cast<std::size_t>(sp.length);
    span_runs(level, len.data(), sp.start, n, off);
    const int* lv = level + sp.start;
    const std::int32_t* run = len.data() + sp.start;
    for (std::size_t x = 0; x < n; ++x)
      count.add(static_cast<std::size_t>(start[lv[x]] + run[x]), x);
  }
  // Runs of length exactly L of the level in matrix row c: count(L) - count(L + 1).
  int longest = 0;
  for (std::size_t l = 0; l < table.cell_start.size(); ++l) {
    const int c = table.row_of[l];
    if (c < 0) continue;
    const auto base = static_cast<std::size_t>(table.cell_start[l]);
    std::uint32_t above = 0;  // count(L + 1)
    for (int L = table.max_len; L >= 1; --L) {
      const std::uint32_t here = table.count.total(base + static_cast<std::size_t>(L));
      m(c, L - 1) = static_cast<double>(here - above);
      if (here > 0) longest = std::max(longest, L);
      above = here;
    }
  }
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
  if (static_cast<double>(n) * (max_len + 1.0) + 1 >= 2147483647.0)
    throw invalid_argument("bin_count", "too many grey levels for the run length matrix");
  std::vector<std::int32_t> len(pl.level.size(), 0);
  running_length_table table(d, max_len, pl.roi.size());
  std::vector<matrix> P;
  int longest = 1;
  for (const auto& a : angles) {
    matrix m(n, max_len);
    const int angle_longest = runs_on_grid(pl, pl.offset(a), len, table, m);
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
