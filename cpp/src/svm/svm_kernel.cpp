#include "radsig/svm/kernel.hpp"

#include <algorithm>
#include <cmath>

#include "radsig/core/error.hpp"

namespace radsig::svm {

namespace {

double int_power(double base, int exponent) {
  double result = 1.0;
  for (double b = base; exponent > 0; exponent >>= 1, b *= b) {
    if (exponent & 1) result *= b;
  }
  return result;
}

}  // namespace

void validate_kernel(const kernel_params& params) {
  if (params.type != kernel_type::linear && !(params.gamma > 0.0 && std::isfinite(params.gamma))) {
    throw invalid_argument("gamma", "must be a finite number > 0");
  }
  if (params.type == kernel_type::polynomial && params.degree < 1) {
    throw invalid_argument("degree", "must be an integer >= 1");
  }
  if (!std::isfinite(params.coef0)) throw invalid_argument("coef0", "must be finite");
}

double kernel_from_dot(const kernel_params& params, double dot, double sq_u, double sq_v) {
  switch (params.type) {
    case kernel_type::linear:
      return dot;
    case kernel_type::polynomial:
      return int_power(params.gamma * dot + params.coef0, params.degree);
    case kernel_type::radial:
      return std::exp(-params.gamma * std::max(0.0, sq_u + sq_v - 2.0 * dot));
    case kernel_type::sigmoid:
      return std::tanh(params.gamma * dot + params.coef0);
  }
  return 0.0;
}

Eigen::MatrixXd kernel_matrix(const kernel_params& params, const row_matrix& a,
                              const row_matrix& b) {
  Eigen::MatrixXd k = a * b.transpose();
  if (params.type == kernel_type::linear) return k;
  const Eigen::VectorXd sa = a.rowwise().squaredNorm();
  const Eigen::VectorXd sb = b.rowwise().squaredNorm();
  for (Eigen::Index j = 0; j < k.cols(); ++j) {
    for (Eigen::Index i = 0; i < k.rows(); ++i) {
      k(i, j) = kernel_from_dot(params, k(i, j), sa[i], sb[j]);
    }
  }
  return k;
}

kernel_cache::kernel_cache(const row_matrix& data, const kernel_params& params,
                           std::size_t cache_bytes)
    : data_(data), params_(params), sq_norm_(data.rowwise().squaredNorm()) {
  const std::size_t n = size();
  diag_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    diag_[i] = kernel_from_dot(params_, sq_norm_[i], sq_norm_[i], sq_norm_[i]);
  }
  const std::size_t row_bytes = std::max<std::size_t>(1, n) * sizeof(double);
  capacity_ = std::clamp<std::size_t>(cache_bytes / row_bytes, 2, std::max<std::size_t>(n, 2));
  slot_of_.assign(n, -1);
}

void kernel_cache::compute_row(std::size_t i, std::vector<double>& out) const {
  const std::size_t n = size();
  out.resize(n);
  Eigen::Map<Eigen::VectorXd> dots(out.data(), static_cast<Eigen::Index>(n));
  dots.noalias() = data_ * data_.row(static_cast<Eigen::Index>(i)).transpose();
  if (params_.type == kernel_type::linear) return;
  const double sq_i = sq_norm_[static_cast<Eigen::Index>(i)];
  for (std::size_t j = 0; j < n; ++j) {
    out[j] = kernel_from_dot(params_, out[j], sq_i, sq_norm_[static_cast<Eigen::Index>(j)]);
  }
}

const double* kernel_cache::row(std::size_t i) {
  const int slot = slot_of_[i];
  if (slot >= 0) {
    const auto s = static_cast<std::size_t>(slot);
    lru_.splice(lru_.begin(), lru_, lru_pos_[s]);
    return slots_[s].data();
  }
  std::size_t s;
  if (slots_.size() < capacity_) {
    s = slots_.size();
    slots_.emplace_back();
    point_of_.push_back(i);
    lru_.push_front(s);
    lru_pos_.push_back(lru_.begin());
  } else {
    s = lru_.back();
    slot_of_[point_of_[s]] = -1;
    point_of_[s] = i;
    lru_.splice(lru_.begin(), lru_, lru_pos_[s]);
  }
  compute_row(i, slots_[s]);
  slot_of_[i] = static_cast<int>(s);
  ++computed_;
  return slots_[s].data();
}

}  // namespace radsig::svm
