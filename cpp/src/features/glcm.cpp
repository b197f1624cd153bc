// Grey level co-occurrence matrix features (FEATURES.md 9.4, 10).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include <Eigen/Dense>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/aggregate.hpp"
#include "radsig/features/detail/glcm_stats.hpp"
#include "radsig/features/detail/interleaved_counts.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

using detail::glcm_stats;
using detail::kEps;

namespace {

// Counts the pairs (lv[k], lv[k + off]) for k in [0, length) into cell lv[k] * side +
// lv[k + off] (copy by position k).
void count_pairs(const int* lv, std::ptrdiff_t off, int length, int side,
                 detail::interleaved_counts& counts) {
  const auto cell = [&](int k) {
    return static_cast<std::size_t>(lv[k]) * side + static_cast<std::size_t>(lv[k + off]);
  };
  int k = 0;
  for (; k + 4 <= length; k += 4) {  // unrolled: the copy of each position is a constant
    counts.add(cell(k), 0);
    counts.add(cell(k + 1), 1);
    counts.add(cell(k + 2), 2);
    counts.add(cell(k + 3), 3);
  }
  for (; k < length; ++k) counts.add(cell(k), static_cast<std::size_t>(k));
}

}  // namespace

std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  std::vector<std::array<int, 3>>* angles_out) {
  return glcm_matrices(roi, d, s, texture_grid(roi, d, s), angles_out);
}

std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  const padded_levels& pl,
                                  std::vector<std::array<int, 3>>* angles_out) {
  const auto angles = make_angles(roi.dims, s.distances, false, s.force2d, s.force2d_dimension);
  const int n = static_cast<int>(d.n_levels());
  std::vector<matrix> P(angles.size(), matrix(n, n));
  // Pairs are counted in a table indexed by the grid's levels (0 = background) when it is
  // small; otherwise by compact level indices (background n) held per grid voxel.
  const int ng = d.max_level;
  const bool raw = static_cast<double>(ng + 1) * (ng + 1) <= 4.0 * (n + 1) * (n + 1);
  const int side = raw ? ng + 1 : n + 1;
  std::vector<int> compact_grid;
  if (!raw) {
    compact_grid.assign(pl.level.size(), n);
    for (const std::size_t i : pl.roi) compact_grid[i] = d.compact[pl.level[i]];
  }
  const int* lv = raw ? pl.level.data() : compact_grid.data();
  // Table index of a level (or compact index) value; row/column of the present level.
  std::vector<int> to_present(static_cast<std::size_t>(side), -1);
  for (int k = 0; k < n; ++k) to_present[raw ? d.present[k] : k] = k;
  // Four interleaved copies of the table, so that runs of equal pairs (smooth images) do not
  // make each increment wait for the previous one. Rows of the grid are visited over their
  // ROI spans, whose background voxels land in the background row (not extracted).
  detail::interleaved_counts counts(static_cast<std::size_t>(side) * side, 2);
  for (std::size_t a = 0; a < angles.size(); ++a) {
    const std::ptrdiff_t off = pl.offset(angles[a]);
    counts.clear();
    for (const row_span& sp : pl.spans) count_pairs(lv + sp.start, off, sp.length, side, counts);
    // Present levels only (background and absent levels hold no ROI pair).
    for (int u = 0; u < side; ++u) {
      if (to_present[u] < 0) continue;
      double* out = P[a].data.data() + static_cast<std::size_t>(to_present[u]) * n;
      for (int v = 0; v < side; ++v)
        if (to_present[v] >= 0)
          out[to_present[v]] = counts.total(static_cast<std::size_t>(u) * side + v);
    }
  }
  if (s.symmetrical_glcm)
    for (auto& m : P)
      for (int i = 0; i < n; ++i)
        for (int j = i; j < n; ++j) {
          const double t = m(i, j) + m(j, i);
          m(i, j) = t;
          m(j, i) = t;
        }
  if (angles_out) *angles_out = angles;
  return P;
}

