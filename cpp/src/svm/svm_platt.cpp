#include "radsig/svm/platt.hpp"

#include <algorithm>
#include <cmath>

#include "radsig/core/error.hpp"

namespace radsig::svm {

namespace {

// Negative log-likelihood term of one observation with target t at z = A f + B, written so
// that exp never overflows.
double nll_term(double t, double z) {
  return z >= 0.0 ? t * z + std::log1p(std::exp(-z)) : (t - 1.0) * z + std::log1p(std::exp(z));
}

}  // namespace

double sigmoid_probability(double decision, double a, double b) {
  const double z = decision * a + b;
  return z >= 0.0 ? std::exp(-z) / (1.0 + std::exp(-z)) : 1.0 / (1.0 + std::exp(z));
}

sigmoid_fit fit_sigmoid(const std::vector<double>& decision, const std::vector<bool>& positive) {
  const std::size_t n = decision.size();
  if (positive.size() != n) throw invalid_argument("positive", "length differs from decision");
  for (double f : decision) {
    if (!std::isfinite(f)) throw invalid_argument("decision", "must be finite");
  }
  constexpr int kMaxIter = 100;
  constexpr double kMinStep = 1e-10;
  constexpr double kSigma = 1e-12;  // keeps the Hessian positive definite
  constexpr double kEps = 1e-5;

  double n_pos = 0.0, n_neg = 0.0;
  for (bool p : positive) (p ? n_pos : n_neg) += 1.0;
  const double hi = (n_pos + 1.0) / (n_pos + 2.0), lo = 1.0 / (n_neg + 2.0);
  std::vector<double> target(n);
  for (std::size_t i = 0; i < n; ++i) target[i] = positive[i] ? hi : lo;

  auto objective = [&](double a, double b) {
    double f = 0.0;
    for (std::size_t i = 0; i < n; ++i) f += nll_term(target[i], decision[i] * a + b);
    return f;
  };
  sigmoid_fit fit;
  fit.a = 0.0;
  fit.b = std::log((n_neg + 1.0) / (n_pos + 1.0));
  double fval = objective(fit.a, fit.b);
  fit.converged = false;
  for (fit.iterations = 0; fit.iterations < kMaxIter; ++fit.iterations) {
    double h11 = kSigma, h22 = kSigma, h21 = 0.0, g1 = 0.0, g2 = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double z = decision[i] * fit.a + fit.b;
      double p, q;  // p = P(+1), q = 1 - p
      if (z >= 0.0) {
        const double e = std::exp(-z);
        p = e / (1.0 + e);
        q = 1.0 / (1.0 + e);
      } else {
        const double e = std::exp(z);
        p = 1.0 / (1.0 + e);
        q = e / (1.0 + e);
      }
      const double w = p * q, f = decision[i], d = target[i] - p;
      h11 += f * f * w;
      h22 += w;
      h21 += f * w;
      g1 += f * d;
      g2 += d;
    }
    if (std::fabs(g1) < kEps && std::fabs(g2) < kEps) {
      fit.converged = true;
      break;
    }
    const double det = h11 * h22 - h21 * h21;
    const double da = -(h22 * g1 - h21 * g2) / det;
    const double db = -(-h21 * g1 + h11 * g2) / det;
    const double slope = g1 * da + g2 * db;
    double step = 1.0;
    while (step >= kMinStep) {
      const double na = fit.a + step * da, nb = fit.b + step * db;
      const double nf = objective(na, nb);
      if (nf < fval + 1e-4 * step * slope) {
        fit.a = na;
        fit.b = nb;
        fval = nf;
        break;
      }
      step /= 2.0;
    }
    if (step < kMinStep) break;  // line search failed: keep the last accepted point
  }
  return fit;
}

Eigen::VectorXd couple_pairwise(const Eigen::MatrixXd& r) {
  const Eigen::Index k = r.rows();
  if (r.cols() != k || k < 2) throw invalid_argument("r", "must be a square matrix, k >= 2");
  // Q_tt = sum_{j != t} r_jt^2, Q_tj = -r_jt r_tj; minimise p'Qp subject to sum(p) = 1.
  Eigen::MatrixXd q(k, k);
  for (Eigen::Index t = 0; t < k; ++t) {
    q(t, t) = 0.0;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (j == t) continue;
      q(t, t) += r(j, t) * r(j, t);
      q(t, j) = -r(j, t) * r(t, j);
    }
  }
  Eigen::VectorXd p = Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
  const long max_iter = std::max<long>(100, k);
  const double eps = 0.005 / static_cast<double>(k);
  Eigen::VectorXd qp = q * p;
  double pqp = p.dot(qp);
  for (long iter = 0; iter < max_iter; ++iter) {
    qp = q * p;
    pqp = p.dot(qp);
    if ((qp.array() - pqp).abs().maxCoeff() < eps) break;
    // Update p_t to satisfy the t-th optimality condition, then renormalise; Qp and p'Qp
    // are updated in closed form.
    for (Eigen::Index t = 0; t < k; ++t) {
      const double step = (pqp - qp[t]) / q(t, t);
      p[t] += step;
      const double scale = 1.0 + step;
      pqp = (pqp + step * (step * q(t, t) + 2.0 * qp[t])) / (scale * scale);
      qp = (qp + step * q.col(t)) / scale;
      p /= scale;
    }
  }
  return p;
}

}  // namespace radsig::svm
