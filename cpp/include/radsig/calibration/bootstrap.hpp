// Bootstrap optimism correction for logistic models, as rms::validate.lrm and
// rms::calibrate (method = "boot"): each resample refits the model, its indexes on the
// resample (training) minus those on the original data (test) estimate the optimism. The
// resamples are supplied by the caller, so results are deterministic for given resamples
// whatever the number of threads (each replicate writes its own slot; sums are taken in
// replicate order).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "radsig/core/progress.hpp"

namespace radsig::calibration {

struct bootstrap_options {
  int threads = 1;
  int max_iter = 25;
};

// Rows: Dxy, R2, Intercept, Slope, Emax, D, U, Q, B, g, gp.
// Columns: index_orig, training, test, optimism, index_corrected, n.
struct validation_table {
  std::vector<std::string> index;
  Eigen::MatrixXd table;  // 11 x 6
  int failed = 0;
};

// x: design with intercept column; y: 0/1; resamples: each a vector of row indices (0-based).
validation_table validate_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                   const std::vector<std::vector<int>>& resamples,
                                   const bootstrap_options& options = {},
                                   const progress_callbacks& progress = {});

struct calibration_table {
  std::vector<double> predy, calibrated_orig, calibrated_corrected, training, test, optimism, n;
  int failed = 0;
};

// Bias-corrected lowess calibration curve at `predy` (probabilities).
calibration_table calibrate_logistic(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                     const std::vector<std::vector<int>>& resamples,
                                     const std::vector<double>& predy,
                                     const bootstrap_options& options = {},
                                     const progress_callbacks& progress = {});

}  // namespace radsig::calibration
