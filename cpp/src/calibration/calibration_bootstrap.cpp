#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <thread>

#include "radsig/calibration/bootstrap.hpp"
#include "radsig/calibration/calibration.hpp"
#include "radsig/core/error.hpp"
#include "radsig/regression/logistic.hpp"

namespace radsig::calibration {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kIndexes = 11;  // Dxy R2 Intercept Slope Emax D U Q B g gp

double plogis(double v) { return 1.0 / (1.0 + std::exp(-v)); }

double log1pexp(double v) { return v > 0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v)); }

double null_deviance(const Eigen::VectorXd& y) {
  const double n = static_cast<double>(y.size());
  const double p = y.sum() / n;
  if (p <= 0 || p >= 1) return 0.0;
  return -2.0 * (y.sum() * std::log(p) + (n - y.sum()) * std::log(1 - p));
}

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& x, const std::vector<int>& idx) {
  Eigen::MatrixXd out(idx.size(), x.cols());
  for (std::size_t i = 0; i < idx.size(); ++i) out.row(i) = x.row(idx[i]);
  return out;
}

Eigen::VectorXd elems_of(const Eigen::VectorXd& v, const std::vector<int>& idx) {
  Eigen::VectorXd out(idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i) out[i] = v[idx[i]];
  return out;
}

std::optional<Eigen::VectorXd> try_fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                       int max_iter, double* deviance = nullptr,
                                       const Eigen::VectorXd& start = Eigen::VectorXd()) {
  try {
    regression::logistic_options opt;
    opt.max_iter = max_iter;
    opt.use_qr = false;
    opt.start = start;
    const auto f = regression::fit_logistic(x, y, Eigen::VectorXd(), Eigen::VectorXd(), opt);
    if (!f.converged || !f.coefficients.allFinite()) return std::nullopt;
    if (deviance) *deviance = f.deviance;
    return f.coefficients;
  } catch (const radsig::error&) {
    return std::nullopt;
  }
}

// validate.lrm's discrim(): indexes of linear predictor `lp` for outcome `y`. `fit_lr` is
// the model LR statistic of the fit that produced lp when it was fitted on these data
// (apparent indexes); otherwise lp is recalibrated by a refit of y on (1, lp).
Eigen::VectorXd discrim(const Eigen::VectorXd& lp, const Eigen::VectorXd& y,
                        std::optional<double> fit_lr, int max_iter) {
  const double n = static_cast<double>(y.size());
  const double dev0 = null_deviance(y);
  Eigen::VectorXd z = Eigen::VectorXd::Constant(kIndexes, kNaN);
  z[0] = somers_dxy(lp, y);
  double lr, intercept = 0, slope = 1, u;
  if (fit_lr) {
    lr = *fit_lr;
    u = -2.0 / n;
  } else {
    Eigen::MatrixXd xr(lp.size(), 2);
    xr.col(0).setOnes();
    xr.col(1) = lp;
    double dev_r = 0;
    const auto b = try_fit(xr, y, max_iter, &dev_r);
    if (!b) return z;
    intercept = (*b)[0];
    slope = (*b)[1];
    lr = dev0 - dev_r;
    double l01 = 0;
    for (Eigen::Index i = 0; i < lp.size(); ++i) l01 += y[i] * lp[i] - log1pexp(lp[i]);
    l01 *= -2.0;
    u = (l01 - dev_r - 2.0) / n;
  }
  z[1] = (1 - std::exp(-lr / n)) / (1 - std::exp(-dev0 / n));
  z[2] = intercept;
  z[3] = slope;
  z[5] = (lr - 1.0) / n;
  z[6] = u;
  z[7] = z[5] - u;
  // g = GMD(slope * lp) and gp = GMD(plogis(intercept + slope * lp)) are monotone in lp, so
  // one ordering of lp serves both (reversed when the slope is negative).
  std::vector<int> ord(lp.size());
  std::iota(ord.begin(), ord.end(), 0);
  std::sort(ord.begin(), ord.end(), [&](int a, int b) { return lp[a] < lp[b]; });
  if (slope < 0) std::reverse(ord.begin(), ord.end());
  double brier = 0, sg = 0, sgp = 0;
  for (Eigen::Index i = 0; i < lp.size(); ++i) {
    const double p = plogis(lp[i]);
    brier += (y[i] - p) * (y[i] - p);
    const double rank_weight = static_cast<double>(i + 1) - (n + 1) / 2.0;
    sg += rank_weight * slope * lp[ord[i]];
    sgp += rank_weight * plogis(intercept + slope * lp[ord[i]]);
  }
  z[8] = brier / n;
  z[9] = 4.0 * sg / (n * (n - 1));
  z[10] = 4.0 * sgp / (n * (n - 1));
  return z;
}

