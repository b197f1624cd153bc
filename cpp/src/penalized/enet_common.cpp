// Shared pieces of the elastic-net solvers: validation, standardisation, lambda schedule,
// coordinate-descent engine, path stopping rules and coefficient interpolation.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "radsig/core/error.hpp"
#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized {

family parse_family(const std::string& name) {
  if (name == "gaussian") return family::gaussian;
  if (name == "binomial") return family::binomial;
  if (name == "multinomial") return family::multinomial;
  if (name == "cox") return family::cox;
  throw invalid_argument("family", "must be gaussian, binomial, multinomial or cox, not '" +
                                       name + "'");
}

std::vector<Eigen::MatrixXd> interpolate_coef(const enet_path& path,
                                              const std::vector<double>& s) {
  const auto L = path.lambda.size();
  if (L == 0) throw invalid_argument("path", "has no lambda values");
  std::vector<Eigen::MatrixXd> out;
  const double lmax = path.lambda.front(), lmin = path.lambda.back();
  for (std::size_t k = 0; k < path.beta.size(); ++k) {
    const auto p = path.beta[k].rows();
    Eigen::MatrixXd c(p + 1, static_cast<Eigen::Index>(s.size()));
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::size_t left = 0, right = 0;
      double frac = 1.0;  // weight of `left`
      if (L > 1) {
        const double si = std::min(std::max(s[i], lmin), lmax);
        // position on the normalised scale (lambda_1 - lambda)/(lambda_1 - lambda_L)
        const double span = lmax - lmin;
        const double t = (lmax - si) / span;
        auto pos = [&](std::size_t j) { return (lmax - path.lambda[j]) / span; };
        // first index with pos >= t
        std::size_t hi = 0;
        while (hi < L - 1 && pos(hi) < t) ++hi;
        right = hi;
        left = (pos(hi) == t || hi == 0) ? hi : hi - 1;
        if (left != right) {
          const double gap = pos(left) - pos(right);
          frac = std::abs(gap) < std::numeric_limits<double>::epsilon()
                     ? 1.0
                     : (t - pos(right)) / gap;
        }
      }
      const auto l = static_cast<Eigen::Index>(left), r = static_cast<Eigen::Index>(right);
      const auto col = static_cast<Eigen::Index>(i);
      const auto kk = static_cast<Eigen::Index>(k);
      c(0, col) = frac * path.a0(kk, l) + (1.0 - frac) * path.a0(kk, r);
      c.col(col).tail(p) = frac * path.beta[k].col(l) + (1.0 - frac) * path.beta[k].col(r);
    }
    out.push_back(std::move(c));
  }
  return out;
}

namespace detail {

void validate_options(const enet_options& opt, Eigen::Index p) {
  if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0))
    throw invalid_argument("alpha", "must be in [0, 1]");
  if (opt.lambda.empty() && opt.nlambda < 1)
    throw invalid_argument("nlambda", "must be at least 1");
  if (opt.lambda_min_ratio >= 0 && !(opt.lambda_min_ratio > 0 && opt.lambda_min_ratio < 1))
    throw invalid_argument("lambda_min_ratio", "must be in (0, 1)");
  for (double l : opt.lambda)
    if (!(l >= 0) || !std::isfinite(l))
      throw invalid_argument("lambda", "must be finite and non-negative");
  if (!(opt.thresh > 0)) throw invalid_argument("thresh", "must be positive");
  if (opt.maxit < 1) throw invalid_argument("maxit", "must be at least 1");
  const auto np = static_cast<std::size_t>(p);
  if (!opt.penalty_factor.empty()) {
    if (opt.penalty_factor.size() != np)
      throw invalid_argument("penalty_factor", "must have one value per predictor");
    double mx = 0;
    for (double v : opt.penalty_factor) {
      if (!(v >= 0) || std::isnan(v))
        throw invalid_argument("penalty_factor", "must be non-negative");
      mx = std::max(mx, v);
    }
    if (!(mx > 0)) throw invalid_argument("penalty_factor", "must not be all zero");
  }
  auto check_limits = [&](const std::vector<double>& lim, const char* arg, bool lower) {
    if (lim.empty()) return;
    if (lim.size() != 1 && lim.size() != np)
      throw invalid_argument(arg, "must have length 1 or one value per predictor");
    for (double v : lim)
      if (std::isnan(v) || (lower ? v > 0 : v < 0))
        throw invalid_argument(arg, lower ? "must be <= 0" : "must be >= 0");
  };
  check_limits(opt.lower_limits, "lower_limits", true);
  check_limits(opt.upper_limits, "upper_limits", false);
  for (int j : opt.exclude)
    if (j < 0 || j >= p) throw invalid_argument("exclude", "index out of range");
}

