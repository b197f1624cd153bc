// Neighbouring grey tone difference matrix features (FEATURES.md 9.8).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/grid_scan.hpp"
#include "radsig/features/registry.hpp"
#include "radsig/features/texture_matrices.hpp"

namespace radsig::features {

namespace {

struct ngtdm_stats {
  std::vector<double> p, s, i;  // per present level
  double nvp = 0, sum_s = 0;
  int ngp = 0;
};

double f_coarseness(const ngtdm_stats& st) {
  double sum = 0;
  for (std::size_t k = 0; k < st.p.size(); ++k) sum += st.p[k] * st.s[k];
  return sum == 0 ? 1e6 : 1 / sum;
}
double f_contrast(const ngtdm_stats& st) {
  const double div = static_cast<double>(st.ngp) * (st.ngp - 1);
  if (div == 0) return 0.0;
  double a = 0;
  for (std::size_t k = 0; k < st.p.size(); ++k)
    for (std::size_t l = 0; l < st.p.size(); ++l)
      a += st.p[k] * st.p[l] * (st.i[k] - st.i[l]) * (st.i[k] - st.i[l]);
  return a / div * (st.sum_s / st.nvp);
}
double f_busyness(const ngtdm_stats& st) {
  double num = 0, den = 0;
  for (std::size_t k = 0; k < st.p.size(); ++k) {
    num += st.p[k] * st.s[k];
    for (std::size_t l = 0; l < st.p.size(); ++l)
      den += std::abs(st.i[k] * st.p[k] - st.i[l] * st.p[l]);
  }
  return den == 0 ? 0.0 : num / den;
}
double f_complexity(const ngtdm_stats& st) {
  double c = 0;
  for (std::size_t k = 0; k < st.p.size(); ++k)
    for (std::size_t l = 0; l < st.p.size(); ++l)
      c += std::abs(st.i[k] - st.i[l]) * (st.p[k] * st.s[k] + st.p[l] * st.s[l]) /
           (st.p[k] + st.p[l]);
  return c / st.nvp;
}
double f_strength(const ngtdm_stats& st) {
  if (st.sum_s == 0) return 0.0;
  double a = 0;
  for (std::size_t k = 0; k < st.p.size(); ++k)
    for (std::size_t l = 0; l < st.p.size(); ++l)
      a += (st.p[k] + st.p[l]) * (st.i[k] - st.i[l]) * (st.i[k] - st.i[l]);
  return a / st.sum_s;
}

struct ngtdm_feature {
  const char* name;
  double (*fn)(const ngtdm_stats&);
};

const ngtdm_feature kFeatures[] = {
    {"Busyness", f_busyness},     {"Coarseness", f_coarseness}, {"Complexity", f_complexity},
    {"Contrast", f_contrast},     {"Strength", f_strength},
};

}  // namespace

namespace {

// Entry of one ROI voxel of level li whose w ROI neighbours have levels summing to total.
template <typename Sum>
void add_entry(const discretised& d, const settings& s, int li, Sum total, int w, matrix& M) {
  if (li == 0 || (w == 0 && s.ibsi)) return;  // IBSI: voxels without neighbours
  const int c = d.compact[li];
  M(c, 0) += 1;
  if (w > 0) M(c, 1) += std::abs(li - static_cast<double>(total) / w);
}

// Per row span: the sum of the neighbour levels and the number of ROI neighbours of every
// voxel, one branch-free pass per offset (vectorised); then the entries of the span's ROI
// voxels. `Sum` must hold (number of offsets) x (highest level).
template <typename Sum>
void fill_ngtdm(const padded_levels& pl, const discretised& d, const settings& s,
                const std::vector<std::ptrdiff_t>& offs, matrix& M) {
  std::vector<Sum> sum(static_cast<std::size_t>(pl.longest_span), 0);
  std::vector<std::int32_t> count(sum.size(), 0);
  Sum* __restrict sm = sum.data();
  std::int32_t* __restrict cn = count.data();
  detail::scan_spans(
      pl, offs,
      [&](std::size_t, const int*, const int* __restrict y, int n) {
        for (int t = 0; t < n; ++t) {
          sm[t] += static_cast<Sum>(y[t]);
          cn[t] += static_cast<std::int32_t>(y[t] != 0);
        }
      },
      [&](const row_span& sp) {
        const int* x = pl.level.data() + sp.start;
        for (int t = 0; t < sp.length; ++t) {
          add_entry(d, s, x[t], sm[t], cn[t], M);
          sm[t] = 0;
          cn[t] = 0;
        }
      });
}

// The same with sum and count packed in one 32-bit accumulator, count << kCountShift |
// sum (one load and store per voxel and offset instead of two), usable when fewer than 128
// offsets and (number of offsets) x (highest level) < 2^kCountShift.
constexpr int kCountShift = 24;
bool packable(const discretised& d, std::size_t n_offsets) {
  return n_offsets < 128 &&
         static_cast<double>(d.max_level) * static_cast<double>(n_offsets) <
             static_cast<double>(1 << kCountShift);
}

void fill_ngtdm_packed(const padded_levels& pl, const discretised& d, const settings& s,
                       const std::vector<std::ptrdiff_t>& offs, matrix& M) {
  std::vector<std::int32_t> packed(static_cast<std::size_t>(pl.longest_span), 0);
  std::int32_t* __restrict a = packed.data();
  constexpr std::int32_t kSumMask = (1 << kCountShift) - 1;
  detail::scan_spans(
      pl, offs,
      [&](std::size_t, const int*, const int* __restrict y, int n) {
        for (int t = 0; t < n; ++t)
          a[t] += y[t] + (static_cast<std::int32_t>(y[t] != 0) << kCountShift);
      },
      [&](const row_span& sp) {
        const int* x = pl.level.data() + sp.start;
        for (int t = 0; t < sp.length; ++t) {
          add_entry(d, s, x[t], a[t] & kSumMask, a[t] >> kCountShift, M);
          a[t] = 0;
        }
      });
}

}  // namespace

matrix ngtdm_matrix(const roi_box& roi, const discretised& d, const settings& s) {
  return ngtdm_matrix(roi, d, s, texture_grid(roi, d, s));
}

matrix ngtdm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                    const padded_levels& pl) {
  const auto offs =
      pl.offsets(make_angles(roi.dims, s.distances, true, s.force2d, s.force2d_dimension));
  const int n = static_cast<int>(d.n_levels());
  matrix M(n, 3);
  for (int k = 0; k < n; ++k) M(k, 2) = d.present[k];
  const double largest = static_cast<double>(d.max_level) * static_cast<double>(offs.size());
  if (packable(d, offs.size()))
    fill_ngtdm_packed(pl, d, s, offs, M);
  else if (largest < 2147483647.0)
    fill_ngtdm<std::int32_t>(pl, d, s, offs, M);
  else
    fill_ngtdm<double>(pl, d, s, offs, M);
  return M;
}

std::vector<std::string> ngtdm_names() { return detail::table_names(kFeatures); }

class_values compute_ngtdm(const class_input& in) {
  const matrix M = in.grid ? ngtdm_matrix(*in.roi, *in.levels, *in.opts, *in.grid)
                          : ngtdm_matrix(*in.roi, *in.levels, *in.opts);
  ngtdm_stats st;
  for (int k = 0; k < M.rows; ++k) st.nvp += M(k, 0);
  for (int k = 0; k < M.rows; ++k) {
    if (M(k, 0) == 0) continue;
    st.p.push_back(M(k, 0) / st.nvp);
    st.s.push_back(M(k, 1));
    st.i.push_back(M(k, 2));
    st.sum_s += M(k, 1);
  }
  st.ngp = static_cast<int>(st.p.size());
  return detail::evaluate_table(kFeatures, st);
}

}  // namespace radsig::features
