// Kernel functions and the kernel-row cache used by the SMO solver.
//
// Data are dense, one observation per row (row-major, so a row is contiguous). The cache
// stores whole kernel rows K(i, .) of one training problem in doubles with least-recently-
// used eviction; the solver asks for at most two rows at a time, so any capacity >= 2 rows
// is correct and a larger one only avoids recomputation.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <list>
#include <vector>

namespace radsig::svm {

enum class kernel_type { linear, polynomial, radial, sigmoid };

struct kernel_params {
  kernel_type type = kernel_type::radial;
  double gamma = 1.0;  // radial, polynomial, sigmoid
  double coef0 = 0.0;  // polynomial, sigmoid
  int degree = 3;      // polynomial
};

using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Throws radsig::invalid_argument for gamma <= 0 (non-linear kernels) or degree < 1.
void validate_kernel(const kernel_params& params);

// Kernel value from an inner product <u, v> and the squared norms |u|^2, |v|^2.
double kernel_from_dot(const kernel_params& params, double dot, double sq_u, double sq_v);

// K(a_i, b_j) for all rows of `a` and `b` (an a.rows() x b.rows() matrix).
Eigen::MatrixXd kernel_matrix(const kernel_params& params, const row_matrix& a,
                              const row_matrix& b);

// Lazily computed, LRU-cached kernel rows of one data set.
class kernel_cache {
 public:
  // `data` must outlive the cache. `cache_bytes` bounds the memory of cached rows.
  kernel_cache(const row_matrix& data, const kernel_params& params, std::size_t cache_bytes);

  std::size_t size() const { return static_cast<std::size_t>(data_.rows()); }
  double diagonal(std::size_t i) const { return diag_[i]; }
  // K(i, .) for all points. The pointer stays valid until two further rows are requested.
  const double* row(std::size_t i);
  std::size_t rows_computed() const { return computed_; }

 private:
  const row_matrix& data_;
  kernel_params params_;
  Eigen::VectorXd sq_norm_;
  std::vector<double> diag_;
  std::size_t capacity_;
  std::vector<std::vector<double>> slots_;                 // cached rows
  std::vector<int> slot_of_;                               // point -> slot or -1
  std::vector<std::size_t> point_of_;                      // slot -> point
  std::list<std::size_t> lru_;                             // slots, most recent first
  std::vector<std::list<std::size_t>::iterator> lru_pos_;  // slot -> position in lru_
  std::size_t computed_ = 0;

  void compute_row(std::size_t i, std::vector<double>& out) const;
};

}  // namespace radsig::svm