Eigen::VectorXd normalised_weights(const Eigen::VectorXd& w, Eigen::Index n) {
  if (w.size() == 0) return Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  if (w.size() != n) throw invalid_argument("weights", "must have one value per observation");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(w[i] >= 0) || !std::isfinite(w[i]))
      throw invalid_argument("weights", "must be finite and non-negative");
  const double s = w.sum();
  if (!(s > 0)) throw invalid_argument("weights", "must not all be zero");
  return w / s;
}

design standardise(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& w,
                   const enet_options& opt, bool center) {
  const auto n = x.rows(), p = x.cols();
  design d;
  d.x = x;
  d.xm = Eigen::VectorXd::Zero(p);
  d.xs = Eigen::VectorXd::Ones(p);
  d.ju.assign(static_cast<std::size_t>(p), 1);
  for (Eigen::Index j = 0; j < p; ++j) {
    auto col = d.x.col(j);
    const double first = col[0];
    bool constant = true;
    for (Eigen::Index i = 1; i < n && constant; ++i) constant = col[i] == first;
    if (constant) d.ju[static_cast<std::size_t>(j)] = 0;
  }
  for (int j : opt.exclude) d.ju[static_cast<std::size_t>(j)] = 0;
  for (Eigen::Index j = 0; j < p; ++j) {
    if (!d.ju[static_cast<std::size_t>(j)]) continue;
    auto col = d.x.col(j);
    const double m = w.dot(col);
    if (center) {
      d.xm[j] = m;
      col.array() -= m;
    }
    if (opt.standardize) {
      double var = center ? w.dot(col.cwiseAbs2()) : w.dot(col.cwiseAbs2()) - m * m;
      d.xs[j] = std::sqrt(var);
      if (!(d.xs[j] > 0)) {  // constant where the weights are positive
        d.ju[static_cast<std::size_t>(j)] = 0;
        d.xs[j] = 1.0;
        continue;
      }
      col /= d.xs[j];
    }
  }
  if (std::none_of(d.ju.begin(), d.ju.end(), [](char c) { return c != 0; }))
    throw invalid_argument("x", "all predictors are constant or excluded");
  d.vp = Eigen::VectorXd::Ones(p);
  if (!opt.penalty_factor.empty()) {
    d.vp = Eigen::Map<const Eigen::VectorXd>(opt.penalty_factor.data(), p);
    d.vp *= static_cast<double>(p) / d.vp.sum();
  }
  const double inf = std::numeric_limits<double>::infinity();
  d.lo = Eigen::VectorXd::Constant(p, -inf);
  d.hi = Eigen::VectorXd::Constant(p, inf);
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    if (!opt.lower_limits.empty())
      d.lo[j] = opt.lower_limits[opt.lower_limits.size() == 1 ? 0 : uj] * d.xs[j];
    if (!opt.upper_limits.empty())
      d.hi[j] = opt.upper_limits[opt.upper_limits.size() == 1 ? 0 : uj] * d.xs[j];
  }
  return d;
}

