// Support vector machines: C-classification (binary and one-vs-one multiclass with voting
// and pairwise-coupled probabilities), epsilon-SVR and nu-SVR.
//
// Conventions follow libsvm / e1071 so that models can be compared with them:
// * scaling: each column centred and divided by its n-1 standard deviation; if any column is
//   constant no column is scaled (`constant_columns` lists them). Regression also scales y.
// * classes are ordered by first appearance in the training data; pair (i, j), i < j, has
//   positive decision values for class i; pairs are ordered (0,1), (0,2), ..., (1,2), ...
// * support vectors are grouped by class in that order, each group in data order; `coef`
//   is an nSV x (k - 1) matrix laid out as libsvm's sv_coef.
// * probabilities: Platt sigmoids fitted on decision values from an internal
//   `probability_folds`-fold cross-validation per pair. Folds come from a Fisher-Yates
//   shuffle of the pair's data (class i then class j, data order) that draws
//   j = t + floor(u * (l - t)) for t = 0..l-1 from uniforms u: by default a SplitMix64
//   stream seeded with `seed`, or the given `fold_uniforms` (consumed pair by pair).
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "radsig/svm/kernel.hpp"

namespace radsig::svm {

enum class svm_type { c_classification, eps_regression, nu_regression };

struct svm_options {
  svm_type type = svm_type::c_classification;
  kernel_params kernel;
  double cost = 1.0;
  double nu = 0.5;        // nu-regression, in (0, 1]
  double epsilon = 0.1;   // eps-regression, >= 0
  double tolerance = 1e-3;
  bool shrinking = true;
  double cache_mb = 100.0;
  bool scale = true;
  std::vector<std::pair<int, double>> class_weights;  // label -> multiplier of cost
  bool probability = false;
  int probability_folds = 5;
  std::uint64_t seed = 0;
  std::vector<double> fold_uniforms;  // optional uniforms in [0, 1) for the fold shuffles
  std::function<bool()> should_stop;  // polled by the solver; may be empty
};

struct svm_model {
  svm_type type = svm_type::c_classification;
  kernel_params kernel;
  std::vector<double> x_center, x_scale;  // empty: no scaling
  double y_center = 0.0, y_scale = 1.0;   // regression response scaling
  std::vector<std::size_t> constant_columns;
  std::vector<int> labels;          // classes in first-appearance order
  row_matrix sv;                    // support vectors (scaled space)
  std::vector<std::size_t> sv_index;  // 0-based training rows of the support vectors
  std::vector<std::size_t> n_sv;      // per class (regression: one entry)
  Eigen::MatrixXd coef;             // nSV x max(1, k - 1)
  std::vector<double> rho;          // one per pair (regression: one)
  std::vector<double> prob_a, prob_b;  // Platt sigmoids per pair (empty without)
  long iterations = 0;              // solver iterations, summed over pairs
  bool converged = true;            // false if any solver hit its iteration limit
  std::size_t n_pairs() const { return rho.size(); }
};

// x: n x p, y: class labels (integers stored as double) or responses. Throws
// radsig::invalid_argument naming the offending option or input.
svm_model fit_svm(const Eigen::MatrixXd& x, const std::vector<double>& y,
                  const svm_options& options);

// Decision values: n x n_pairs for classification, n x 1 (scaled response) for regression.
Eigen::MatrixXd decision_values(const svm_model& model, const Eigen::MatrixXd& x);

// Predicted labels by one-vs-one voting (ties: the class appearing first).
std::vector<int> predict_labels(const svm_model& model, const Eigen::MatrixXd& decision);

// Regression predictions in the units of y.
std::vector<double> predict_response(const svm_model& model, const Eigen::MatrixXd& decision);

// Class probabilities (n x k, columns in `labels` order); needs a model with probability.
Eigen::MatrixXd predict_probabilities(const svm_model& model, const Eigen::MatrixXd& decision);

}  // namespace radsig::svm
