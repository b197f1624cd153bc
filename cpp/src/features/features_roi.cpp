// ROI cropping, grey-level discretisation and neighbourhood offsets (FEATURES.md 5.5, 6, 8).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

#include "radsig/core/error.hpp"
#include "radsig/features/detail/interleaved_counts.hpp"
#include "radsig/features/roi.hpp"

namespace radsig::features {

// Row by row: a branch-free test whether the row holds the label (vectorised), then the
// first and last such voxel of the rows that do.
bounding_box label_bounding_box(const image::label_image& mask, int label) {
  const auto& g = mask.geom;
  std::array<std::size_t, 3> lo{{g.size[0], g.size[1], g.size[2]}};
  std::array<std::size_t, 3> hi{{0, 0, 0}};
  bool found = false;
  const std::size_t nx = g.size[0];
  const int* row = mask.voxels.data();
  for (std::size_t k = 0; k < g.size[2]; ++k)
    for (std::size_t j = 0; j < g.size[1]; ++j, row += nx) {
      int any = 0;
      for (std::size_t i = 0; i < nx; ++i) any |= row[i] == label;
      if (!any) continue;
      std::size_t first = 0, last = nx - 1;
      while (row[first] != label) ++first;
      while (row[last] != label) --last;
      found = true;
      lo = {{std::min(lo[0], first), std::min(lo[1], j), std::min(lo[2], k)}};
      hi = {{std::max(hi[0], last), std::max(hi[1], j), std::max(hi[2], k)}};
    }
  if (!found)
    throw invalid_argument("mask", "label " + std::to_string(label) + " is not present");
  bounding_box b;
  for (int a = 0; a < 3; ++a) {
    b.lower[a] = lo[a];
    b.size[a] = hi[a] - lo[a] + 1;
  }
  return b;
}

roi_box crop_roi(const image::image<double>& img, const image::label_image& mask, int label,
                 const bounding_box& box) {
  roi_box r;
  const auto& g = img.geom;
  r.image_dimension = g.dimension;
  r.dims = {{static_cast<int>(box.size[2]), static_cast<int>(box.size[1]),
             static_cast<int>(box.size[0])}};
  r.spacing = {{g.spacing[2], g.spacing[1], g.spacing[0]}};
  r.box = box;
  const std::size_t n = box.size[0] * box.size[1] * box.size[2];
  r.values.resize(n);
  r.in_roi.resize(n);
  std::size_t o = 0;
  for (std::size_t k = 0; k < box.size[2]; ++k)
    for (std::size_t j = 0; j < box.size[1]; ++j) {
      const std::size_t base = g.linear_index(box.lower[0], box.lower[1] + j, box.lower[2] + k);
      for (std::size_t i = 0; i < box.size[0]; ++i, ++o) {
        r.values[o] = img.voxels[base + i];
        r.in_roi[o] = mask.voxels[base + i] == label ? 1 : 0;
      }
    }
  r.roi_values.reserve(n);
  for (std::size_t v = 0; v < n; ++v)
    if (r.in_roi[v]) r.roi_values.push_back(r.values[v]);
  return r;
}

namespace {

// Python's float modulo (result has the sign of the divisor).
double python_mod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0.0 && ((b < 0) != (m < 0))) m += b;
  return m;
}

std::vector<int> digitize(const std::vector<double>& x, const std::vector<double>& edges) {
  std::vector<int> out(x.size());
  for (std::size_t k = 0; k < x.size(); ++k)
    out[k] = static_cast<int>(std::upper_bound(edges.begin(), edges.end(), x[k]) - edges.begin());
  return out;
}

constexpr double kMaxEdges = 1e7;

}  // namespace

std::vector<int> bin_fixed_width(const std::vector<double>& x, double w) {
  if (!(w > 0) || !std::isfinite(w)) throw invalid_argument("bin_width", "must be positive");
  if (x.empty()) return {};
  const auto mm = std::minmax_element(x.begin(), x.end());
  const double lo = *mm.first - python_mod(*mm.first, w);
  const double stop = *mm.second + 2 * w;
  const double n_edges = std::ceil((stop - lo) / w);
  if (!(n_edges <= kMaxEdges))
    throw invalid_argument("bin_width", "too small for the intensity range (over 1e7 bins)");
  const double delta = (lo + w) - lo;
  std::vector<double> edges(static_cast<std::size_t>(n_edges));
  for (std::size_t k = 0; k < edges.size(); ++k) edges[k] = lo + static_cast<double>(k) * delta;
  // Same result as digitize(): estimate the bin arithmetically, then settle it on the edges.
  const long last = static_cast<long>(edges.size()) - 1;
  const double inv_delta = 1 / delta;  // only an estimate: the edges settle the bin
  std::vector<int> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    long k = static_cast<long>((x[i] - lo) * inv_delta);
    k = std::clamp(k, 0L, last);
    while (k < last && edges[static_cast<std::size_t>(k) + 1] <= x[i]) ++k;
    while (k > 0 && edges[static_cast<std::size_t>(k)] > x[i]) --k;
    out[i] = static_cast<int>(k) + 1;
  }
  return out;
}

