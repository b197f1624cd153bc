// Training of C-SVC (one-vs-one), eps-SVR and nu-SVR models; see svm.hpp.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/svm/platt.hpp"
#include "radsig/svm/solver.hpp"
#include "radsig/svm/svm.hpp"

namespace radsig::svm {

namespace {

void validate_options(const svm_options& o) {
  auto finite_positive = [](double v) { return std::isfinite(v) && v > 0.0; };
  if (!finite_positive(o.cost)) throw invalid_argument("cost", "must be a finite number > 0");
  if (!finite_positive(o.tolerance)) throw invalid_argument("tolerance", "must be > 0");
  if (!(o.cache_mb > 0.0)) throw invalid_argument("cachesize", "must be > 0");
  validate_kernel(o.kernel);
  if (o.type == svm_type::nu_regression && !(o.nu > 0.0 && o.nu <= 1.0)) {
    throw invalid_argument("nu", "must be in (0, 1]");
  }
  if (o.type == svm_type::eps_regression && !(std::isfinite(o.epsilon) && o.epsilon >= 0.0)) {
    throw invalid_argument("epsilon", "must be a finite number >= 0");
  }
  if (o.probability && o.probability_folds < 2) {
    throw invalid_argument("probability_folds", "must be >= 2");
  }
  for (const auto& w : o.class_weights) {
    if (!finite_positive(w.second)) throw invalid_argument("class_weights", "must be > 0");
  }
  for (double u : o.fold_uniforms) {
    if (!(u >= 0.0 && u < 1.0)) throw invalid_argument("fold_uniforms", "must lie in [0, 1)");
  }
}

// Centres and scales the columns (n-1 SD) unless a column is constant (then none is).
row_matrix prepare_data(const Eigen::MatrixXd& x, bool scale, svm_model& model) {
  row_matrix xs = x;
  if (!scale) return xs;
  const Eigen::Index n = x.rows();
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    if ((x.col(j).array() == x(0, j)).all()) model.constant_columns.push_back(j);
  }
  if (!model.constant_columns.empty()) return xs;
  model.x_center.resize(x.cols());
  model.x_scale.resize(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double mean = x.col(j).mean();
    const double sd = std::sqrt((x.col(j).array() - mean).square().sum() / double(n - 1));
    model.x_center[j] = mean;
    model.x_scale[j] = sd;
    xs.col(j) = (x.col(j).array() - mean) / sd;
  }
  return xs;
}

row_matrix select_rows(const row_matrix& x, const std::vector<std::size_t>& rows) {
  row_matrix out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rows[i]));
  }
  return out;
}

std::size_t cache_bytes(const svm_options& o) {
  return static_cast<std::size_t>(o.cache_mb * 1024.0 * 1024.0);
}

solver_options solver_settings(const svm_options& o, bool nu) {
  solver_options s;
  s.tolerance = o.tolerance;
  s.shrinking = o.shrinking;
  s.nu_constraints = nu;
  s.should_stop = o.should_stop;
  return s;
}

struct binary_fit {
  std::vector<double> coef;  // y_t alpha_t, rows in the order given (positives first)
  double rho = 0.0;
  long iterations = 0;
  bool converged = true;
};

// C-SVC on rows `pos` (+1) followed by `neg` (-1) of x.
binary_fit train_binary(const row_matrix& x, const std::vector<std::size_t>& pos,
                        const std::vector<std::size_t>& neg, double cp, double cn,
                        const svm_options& o) {
  std::vector<std::size_t> rows = pos;
  rows.insert(rows.end(), neg.begin(), neg.end());
  const row_matrix sub = select_rows(x, rows);
  kernel_cache cache(sub, o.kernel, cache_bytes(o));
  const std::size_t l = rows.size();
  qp_problem qp;
  qp.point.resize(l);
  qp.y.resize(l);
  qp.p.assign(l, -1.0);
  qp.upper.resize(l);
  for (std::size_t t = 0; t < l; ++t) {
    qp.point[t] = t;
    const bool is_pos = t < pos.size();
    qp.y[t] = is_pos ? 1 : -1;
    qp.upper[t] = is_pos ? cp : cn;
  }
  const qp_solution sol = solve_qp(qp, cache, solver_settings(o, false));
  binary_fit fit;
  fit.coef.resize(l);
  for (std::size_t t = 0; t < l; ++t) fit.coef[t] = qp.y[t] * sol.alpha[t];
  fit.rho = sol.rho;
  fit.iterations = sol.iterations;
  fit.converged = sol.converged;
  return fit;
}

// Uniforms in [0, 1): the caller's list, or a SplitMix64 stream.
class uniform_source {
 public:
  uniform_source(const std::vector<double>& given, std::uint64_t seed)
      : given_(given), state_(seed) {}
  double next() {
    if (!given_.empty()) {
      if (pos_ >= given_.size()) throw invalid_argument("fold_uniforms", "too few values");
      return given_[pos_++];
    }
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }

