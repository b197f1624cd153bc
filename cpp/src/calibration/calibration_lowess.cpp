#include <algorithm>
#include <cmath>
#include <limits>

#include "radsig/calibration/calibration.hpp"
#include "radsig/core/error.hpp"

namespace radsig::calibration {
namespace {

// Weighted moments of d = x - xs and y over a local window.
struct moments {
  double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;  // sum w, w d, w d^2, w y, w d y
  void add(double w, double d, double yj) {
    const double wd = w * d;
    s0 += w;
    s1 += wd;
    s2 += wd * d;
    t0 += w * yj;
    t1 += wd * yj;
  }
};

#if defined(__GNUC__) || defined(__clang__)
#define RADSIG_LOWESS_VECTOR 1
// Four doubles processed together: one AVX register where available, else two SSE2 (x86-64)
// or NEON (arm64) registers, or scalar code. The lanes and their summation order are the
// same whichever instructions the compiler picks, so results do not depend on the CPU.
// (Loads by memcpy: no function returns a v4d, which would change the ABI without AVX.)
typedef double v4d __attribute__((vector_size(32)));
#endif

#if defined(RADSIG_LOWESS_VECTOR) && defined(__x86_64__) && defined(__linux__) && \
    !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
// An AVX version chosen at run time on CPUs that have it (no FMA: same rounding).
#define RADSIG_LOWESS_CLONES __attribute__((target_clones("avx", "default")))
#else
#define RADSIG_LOWESS_CLONES
#endif

// Tricube-weighted moments of the points a..b-1: w = (1 - q^3)^3 with q = (x - xs) * scale
// (scale = -1/h left of xs, +1/h right of it), times the robustness weights when given.
RADSIG_LOWESS_CLONES
void add_tricube(const double* x, const double* y, const double* robust, std::size_t a,
                 std::size_t b, double xs, double scale, double* out) {
  std::size_t j = a;
  double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
#ifdef RADSIG_LOWESS_VECTOR
  if (b - a >= 4) {
    const v4d vxs = {xs, xs, xs, xs}, vsc = {scale, scale, scale, scale}, one = {1, 1, 1, 1};
    v4d v0 = {0, 0, 0, 0}, v1 = v0, v2 = v0, u0 = v0, u1 = v0;
    for (; j + 4 <= b; j += 4) {
      v4d xj, yj;
      __builtin_memcpy(&xj, x + j, sizeof xj);
      __builtin_memcpy(&yj, y + j, sizeof yj);
      const v4d d = xj - vxs;
      const v4d q = d * vsc;
      const v4d t = one - q * q * q;
      v4d w = t * t * t;
      if (robust) {
        v4d rj;
        __builtin_memcpy(&rj, robust + j, sizeof rj);
        w *= rj;
      }
      const v4d wd = w * d;
      v0 += w;
      v1 += wd;
      v2 += wd * d;
      u0 += w * yj;
      u1 += wd * yj;
    }
    s0 = (v0[0] + v0[1]) + (v0[2] + v0[3]);
    s1 = (v1[0] + v1[1]) + (v1[2] + v1[3]);
    s2 = (v2[0] + v2[1]) + (v2[2] + v2[3]);
    t0 = (u0[0] + u0[1]) + (u0[2] + u0[3]);
    t1 = (u1[0] + u1[1]) + (u1[2] + u1[3]);
  }
#endif
  moments m;  // the remaining points, one at a time
  m.s0 = s0;
  m.s1 = s1;
  m.s2 = s2;
  m.t0 = t0;
  m.t1 = t1;
  for (; j < b; ++j) {
    const double d = x[j] - xs, q = d * scale, t = 1 - q * q * q;
    double w = t * t * t;
    if (robust) w *= robust[j];
    m.add(w, d, y[j]);
  }
  out[0] = m.s0;
  out[1] = m.s1;
  out[2] = m.s2;
  out[3] = m.t0;
  out[4] = m.t1;
}

void add_tricube(const double* x, const double* y, const double* robust, std::size_t a,
                 std::size_t b, double xs, double scale, moments& m) {
  if (b <= a) return;
  double s[5];
  add_tricube(x, y, robust, a, b, xs, scale, s);
  m.s0 += s[0];
  m.s1 += s[1];
  m.s2 += s[2];
  m.t0 += s[3];
  m.t1 += s[4];
}

void add_window(const double* x, const double* y, const double* robust, std::size_t l9,
                std::size_t l1, std::size_t r1, std::size_t r9, double xs, double inv_h,
                moments& m) {
  add_tricube(x, y, robust, l9, l1, xs, -inv_h, m);
  for (std::size_t j = l1; j < r1; ++j) m.add(robust ? robust[j] : 1.0, x[j] - xs, y[j]);
  add_tricube(x, y, robust, r1, r9, xs, inv_h, m);
}

// Weighted local linear fit at xs (as R's clowess): the points from nleft on within 0.999 h
// of xs, h the larger distance from xs to x[nleft] or x[nright], get tricube weights (1 if
// within 0.001 h), times the robustness weights when given. x is sorted, so these points
// form index ranges found by bisection: [l9, l1) left of xs, [l1, r1) within 0.001 h,
// [r1, r9) right of xs. One pass accumulates the weighted moments of d = x - xs and y; the
// fit at xs is mean(y) - mean(d) cov(d, y) / var(d) (weights normalised), the estimate
// clowess computes in several passes. Returns false if all weights vanish.
bool local_fit(const double* x, const double* y, std::size_t n, double range, double xs,
               std::size_t nleft, std::size_t nright, const double* robust, double& ys) {
  const double h = std::max(xs - x[nleft], x[nright] - xs);
  const double h9 = 0.999 * h, h1 = 0.001 * h;
  const double inv_h = h > 0 ? 1.0 / h : 0.0;
  const double* end = x + n;
  const double* l9 = std::partition_point(x + nleft, end, [&](double v) { return xs - v > h9; });
  const double* l1 = std::partition_point(l9, end, [&](double v) { return xs - v > h1; });
  const double* r1 = std::partition_point(l1, end, [&](double v) { return v - xs <= h1; });
  const double* r9 = std::partition_point(r1, end, [&](double v) { return v - xs <= h9; });
  moments m;
  add_window(x, y, robust, l9 - x, l1 - x, r1 - x, r9 - x, xs, inv_h, m);
  if (m.s0 <= 0) return false;
  const double md = m.s1 / m.s0;
  ys = m.t0 / m.s0;
  if (h > 0) {
    const double c = m.s2 / m.s0 - md * md;
    const double cxy = m.t1 / m.s0 - md * ys;
    if (std::sqrt(c) > 0.001 * range) ys -= md / c * cxy;
  }
  return true;
}

}  // namespace

void lowess_sorted(const double* x, const double* y, std::size_t n, double f, int iter,
                   double delta, double* ys) {
  if (n == 0) return;
  if (delta < 0) delta = 0.01 * (x[n - 1] - x[0]);
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const double range = x[n - 1] - x[0];
  std::vector<double> robust, resid;
  if (iter > 0) {
    robust.assign(n, 1.0);
    resid.resize(n);
  }
  const std::size_t ns = std::max<std::size_t>(
      2, std::min<std::size_t>(n, static_cast<std::size_t>(f * n + 1e-7)));
  for (int it = 1; it <= iter + 1; ++it) {
    std::size_t nleft = 0, nright = ns - 1;
    long last = -1;
    std::size_t i = 0;
    for (;;) {
      if (nright < n - 1) {
        const double d1 = x[i] - x[nleft], d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          ++nleft;
          ++nright;
          continue;
        }
      }
      double fitted = 0;
      if (!local_fit(x, y, n, range, x[i], nleft, nright, it > 1 ? robust.data() : nullptr,
                     fitted))
        fitted = y[i];
      ys[i] = fitted;
      if (last < static_cast<long>(i) - 1) {
        const double denom = x[i] - x[last];
        for (std::size_t j = last + 1; j < i; ++j) {
          const double alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = static_cast<long>(i);
      const double cut = x[last] + delta;
      for (i = last + 1; i < n; ++i) {
        if (x[i] > cut) break;
        if (x[i] == x[last]) {
          ys[i] = ys[last];
          last = static_cast<long>(i);
        }
      }
      i = std::max<std::size_t>(last + 1, i - 1);
      if (last >= static_cast<long>(n) - 1) break;
    }
    if (it > iter) break;
    // robustness weights from the residuals (bisquare with 6 * median |residual|)
    for (std::size_t k = 0; k < n; ++k) resid[k] = y[k] - ys[k];
    double sc = 0;
    for (double r : resid) sc += std::fabs(r);
    sc /= n;
    std::vector<double> ar(n);
    for (std::size_t k = 0; k < n; ++k) ar[k] = std::fabs(resid[k]);
    const std::size_t m1 = n / 2;
    std::nth_element(ar.begin(), ar.begin() + m1, ar.end());
    double cmad;
    if (n % 2 == 0) {
      const double hi = ar[m1];
      const double lo = *std::max_element(ar.begin(), ar.begin() + m1);
      cmad = 3 * (lo + hi);
    } else {
      cmad = 6 * ar[m1];
    }
    if (cmad < 1e-7 * sc) break;
    const double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
    for (std::size_t k = 0; k < n; ++k) {
      const double r = std::fabs(resid[k]);
      if (r <= c1) robust[k] = 1;
      else if (r <= c9) {
        const double q = r / cmad;
        robust[k] = (1 - q * q) * (1 - q * q);
      } else robust[k] = 0;
    }
  }
}

std::vector<double> lowess(const std::vector<double>& x, const std::vector<double>& y, double f,
                           int iter, double delta) {
  const std::size_t n = x.size();
  if (y.size() != n) throw invalid_argument("y", "length differs from x");
  if (!std::is_sorted(x.begin(), x.end())) throw invalid_argument("x", "must be sorted");
  if (!(f > 0)) throw invalid_argument("f", "must be > 0");
  std::vector<double> ys(n);
  lowess_sorted(x.data(), y.data(), n, f, iter, delta, ys.data());
  return ys;
}

void interpolate_sorted(const double* x, const double* y, std::size_t n, const double* xout,
                        std::size_t m, double* out) {
  for (std::size_t k = 0; k < m; ++k) {
    const double v = xout[k];
    out[k] = std::numeric_limits<double>::quiet_NaN();
    if (n == 0 || !(v >= x[0] && v <= x[n - 1])) continue;
    // j: first point beyond v; i: first of the points tied with x[j - 1] (ties keep the
    // first y).
    const std::size_t j = static_cast<std::size_t>(std::upper_bound(x, x + n, v) - x);
    const std::size_t i = static_cast<std::size_t>(std::lower_bound(x, x + j, x[j - 1]) - x);
    if (j == n || v == x[i]) {
      out[k] = y[i];
      continue;
    }
    out[k] = y[i] + (y[j] - y[i]) * (v - x[i]) / (x[j] - x[i]);
  }
}

std::vector<double> interpolate(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>& xout) {
  if (y.size() != x.size()) throw invalid_argument("y", "length differs from x");
  if (!std::is_sorted(x.begin(), x.end())) throw invalid_argument("x", "must be sorted");
  std::vector<double> out(xout.size());
  interpolate_sorted(x.data(), y.data(), x.size(), xout.data(), xout.size(), out.data());
  return out;
}

}  // namespace radsig::calibration