namespace {

constexpr double kInvLn2 = 1.4426950408889634074;  // 1 / ln 2

// log2 of a cell count c >= 0: from a table of whole numbers 0..max (log2 0 is stored as 0,
// it is only ever multiplied by a zero count), or computed for other counts (weighted
// matrices); log2 of other non-negative numbers (marginal counts) falls back to std::log2.
class count_log2 {
 public:
  count_log2() = default;
  explicit count_log2(std::size_t max_whole) : table_(max_whole + 1, 0.0) {
    for (std::size_t k = 1; k < table_.size(); ++k) table_[k] = std::log2(static_cast<double>(k));
  }
  bool tabulated() const { return !table_.empty(); }
  // A cell count (whole and within the table when tabulated()).
  double cell(double c) const {
    if (tabulated()) return table_[static_cast<std::size_t>(c)];
    return c > 0 ? std::log2(c) : 0.0;
  }
  double any(double c) const {
    if (tabulated() && c < static_cast<double>(table_.size()) && c == std::floor(c))
      return table_[static_cast<std::size_t>(c)];
    return std::log2(c);
  }

 private:
  std::vector<double> table_;
};

// -p log2(p + eps) for p = c / total (c > 0), PyRadiomics' entropy term, from log2(c) -
// log2(total): log2(p + eps) = log2(p) + log2(1 + eps / p), and for eps / p <= 1e-8 the
// second term is eps / (p ln 2) to within 1e-16 relative, so the product is p log2(p) +
// eps / ln 2.
bool eps_negligible(double c, double total) { return kEps * total <= 1e-8 * c; }
double entropy_term(double c, double total, double log2_total, const count_log2& lg) {
  const double p = c / total;
  if (!eps_negligible(c, total)) return -p * std::log2(p + kEps);
  return -(p * (lg.any(c) - log2_total) + kEps * kInvLn2);
}

// An all-zero matrix (no pair in this direction) gives NaN for every feature, as PyRadiomics'
// 0 / 0 normalisation does.
glcm_stats nan_stats(int n, int ng) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  glcm_stats st;
  st.n = n;
  st.ng = ng;
  st.p.assign(static_cast<std::size_t>(n) * n, nan);
  st.px.assign(n, nan);
  st.py.assign(n, nan);
  st.psum.assign(2 * static_cast<std::size_t>(ng) + 1, nan);
  st.pdiff.assign(static_cast<std::size_t>(ng) + 1, nan);
  for (double* v : {&st.ux, &st.uy, &st.sx, &st.sy, &st.hx, &st.hy, &st.hxy, &st.hxy1, &st.hxy2,
                    &st.energy, &st.max_probability, &st.autocorrelation, &st.contrast,
                    &st.covariance, &st.sum_squares, &st.cluster2, &st.cluster3, &st.cluster4,
                    &st.difference_entropy, &st.sum_entropy})
    *v = nan;
  return st;
}

// Entropy of a distribution given as counts out of `total`.
double count_entropy(const std::vector<double>& counts, double total, double log2_total,
                     const count_log2& lg) {
  double h = 0;
  for (double c : counts)
    if (c > 0) h += entropy_term(c, total, log2_total, lg);
  return h;
}

