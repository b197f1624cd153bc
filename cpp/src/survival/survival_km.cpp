#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/normal.hpp>

#include "radsig/core/error.hpp"
#include "radsig/survival/km.hpp"

namespace radsig::survival {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void add_limits(km_curve& c, km_conf_type type, double level) {
  const std::size_t m = c.time.size();
  c.lower.assign(m, kNaN);
  c.upper.assign(m, kNaN);
  if (type == km_conf_type::none) return;
  const double z = boost::math::quantile(boost::math::normal(), 1.0 - (1.0 - level) / 2.0);
  for (std::size_t i = 0; i < m; ++i) {
    const double s = c.surv[i], se = c.std_err[i];
    if (std::isnan(se)) continue;
    switch (type) {
      case km_conf_type::plain: {
        const double h = se * s * z;
        c.lower[i] = std::max(s - h, 0.0);
        c.upper[i] = std::min(s + h, 1.0);
        break;
      }
      case km_conf_type::log:
        if (s == 0.0) break;
        c.lower[i] = std::exp(std::log(s) - z * se);
        c.upper[i] = std::min(std::exp(std::log(s) + z * se), 1.0);
        break;
      case km_conf_type::log_log: {
        if (s == 0.0 || s == 1.0) break;
        const double h = z * se / std::log(s);
        c.lower[i] = std::exp(-std::exp(std::log(-std::log(s)) - h));
        c.upper[i] = std::exp(-std::exp(std::log(-std::log(s)) + h));
        break;
      }
      case km_conf_type::none:
        break;
    }
  }
}

}  // namespace

km_curve kaplan_meier(const Eigen::VectorXd& time, const Eigen::VectorXi& status,
                      const Eigen::VectorXd& weights, km_conf_type conf_type,
                      double conf_level) {
  const Eigen::Index n = time.size();
  if (n == 0) throw invalid_argument("time", "no observations");
  if (status.size() != n) throw invalid_argument("status", "length differs from time");
  if (weights.size() && weights.size() != n) throw invalid_argument("weights", "length differs from time");
  if (!(conf_level > 0 && conf_level < 1)) throw invalid_argument("conf_level", "must be in (0, 1)");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(time[i])) throw invalid_argument("time", "contains missing or infinite values");
    if (status[i] != 0 && status[i] != 1) throw invalid_argument("status", "must be 0 or 1");
    if (weights.size() && !(weights[i] > 0 && std::isfinite(weights[i])))
      throw invalid_argument("weights", "must be finite and > 0");
  }
  std::vector<int> ord(n);
  std::iota(ord.begin(), ord.end(), 0);
  std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) { return time[a] < time[b]; });
  double at_risk = 0;
  for (Eigen::Index i = 0; i < n; ++i) at_risk += weights.size() ? weights[i] : 1.0;

  km_curve c;
  double s = 1.0, var = 0.0, haz = 0.0;
  for (Eigen::Index i = 0; i < n;) {
    const double t = time[ord[i]];
    double d = 0, cens = 0;
    Eigen::Index j = i;
    for (; j < n && time[ord[j]] == t; ++j) {
      const double w = weights.size() ? weights[ord[j]] : 1.0;
      (status[ord[j]] == 1 ? d : cens) += w;
    }
    c.time.push_back(t);
    c.n_risk.push_back(at_risk);
    c.n_event.push_back(d);
    c.n_censor.push_back(cens);
    if (d > 0) {
      s *= (at_risk - d) / at_risk;
      haz += d / at_risk;
      var += at_risk > d ? d / (at_risk * (at_risk - d)) : std::numeric_limits<double>::infinity();
    }
    c.surv.push_back(s);
    c.cumhaz.push_back(haz);
    c.std_err.push_back(std::sqrt(var));
    at_risk -= d + cens;
    i = j;
  }
  add_limits(c, conf_type, conf_level);
  return c;
}

double km_quantile(const std::vector<double>& time, const std::vector<double>& surv, double p,
                   double tol) {
  // Curve of F = 1 - S with a leading point (0, 0); duplicated F values (censorings) dropped.
  std::vector<double> x{0.0}, y{0.0};
  const double xmax = time.empty() ? 0.0 : time.back();
  for (std::size_t i = 0; i < time.size(); ++i) {
    const double f = 1.0 - surv[i];
    if (std::isnan(f)) continue;
    if (f == y.back()) continue;
    x.push_back(time[i]);
    y.push_back(f);
  }
  if (*std::max_element(y.begin(), y.end()) < p) return kNaN;
  if (p == 0) return x[0];
  // First index whose F (shifted by +tol / -tol) reaches p: approx(method = "constant", f = 1).
  auto first_reaching = [&](double shift) -> long {
    for (std::size_t k = 0; k < y.size(); ++k)
      if (y[k] + shift >= p) {
        if (k == 0 || y[k] + shift == p) return static_cast<long>(k);
        return static_cast<long>(k);
      }
    return -1;
  };
  const long i1 = first_reaching(tol), i2 = first_reaching(-tol);
  if (i1 < 0 || i2 < 0) {
    if (i1 >= 0 && std::fabs(p - y.back()) < tol) return (x[i1] + xmax) / 2.0;
    return kNaN;
  }
  if (std::fabs(p - y.back()) < tol) return (x[i1] + xmax) / 2.0;
  return (x[i1] + x[i2]) / 2.0;
}

}  // namespace radsig::survival
