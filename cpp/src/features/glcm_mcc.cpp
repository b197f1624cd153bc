// GLCM feature MCC (FEATURES.md 9.4): the second largest eigenvalue of
// Q = Dx^-1 P Dy^-1 P^T per angle, through a certified symmetric problem where possible.
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <limits>
#include <vector>

#include <Eigen/Dense>

#include "radsig/features/detail/aggregate.hpp"
#include "radsig/features/detail/glcm_stats.hpp"

namespace radsig::features::detail {

namespace {

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

// Symmetric tridiagonal matrix: diagonal d, squared off-diagonal e2 (e2[i] couples i, i + 1).
struct tridiagonal {
  std::vector<double> d, e2;
  double lo = 0, hi = 0;  // Gershgorin interval holding every eigenvalue
};

tridiagonal make_tridiagonal(const Eigen::VectorXd& diag, const Eigen::VectorXd& sub) {
  tridiagonal t;
  const std::size_t n = static_cast<std::size_t>(diag.size());
  t.d.assign(diag.data(), diag.data() + n);
  t.e2.resize(n > 0 ? n - 1 : 0);
  for (std::size_t i = 0; i + 1 < n; ++i) t.e2[i] = sub[static_cast<Eigen::Index>(i)] * sub[static_cast<Eigen::Index>(i)];
  for (std::size_t i = 0; i < n; ++i) {
    const double r = (i > 0 ? std::abs(sub[static_cast<Eigen::Index>(i - 1)]) : 0.0) +
                     (i + 1 < n ? std::abs(sub[static_cast<Eigen::Index>(i)]) : 0.0);
    t.lo = i == 0 ? t.d[i] - r : std::min(t.lo, t.d[i] - r);
    t.hi = i == 0 ? t.d[i] + r : std::max(t.hi, t.d[i] + r);
  }
  return t;
}

// Numbers of eigenvalues below each of kShifts shifts x (Sturm counts of the LDL^T pivots);
// the shifts' recurrences are independent, so their divisions run side by side: two shifts
// per SSE2 register (GCC/Clang vector extensions, twice as fast here as the same loop on
// Eigen arrays, whose select/cast steps are not vectorised).
constexpr int kShifts = 8;
using shift_array = std::array<double, kShifts>;
typedef double pair_d __attribute__((vector_size(16)));
typedef long long pair_i __attribute__((vector_size(16)));
shift_array eigenvalues_below(const tridiagonal& t, const shift_array& xs) {
  constexpr int kPairs = kShifts / 2;
  const double tiny = std::numeric_limits<double>::min();
  const pair_d zero = {0.0, 0.0}, minus_tiny = {-tiny, -tiny};
  const std::size_t n = t.d.size();
  pair_d x[kPairs], q[kPairs];
  pair_i count[kPairs];
  for (int v = 0; v < kPairs; ++v) {
    x[v] = pair_d{xs[2 * v], xs[2 * v + 1]};
    q[v] = t.d[0] - x[v];
    count[v] = pair_i{0, 0};
  }
  for (std::size_t i = 0;; ++i) {
    for (int v = 0; v < kPairs; ++v) {
      const pair_i is_zero = q[v] == zero;  // lanes: -1 (true) or 0
      q[v] = (pair_d)(((pair_i)q[v] & ~is_zero) | ((pair_i)minus_tiny & is_zero));
      count[v] -= q[v] < zero;
    }
    if (i + 1 >= n) break;
    const double d = t.d[i + 1], e2 = t.e2[i];
    for (int v = 0; v < kPairs; ++v) q[v] = (d - x[v]) - e2 / q[v];
  }
  shift_array out;
  for (int v = 0; v < kPairs; ++v) {
    out[2 * v] = static_cast<double>(count[v][0]);
    out[2 * v + 1] = static_cast<double>(count[v][1]);
  }
  return out;
}

// Eigenvalue k (0-based, ascending) in [lo, hi] by multisection on the Sturm counts (kShifts
// points per sweep), until the bracket is within 1e-11 of its own magnitude or 1e-15 of the
// spectrum's (eigenvalues near zero), or cannot shrink.
double tridiagonal_eigenvalue(const tridiagonal& t, int k, double lo, double hi) {
  const double floor = 1e-15 * std::max(std::abs(t.lo), std::abs(t.hi));
  for (int it = 0; it < 100; ++it) {
    if (hi - lo <= std::max(1e-11 * std::max(std::abs(lo), std::abs(hi)), floor)) break;
    shift_array x;
    const double step = (hi - lo) / (kShifts + 1);
    for (int s = 0; s < kShifts; ++s) x[s] = lo + (s + 1) * step;
    if (!(x[0] > lo) || !(x[kShifts - 1] < hi)) break;  // no room left between lo and hi
    const shift_array count = eigenvalues_below(t, x);
    // Eigenvalue k lies below x[s] exactly when more than k eigenvalues do.
    int s = 0;
    while (s < kShifts && count[s] <= k) ++s;
    if (s > 0) lo = x[s - 1];
    if (s < kShifts) hi = x[s];
  }
  return lo + (hi - lo) / 2;
}

// Second largest eigenvalue of Q through a symmetric problem, when that is certified to
// match. Without the eps, Q0 = Dx^-1 P Dy^-1 P^T is similar to N N^T with
// N = Dx^-1/2 P Dy^-1/2 (rows/columns with p_x = 0 / p_y = 0 dropped: they only add zero
// eigenvalues), whose eigenvalues are those of the smaller Gram matrix plus zeros. Q itself
// differs by the eps; transformed, Q = N N^T - (N o R) N^T with R(i, k) = eps / (p_x p_y + eps),
// so by Bauer-Fike every eigenvalue of Q lies within b = ||N o R||_F ||N||_2 of one of N N^T
// (||N||_2^2 is at most the Gershgorin bound of the Gram matrix's tridiagonal form).
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
  std::vector<double> ry(q);
  for (int c = 0; c < q; ++c) ry[c] = 1 / std::sqrt(st.py[cols[c]]);
  // Stored as the Gram side's factor: rows of `nm` index the smaller dimension.
  const bool by_rows = m <= q;
  Eigen::MatrixXd nm = by_rows ? Eigen::MatrixXd(m, q) : Eigen::MatrixXd(q, m);
  // ||N o R||_F^2 is bounded above with R(i, k) = eps / (p_x p_y + eps) <= eps / (p_x p_y)
  // = eps (rx ry)^2 (rx = p_x^-1/2, ry = p_y^-1/2): the bound stays certified without a
  // division per cell.
  double perturb = 0;
  for (int r = 0; r < m; ++r) {
    const double rx = 1 / std::sqrt(st.px[rows[r]]);
    for (int c = 0; c < q; ++c) {
      const double x = st.at(rows[r], cols[c]) * rx * ry[c];
      (by_rows ? nm(r, c) : nm(c, r)) = x;
      const double rr = kEps * (rx * ry[c]) * (rx * ry[c]);
      perturb += x * x * rr * rr;
    }
  }
  const int g = static_cast<int>(nm.rows());
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(g, g);
  gram.selfadjointView<Eigen::Lower>().rankUpdate(nm);  // lower triangle of nm nm^T
  const Eigen::Tridiagonalization<Eigen::MatrixXd> tri(gram);  // reads the lower triangle
  const tridiagonal t = make_tridiagonal(tri.diagonal(), tri.subDiagonal());
  // Q has n eigenvalues: those of the Gram matrix and n - min(m, q) zeros.
  // The Gram matrix is positive semi-definite: a negative lambda_2 (rounding) fails the
  // certification below as lambda_2 = 0 does, so the search starts at 0.
  double l2 = tridiagonal_eigenvalue(t, g - 2, std::max(t.lo, 0.0), t.hi);
  if (st.n > g) l2 = std::max(l2, 0.0);
  const double bound = std::sqrt(perturb) * std::sqrt(std::max(t.hi, 0.0));
  if (!(l2 > 0) || !(bound <= 1e-8 * l2)) return false;
  lambda2 = l2;
  return true;
}

}  // namespace

// MCC over all angles (the real/complex switch spans all angles whose eigenvalues come from
// the general solver; certified symmetric ones are real and positive).
double glcm_mcc(const std::vector<glcm_stats>& stats, int n_levels) {
  for (const auto& st : stats)
    if (std::isnan(st.hxy)) return std::numeric_limits<double>::quiet_NaN();  // empty matrix
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
  if (all_real) return nanmean(vals);
  return count == 0 ? std::numeric_limits<double>::quiet_NaN() : re / count;
}


}  // namespace radsig::features::detail