 private:
  const std::vector<double>& given_;
  std::size_t pos_ = 0;
  std::uint64_t state_;
};

// Platt sigmoid for one pair from cross-validated decision values.
sigmoid_fit pair_sigmoid(const row_matrix& x, const std::vector<std::size_t>& pos,
                         const std::vector<std::size_t>& neg, double cp, double cn,
                         const svm_options& o, uniform_source& rng) {
  std::vector<std::size_t> rows = pos;
  rows.insert(rows.end(), neg.begin(), neg.end());
  const std::size_t l = rows.size();
  std::vector<std::size_t> perm(l);
  for (std::size_t t = 0; t < l; ++t) perm[t] = t;
  for (std::size_t t = 0; t < l; ++t) {
    const auto span = static_cast<long long>(l - t);
    const std::size_t j = t + static_cast<std::size_t>(
                                  static_cast<long long>(rng.next() * double(span)) % span);
    std::swap(perm[t], perm[j]);
  }
  std::vector<double> dec(l, 0.0);
  const auto folds = static_cast<std::size_t>(o.probability_folds);
  for (std::size_t f = 0; f < folds; ++f) {
    const std::size_t begin = f * l / folds, end = (f + 1) * l / folds;
    std::vector<std::size_t> tr_pos, tr_neg;
    for (std::size_t k = 0; k < l; ++k) {
      if (k >= begin && k < end) continue;
      const std::size_t t = perm[k];
      (t < pos.size() ? tr_pos : tr_neg).push_back(rows[t]);
    }
    if (tr_pos.empty() || tr_neg.empty()) {
      const double v = tr_pos.empty() && tr_neg.empty() ? 0.0 : (tr_neg.empty() ? 1.0 : -1.0);
      for (std::size_t k = begin; k < end; ++k) dec[perm[k]] = v;
      continue;
    }
    const binary_fit fit = train_binary(x, tr_pos, tr_neg, cp, cn, o);
    std::vector<std::size_t> held;
    for (std::size_t k = begin; k < end; ++k) held.push_back(rows[perm[k]]);
    std::vector<std::size_t> sv_rows;
    std::vector<double> sv_coef;
    const std::size_t np = tr_pos.size();
    for (std::size_t t = 0; t < fit.coef.size(); ++t) {
      if (fit.coef[t] == 0.0) continue;
      sv_rows.push_back(t < np ? tr_pos[t] : tr_neg[t - np]);
      sv_coef.push_back(fit.coef[t]);
    }
    const Eigen::MatrixXd k = kernel_matrix(o.kernel, select_rows(x, held),
                                            select_rows(x, sv_rows));
    const Eigen::Map<const Eigen::VectorXd> c(sv_coef.data(), Eigen::Index(sv_coef.size()));
    const Eigen::VectorXd d = k * c;
    for (std::size_t k2 = begin; k2 < end; ++k2) dec[perm[k2]] = d[Eigen::Index(k2 - begin)] - fit.rho;
  }
  std::vector<bool> positive(l);
  for (std::size_t t = 0; t < l; ++t) positive[t] = t < pos.size();
  return fit_sigmoid(dec, positive);
}

void fit_classification(const row_matrix& xs, const std::vector<double>& y,
                        const svm_options& o, svm_model& model) {
  const std::size_t n = y.size();
  std::map<int, std::size_t> class_of;
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < n; ++i) {
    if (y[i] != std::floor(y[i]) || std::fabs(y[i]) > 2e9) {
      throw invalid_argument("y", "class labels must be integers");
    }
    const int label = static_cast<int>(y[i]);
    auto it = class_of.find(label);
    if (it == class_of.end()) {
      it = class_of.emplace(label, members.size()).first;
      model.labels.push_back(label);
      members.emplace_back();
    }
    members[it->second].push_back(i);
  }
  const std::size_t k = members.size();
  if (k < 2) throw invalid_argument("y", "needs at least two classes");
  std::vector<double> cost(k, o.cost);
  for (const auto& w : o.class_weights) {
    const auto it = class_of.find(w.first);
    if (it == class_of.end()) {
      throw invalid_argument("class_weights", "names a class absent from y: " +
                                                  std::to_string(w.first));
    }
    cost[it->second] *= w.second;
  }
  uniform_source rng(o.fold_uniforms, o.seed);
  std::vector<binary_fit> fits;
  std::vector<char> is_sv(n, 0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b) {
      if (o.probability) {
        const sigmoid_fit s = pair_sigmoid(xs, members[a], members[b], cost[a], cost[b], o, rng);
        model.prob_a.push_back(s.a);
        model.prob_b.push_back(s.b);
      }
      fits.push_back(train_binary(xs, members[a], members[b], cost[a], cost[b], o));
      const binary_fit& f = fits.back();
      model.rho.push_back(f.rho);
      model.iterations += f.iterations;
      model.converged = model.converged && f.converged;
      for (std::size_t t = 0; t < f.coef.size(); ++t) {
        if (f.coef[t] == 0.0) continue;
        is_sv[t < members[a].size() ? members[a][t] : members[b][t - members[a].size()]] = 1;
      }
    }
  }
  // Support vectors grouped by class; position of each training row in that list.
  std::vector<long> sv_pos(n, -1);
  model.n_sv.assign(k, 0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t i : members[c]) {
      if (!is_sv[i]) continue;
      sv_pos[i] = static_cast<long>(model.sv_index.size());
      model.sv_index.push_back(i);
      ++model.n_sv[c];
    }
  }
  model.sv = select_rows(xs, model.sv_index);
  model.coef = Eigen::MatrixXd::Zero(Eigen::Index(model.sv_index.size()), Eigen::Index(k - 1));
  std::size_t p = 0;
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b, ++p) {
      const binary_fit& f = fits[p];
      const std::size_t na = members[a].size();
      for (std::size_t t = 0; t < f.coef.size(); ++t) {
        if (f.coef[t] == 0.0) continue;
        const bool in_a = t < na;
        const std::size_t row = in_a ? members[a][t] : members[b][t - na];
        model.coef(sv_pos[row], Eigen::Index(in_a ? b - 1 : a)) = f.coef[t];
      }
    }
  }
}