// Moments that need only the marginals and the sum/difference distributions:
// sum of squares from p_x; contrast from p_{x-y}; cluster moments from p_{x+y} about
// ux + uy; autocorrelation sum ij p = (sum (i+j)^2 p - sum (i-j)^2 p) / 4; with equal
// means (symmetrical GLCM) also the covariance, ((i+j-2u)^2 - (i-j)^2) / 4.
void distribution_moments(glcm_stats& st, const std::vector<int>& lv, bool equal_means) {
  for (int i = 0; i < st.n; ++i) {
    const double d = lv[i] - st.ux;
    st.sum_squares += d * d * st.px[i];
  }
  double second_sum = 0;
  for (std::size_t k = 0; k < st.psum.size(); ++k) {
    const double v = st.psum[k];
    const double t = static_cast<double>(k) - st.ux - st.uy;
    second_sum += static_cast<double>(k) * static_cast<double>(k) * v;
    st.cluster2 += t * t * v;
    st.cluster3 += t * t * t * v;
    st.cluster4 += t * t * t * t * v;
  }
  for (std::size_t k = 0; k < st.pdiff.size(); ++k)
    st.contrast += static_cast<double>(k) * static_cast<double>(k) * st.pdiff[k];
  st.autocorrelation = (second_sum - st.contrast) / 4;
  if (equal_means) st.covariance = (st.cluster2 - st.contrast) / 4;
}

// Adds the row-major n x n counts to the sum (index lv_i + lv_j) and difference (index
// |lv_i - lv_j|) distributions; rows are added as slices when the levels are consecutive.
void add_sum_difference_counts(const double* c, int n, const std::vector<int>& lv,
                               std::vector<double>& sums, std::vector<double>& diffs) {
  const bool consecutive = n > 0 && lv.back() - lv.front() + 1 == n;
  for (int i = 0; i < n; ++i) {
    const double* row = c + static_cast<std::size_t>(i) * n;
    if (consecutive) {
      const Eigen::Map<const Eigen::VectorXd> r(row, n);
      Eigen::Map<Eigen::VectorXd>(sums.data() + lv[i] + lv[0], n) += r;  // j = 0..n-1
      Eigen::Map<Eigen::VectorXd>(diffs.data(), n - i) += r.tail(n - i);  // j >= i: j - i
      Eigen::Map<Eigen::VectorXd>(diffs.data() + 1, i) += r.head(i).reverse();  // j < i: i - j
      continue;
    }
    for (int j = 0; j < n; ++j) {
      sums[static_cast<std::size_t>(lv[i] + lv[j])] += row[j];
      diffs[static_cast<std::size_t>(std::abs(lv[i] - lv[j]))] += row[j];
    }
  }
}

