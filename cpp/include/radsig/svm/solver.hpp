// Sequential minimal optimisation for the SVM dual problems
//
//   min_a  1/2 a' Q a + p' a   subject to  y' a = const,  0 <= a_t <= C_t,
//
// with Q_st = y_s y_t K(x_d(s), x_d(t)), y_t in {-1, +1}, and d(t) the data point of
// variable t (C-SVC: d(t) = t; SVR: 2n variables on n points). The "nu" variant keeps the
// sums of a over y = +1 and over y = -1 fixed separately (nu-SVR).
//
// Working-set selection uses second-order information (Fan, Chen & Lin 2005, WSS 2):
// i maximises -y_t G_t over I_up, j minimises -b_it^2 / a_it over I_low. Bounded variables
// that cannot move are shrunk from the active set and the full gradient is rebuilt before the
// final optimality check (Chang & Lin 2011, section 5). Stops when the maximal violating
// pair gap m(a) - M(a) is below `tolerance`.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "radsig/svm/kernel.hpp"

namespace radsig::svm {

struct qp_problem {
  std::vector<std::size_t> point;  // data point of each variable
  std::vector<signed char> y;      // +1 / -1
  std::vector<double> p;           // linear term
  std::vector<double> upper;       // box bound C_t > 0
  std::vector<double> alpha;       // feasible starting point (empty: all zero)
};

struct solver_options {
  double tolerance = 1e-3;
  bool shrinking = true;
  bool nu_constraints = false;  // two equality constraints (nu-SVR)
  long max_iterations = 0;      // 0: max(10^7, 100 * number of variables)
  std::function<bool()> should_stop;  // polled every 1000 iterations; may be empty
};

struct qp_solution {
  std::vector<double> alpha;
  double rho = 0.0;  // offset: decision = sum_t y_t a_t K(x, x_t) - rho
  double r = 0.0;    // nu variant: (r1 + r2) / 2
  double objective = 0.0;
  long iterations = 0;
  bool converged = true;
};

// Throws radsig::interrupted when should_stop() returns true.
qp_solution solve_qp(const qp_problem& problem, kernel_cache& kernel,
                     const solver_options& options);

}  // namespace radsig::svm
