#include "radsig/decision/net_benefit.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "radsig/core/error.hpp"

namespace radsig::decision {
namespace {

void check_thresholds(const std::vector<double>& thresholds) {
  if (thresholds.empty()) throw invalid_argument("thresholds", "must not be empty");
  for (double t : thresholds)
    if (!(t >= 0.0 && t <= 1.0))
      throw invalid_argument("thresholds", "must lie in [0, 1]");
}

void check_outcome(const std::vector<int>& y) {
  if (y.empty()) throw invalid_argument("y", "must not be empty");
  for (int v : y)
    if (v != 0 && v != 1) throw invalid_argument("y", "must contain only 0 and 1");
}

double odds(double pt) { return pt / (1.0 - pt); }

double nb_from_counts(double tp, double fp, double n, double pt, double harm) {
  if (pt >= 1.0) return std::nan("");
  return tp / n - fp / n * odds(pt) - harm;
}

// Percentile of sorted values with R's type-7 rule.
double quantile7(const std::vector<double>& sorted, double prob) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * prob;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

net_benefit_curve net_benefit(const std::vector<int>& y, const std::vector<double>& p,
                              const std::vector<double>& thresholds, double harm) {
  check_outcome(y);
  if (p.size() != y.size()) throw invalid_argument("p", "must have the same length as y");
  for (double v : p)
    if (!(v >= 0.0 && v <= 1.0)) throw invalid_argument("p", "must lie in [0, 1]");
  check_thresholds(thresholds);
  if (!std::isfinite(harm)) throw invalid_argument("harm", "must be finite");

  // Sort predictions decreasingly; cum_pos[k] = events among the k largest predictions.
  std::vector<std::size_t> order(y.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  std::vector<double> sorted(y.size());
  std::vector<std::size_t> cum_pos(y.size() + 1, 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted[k] = p[order[k]];
    cum_pos[k + 1] = cum_pos[k] + static_cast<std::size_t>(y[order[k]]);
  }
  const double n = static_cast<double>(y.size());
  net_benefit_curve out;
  out.threshold = thresholds;
  out.tp.resize(thresholds.size());
  out.fp.resize(thresholds.size());
  out.net_benefit.resize(thresholds.size());
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    // Number treated = number of p >= pt in the decreasing order.
    const auto treated = static_cast<std::size_t>(
        std::partition_point(sorted.begin(), sorted.end(),
                             [pt = thresholds[t]](double v) { return v >= pt; }) -
        sorted.begin());
    out.tp[t] = cum_pos[treated];
    out.fp[t] = treated - cum_pos[treated];
    out.net_benefit[t] = nb_from_counts(static_cast<double>(out.tp[t]),
                                        static_cast<double>(out.fp[t]), n, thresholds[t], harm);
  }
  return out;
}

std::vector<double> net_benefit_treat_all(double prevalence,
                                          const std::vector<double>& thresholds) {
  check_thresholds(thresholds);
  std::vector<double> nb(thresholds.size());
  for (std::size_t t = 0; t < thresholds.size(); ++t)
    nb[t] = nb_from_counts(prevalence, 1.0 - prevalence, 1.0, thresholds[t], 0.0);
  return nb;
}

std::vector<bootstrap_band> net_benefit_bootstrap(
    const std::vector<int>& y, const std::vector<std::vector<double>>& models,
    const std::vector<double>& thresholds, const std::vector<double>& harm,
    std::size_t n_boot, double level, std::uint64_t seed) {
  check_outcome(y);
  check_thresholds(thresholds);
  if (harm.size() != models.size())
    throw invalid_argument("harm", "must have one value per model");
  if (n_boot < 2) throw invalid_argument("boot", "must be at least 2");
  if (!(level > 0.0 && level < 1.0))
    throw invalid_argument("level", "must be strictly between 0 and 1");
  const std::size_t n = y.size(), n_t = thresholds.size(), n_m = models.size();
  for (const auto& m : models)
    if (m.size() != n) throw invalid_argument("models", "must have the same length as y");

  // draws[(model * n_t + t) * n_boot + b]; the last "model" is treat-all.
  std::vector<double> draws((n_m + 1) * n_t * n_boot);
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  std::vector<std::size_t> idx(n);
  std::vector<int> yb(n);
  std::vector<double> pb(n);
  for (std::size_t b = 0; b < n_boot; ++b) {
    for (std::size_t i = 0; i < n; ++i) {
      idx[i] = pick(rng);
      yb[i] = y[idx[i]];
    }
    for (std::size_t m = 0; m < n_m; ++m) {
      for (std::size_t i = 0; i < n; ++i) pb[i] = models[m][idx[i]];
      const auto curve = net_benefit(yb, pb, thresholds, harm[m]);
      for (std::size_t t = 0; t < n_t; ++t)
        draws[(m * n_t + t) * n_boot + b] = curve.net_benefit[t];
    }
    double prev = 0.0;
    for (int v : yb) prev += v;
    prev /= static_cast<double>(n);
    const auto all = net_benefit_treat_all(prev, thresholds);
    for (std::size_t t = 0; t < n_t; ++t) draws[(n_m * n_t + t) * n_boot + b] = all[t];
  }
  std::vector<bootstrap_band> bands(n_m + 1);
  const double alpha = (1.0 - level) / 2.0;
  std::vector<double> col(n_boot);
  for (std::size_t m = 0; m <= n_m; ++m) {
    bands[m].lower.resize(n_t);
    bands[m].upper.resize(n_t);
    for (std::size_t t = 0; t < n_t; ++t) {
      std::copy_n(draws.begin() + static_cast<std::ptrdiff_t>((m * n_t + t) * n_boot), n_boot,
                  col.begin());
      if (std::any_of(col.begin(), col.end(), [](double v) { return std::isnan(v); })) {
        bands[m].lower[t] = bands[m].upper[t] = std::nan("");
        continue;
      }
      std::sort(col.begin(), col.end());
      bands[m].lower[t] = quantile7(col, alpha);
      bands[m].upper[t] = quantile7(col, 1.0 - alpha);
    }
  }
  return bands;
}

}  // namespace radsig::decision