// The statistics of one GLCM (counts, not normalised) with present level values `lv`.
// `lg` gives log2 of its cell counts.
glcm_stats make_stats(const matrix& m, const std::vector<int>& lv, const count_log2& lg) {
  using row_major = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const int n = m.rows, ng = lv.empty() ? 0 : lv.back();
  const Eigen::Map<const row_major> c(m.data.data(), n, n);
  const double total = c.sum();
  if (!(total > 0)) return nan_stats(n, ng);
  glcm_stats st;
  st.n = n;
  st.ng = ng;
  const double log2_total = std::log2(total), inv_total = 1 / total;
  // Whole-matrix reductions (vectorised): probabilities, marginal counts, sum of squares,
  // largest and smallest non-zero count, number of non-zero cells.
  st.p.resize(m.data.size());
  Eigen::Map<row_major>(st.p.data(), n, n) = c * inv_total;
  std::vector<double> rows(n), cols(n, 0.0), sums(2 * static_cast<std::size_t>(ng) + 1, 0.0),
      diffs(static_cast<std::size_t>(ng) + 1, 0.0);
  Eigen::Map<Eigen::VectorXd>(rows.data(), n) = c.rowwise().sum();
  for (int i = 0; i < n; ++i) Eigen::Map<Eigen::RowVectorXd>(cols.data(), n) += c.row(i);
  const double square_sum = c.squaredNorm(), max_count = c.maxCoeff();
  // Sum and difference distributions (counts); sum c (log2 c - log2 total) for the joint
  // entropy (every term <= 0, no cancellation; zero cells add zero); non-zero cells.
  add_sum_difference_counts(c.data(), n, lv, sums, diffs);
  // (Two partial sums halve the dependency chain of the additions.)
  double clogc_even = 0, clogc_odd = 0;
  std::size_t nonzero_cells = 0;
  const std::size_t cells = m.data.size();
  for (std::size_t k = 0; k < cells; ++k) {
    const double x = m.data[k];
    const double term = x * (lg.cell(x) - log2_total);
    if (k % 2 == 0)
      clogc_even += term;
    else
      clogc_odd += term;
    nonzero_cells += x != 0 ? 1 : 0;
  }
  const double clogc = clogc_even + clogc_odd;
  const auto nonzero = static_cast<double>(nonzero_cells);
  // Smallest non-zero count: at least 1 for whole counts (tabulated), else searched.
  double min_count = 1;
  if (!lg.tabulated()) {
    min_count = std::numeric_limits<double>::infinity();
    for (const double x : m.data)
      if (x != 0) min_count = std::min(min_count, x);
  }
  // HXY = -sum p log2(p + eps) = -sum c (log2 c - log2 total) / total - (non-zero cells) eps / ln 2
  // when eps is negligible for the smallest count (see entropy_term), else term by term.
  if (eps_negligible(min_count, total)) {
    st.hxy = -clogc * inv_total - nonzero * kEps * kInvLn2;
  } else {
    for (const double x : m.data)
      if (x != 0) st.hxy += entropy_term(x, total, log2_total, lg);
  }
  st.energy = square_sum / (total * total);
  st.max_probability = max_count / total;
  st.difference_entropy = count_entropy(diffs, total, log2_total, lg);
  st.sum_entropy = count_entropy(sums, total, log2_total, lg);
  auto to_probability = [&](std::vector<double>& v) {
    for (double& x : v) x /= total;
  };
  st.hx = count_entropy(rows, total, log2_total, lg);
  st.hy = count_entropy(cols, total, log2_total, lg);
  to_probability(rows);
  to_probability(cols);
  to_probability(sums);
  to_probability(diffs);
  st.px = std::move(rows);
  st.py = std::move(cols);
  st.psum = std::move(sums);
  st.pdiff = std::move(diffs);
  for (int i = 0; i < n; ++i) {
    st.ux += lv[i] * st.px[i];
    st.uy += lv[i] * st.py[i];
  }
  for (int i = 0; i < n; ++i) {
    const double di = lv[i] - st.ux, ei = lv[i] - st.uy;
    st.sx += di * di * st.px[i];
    st.sy += ei * ei * st.py[i];
  }
  st.sx = std::sqrt(st.sx);
  st.sy = std::sqrt(st.sy);
  // HXY1 = -sum p log2(p_x p_y + eps) and HXY2 = -sum p_x p_y log2(p_x p_y + eps) over the
  // cells with p_x p_y > 0, with log2(p_x p_y) = log2 p_x + log2 p_y and the eps term as in
  // entropy_term (exact log where eps is not negligible).
  std::vector<double> lx(n, 0.0), ix(n, 0.0), ly, iy;
  std::vector<int> cols_used;  // columns with p_y > 0
  for (int i = 0; i < n; ++i) {
    if (st.px[i] > 0) {
      lx[i] = std::log2(st.px[i]);
      ix[i] = 1 / st.px[i];
    }
    if (st.py[i] > 0) cols_used.push_back(i);
  }
  for (const int j : cols_used) {
    ly.push_back(std::log2(st.py[j]));
    iy.push_back(1 / st.py[j]);
  }
  const bool equal_means = st.px == st.py;
  double hxy1 = 0, hxy2 = 0, covariance = 0;  // locals: no store per cell
  for (int i = 0; i < n; ++i) {
    if (st.px[i] == 0) continue;  // p(i, j) = 0 and p_x p_y = 0 on this row
    const double* prow = st.p.data() + static_cast<std::size_t>(i) * n;
    for (std::size_t u = 0; u < cols_used.size(); ++u) {
      const int j = cols_used[u];
      const double pp = st.px[i] * st.py[j];
      const double r = kEps * ix[i] * iy[u];  // eps / (p_x p_y)
      const double lgp = r <= 1e-8 ? lx[i] + ly[u] + r * kInvLn2 : std::log2(pp + kEps);
      hxy1 -= prow[j] * lgp;
      hxy2 -= pp * lgp;
      if (!equal_means) covariance += (lv[i] - st.ux) * (lv[j] - st.uy) * prow[j];
    }
  }
  st.hxy1 = hxy1;
  st.hxy2 = hxy2;
  st.covariance = covariance;
  distribution_moments(st, lv, equal_means);
  return st;
}