std::vector<int> bin_fixed_count(const std::vector<double>& x, int n) {
  if (n < 1) throw invalid_argument("bin_count", "must be a positive integer");
  if (x.empty()) return {};
  const auto mm = std::minmax_element(x.begin(), x.end());
  double first = *mm.first, last = *mm.second;
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  std::vector<double> edges(static_cast<std::size_t>(n) + 1);
  const double step = (last - first) / n;
  for (int k = 0; k < n; ++k) edges[k] = static_cast<double>(k) * step + first;
  edges[n] = last + 1.0;
  return digitize(x, edges);
}

namespace {

// Minimum and maximum of `x`; false if it holds NaN or an infinity. Four independent
// lanes (a single running minimum is one long dependency chain); v - v is 0 unless v is
// not finite.
bool finite_range(const std::vector<double>& x, double& mn, double& mx) {
  double lo[4], hi[4], probe[4];
  for (int l = 0; l < 4; ++l) lo[l] = hi[l] = x[0], probe[l] = 0;
  const std::size_t n4 = x.size() / 4 * 4;
  for (std::size_t i = 0; i < n4; i += 4)
    for (int l = 0; l < 4; ++l) {
      const double v = x[i + l];
      lo[l] = v < lo[l] ? v : lo[l];
      hi[l] = v > hi[l] ? v : hi[l];
      probe[l] += v - v;
    }
  for (std::size_t i = n4; i < x.size(); ++i) {
    const double v = x[i];
    lo[0] = v < lo[0] ? v : lo[0];
    hi[0] = v > hi[0] ? v : hi[0];
    probe[0] += v - v;
  }
  mn = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
  mx = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
  return probe[0] + probe[1] + probe[2] + probe[3] == 0;
}

// Histogram of `x` when every value is a finite integer and the range is at most
// 8 n + 4096 values; false otherwise. Four interleaved sub-histograms (interleaved_counts),
// so that runs of equal values (smooth images) do not chain increments of one counter.
bool integer_histogram(const std::vector<double>& x, double& lo,
                       std::vector<std::uint32_t>& count) {
  if (x.empty() || x.size() >= 0xffffffffu) return false;
  double mn = 0, mx = 0;
  if (!finite_range(x, mn, mx) || !(mx - mn <= 8.0 * static_cast<double>(x.size()) + 4096) ||
      !(std::abs(mn) < 1e15) || !(std::abs(mx) < 1e15))
    return false;
  const std::size_t width = static_cast<std::size_t>(mx - mn) + 1;
  detail::interleaved_counts sub(width, 2);
  bool integral = true;  // exact test, as |v| < 1e15
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    integral &= static_cast<double>(static_cast<std::int64_t>(v)) == v;
    sub.add(static_cast<std::size_t>(v - mn), i);
  }
  if (!integral) return false;
  count.resize(width);
  for (std::size_t k = 0; k < width; ++k) count[k] = sub.total(k);
  lo = mn;
  return true;
}

// Levels of the ROI voxels. Integer intensities are binned once per distinct value (the
// binning sees the same minimum and maximum, so the levels are the same) and looked up.
std::vector<int> roi_levels(const roi_box& roi, const settings& s, discretised& d) {
  auto bin = [&s](const std::vector<double>& v) {
    return s.bin_count > 0 ? bin_fixed_count(v, s.bin_count) : bin_fixed_width(v, s.bin_width);
  };
  if (!integer_histogram(roi.roi_values, d.value_lo, d.value_count)) {
    d.value_count.clear();
    return bin(roi.roi_values);
  }
  std::vector<double> distinct;
  for (std::size_t k = 0; k < d.value_count.size(); ++k)
    if (d.value_count[k] > 0) distinct.push_back(d.value_lo + static_cast<double>(k));
  const std::vector<int> distinct_level = bin(distinct);
  d.value_level.assign(d.value_count.size(), 0);
  for (std::size_t k = 0, j = 0; k < d.value_count.size(); ++k)
    if (d.value_count[k] > 0) d.value_level[k] = distinct_level[j++];
  std::vector<int> lv(roi.roi_values.size());
  for (std::size_t i = 0; i < lv.size(); ++i)
    lv[i] = d.value_level[static_cast<std::size_t>(roi.roi_values[i] - d.value_lo)];
  return lv;
}

// Present levels and their compact index.
void index_levels(discretised& d, const std::vector<char>& seen) {
  d.compact.assign(seen.size(), -1);
  for (int l = 1; l <= d.max_level; ++l)
    if (seen[l]) {
      d.compact[l] = static_cast<int>(d.present.size());
      d.present.push_back(l);
    }
}

}  // namespace

