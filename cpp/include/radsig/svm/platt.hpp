// Probability outputs for SVM decision values.
//
// * Platt scaling P(y = +1 | f) = 1 / (1 + exp(A f + B)), fitted by the Newton method with
//   backtracking line search of Lin, Lin & Weng (2007), with Platt's regularised targets
//   (N+ + 1) / (N+ + 2) and 1 / (N- + 2).
// * Pairwise coupling of one-vs-one probabilities r_ij into class probabilities by the
//   second method of Wu, Lin & Weng (2004), solved by their fixed-point iteration.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace radsig::svm {

struct sigmoid_fit {
  double a = 0.0;
  double b = 0.0;
  int iterations = 0;
  bool converged = true;  // false: iteration limit or line-search failure
};

// `positive[i]` is true for the +1 class. Throws radsig::invalid_argument on a length
// mismatch or non-finite decision values.
sigmoid_fit fit_sigmoid(const std::vector<double>& decision, const std::vector<bool>& positive);

// P(+1 | f), evaluated without overflow.
double sigmoid_probability(double decision, double a, double b);

// Class probabilities from pairwise probabilities r(i, j) = P(i | i or j), r(j, i) = 1 -
// r(i, j). Returns a vector summing to 1.
Eigen::VectorXd couple_pairwise(const Eigen::MatrixXd& r);

}  // namespace radsig::svm