// Runs body(r) for every replicate on `threads` threads, reporting progress in between.
template <class Body>
void for_each_replicate(std::size_t reps, int threads, const progress_callbacks& progress,
                        Body body) {
  const std::size_t nt = static_cast<std::size_t>(std::max(1, threads));
  const std::size_t batch = std::max<std::size_t>(nt * 4, 8);
  for (std::size_t start = 0; start < reps; start += batch) {
    const std::size_t end = std::min(reps, start + batch);
    if (nt == 1) {
      for (std::size_t r = start; r < end; ++r) body(r);
    } else {
      std::vector<std::thread> pool;
      for (std::size_t t = 0; t < nt; ++t) {
        pool.emplace_back([&, t] {
          for (std::size_t r = start + t; r < end; r += nt) body(r);
        });
      }
      for (auto& th : pool) th.join();
    }
    report_progress(progress, end, reps);
  }
}

void check_inputs(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                  const std::vector<std::vector<int>>& resamples) {
  if (x.rows() != y.size()) throw invalid_argument("y", "length differs from the rows of x");
  if (resamples.empty()) throw invalid_argument("B", "at least one resample is needed");
  for (const auto& s : resamples)
    for (int i : s)
      if (i < 0 || i >= x.rows()) throw invalid_argument("resamples", "index out of range");
}

}  // namespace

validation_table validate_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                   const std::vector<std::vector<int>>& resamples,
                                   const bootstrap_options& options,
                                   const progress_callbacks& progress) {
  check_inputs(x, y, resamples);
  double dev = 0;
  const auto b0 = try_fit(x, y, options.max_iter, &dev);
  if (!b0) throw convergence_error("validate: the model does not converge on the full data");
  const Eigen::VectorXd orig = discrim(x * *b0, y, null_deviance(y) - dev, options.max_iter);

  const std::size_t reps = resamples.size();
  std::vector<std::optional<std::pair<Eigen::VectorXd, Eigen::VectorXd>>> out(reps);
  for_each_replicate(reps, options.threads, progress, [&](std::size_t r) {
    const Eigen::MatrixXd xt = rows_of(x, resamples[r]);
    const Eigen::VectorXd yt = elems_of(y, resamples[r]);
    double dev_t = 0;
    const auto b = try_fit(xt, yt, options.max_iter, &dev_t, *b0);
    if (!b) return;
    const Eigen::VectorXd lp = x * *b;
    const Eigen::VectorXd train = discrim(elems_of(lp, resamples[r]), yt,
                                          null_deviance(yt) - dev_t, options.max_iter);
    const Eigen::VectorXd test = discrim(lp, y, std::nullopt, options.max_iter);
    out[r] = std::make_pair(train, test);
  });

  Eigen::VectorXd train_sum = Eigen::VectorXd::Zero(kIndexes), test_sum = train_sum, num = train_sum;
  validation_table v;
  for (const auto& o : out) {
    if (!o) {
      ++v.failed;
      continue;
    }
    for (int k = 0; k < kIndexes; ++k) {
      const double a = o->first[k], b = o->second[k];
      if (std::isnan(a + b)) continue;
      train_sum[k] += a;
      test_sum[k] += b;
      num[k] += 1;
    }
  }
  v.index = {"Dxy", "R2", "Intercept", "Slope", "Emax", "D", "U", "Q", "B", "g", "gp"};
  v.table = Eigen::MatrixXd::Constant(kIndexes, 6, kNaN);
  for (int k = 0; k < kIndexes; ++k) {
    if (k == 4) continue;
    const double tr = train_sum[k] / num[k], te = test_sum[k] / num[k];
    v.table.row(k) << orig[k], tr, te, tr - te, orig[k] - (tr - te), num[k];
  }
  // Emax from the corrected calibration intercept and slope, on a 0.0005 grid (rms).
  const double ci = v.table(2, 4), cs = v.table(3, 4);
  double emax = 0;
  for (int k = 1; k < 2000; ++k) {
    const double p = k * 0.0005;
    emax = std::max(emax, std::fabs(p - plogis(ci + cs * std::log(p / (1 - p)))));
  }
  v.table.row(4) << 0, 0, emax, emax, emax, num[0];
  return v;
}

