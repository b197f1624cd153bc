// Grey level co-occurrence matrix features (FEATURES.md 9.4, 10).
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>

#include <Eigen/Dense>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/features/detail/aggregate.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

using detail::kEps;
using detail::xlog2;

std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  std::vector<std::array<int, 3>>* angles_out) {
  return glcm_matrices(roi, d, s, texture_grid(roi, d, s), angles_out);
}

std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  const padded_levels& pl,
                                  std::vector<std::array<int, 3>>* angles_out) {
  const auto angles = make_angles(roi.dims, s.distances, false, s.force2d, s.force2d_dimension);
  const int n = static_cast<int>(d.n_levels());
  // Row offset of each grid voxel's level in an n x n table and its column; background has
  // column n * n, so a pair with a background neighbour lands beyond the table (discarded).
  const std::int32_t outside = n * n;
  std::vector<std::int32_t> row(pl.level.size(), 0), col(pl.level.size(), outside);
  for (const std::size_t i : pl.roi) {
    row[i] = d.compact[pl.level[i]] * n;
    col[i] = d.compact[pl.level[i]];
  }
  std::vector<matrix> P(angles.size(), matrix(n, n));
  std::vector<std::uint32_t> count(2 * static_cast<std::size_t>(n) * n);
  for (std::size_t a = 0; a < angles.size(); ++a) {
    const std::ptrdiff_t off = pl.offset(angles[a]);
    std::fill(count.begin(), count.end(), 0u);
    for (const std::size_t i : pl.roi) ++count[static_cast<std::size_t>(row[i] + col[i + off])];
    for (std::size_t k = 0; k < P[a].data.size(); ++k) P[a].data[k] = count[k];
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

// Per-angle quantities derived from one normalised GLCM.
struct glcm_stats {
  int n = 0;
  const std::vector<int>* lv = nullptr;  // level value per row/column
  double ng = 0;                         // highest level present
  std::vector<double> p, px, py, psum, pdiff;  // psum index k = i + j, pdiff index |i - j|
  double ux = 0, uy = 0, sx = 0, sy = 0;
  double hx = 0, hy = 0, hxy = 0, hxy1 = 0, hxy2 = 0;
  // Sums over the cells of f(i, j) p(i, j) for the features that need the whole matrix,
  // taken in one pass (row-major, zero cells skipped).
  double autocorrelation = 0, contrast = 0, covariance = 0, sum_squares = 0;
  double cluster2 = 0, cluster3 = 0, cluster4 = 0;
  double at(int i, int j) const { return p[static_cast<std::size_t>(i) * n + j]; }
  double li(int i) const { return (*lv)[i]; }
};

// Adds cell (i, j) with probability v to the whole-matrix sums (needs ux and uy).
void add_cell_moments(glcm_stats& st, double i, double j, double v) {
  st.autocorrelation += (i * j) * v;
  st.contrast += ((i - j) * (i - j)) * v;
  st.covariance += ((i - st.ux) * (j - st.uy)) * v;
  st.sum_squares += ((i - st.ux) * (i - st.ux)) * v;
  const double t = i + j - st.ux - st.uy;
  st.cluster2 += (t * t) * v;
  st.cluster3 += (t * t * t) * v;
  st.cluster4 += (t * t * t * t) * v;
}

glcm_stats make_stats(const matrix& m, const std::vector<int>& lv) {
  glcm_stats st;
  st.n = m.rows;
  st.lv = &lv;
  st.ng = lv.empty() ? 0 : lv.back();
  const double total = m.sum();
  st.p.resize(m.data.size());
  for (std::size_t k = 0; k < m.data.size(); ++k) st.p[k] = m.data[k] / total;
  const int n = st.n, ng = static_cast<int>(st.ng);
  st.px.assign(n, 0);
  st.py.assign(n, 0);
  st.psum.assign(2 * ng + 1, 0);
  st.pdiff.assign(ng + 1, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double v = st.at(i, j);
      if (v == 0) continue;  // adds nothing to any of the sums below
      st.px[i] += v;
      st.py[j] += v;
      st.ux += st.li(i) * v;
      st.uy += st.li(j) * v;
      st.psum[lv[i] + lv[j]] += v;
      st.pdiff[std::abs(lv[i] - lv[j])] += v;
      st.hxy -= xlog2(v);
    }
  // log2(p_x(i) p_y(j) + eps); symmetric when p_x = p_y (symmetrical GLCM), then half suffice.
  const bool same_margins = st.px == st.py;
  std::vector<double> logs(static_cast<std::size_t>(n) * n, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = same_margins ? i : 0; j < n; ++j) {
      const double pp = st.px[i] * st.py[j];
      const double lg = pp == 0 ? 0.0 : std::log2(pp + kEps);
      logs[static_cast<std::size_t>(i) * n + j] = lg;
      if (same_margins) logs[static_cast<std::size_t>(j) * n + i] = lg;
    }
  for (int i = 0; i < n; ++i) {
    const double di = st.li(i) - st.ux, ei = st.li(i) - st.uy;
    st.sx += di * di * st.px[i];
    st.sy += ei * ei * st.py[i];
    if (st.px[i] == 0) continue;  // p(i, j) = 0 and p_x p_y = 0 on this row
    for (int j = 0; j < n; ++j) {
      const double pp = st.px[i] * st.py[j];
      if (pp == 0) continue;  // then p(i, j) = 0 too
      const double lg = logs[static_cast<std::size_t>(i) * n + j];
      const double v = st.at(i, j);
      st.hxy1 -= v * lg;
      st.hxy2 -= pp * lg;
      if (v != 0) add_cell_moments(st, st.li(i), st.li(j), v);
    }
  }
  st.sx = std::sqrt(st.sx);
  st.sy = std::sqrt(st.sy);
  for (int i = 0; i < n; ++i) {
    st.hx -= xlog2(st.px[i]);
    st.hy -= xlog2(st.py[i]);
  }
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
double entropy(const std::vector<double>& p) {
  double h = 0;
  for (double v : p) h -= xlog2(v);
  return h;
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
double f_difference_entropy(const glcm_stats& st) { return entropy(st.pdiff); }
double f_difference_variance(const glcm_stats& st) {
  const double da = difference_average(st);
  return sum_diff(st, [&](double k) { return (k - da) * (k - da); });
}
double f_joint_energy(const glcm_stats& st) {
  double s = 0;
  for (double v : st.p) s += v * v;
  return s;
}
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
double f_maximum_probability(const glcm_stats& st) {
  return *std::max_element(st.p.begin(), st.p.end());
}
double f_sum_average(const glcm_stats& st) {
  double s = 0;
  for (std::size_t k = 0; k < st.psum.size(); ++k) s += static_cast<double>(k) * st.psum[k];
  return s;
}
double f_sum_entropy(const glcm_stats& st) { return entropy(st.psum); }
double f_sum_squares(const glcm_stats& st) { return st.sum_squares; }

using cd = std::complex<double>;

// Eigenvalues of Q for one angle with a general eigen-solver (FEATURES.md 9.4, MCC detail).
std::vector<cd> mcc_eigenvalues(const glcm_stats& st) {
  const int n = st.n;
  // Q = A P^T with A(i, k) = p(i, k) / (p_x(i) p_y(k) + eps).
  Eigen::MatrixXd a(n, n), p(n, n);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k) {
      p(i, k) = st.at(i, k);
      a(i, k) = st.at(i, k) / (st.px[i] * st.py[k] + kEps);
    }
  const Eigen::MatrixXd q = a * p.transpose();
  Eigen::EigenSolver<Eigen::MatrixXd> es(q, false);
  std::vector<cd> ev(es.eigenvalues().data(), es.eigenvalues().data() + n);
  return ev;
}

// Number of eigenvalues below x of the symmetric tridiagonal matrix (d, e) (Sturm count of
// the LDL^T pivots).
int eigenvalues_below(const Eigen::VectorXd& d, const Eigen::VectorXd& e, double x) {
  const double tiny = std::numeric_limits<double>::min();
  int count = 0;
  double q = d[0] - x;
  for (Eigen::Index i = 0;; ++i) {
    if (q == 0) q = -tiny;
    if (q < 0) ++count;
    if (i + 1 >= d.size()) break;
    q = d[i + 1] - x - e[i] * e[i] / q;
  }
  return count;
}

// Eigenvalue k (0-based, ascending) of a symmetric tridiagonal matrix by bisection on the
// Sturm count, to machine precision.
double tridiagonal_eigenvalue(const Eigen::VectorXd& d, const Eigen::VectorXd& e, int k) {
  double lo = 0, hi = 0;  // Gershgorin interval
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const double r = (i > 0 ? std::abs(e[i - 1]) : 0.0) + (i + 1 < d.size() ? std::abs(e[i]) : 0.0);
    lo = i == 0 ? d[i] - r : std::min(lo, d[i] - r);
    hi = i == 0 ? d[i] + r : std::max(hi, d[i] + r);
  }
  const double scale = std::max(std::abs(lo), std::abs(hi));
  for (int it = 0; it < 200 && hi - lo > 2 * kEps * scale; ++it) {
    const double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (eigenvalues_below(d, e, mid) > k)
      hi = mid;
    else
      lo = mid;
  }
  return lo + (hi - lo) / 2;
}

// Second largest eigenvalue of Q through a symmetric problem, when that is certified to
// match. Without the eps, Q0 = Dx^-1 P Dy^-1 P^T is similar to N N^T with
// N = Dx^-1/2 P Dy^-1/2 (rows/columns with p_x = 0 / p_y = 0 dropped: they only add zero
// eigenvalues), whose eigenvalues are those of the smaller Gram matrix plus zeros. Q itself
// differs by the eps; transformed, Q = N N^T - (N o R) N^T with R(i, k) = eps / (p_x p_y + eps),
// so by Bauer-Fike every eigenvalue of Q lies within b = ||N o R||_F ||N||_2 of one of N N^T.
// Returns false (use the general solver) unless b <= 1e-8 lambda_2 (MCC then within 5e-9
// relative of the general path, far inside the 1e-6 conformance tolerance), which also sends every
// degenerate case (lambda_2 ~ 0, where the general solver's rounding decides NaN versus 0)
// down the original path.
bool mcc_symmetric(const glcm_stats& st, double& lambda2) {
  std::vector<int> rows, cols;
  for (int i = 0; i < st.n; ++i) {
    if (st.px[i] > 0) rows.push_back(i);
    if (st.py[i] > 0) cols.push_back(i);
  }
  const int m = static_cast<int>(rows.size()), q = static_cast<int>(cols.size());
  if (m < 2 || q < 2) return false;
  Eigen::MatrixXd nm(m, q);
  double perturb = 0;
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < q; ++c) {
      const double v = st.at(rows[r], cols[c]);
      const double pp = st.px[rows[r]] * st.py[cols[c]];
      const double x = v / std::sqrt(pp);
      nm(r, c) = x;
      const double rr = kEps / (pp + kEps);
      perturb += x * x * rr * rr;
    }
  const Eigen::MatrixXd gram = m <= q ? Eigen::MatrixXd(nm * nm.transpose())
                                      : Eigen::MatrixXd(nm.transpose() * nm);
  const Eigen::Tridiagonalization<Eigen::MatrixXd> tri(gram);
  const Eigen::VectorXd diag = tri.diagonal(), sub = tri.subDiagonal();
  const int g = static_cast<int>(diag.size());
  const double largest = tridiagonal_eigenvalue(diag, sub, g - 1);
  // Q has n eigenvalues: those of the Gram matrix and n - min(m, q) zeros.
  double l2 = tridiagonal_eigenvalue(diag, sub, g - 2);
  if (st.n > std::min(m, q)) l2 = std::max(l2, 0.0);
  const double bound = std::sqrt(perturb) * std::sqrt(std::max(largest, 0.0));
  if (!(l2 > 0) || !(bound <= 1e-8 * l2)) return false;
  lambda2 = l2;
  return true;
}

// MCC over all angles (the real/complex switch spans all angles whose eigenvalues come from
// the general solver; certified symmetric ones are real and positive).
double mcc(const std::vector<glcm_stats>& stats, int n_levels) {
  for (const auto& st : stats)
    for (double v : st.p)
      if (std::isnan(v)) return std::numeric_limits<double>::quiet_NaN();
  if (n_levels < 2) return 1.0;
  std::vector<std::vector<cd>> evs;
  std::vector<double> certified;  // lambda_2 per angle, NaN where the general solver is used
  bool all_real = true;
  for (const auto& st : stats) {
    double l2 = 0;
    if (mcc_symmetric(st, l2)) {
      certified.push_back(l2);
      evs.emplace_back();
      continue;
    }
    certified.push_back(std::numeric_limits<double>::quiet_NaN());
    evs.push_back(mcc_eigenvalues(st));
    for (const cd& e : evs.back())
      if (e.imag() != 0) all_real = false;
  }
  std::vector<double> vals;
  double re = 0;
  int count = 0;
  for (std::size_t a = 0; a < evs.size(); ++a) {
    cd l2(certified[a], 0.0);
    if (std::isnan(certified[a])) {
      auto& ev = evs[a];
      std::sort(ev.begin(), ev.end(), [](const cd& x, const cd& y) {
        return x.real() < y.real() || (x.real() == y.real() && x.imag() < y.imag());
      });
      l2 = ev[ev.size() - 2];
    }
    if (all_real) {
      vals.push_back(l2.real() < 0 ? std::numeric_limits<double>::quiet_NaN()
                                   : std::sqrt(l2.real()));
    } else {
      const cd r = std::sqrt(l2);
      if (std::isnan(r.real()) || std::isnan(r.imag())) continue;
      re += r.real();
      ++count;
    }
  }
  if (all_real) return detail::nanmean(vals);
  return count == 0 ? std::numeric_limits<double>::quiet_NaN() : re / count;
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
  std::vector<glcm_stats> stats;
  for (const auto& m : P) stats.push_back(make_stats(m, in.levels->present));
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    if (!f.fn) {
      out.values.push_back(mcc(stats, static_cast<int>(in.levels->n_levels())));
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