discretised discretise(const roi_box& roi, const settings& s) {
  discretised d;
  std::vector<int> lv = roi_levels(roi, s, d);
  // Branch-free scatter of the ROI levels into the box; the sentinel is read (never kept)
  // at background voxels after the last ROI voxel.
  d.level.resize(roi.voxel_count());
  lv.push_back(0);
  std::size_t r = 0;
  for (std::size_t v = 0; v < roi.voxel_count(); ++v) {
    const bool in = roi.in_roi[v] != 0;
    d.level[v] = in ? lv[r] : 0;
    r += in ? 1 : 0;
  }
  lv.pop_back();
  if (!d.value_count.empty()) {  // levels present: from the distinct intensities
    for (std::size_t k = 0; k < d.value_count.size(); ++k)
      if (d.value_count[k] > 0) d.max_level = std::max(d.max_level, d.value_level[k]);
    std::vector<char> seen(static_cast<std::size_t>(d.max_level) + 1, 0);
    for (std::size_t k = 0; k < d.value_count.size(); ++k)
      if (d.value_count[k] > 0) seen[d.value_level[k]] = 1;
    index_levels(d, seen);
  } else {
    d.max_level = lv.empty() ? 0 : *std::max_element(lv.begin(), lv.end());
    std::vector<char> seen(static_cast<std::size_t>(d.max_level) + 1, 0);
    for (int l : lv) seen[l] = 1;
    index_levels(d, seen);
  }
  d.roi_level = std::move(lv);
  return d;
}

padded_levels pad_levels(const roi_box& roi, const discretised& d, int pad) {
  padded_levels p;
  p.pad = pad;
  for (int k = 0; k < 3; ++k) p.dims[k] = roi.dims[k] + 2 * pad;
  p.level.assign(static_cast<std::size_t>(p.dims[0]) * p.dims[1] * p.dims[2], 0);
  p.roi.resize(roi.roi_values.size() + 1);
  std::size_t* roi_out = p.roi.data();
  const int nx = roi.dims[2];
  const int* box_level = d.level.data();
  for (int z = 0; z < roi.dims[0]; ++z)
    for (int y = 0; y < roi.dims[1]; ++y, box_level += nx) {
      const std::size_t row = static_cast<std::size_t>(pad) +
                              static_cast<std::size_t>(p.dims[2]) *
                                  (static_cast<std::size_t>(y + pad) +
                                   static_cast<std::size_t>(p.dims[1]) *
                                       static_cast<std::size_t>(z + pad));
      std::copy(box_level, box_level + nx, p.level.begin() + static_cast<std::ptrdiff_t>(row));
      // ROI positions of the row, collected branch-free (`roi` has one slot of slack).
      std::size_t* const row_first = roi_out;
      for (int x = 0; x < nx; ++x) {
        *roi_out = row + static_cast<std::size_t>(x);
        roi_out += box_level[x] != 0 ? 1 : 0;
      }
      if (roi_out == row_first) continue;
      const int length = static_cast<int>(roi_out[-1] - *row_first) + 1;
      p.spans.push_back({*row_first, length});
      p.longest_span = std::max(p.longest_span, length);
    }
  p.roi.pop_back();
  return p;
}

padded_levels texture_grid(const roi_box& roi, const discretised& d, const settings& s) {
  int pad = 1;
  for (int dd : s.distances) pad = std::max(pad, dd);
  return pad_levels(roi, d, pad);
}

std::vector<std::array<int, 3>> make_angles(const std::array<int, 3>& dims,
                                            const std::vector<int>& distances,
                                            bool bidirectional, bool force2d,
                                            int force2d_dimension) {
  int dmax = 0;
  for (int d : distances) {
    if (d < 1) throw invalid_argument("distances", "every distance must be >= 1");
    dmax = std::max(dmax, d);
  }
  if (dmax == 0) throw invalid_argument("distances", "at least one distance is needed");
  std::vector<std::array<int, 3>> all;
  for (int z = dmax; z >= -dmax; --z)
    for (int y = dmax; y >= -dmax; --y)
      for (int x = dmax; x >= -dmax; --x) {
        const std::array<int, 3> a{{z, y, x}};
        if (z == 0 && y == 0 && x == 0) continue;
        if (force2d && a[force2d_dimension] != 0) continue;
        bool fits = true;
        int norm = 0;
        for (int k = 0; k < 3; ++k) {
          if (std::abs(a[k]) >= dims[k]) fits = false;
          norm = std::max(norm, std::abs(a[k]));
        }
        if (!fits) continue;
        if (std::find(distances.begin(), distances.end(), norm) == distances.end()) continue;
        all.push_back(a);
      }
  if (all.empty())
    throw invalid_argument("distances",
                           "no neighbour offset fits inside the ROI bounding box "
                           "(error getting angle count)");
  if (!bidirectional) all.resize(all.size() / 2);
  return all;
}

}  // namespace radsig::features