lambda_schedule::lambda_schedule(const enet_options& opt, Eigen::Index n, Eigen::Index p,
                                 double scale, bool float_exponent)
    : alpha_(opt.alpha), big_(opt.big) {
  if (!opt.lambda.empty()) {
    user_ = true;
    ulam_ = opt.lambda;
    std::sort(ulam_.begin(), ulam_.end(), std::greater<double>());
    for (double& l : ulam_) l /= scale;
    n_ = ulam_.size();
    return;
  }
  n_ = static_cast<std::size_t>(opt.nlambda);
  double ratio = opt.lambda_min_ratio;
  if (ratio < 0) ratio = n < p ? 0.01 : 1e-4;
  const double eqs = std::max(opt.eps, ratio);
  const double expo = float_exponent
                          ? static_cast<double>(1.0f / static_cast<float>(n_ - 1))
                          : 1.0 / (static_cast<double>(n_) - 1.0);
  alf_ = n_ > 1 ? std::pow(eqs, expo) : 1.0;
}

double lambda_schedule::at(int m, const Eigen::VectorXd& ga, const design& d, double& prev) {
  prev = cur_;
  if (user_) {
    cur_ = ulam_[static_cast<std::size_t>(m)];
  } else if (m > 1) {
    cur_ *= alf_;
  } else if (m == 0) {
    cur_ = big_;
  } else {
    double mx = 0.0;
    for (Eigen::Index j = 0; j < ga.size(); ++j) {
      if (!d.ju[static_cast<std::size_t>(j)] || !(d.vp[j] > 0)) continue;
      mx = std::max(mx, std::abs(ga[j]) / d.vp[j]);
    }
    mx /= std::max(alpha_, 1e-3);
    prev = mx;
    cur_ = mx * alf_;
  }
  return cur_;
}

cd_engine::cd_engine(const design& d, double thr_, int maxit, bool fit_intercept)
    : thr(thr_), d_(d), maxit_(maxit), intercept_(fit_intercept), p_(d.x.cols()) {
  const auto n = d.x.rows(), p = d.x.cols();
  b = Eigen::VectorXd::Zero(p);
  r = Eigen::VectorXd::Zero(n);
  v = Eigen::VectorXd::Zero(n);
  xv = Eigen::VectorXd::Zero(p);
  ga = Eigen::VectorXd::Zero(p);
  strong.assign(static_cast<std::size_t>(p), 0);
  in_active.assign(static_cast<std::size_t>(p), 0);
}

void cd_engine::compute_ga_all() {
  for (Eigen::Index j = 0; j < p_; ++j)
    ga[j] = d_.ju[static_cast<std::size_t>(j)] ? std::abs(d_.x.col(j).dot(r)) : 0.0;
}

void cd_engine::compute_xv(bool strong_only) {
  for (Eigen::Index j = 0; j < p_; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    if (!d_.ju[uj] || (strong_only && !strong[uj])) continue;
    xv[j] = v.dot(d_.x.col(j).cwiseAbs2());
  }
}

void cd_engine::screen(double alpha, double lambda, double prev) {
  const double tlam = alpha * (2.0 * lambda - prev);
  for (Eigen::Index j = 0; j < p_; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    if (strong[uj] || !d_.ju[uj]) continue;
    if (ga[j] > tlam * d_.vp[j]) strong[uj] = 1;
  }
  if (gram_) ensure_strong_columns();
}

