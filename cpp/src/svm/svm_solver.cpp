// SMO with second-order working-set selection and shrinking; see solver.hpp.
#include "radsig/svm/solver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "radsig/core/error.hpp"

namespace radsig::svm {

namespace {

constexpr double kTau = 1e-12;  // replaces a non-positive curvature a_ij
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

enum class bound : unsigned char { lower, upper, free };

class smo {
 public:
  smo(const qp_problem& problem, kernel_cache& kernel, const solver_options& options)
      : prob_(problem), kernel_(kernel), opt_(options), m_(problem.y.size()) {}

  qp_solution run();

 private:
  const qp_problem& prob_;
  kernel_cache& kernel_;
  const solver_options& opt_;
  std::size_t m_;
  std::vector<double> alpha_, grad_, grad_bar_, qd_;
  std::vector<bound> status_;
  std::vector<std::size_t> active_;
  bool unshrunk_ = false;

  double y(std::size_t t) const { return prob_.y[t]; }
  double k_at(const double* row, std::size_t t) const { return row[prob_.point[t]]; }
  bool at_upper(std::size_t t) const { return status_[t] == bound::upper; }
  bool at_lower(std::size_t t) const { return status_[t] == bound::lower; }
  bool is_free(std::size_t t) const { return status_[t] == bound::free; }
  void set_status(std::size_t t) {
    status_[t] = alpha_[t] >= prob_.upper[t] ? bound::upper
                 : alpha_[t] <= 0.0         ? bound::lower
                                            : bound::free;
  }
  void initialise();
  bool select(std::size_t& i, std::size_t& j) {
    return opt_.nu_constraints ? select_nu(i, j) : select_standard(i, j);
  }
  bool select_standard(std::size_t& i, std::size_t& j);
  bool select_nu(std::size_t& i, std::size_t& j);
  void second_order_candidate(const double* ki, std::size_t i, std::size_t t, double gap,
                              double& best, std::size_t& j) const;
  void take_step(std::size_t i, std::size_t j);
  void shrink();
  bool can_shrink(std::size_t t, double up_p, double low_p, double up_n, double low_n) const;
  void reconstruct_gradient();
  void activate_all();
  void offsets(double& rho, double& r) const;
};

void smo::initialise() {
  alpha_ = prob_.alpha.empty() ? std::vector<double>(m_, 0.0) : prob_.alpha;
  status_.assign(m_, bound::lower);
  qd_.resize(m_);
  for (std::size_t t = 0; t < m_; ++t) {
    set_status(t);
    qd_[t] = kernel_.diagonal(prob_.point[t]);
  }
  grad_ = prob_.p;
  grad_bar_.assign(m_, 0.0);
  for (std::size_t t = 0; t < m_; ++t) {
    if (at_lower(t)) continue;
    const double* kt = kernel_.row(prob_.point[t]);
    for (std::size_t s = 0; s < m_; ++s) {
      const double q = y(s) * y(t) * k_at(kt, s);
      grad_[s] += alpha_[t] * q;
      if (at_upper(t)) grad_bar_[s] += prob_.upper[t] * q;
    }
  }
  active_.resize(m_);
  for (std::size_t t = 0; t < m_; ++t) active_[t] = t;
}

// Candidate j for a fixed i: minimises -gap^2 / a_it (second-order reduction of the dual).
void smo::second_order_candidate(const double* ki, std::size_t i, std::size_t t, double gap,
                                 double& best, std::size_t& j) const {
  if (gap <= 0.0 || ki == nullptr) return;
  double a = qd_[i] + qd_[t] - 2.0 * k_at(ki, t);
  if (a <= 0.0) a = kTau;
  const double obj = -(gap * gap) / a;
  if (obj <= best) {
    best = obj;
    j = t;
  }
}

bool smo::select_standard(std::size_t& i_out, std::size_t& j_out) {
  double up = -kInf;  // m(a) = max over I_up of -y G
  std::size_t i = kNone;
  for (std::size_t t : active_) {
    if (y(t) > 0 ? !at_upper(t) : !at_lower(t)) {
      const double v = -y(t) * grad_[t];
      if (v >= up) {
        up = v;
        i = t;
      }
    }
  }
  const double* ki = i == kNone ? nullptr : kernel_.row(prob_.point[i]);
  double low = -kInf;  // -M(a) = max over I_low of y G
  double best = kInf;
  std::size_t j = kNone;
  for (std::size_t t : active_) {
    if (y(t) > 0 ? !at_lower(t) : !at_upper(t)) {
      const double v = y(t) * grad_[t];
      low = std::max(low, v);
      second_order_candidate(ki, i, t, up + v, best, j);
    }
  }
  if (up + low < opt_.tolerance || j == kNone) return true;
  i_out = i;
  j_out = j;
  return false;
}

bool smo::select_nu(std::size_t& i_out, std::size_t& j_out) {
  double up_p = -kInf, up_n = -kInf;
  std::size_t ip = kNone, in = kNone;
  for (std::size_t t : active_) {
    if (y(t) > 0) {
      if (!at_upper(t) && -grad_[t] >= up_p) {
        up_p = -grad_[t];
        ip = t;
      }
    } else if (!at_lower(t) && grad_[t] >= up_n) {
      up_n = grad_[t];
      in = t;
    }
  }
  const double* kp = ip == kNone ? nullptr : kernel_.row(prob_.point[ip]);
  const double* kn = in == kNone ? nullptr : kernel_.row(prob_.point[in]);
  double low_p = -kInf, low_n = -kInf, best = kInf;
  std::size_t j = kNone;
  for (std::size_t t : active_) {
    if (y(t) > 0) {
      if (!at_lower(t)) {
        low_p = std::max(low_p, grad_[t]);
        second_order_candidate(kp, ip, t, up_p + grad_[t], best, j);
      }
    } else if (!at_upper(t)) {
      low_n = std::max(low_n, -grad_[t]);
      second_order_candidate(kn, in, t, up_n - grad_[t], best, j);
    }
  }
  if (std::max(up_p + low_p, up_n + low_n) < opt_.tolerance || j == kNone) return true;
  i_out = y(j) > 0 ? ip : in;
  j_out = j;
  return false;
}

// Solves the two-variable subproblem exactly and clips it to the box, keeping y_i a_i +
// y_j a_j fixed; a variable that reaches a bound is set to it exactly.
void smo::take_step(std::size_t i, std::size_t j) {
  const double* ki = kernel_.row(prob_.point[i]);
  const double* kj = kernel_.row(prob_.point[j]);  // ki stays valid (LRU holds two rows)
  const double ci = prob_.upper[i], cj = prob_.upper[j];
  const double old_i = alpha_[i], old_j = alpha_[j];
  double a = qd_[i] + qd_[j] - 2.0 * k_at(ki, j);
  if (a <= 0.0) a = kTau;
  double ai = old_i, aj = old_j;
  if (prob_.y[i] != prob_.y[j]) {  // a_i - a_j fixed; move both by delta
    const double delta = -(grad_[i] + grad_[j]) / a;
    const double diff = old_i - old_j;
    const double lo = std::max(-old_i, -old_j), hi = std::min(ci - old_i, cj - old_j);
    if (delta <= lo) {
      if (old_i <= old_j) { ai = 0.0; aj = -diff; } else { aj = 0.0; ai = diff; }
    } else if (delta >= hi) {
      if (ci - old_i <= cj - old_j) { ai = ci; aj = ci - diff; } else { aj = cj; ai = cj + diff; }
    } else {
      ai = old_i + delta;
      aj = old_j + delta;
    }
  } else {  // a_i + a_j fixed; a_i up by delta, a_j down by delta
    const double delta = (grad_[j] - grad_[i]) / a;
    const double sum = old_i + old_j;
    const double lo = std::max(-old_i, old_j - cj), hi = std::min(ci - old_i, old_j);
    if (delta <= lo) {
      if (-old_i >= old_j - cj) { ai = 0.0; aj = sum; } else { aj = cj; ai = sum - cj; }
    } else if (delta >= hi) {
      if (ci - old_i <= old_j) { ai = ci; aj = sum - ci; } else { aj = 0.0; ai = sum; }
    } else {
      ai = old_i + delta;
      aj = old_j - delta;
    }
  }
  alpha_[i] = ai;
  alpha_[j] = aj;
  const double di = (ai - old_i) * y(i), dj = (aj - old_j) * y(j);
  for (std::size_t t : active_) grad_[t] += y(t) * (di * k_at(ki, t) + dj * k_at(kj, t));

  const bool was_upper_i = at_upper(i), was_upper_j = at_upper(j);
  set_status(i);
  set_status(j);
  auto update_bar = [&](std::size_t v, const double* kv, bool was_upper) {
    if (was_upper == at_upper(v)) return;
    const double c = (at_upper(v) ? prob_.upper[v] : -prob_.upper[v]) * y(v);
    for (std::size_t t = 0; t < m_; ++t) grad_bar_[t] += c * y(t) * k_at(kv, t);
  };
  update_bar(i, ki, was_upper_i);
  update_bar(j, kj, was_upper_j);
}

bool smo::can_shrink(std::size_t t, double up_p, double low_p, double up_n,
                     double low_n) const {
  if (at_upper(t)) return y(t) > 0 ? -grad_[t] > up_p : -grad_[t] > low_n;
  if (at_lower(t)) return y(t) > 0 ? grad_[t] > low_p : grad_[t] > up_n;
  return false;
}

// Removes bounded variables that would stay at their bound (Chang & Lin 2011, 5.1). For
// the single-constraint problem the +1 and -1 violations are pooled.
void smo::shrink() {
  double up_p = -kInf, low_p = -kInf, up_n = -kInf, low_n = -kInf;
  for (std::size_t t : active_) {
    if (y(t) > 0) {
      if (!at_upper(t)) up_p = std::max(up_p, -grad_[t]);
      if (!at_lower(t)) low_p = std::max(low_p, grad_[t]);
    } else {
      if (!at_lower(t)) up_n = std::max(up_n, grad_[t]);
      if (!at_upper(t)) low_n = std::max(low_n, -grad_[t]);
    }
  }
  double gap;
  if (opt_.nu_constraints) {
    gap = std::max(up_p + low_p, up_n + low_n);
  } else {
    up_p = up_n = std::max(up_p, up_n);
    low_p = low_n = std::max(low_p, low_n);
    gap = up_p + low_p;
  }
  if (!unshrunk_ && gap <= 10.0 * opt_.tolerance) {
    unshrunk_ = true;
    reconstruct_gradient();
    activate_all();
  }
  std::size_t kept = 0;
  for (std::size_t t : active_) {
    if (!can_shrink(t, up_p, low_p, up_n, low_n)) active_[kept++] = t;
  }
  active_.resize(kept);
}

// Rebuilds G_t = Gbar_t + p_t + sum over free j of a_j Q_tj for the inactive variables.
void smo::reconstruct_gradient() {
  if (active_.size() == m_) return;
  std::vector<char> inactive(m_, 1);
  for (std::size_t t : active_) inactive[t] = 0;
  std::vector<std::size_t> idle;
  for (std::size_t t = 0; t < m_; ++t) {
    if (inactive[t]) {
      idle.push_back(t);
      grad_[t] = grad_bar_[t] + prob_.p[t];
    }
  }
  for (std::size_t j = 0; j < m_; ++j) {
    if (!is_free(j)) continue;
    const double* kj = kernel_.row(prob_.point[j]);
    const double c = alpha_[j] * y(j);
    for (std::size_t t : idle) grad_[t] += c * y(t) * k_at(kj, t);
  }
}

void smo::activate_all() {
  active_.resize(m_);
  for (std::size_t t = 0; t < m_; ++t) active_[t] = t;
}

// rho from the KKT conditions: the mean of y_t G_t over free variables, else the middle of
// the feasible interval. The nu variant does this per sign (r1, r2).
void smo::offsets(double& rho, double& r) const {
  if (!opt_.nu_constraints) {
    double ub = kInf, lb = -kInf, sum = 0.0;
    std::size_t nfree = 0;
    for (std::size_t t = 0; t < m_; ++t) {
      const double v = y(t) * grad_[t];
      if (is_free(t)) {
        sum += v;
        ++nfree;
      } else if (at_upper(t) == (y(t) < 0)) {
        ub = std::min(ub, v);
      } else {
        lb = std::max(lb, v);
      }
    }
    rho = nfree > 0 ? sum / static_cast<double>(nfree) : (ub + lb) / 2.0;
    r = 0.0;
    return;
  }
  double ub[2] = {kInf, kInf}, lb[2] = {-kInf, -kInf}, sum[2] = {0.0, 0.0};
  std::size_t nfree[2] = {0, 0};
  for (std::size_t t = 0; t < m_; ++t) {
    const int g = y(t) > 0 ? 0 : 1;
    if (is_free(t)) {
      sum[g] += grad_[t];
      ++nfree[g];
    } else if (at_upper(t)) {
      lb[g] = std::max(lb[g], grad_[t]);
    } else {
      ub[g] = std::min(ub[g], grad_[t]);
    }
  }
  double rr[2];
  for (int g = 0; g < 2; ++g) {
    rr[g] = nfree[g] > 0 ? sum[g] / static_cast<double>(nfree[g]) : (ub[g] + lb[g]) / 2.0;
  }
  rho = (rr[0] - rr[1]) / 2.0;
  r = (rr[0] + rr[1]) / 2.0;
}

qp_solution smo::run() {
  initialise();
  const long max_iter = opt_.max_iterations > 0
                            ? opt_.max_iterations
                            : std::max<long>(10000000L, 100L * static_cast<long>(m_));
  long counter = static_cast<long>(std::min<std::size_t>(m_, 1000)) + 1;
  long iter = 0;
  bool optimal = false;
  while (iter < max_iter) {
    if (opt_.should_stop && iter % 1000 == 0 && opt_.should_stop()) throw interrupted();
    if (--counter == 0) {
      counter = static_cast<long>(std::min<std::size_t>(m_, 1000));
      if (opt_.shrinking) shrink();
    }
    std::size_t i = kNone, j = kNone;
    if (select(i, j)) {
      reconstruct_gradient();
      activate_all();
      if (select(i, j)) {
        optimal = true;
        break;
      }
      counter = 1;  // shrink again at the next iteration
    }
    ++iter;
    take_step(i, j);
  }
  if (!optimal) {
    reconstruct_gradient();
    activate_all();
  }
  qp_solution sol;
  offsets(sol.rho, sol.r);
  double obj = 0.0;
  for (std::size_t t = 0; t < m_; ++t) obj += alpha_[t] * (grad_[t] + prob_.p[t]);
  sol.objective = obj / 2.0;
  sol.iterations = iter;
  sol.converged = optimal;
  sol.alpha = std::move(alpha_);
  return sol;
}

}  // namespace

qp_solution solve_qp(const qp_problem& problem, kernel_cache& kernel,
                     const solver_options& options) {
  const std::size_t m = problem.y.size();
  if (problem.point.size() != m || problem.p.size() != m || problem.upper.size() != m ||
      (!problem.alpha.empty() && problem.alpha.size() != m)) {
    throw invalid_argument("problem", "inconsistent QP dimensions");
  }
  for (std::size_t t = 0; t < m; ++t) {
    if (problem.point[t] >= kernel.size()) throw invalid_argument("problem", "point out of range");
    if (!(problem.upper[t] > 0.0)) throw invalid_argument("cost", "box bounds must be > 0");
  }
  if (!(options.tolerance > 0.0)) throw invalid_argument("tolerance", "must be > 0");
  if (m == 0) return qp_solution{};
  smo solver(problem, kernel, options);
  return solver.run();
}

}  // namespace radsig::svm
