// Decision values, votes, regression predictions and probabilities; see svm.hpp.
#include <algorithm>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/svm/platt.hpp"
#include "radsig/svm/svm.hpp"

namespace radsig::svm {

namespace {

constexpr double kMinProbability = 1e-7;

bool is_classification(const svm_model& m) { return m.type == svm_type::c_classification; }

row_matrix scale_new_data(const svm_model& model, const Eigen::MatrixXd& x) {
  if (x.cols() != model.sv.cols()) {
    throw invalid_argument("newdata", "has " + std::to_string(x.cols()) +
                                          " columns; the model was fitted on " +
                                          std::to_string(model.sv.cols()));
  }
  if (!x.allFinite()) throw invalid_argument("newdata", "contains missing or infinite values");
  row_matrix xs = x;
  if (!model.x_center.empty()) {
    for (Eigen::Index j = 0; j < xs.cols(); ++j) {
      xs.col(j) = (xs.col(j).array() - model.x_center[j]) / model.x_scale[j];
    }
  }
  return xs;
}

}  // namespace

Eigen::MatrixXd decision_values(const svm_model& model, const Eigen::MatrixXd& x) {
  const row_matrix xs = scale_new_data(model, x);
  const Eigen::Index n = xs.rows();
  if (model.sv.rows() == 0) {
    Eigen::MatrixXd out(n, Eigen::Index(model.n_pairs()));
    for (std::size_t p = 0; p < model.n_pairs(); ++p) out.col(Eigen::Index(p)).setConstant(-model.rho[p]);
    return out;
  }
  const Eigen::MatrixXd k = kernel_matrix(model.kernel, xs, model.sv);  // n x nSV
  if (!is_classification(model)) {
    Eigen::MatrixXd out = k * model.coef;
    out.array() -= model.rho[0];
    return out;
  }
  const std::size_t nc = model.labels.size();
  std::vector<Eigen::Index> start(nc + 1, 0);
  for (std::size_t c = 0; c < nc; ++c) start[c + 1] = start[c] + Eigen::Index(model.n_sv[c]);
  Eigen::MatrixXd out(n, Eigen::Index(model.n_pairs()));
  Eigen::Index p = 0;
  for (std::size_t a = 0; a < nc; ++a) {
    for (std::size_t b = a + 1; b < nc; ++b, ++p) {
      const Eigen::Index na = start[a + 1] - start[a], nb = start[b + 1] - start[b];
      Eigen::VectorXd d = Eigen::VectorXd::Constant(n, -model.rho[std::size_t(p)]);
      if (na > 0) d += k.middleCols(start[a], na) * model.coef.col(Eigen::Index(b - 1)).segment(start[a], na);
      if (nb > 0) d += k.middleCols(start[b], nb) * model.coef.col(Eigen::Index(a)).segment(start[b], nb);
      out.col(p) = d;
    }
  }
  return out;
}

std::vector<int> predict_labels(const svm_model& model, const Eigen::MatrixXd& decision) {
  if (!is_classification(model)) throw invalid_argument("model", "is not a classifier");
  const std::size_t nc = model.labels.size();
  std::vector<int> out(std::size_t(decision.rows()));
  std::vector<int> votes(nc);
  for (Eigen::Index i = 0; i < decision.rows(); ++i) {
    std::fill(votes.begin(), votes.end(), 0);
    Eigen::Index p = 0;
    for (std::size_t a = 0; a < nc; ++a) {
      for (std::size_t b = a + 1; b < nc; ++b, ++p) ++votes[decision(i, p) > 0.0 ? a : b];
    }
    const auto best = std::max_element(votes.begin(), votes.end()) - votes.begin();
    out[std::size_t(i)] = model.labels[std::size_t(best)];
  }
  return out;
}

std::vector<double> predict_response(const svm_model& model, const Eigen::MatrixXd& decision) {
  if (is_classification(model)) throw invalid_argument("model", "is not a regression model");
  std::vector<double> out(std::size_t(decision.rows()));
  for (Eigen::Index i = 0; i < decision.rows(); ++i) {
    out[std::size_t(i)] = decision(i, 0) * model.y_scale + model.y_center;
  }
  return out;
}

Eigen::MatrixXd predict_probabilities(const svm_model& model, const Eigen::MatrixXd& decision) {
  if (!is_classification(model) || model.prob_a.size() != model.n_pairs()) {
    throw invalid_argument("model", "was fitted without probability = TRUE");
  }
  const Eigen::Index nc = Eigen::Index(model.labels.size());
  Eigen::MatrixXd out(decision.rows(), nc);
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(nc, nc);
  for (Eigen::Index i = 0; i < decision.rows(); ++i) {
    Eigen::Index p = 0;
    for (Eigen::Index a = 0; a < nc; ++a) {
      for (Eigen::Index b = a + 1; b < nc; ++b, ++p) {
        const double s = sigmoid_probability(decision(i, p), model.prob_a[std::size_t(p)],
                                             model.prob_b[std::size_t(p)]);
        r(a, b) = std::clamp(s, kMinProbability, 1.0 - kMinProbability);
        r(b, a) = 1.0 - r(a, b);
      }
    }
    if (nc == 2) {
      out(i, 0) = r(0, 1);
      out(i, 1) = r(1, 0);
    } else {
      out.row(i) = couple_pairwise(r).transpose();
    }
  }
  return out;
}

}  // namespace radsig::svm