double cd_engine::pass(bool full, double l1, double l2) {
  ++npasses;
  if (npasses > maxit_) throw maxit_reached{};
  const bool fresh_xv = full && xv_deferred_;
  xv_deferred_ = false;
  const auto n = r.size();
  double dlx = 0.0;
  // naive mode: the residual update of a changed coordinate is applied together with the
  // inner product of the next one (one sweep)
  Eigen::Index pending = -1;
  double pending_delta = 0.0;
  auto flush = [&] {
    if (pending < 0) return;
    if (unit_weights) {
      r.noalias() -= pending_delta * d_.x.col(pending);
    } else {
      r.array() -= pending_delta * v.array() * d_.x.col(pending).array();
    }
    pending = -1;
  };
  auto update = [&](Eigen::Index j) {
    double g = 0.0;
    if (gram_) {
      g = this->g[j];
    } else {
      g = column_sweep(r.data(), v.data(), pending >= 0 ? d_.x.col(pending).data() : nullptr,
                       pending_delta, d_.x.col(j).data(), n, fresh_xv ? &xv[j] : nullptr,
                       unit_weights);
      pending = -1;
    }
    const double bj = b[j];
    const double u = g + xv[j] * bj;
    const double a = std::abs(u) - d_.vp[j] * l1;
    double nb = 0.0;
    if (a > 0.0)
      nb = std::max(d_.lo[j], std::min(d_.hi[j], std::copysign(a, u) / (xv[j] + d_.vp[j] * l2)));
    if (nb == bj) return;
    const auto uj = static_cast<std::size_t>(j);
    if (!in_active[uj]) {
      in_active[uj] = 1;
      active.push_back(static_cast<int>(j));
    }
    const double delta = nb - bj;
    b[j] = nb;
    dlx = std::max(dlx, xv[j] * delta * delta);
    rss_drop += delta * (2.0 * g - delta * xv[j]);
    if (gram_) {
      this->g.noalias() -= delta * gram_->col(j);
    } else {
      pending = j;
      pending_delta = delta;
    }
  };
  if (full) {
    for (Eigen::Index j = 0; j < p_; ++j)
      if (strong[static_cast<std::size_t>(j)]) update(j);
  } else {
    for (std::size_t k = 0; k < active.size(); ++k) update(active[k]);
  }
  flush();
  if (intercept_ && vsum > 0) {
    const double delta = r.sum() / vsum;
    if (delta != 0.0) {
      b0 += delta;
      dlx = std::max(dlx, vsum * delta * delta);
      r -= delta * v;
    }
  }
  return dlx;
}

void cd_engine::solve_wls(double l1, double l2) {
  while (true) {
    if (pass(true, l1, l2) < thr) break;
    while (pass(false, l1, l2) >= thr) {
    }
  }
}

bool cd_engine::kkt_ok(double l1) {
  bool ok = true;
  for (Eigen::Index j = 0; j < p_; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    if (strong[uj] || !d_.ju[uj]) continue;
    ga[j] = std::abs(gram_ ? g[j] : d_.x.col(j).dot(r));
    if (ga[j] > l1 * d_.vp[j]) {
      strong[uj] = 1;
      ok = false;
    }
  }
  if (!ok && gram_) ensure_strong_columns();
  return ok;
}

void cd_engine::use_covariance(Eigen::MatrixXd&& x) {
  g = Eigen::VectorXd::Zero(p_);
  for (Eigen::Index j = 0; j < p_; ++j)
    if (d_.ju[static_cast<std::size_t>(j)]) g[j] = x.col(j).dot(r);
  ga = g.cwiseAbs();
  gram_ = std::make_unique<gram_cache>(std::move(x), d_.ju);
}

void cd_engine::ensure_strong_columns() {
  std::vector<int> need;
  for (Eigen::Index j = 0; j < p_; ++j)
    if (strong[static_cast<std::size_t>(j)] && !gram_->has(j)) need.push_back(static_cast<int>(j));
  if (need.empty()) return;
  Eigen::VectorXd priority(p_);
  for (Eigen::Index j = 0; j < p_; ++j)
    priority[j] = d_.vp[j] > 0 ? ga[j] / d_.vp[j] : std::numeric_limits<double>::infinity();
  gram_->ensure(need, priority);
}

gram_cache::gram_cache(Eigen::MatrixXd&& x, const std::vector<char>& ju)
    : x_(std::move(x)), c_(Eigen::MatrixXd::Zero(x_.cols(), x_.cols())) {
  const auto p = static_cast<std::size_t>(x_.cols());
  perm_.resize(p);
  pos_.resize(p);
  has_.assign(p, 0);
  std::iota(perm_.begin(), perm_.end(), 0);
  std::iota(pos_.begin(), pos_.end(), 0);
  for (std::size_t j = 0; j < p; ++j)
    if (ju[j]) swap_positions(nju_++, pos_[j]);
}

