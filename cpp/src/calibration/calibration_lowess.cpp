#include <algorithm>
#include <cmath>
#include <limits>

#include "radsig/calibration/calibration.hpp"
#include "radsig/core/error.hpp"

namespace radsig::calibration {
namespace {

// Weighted local linear fit at xs using points nleft..nright; returns false if all weights
// vanish.
bool local_fit(const std::vector<double>& x, const std::vector<double>& y, double xs,
               std::size_t nleft, std::size_t nright, const std::vector<double>& robust,
               bool use_robust, std::vector<double>& w, double& ys) {
  const std::size_t n = x.size();
  const double range = x[n - 1] - x[0];
  const double h = std::max(xs - x[nleft], x[nright] - xs);
  const double h9 = 0.999 * h, h1 = 0.001 * h;
  double a = 0;
  std::size_t j = nleft;
  for (; j < n; ++j) {
    w[j] = 0;
    const double r = std::fabs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j] = 1;
      } else {
        const double q = r / h;
        const double t = 1 - q * q * q;
        w[j] = t * t * t;
      }
      if (use_robust) w[j] *= robust[j];
      a += w[j];
    } else if (x[j] > xs) {
      break;
    }
  }
  const std::size_t nrt = j - 1;
  if (a <= 0) return false;
  // Weighted mean of x, then (second pass) the weighted slope terms: the local linear fit at
  // xs is mean(y) + b (xs - mean(x)) with b = cov(x, y) / var(x) (weights normalised).
  double sx = 0, sy = 0;
  for (j = nleft; j <= nrt; ++j) {
    sx += w[j] * x[j];
    sy += w[j] * y[j];
  }
  const double mean = sx / a;
  ys = sy / a;
  if (h > 0) {
    double c = 0, cxy = 0;
    for (j = nleft; j <= nrt; ++j) {
      const double dx = x[j] - mean;
      c += w[j] * dx * dx;
      cxy += w[j] * dx * y[j];
    }
    c /= a;
    cxy /= a;
    if (std::sqrt(c) > 0.001 * range) ys += (xs - mean) / c * cxy;
  }
  return true;
}

}  // namespace

std::vector<double> lowess(const std::vector<double>& x, const std::vector<double>& y, double f,
                           int iter, double delta) {
  const std::size_t n = x.size();
  if (y.size() != n) throw invalid_argument("y", "length differs from x");
  if (n == 0) return {};
  if (!std::is_sorted(x.begin(), x.end())) throw invalid_argument("x", "must be sorted");
  if (!(f > 0)) throw invalid_argument("f", "must be > 0");
  if (delta < 0) delta = 0.01 * (x[n - 1] - x[0]);
  std::vector<double> ys(n), w(n), robust(n, 1.0), resid(n);
  if (n < 2) {
    ys[0] = y[0];
    return ys;
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
      if (!local_fit(x, y, x[i], nleft, nright, robust, it > 1, w, fitted)) fitted = y[i];
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
  return ys;
}

std::vector<double> interpolate(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>& xout) {
  std::vector<double> ux, uy;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!ux.empty() && x[i] == ux.back()) continue;  // ties: keep the first y
    ux.push_back(x[i]);
    uy.push_back(y[i]);
  }
  std::vector<double> out(xout.size(), std::numeric_limits<double>::quiet_NaN());
  if (ux.empty()) return out;
  for (std::size_t k = 0; k < xout.size(); ++k) {
    const double v = xout[k];
    if (!(v >= ux.front() && v <= ux.back())) continue;
    const auto it = std::upper_bound(ux.begin(), ux.end(), v);
    std::size_t j = static_cast<std::size_t>(it - ux.begin());
    if (j == ux.size()) {
      out[k] = uy.back();
      continue;
    }
    const std::size_t i = j - 1;
    if (v == ux[i]) {
      out[k] = uy[i];
      continue;
    }
    out[k] = uy[i] + (uy[j] - uy[i]) * (v - ux[i]) / (ux[j] - ux[i]);
  }
  return out;
}

}  // namespace radsig::calibration