double difference_average(const glcm_stats& st) {
  double s = 0;
  for (std::size_t k = 0; k < st.pdiff.size(); ++k) s += static_cast<double>(k) * st.pdiff[k];
  return s;
}
template <typename F>
double sum_diff(const glcm_stats& st, F f) {
  double s = 0;
  for (std::size_t k = 0; k < st.pdiff.size(); ++k) s += f(static_cast<double>(k)) * st.pdiff[k];
  return s;
}

double f_autocorrelation(const glcm_stats& st) { return st.autocorrelation; }
double f_joint_average(const glcm_stats& st) { return st.ux; }
double f_cluster_prominence(const glcm_stats& st) { return st.cluster4; }
double f_cluster_shade(const glcm_stats& st) { return st.cluster3; }
double f_cluster_tendency(const glcm_stats& st) { return st.cluster2; }
double f_contrast(const glcm_stats& st) { return st.contrast; }
double f_correlation(const glcm_stats& st) {
  if (st.sx * st.sy == 0) return 1.0;
  return st.covariance / (st.sx * st.sy + kEps);
}
double f_difference_average(const glcm_stats& st) { return difference_average(st); }
double f_difference_entropy(const glcm_stats& st) { return st.difference_entropy; }
double f_difference_variance(const glcm_stats& st) {
  const double da = difference_average(st);
  return sum_diff(st, [&](double k) { return (k - da) * (k - da); });
}
double f_joint_energy(const glcm_stats& st) { return st.energy; }
double f_joint_entropy(const glcm_stats& st) { return st.hxy; }
double f_imc1(const glcm_stats& st) {
  const double m = std::max(st.hx, st.hy);
  return m == 0 ? 0.0 : (st.hxy - st.hxy1) / m;
}
double f_imc2(const glcm_stats& st) {
  if (st.hxy2 == st.hxy) return 0.0;
  return std::sqrt(1 - std::exp(-2 * (st.hxy2 - st.hxy)));
}
double f_idm(const glcm_stats& st) {
  return sum_diff(st, [](double k) { return 1 / (1 + k * k); });
}
double f_idmn(const glcm_stats& st) {
  const double ng2 = st.ng * st.ng;
  return sum_diff(st, [&](double k) { return 1 / (1 + k * k / ng2); });
}
double f_id(const glcm_stats& st) {
  return sum_diff(st, [](double k) { return 1 / (1 + k); });
}
double f_idn(const glcm_stats& st) {
  return sum_diff(st, [&](double k) { return 1 / (1 + k / st.ng); });
}
double f_inverse_variance(const glcm_stats& st) {
  double s = 0;
  for (std::size_t k = 1; k < st.pdiff.size(); ++k)
    s += st.pdiff[k] / (static_cast<double>(k) * static_cast<double>(k));
  return s;
}
double f_maximum_probability(const glcm_stats& st) { return st.max_probability; }
double f_sum_average(const glcm_stats& st) {
  double s = 0;
  for (std::size_t k = 0; k < st.psum.size(); ++k) s += static_cast<double>(k) * st.psum[k];
  return s;
}
double f_sum_entropy(const glcm_stats& st) { return st.sum_entropy; }
double f_sum_squares(const glcm_stats& st) { return st.sum_squares; }