void gram_cache::swap_positions(Eigen::Index a, Eigen::Index b) {
  if (a == b) return;
  x_.col(a).swap(x_.col(b));
  const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
  std::swap(perm_[ua], perm_[ub]);
  pos_[static_cast<std::size_t>(perm_[ua])] = static_cast<int>(a);
  pos_[static_cast<std::size_t>(perm_[ub])] = static_cast<int>(b);
}

void gram_cache::ensure(const std::vector<int>& need, const Eigen::VectorXd& priority) {
  std::vector<int> chunk;
  for (int j : need)
    if (!has(j)) chunk.push_back(j);
  if (chunk.empty()) return;
  const Eigen::Index pending = nju_ - done_;
  const auto want = static_cast<std::size_t>(
      std::min<Eigen::Index>(pending, std::max<Eigen::Index>(16, done_)));
  if (chunk.size() < want) {
    std::vector<int> rest;
    for (Eigen::Index q = done_; q < nju_; ++q) {
      const int j = perm_[static_cast<std::size_t>(q)];
      if (std::find(chunk.begin(), chunk.end(), j) == chunk.end()) rest.push_back(j);
    }
    const auto extra = std::min(rest.size(), want - chunk.size());
    std::partial_sort(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(extra), rest.end(),
                      [&](int a, int b) {
                        return priority[a] > priority[b] || (priority[a] == priority[b] && a < b);
                      });
    chunk.insert(chunk.end(), rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(extra));
  }
  // move the chunk to positions [done_, done_ + c)
  const auto c = static_cast<Eigen::Index>(chunk.size());
  for (Eigen::Index a = 0; a < c; ++a)
    swap_positions(done_ + a, pos_[static_cast<std::size_t>(chunk[static_cast<std::size_t>(a)])]);
  // rows of the predictors without a column: the chunk's own (symmetric) block by a
  // rank update, the later ones by one product ...
  const Eigen::Index m = nju_ - done_;
  const auto xc = x_.middleCols(done_, c);
  Eigen::MatrixXd sq = Eigen::MatrixXd::Zero(c, c);
  sq.selfadjointView<Eigen::Lower>().rankUpdate(xc.transpose());
  const Eigen::MatrixXd prod = x_.middleCols(done_ + c, m - c).transpose() * xc;
  for (Eigen::Index a = 0; a < c; ++a) {
    const int k = perm_[static_cast<std::size_t>(done_ + a)];
    for (Eigen::Index i = 0; i < c; ++i)
      c_(perm_[static_cast<std::size_t>(done_ + i)], k) = i >= a ? sq(i, a) : sq(a, i);
    for (Eigen::Index i = 0; i < m - c; ++i)
      c_(perm_[static_cast<std::size_t>(done_ + c + i)], k) = prod(i, a);
    // ... and the others by symmetry
    for (Eigen::Index q = 0; q < done_; ++q) {
      const int j = perm_[static_cast<std::size_t>(q)];
      c_(j, k) = c_(k, j);
    }
    has_[static_cast<std::size_t>(k)] = 1;
  }
  done_ += c;
}


int cd_engine::nonzero() const {
  int c = 0;
  for (int k : active) c += b[k] != 0.0;
  return c;
}

void fix_first_lambda(std::vector<double>& lambda) {
  if (lambda.size() > 2)
    lambda[0] = std::exp(2.0 * std::log(lambda[1]) - std::log(lambda[2]));
}

bool path_should_stop(const enet_options& opt, bool user_lambda, int m, int nonzero,
                      double dfmax, double change, double dev_ratio) {
  if (user_lambda || m + 1 < std::min(opt.mnlam, std::max(opt.nlambda, 1))) return false;
  return nonzero > dfmax || change < opt.fdev || dev_ratio > opt.devmax;
}

}  // namespace detail
}  // namespace radsig::penalized