calibration_table calibrate_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                     const std::vector<std::vector<int>>& resamples,
                                     const std::vector<double>& predy,
                                     const bootstrap_options& options,
                                     const progress_callbacks& progress) {
  check_inputs(x, y, resamples);
  if (predy.empty()) throw invalid_argument("predy", "no evaluation points");
  auto cal_error = [&](const Eigen::VectorXd& lp, const Eigen::VectorXd& yy) {
    std::vector<int> ord(lp.size());
    std::iota(ord.begin(), ord.end(), 0);
    std::stable_sort(ord.begin(), ord.end(), [&](int a, int b) { return lp[a] < lp[b]; });
    std::vector<double> px(lp.size()), py(lp.size());
    for (std::size_t i = 0; i < ord.size(); ++i) {
      px[i] = plogis(lp[ord[i]]);
      py[i] = yy[ord[i]];
    }
    const std::vector<double> sm = lowess(px, py, 2.0 / 3.0, 0);
    std::vector<double> cal = interpolate(px, sm, predy);
    for (std::size_t k = 0; k < cal.size(); ++k) cal[k] -= predy[k];
    return cal;
  };
  const auto b0 = try_fit(x, y, options.max_iter);
  if (!b0) throw convergence_error("calibrate: the model does not converge on the full data");
  const std::vector<double> orig = cal_error(x * *b0, y);

  const std::size_t reps = resamples.size(), m = predy.size();
  std::vector<std::optional<std::pair<std::vector<double>, std::vector<double>>>> out(reps);
  for_each_replicate(reps, options.threads, progress, [&](std::size_t r) {
    const Eigen::MatrixXd xt = rows_of(x, resamples[r]);
    const Eigen::VectorXd yt = elems_of(y, resamples[r]);
    const auto b = try_fit(xt, yt, options.max_iter, nullptr, *b0);
    if (!b) return;
    const Eigen::VectorXd lp = x * *b;
    out[r] = std::make_pair(cal_error(elems_of(lp, resamples[r]), yt), cal_error(lp, y));
  });
  calibration_table c;
  c.predy = predy;
  c.training.assign(m, 0);
  c.test.assign(m, 0);
  c.n.assign(m, 0);
  for (const auto& o : out) {
    if (!o) {
      ++c.failed;
      continue;
    }
    for (std::size_t k = 0; k < m; ++k) {
      const double a = o->first[k], b = o->second[k];
      if (std::isnan(a + b)) continue;
      c.training[k] += a;
      c.test[k] += b;
      c.n[k] += 1;
    }
  }
  for (std::size_t k = 0; k < m; ++k) {
    c.training[k] /= c.n[k];
    c.test[k] /= c.n[k];
    c.optimism.push_back(c.training[k] - c.test[k]);
    c.calibrated_orig.push_back(orig[k] + predy[k]);
    c.calibrated_corrected.push_back(orig[k] + predy[k] - c.optimism[k]);
  }
  return c;
}

}  // namespace radsig::calibration