// Table of log2 for the whole-number counts of unweighted matrices (up to the largest
// cell, when that is not more than the cells themselves); computed logs otherwise.
count_log2 cell_log2(const std::vector<matrix>& P, bool whole_counts) {
  if (!whole_counts) return count_log2();
  double largest = 0, cells = 0;
  for (const auto& m : P) {
    if (!m.data.empty())
      largest = std::max(largest, Eigen::Map<const Eigen::ArrayXd>(
                                      m.data.data(), static_cast<Eigen::Index>(m.data.size()))
                                      .maxCoeff());
    cells += static_cast<double>(m.data.size());
  }
  if (largest > cells) return count_log2();
  return count_log2(static_cast<std::size_t>(largest));
}

struct glcm_feature {
  const char* name;
  double (*fn)(const glcm_stats&);
};

// Ordered as PyRadiomics outputs them; MCC is handled across angles.
const glcm_feature kFeatures[] = {
    {"Autocorrelation", f_autocorrelation},
    {"ClusterProminence", f_cluster_prominence},
    {"ClusterShade", f_cluster_shade},
    {"ClusterTendency", f_cluster_tendency},
    {"Contrast", f_contrast},
    {"Correlation", f_correlation},
    {"DifferenceAverage", f_difference_average},
    {"DifferenceEntropy", f_difference_entropy},
    {"DifferenceVariance", f_difference_variance},
    {"Id", f_id},
    {"Idm", f_idm},
    {"Idmn", f_idmn},
    {"Idn", f_idn},
    {"Imc1", f_imc1},
    {"Imc2", f_imc2},
    {"InverseVariance", f_inverse_variance},
    {"JointAverage", f_joint_average},
    {"JointEnergy", f_joint_energy},
    {"JointEntropy", f_joint_entropy},
    {"MCC", nullptr},
    {"MaximumProbability", f_maximum_probability},
    {"SumAverage", f_sum_average},
    {"SumEntropy", f_sum_entropy},
    {"SumSquares", f_sum_squares},
};

double glcm_weight(const std::array<int, 3>& a, const settings& s,
                   const std::array<double, 3>& spacing) {
  const auto d = detail::physical_offset(a, spacing);
  switch (s.weighting) {
    case weighting_norm::infinity: {
      const double m = std::max({d[0], d[1], d[2]});
      return std::exp(-m * m);
    }
    case weighting_norm::euclidean:
      return std::exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
    case weighting_norm::manhattan: {
      const double m = d[0] + d[1] + d[2];
      return std::exp(-m * m);
    }
    default:
      return 1.0;
  }
}

}  // namespace

std::vector<std::string> glcm_names() { return detail::table_names(kFeatures); }

class_values compute_glcm(const class_input& in) {
  const settings& s = *in.opts;
  std::vector<std::array<int, 3>> angles;
  auto P = in.grid ? glcm_matrices(*in.roi, *in.levels, s, *in.grid, &angles)
                   : glcm_matrices(*in.roi, *in.levels, s, &angles);
  if (s.weighting != weighting_norm::none) {
    std::vector<double> w;
    for (const auto& a : angles) w.push_back(glcm_weight(a, s, in.roi->spacing));
    P = {detail::merge(P, w)};
  } else {
    detail::drop_empty(P);
  }
  const count_log2 lg = cell_log2(P, s.weighting == weighting_norm::none);
  std::vector<glcm_stats> stats;
  for (const auto& m : P) stats.push_back(make_stats(m, in.levels->present, lg));
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    if (!f.fn) {
      out.values.push_back(detail::glcm_mcc(stats, static_cast<int>(in.levels->n_levels())));
      continue;
    }
    std::vector<double> per_angle;
    for (const auto& st : stats) per_angle.push_back(f.fn(st));
    out.values.push_back(f.fn == f_joint_average ? detail::plain_mean(per_angle)
                                                 : detail::nanmean(per_angle));
  }
  out.n_active = out.names.size();
  return out;
}

}  // namespace radsig::features
