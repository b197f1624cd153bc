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

// glm-style IRLS fit; nullopt when it fails or does not converge. `checked`: the data were
// validated before (bootstrap resamples of checked data).
std::optional<Eigen::VectorXd> try_fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                       int max_iter, double* deviance = nullptr,
                                       const Eigen::VectorXd& start = Eigen::VectorXd(),
                                       bool checked = false) {
  try {
    regression::logistic_options opt;
    opt.max_iter = max_iter;
    opt.use_qr = false;
    opt.start = start;
    opt.validate_inputs = !checked;
    opt.covariance = false;
    const auto f = regression::fit_logistic(x, y, Eigen::VectorXd(), Eigen::VectorXd(), opt);
    if (!f.converged || !f.coefficients.allFinite()) return std::nullopt;
    if (deviance) *deviance = f.deviance;
    return f.coefficients;
  } catch (const radsig::error&) {
    return std::nullopt;
  }
}

// Ascending order of v, ties by index (what a stable sort gives).
void sorted_order(const Eigen::VectorXd& v, std::vector<std::pair<double, int>>& keyed,
                  std::vector<int>& order) {
  const std::size_t n = static_cast<std::size_t>(v.size());
  keyed.resize(n);
  for (std::size_t i = 0; i < n; ++i) keyed[i] = {v[i], static_cast<int>(i)};
  std::sort(keyed.begin(), keyed.end());
  order.resize(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = keyed[i].second;
}

// A resample seen through the order of the original sample: `order` sorts the original
// observations by a score; the resample (indices into the original sample, with repeats)
// is sorted by the same score, ties between different observations broken by position in
// the resample, as a stable sort of the resample would. Returns the original index of each
// resample element in that order.
class resample_order {
 public:
  void compute(const std::vector<int>& resample, const std::vector<int>& order,
               const Eigen::VectorXd& score, std::vector<int>& out) {
    const std::size_t n = order.size();
    first_.assign(n + 1, 0);
    for (int i : resample) ++first_[static_cast<std::size_t>(i) + 1];
    for (std::size_t i = 0; i < n; ++i) first_[i + 1] += first_[i];
    positions_.resize(resample.size());
    fill_ = first_;
    for (std::size_t k = 0; k < resample.size(); ++k)
      positions_[fill_[static_cast<std::size_t>(resample[k])]++] = static_cast<int>(k);
    out.clear();
    for (std::size_t g = 0; g < n;) {
      std::size_t h = g + 1;
      while (h < n && score[order[h]] == score[order[g]]) ++h;
      if (h == g + 1) {
        const int i = order[g];
        out.insert(out.end(), first_[i + 1] - first_[i], i);
      } else {  // tied scores: resample positions in increasing order
        group_.clear();
        for (std::size_t k = g; k < h; ++k)
          for (int q = first_[order[k]]; q < first_[order[k] + 1]; ++q)
            group_.push_back(positions_[q]);
        std::sort(group_.begin(), group_.end());
        for (int q : group_) out.push_back(resample[q]);
      }
      g = h;
    }
  }

 private:
  std::vector<int> first_, fill_, positions_, group_;
};
// validate.lrm's discrim(): indexes of linear predictor `lp` for outcome `y` (both in sample
// order; slp / sy: the same values sorted by lp). `fit_lr` is the model LR statistic of the
// fit that produced lp when it was fitted on these data (apparent indexes); otherwise lp is
// recalibrated by a refit of y on (1, lp).
Eigen::VectorXd discrim(const Eigen::VectorXd& lp, const Eigen::VectorXd& y,
                        const std::vector<double>& slp, const std::vector<double>& sy,
                        std::optional<double> fit_lr, int max_iter) {
  const std::size_t m = slp.size();
  const double n = static_cast<double>(y.size());
  const double dev0 = null_deviance(y);
  Eigen::VectorXd z = Eigen::VectorXd::Constant(kIndexes, kNaN);
  {  // Somers' Dxy from the midranks of lp (as somers_dxy())
    double rank_sum = 0, n1 = 0;
    for (std::size_t i = 0; i < m;) {
      std::size_t j = i;
      while (j < m && slp[j] == slp[i]) ++j;
      const double avg = static_cast<double>(i + 1 + j) / 2.0;
      for (std::size_t k = i; k < j; ++k)
        if (sy[k] == 1) {
          rank_sum += avg;
          n1 += 1;
        }
      i = j;
    }
    const double n0 = n - n1;
    if (n1 > 0 && n0 > 0) z[0] = 2.0 * ((rank_sum - n1 * (n1 + 1) / 2.0) / (n1 * n0) - 0.5);
  }
  double lr, intercept = 0, slope = 1, u;
  if (fit_lr) {
    lr = *fit_lr;
    u = -2.0 / n;
  } else {
    Eigen::MatrixXd xr(lp.size(), 2);
    xr.col(0).setOnes();
    xr.col(1) = lp;
    double dev_r = 0;
    const auto b = try_fit(xr, y, max_iter, &dev_r, Eigen::VectorXd(), true);
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
  // the ordering of lp serves both (reversed when the slope is negative).
  double brier = 0, sg = 0, sgp = 0;
  for (Eigen::Index i = 0; i < lp.size(); ++i) {
    const double p = plogis(lp[i]);
    brier += (y[i] - p) * (y[i] - p);
    const double v = slope < 0 ? slp[m - 1 - static_cast<std::size_t>(i)] : slp[i];
    const double rank_weight = static_cast<double>(i + 1) - (n + 1) / 2.0;
    sg += rank_weight * slope * v;
    sgp += rank_weight * plogis(intercept + slope * v);
  }
  z[8] = brier / n;
  z[9] = 4.0 * sg / (n * (n - 1));
  z[10] = 4.0 * sgp / (n * (n - 1));
  return z;
}

// Runs body(r, t) for every replicate r on nt threads (t: the thread's slot, for per-thread
// work space), reporting progress in between.
template <class Body>
void for_each_replicate(std::size_t reps, std::size_t nt, const progress_callbacks& progress,
                        Body body) {
  const std::size_t batch = std::max<std::size_t>(nt * 4, 8);
  for (std::size_t start = 0; start < reps; start += batch) {
    const std::size_t end = std::min(reps, start + batch);
    if (nt == 1) {
      for (std::size_t r = start; r < end; ++r) body(r, 0);
    } else {
      std::vector<std::thread> pool;
      for (std::size_t t = 0; t < nt; ++t) {
        pool.emplace_back([&, t] {
          for (std::size_t r = start + t; r < end; r += nt) body(r, t);
        });
      }
      for (auto& th : pool) th.join();
    }
    report_progress(progress, end, reps);
  }
}

std::size_t thread_count(int threads) { return static_cast<std::size_t>(std::max(1, threads)); }

// Per-thread work space of the bootstrap replicates.
struct scratch {
  std::vector<std::pair<double, int>> keyed;
  std::vector<int> order, idx;
  resample_order reorder;
  std::vector<double> sx, sy, smooth;
  Eigen::VectorXd prob;
};

// score[idx] and y[idx] into sx, sy.
void gather(const std::vector<int>& idx, const Eigen::VectorXd& score, const Eigen::VectorXd& y,
            std::vector<double>& sx, std::vector<double>& sy) {
  sx.resize(idx.size());
  sy.resize(idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i) {
    sx[i] = score[idx[i]];
    sy[i] = y[idx[i]];
  }
}

// Calibration error at predy: lowess (iter = 0) of y on the predicted probability, minus
// predy, for the observations idx (sorted by probability; indices into prob and y).
void calibration_error(const std::vector<int>& idx, const Eigen::VectorXd& prob,
                       const Eigen::VectorXd& y, const std::vector<double>& predy, scratch& w,
                       std::vector<double>& out) {
  gather(idx, prob, y, w.sx, w.sy);
  const std::size_t n = idx.size(), m = predy.size();
  w.smooth.resize(n);
  lowess_sorted(w.sx.data(), w.sy.data(), n, 2.0 / 3.0, 0, -1.0, w.smooth.data());
  out.resize(m);
  interpolate_sorted(w.sx.data(), w.smooth.data(), n, predy.data(), m, out.data());
  for (std::size_t k = 0; k < m; ++k) out[k] -= predy[k];
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
  const std::size_t nt = thread_count(options.threads);
  std::vector<scratch> work(nt);
  Eigen::VectorXd orig;
  {
    scratch& w = work[0];
    const Eigen::VectorXd lp = x * *b0;
    sorted_order(lp, w.keyed, w.order);
    gather(w.order, lp, y, w.sx, w.sy);
    orig = discrim(lp, y, w.sx, w.sy, null_deviance(y) - dev, options.max_iter);
  }

  const std::size_t reps = resamples.size();
  std::vector<std::optional<std::pair<Eigen::VectorXd, Eigen::VectorXd>>> out(reps);
  for_each_replicate(reps, nt, progress, [&](std::size_t r, std::size_t t) {
    scratch& w = work[t];
    const auto& res = resamples[r];
    const Eigen::MatrixXd xt = rows_of(x, res);
    const Eigen::VectorXd yt = elems_of(y, res);
    double dev_t = 0;
    const auto b = try_fit(xt, yt, options.max_iter, &dev_t, *b0, true);
    if (!b) return;
    const Eigen::VectorXd lp = x * *b;
    // One sort of the predictions on the original sample; the resample's are a subset.
    sorted_order(lp, w.keyed, w.order);
    w.reorder.compute(res, w.order, lp, w.idx);
    gather(w.idx, lp, y, w.sx, w.sy);
    const Eigen::VectorXd train = discrim(elems_of(lp, res), yt, w.sx, w.sy,
                                          null_deviance(yt) - dev_t, options.max_iter);
    gather(w.order, lp, y, w.sx, w.sy);
    const Eigen::VectorXd test = discrim(lp, y, w.sx, w.sy, std::nullopt, options.max_iter);
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
  const auto b0 = try_fit(x, y, options.max_iter);
  if (!b0) throw convergence_error("calibrate: the model does not converge on the full data");
  const std::size_t nt = thread_count(options.threads);
  std::vector<scratch> work(nt);
  std::vector<double> orig;
  {
    scratch& w = work[0];
    const Eigen::VectorXd lp = x * *b0;
    sorted_order(lp, w.keyed, w.order);
    w.prob = lp.unaryExpr([](double v) { return plogis(v); });
    calibration_error(w.order, w.prob, y, predy, w, orig);
  }

  const std::size_t reps = resamples.size(), m = predy.size();
  std::vector<std::optional<std::pair<std::vector<double>, std::vector<double>>>> out(reps);
  for_each_replicate(reps, nt, progress, [&](std::size_t r, std::size_t t) {
    scratch& w = work[t];
    const auto& res = resamples[r];
    const Eigen::MatrixXd xt = rows_of(x, res);
    const Eigen::VectorXd yt = elems_of(y, res);
    const auto b = try_fit(xt, yt, options.max_iter, nullptr, *b0, true);
    if (!b) return;
    const Eigen::VectorXd lp = x * *b;
    // One sort of the predictions on the original sample; the resample's are a subset.
    sorted_order(lp, w.keyed, w.order);
    w.reorder.compute(res, w.order, lp, w.idx);
    w.prob = lp.unaryExpr([](double v) { return plogis(v); });
    std::pair<std::vector<double>, std::vector<double>> cal;
    calibration_error(w.idx, w.prob, y, predy, w, cal.first);
    calibration_error(w.order, w.prob, y, predy, w, cal.second);
    out[r] = std::move(cal);
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