void fit_regression(const row_matrix& xs, const std::vector<double>& y, const svm_options& o,
                    bool scale_y, svm_model& model) {
  const std::size_t n = y.size();
  std::vector<double> z = y;
  if (scale_y) {
    double mean = 0.0;
    for (double v : y) mean += v;
    mean /= double(n);
    double ss = 0.0;
    for (double v : y) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / double(n - 1));
    if (!(sd > 0.0)) throw invalid_argument("y", "is constant; cannot scale it");
    model.y_center = mean;
    model.y_scale = sd;
    for (double& v : z) v = (v - mean) / sd;
  }
  const bool nu = o.type == svm_type::nu_regression;
  qp_problem qp;
  qp.point.resize(2 * n);
  qp.y.resize(2 * n);
  qp.p.resize(2 * n);
  qp.upper.assign(2 * n, o.cost);
  if (nu) qp.alpha.resize(2 * n);
  double budget = o.cost * o.nu * double(n) / 2.0;
  for (std::size_t i = 0; i < n; ++i) {
    qp.point[i] = qp.point[i + n] = i;
    qp.y[i] = 1;
    qp.y[i + n] = -1;
    qp.p[i] = (nu ? 0.0 : o.epsilon) - z[i];
    qp.p[i + n] = (nu ? 0.0 : o.epsilon) + z[i];
    if (nu) {
      qp.alpha[i] = qp.alpha[i + n] = std::min(budget, o.cost);
      budget -= qp.alpha[i];
    }
  }
  kernel_cache cache(xs, o.kernel, cache_bytes(o));
  const qp_solution sol = solve_qp(qp, cache, solver_settings(o, nu));
  std::vector<double> coef;
  for (std::size_t i = 0; i < n; ++i) {
    const double c = sol.alpha[i] - sol.alpha[i + n];
    if (c == 0.0) continue;
    model.sv_index.push_back(i);
    coef.push_back(c);
  }
  model.sv = select_rows(xs, model.sv_index);
  model.coef = Eigen::Map<Eigen::VectorXd>(coef.data(), Eigen::Index(coef.size()));
  model.n_sv = {coef.size()};
  model.rho = {sol.rho};
  model.iterations = sol.iterations;
  model.converged = sol.converged;
}

}  // namespace

svm_model fit_svm(const Eigen::MatrixXd& x, const std::vector<double>& y,
                  const svm_options& options) {
  validate_options(options);
  if (x.rows() < 2) throw invalid_argument("x", "needs at least two rows");
  if (x.cols() < 1) throw invalid_argument("x", "needs at least one column");
  if (static_cast<std::size_t>(x.rows()) != y.size()) {
    throw invalid_argument("y", "length differs from the number of rows of x");
  }
  if (!x.allFinite()) throw invalid_argument("x", "contains missing or infinite values");
  for (double v : y) {
    if (!std::isfinite(v)) throw invalid_argument("y", "contains missing or infinite values");
  }
  svm_model model;
  model.type = options.type;
  model.kernel = options.kernel;
  const row_matrix xs = prepare_data(x, options.scale, model);
  if (options.type == svm_type::c_classification) {
    fit_classification(xs, y, options, model);
  } else {
    fit_regression(xs, y, options, options.scale && model.constant_columns.empty(), model);
  }
  return model;
}

}  // namespace radsig::svm
