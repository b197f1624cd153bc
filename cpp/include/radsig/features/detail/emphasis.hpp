// Internal: the "emphasis" family shared by glrlm, glszm and gldm. A count matrix
// P(i, j) with grey level i (row level values) and size/length/dependence j = column + 1.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "radsig/features/texture_matrices.hpp"

namespace radsig::features::detail {

struct emphasis_stats {
  const std::vector<int>* lv = nullptr;
  double nz = 0;              // number of runs/zones/voxels (sum of P)
  double np = 0;              // voxels covered: sum_j j * p_j(j)
  std::vector<double> pg;     // row sums
  std::vector<std::pair<std::int64_t, double>> pj;  // non-zero column sums (j, sum), j ascending
  // Sums over the cells: p / (i^2 j^2), p i^2 / j^2, p j^2 / i^2, p i^2 j^2 and the entropy
  // term xlog2(p / nz).
  double small_low = 0, small_high = 0, large_low = 0, large_high = 0, entropy = 0;
};

// One non-zero cell of a sparse count matrix: row, column (j - 1) and count.
struct emphasis_cell {
  int row = 0;
  std::int64_t col = 0;
  double count = 0;
};

// `guard_zero`: replace zero totals by 1 (glszm, gldm).
emphasis_stats make_emphasis(const matrix& P, const std::vector<int>& lv, bool guard_zero);
// The same from the non-zero cells of a matrix with lv.size() rows, sorted by column.
emphasis_stats make_emphasis(const std::vector<emphasis_cell>& cells, const std::vector<int>& lv,
                             bool guard_zero);

double small_emphasis(const emphasis_stats& e);       // sum pj / j^2 / nz
double large_emphasis(const emphasis_stats& e);       // sum pj j^2 / nz
double gl_nonuniformity(const emphasis_stats& e);
double gl_nonuniformity_normalized(const emphasis_stats& e);
double size_nonuniformity(const emphasis_stats& e);
double size_nonuniformity_normalized(const emphasis_stats& e);
double percentage(const emphasis_stats& e);           // nz / np
double gl_variance(const emphasis_stats& e);
double size_variance(const emphasis_stats& e);
double joint_entropy(const emphasis_stats& e);
double low_gl_emphasis(const emphasis_stats& e);
double high_gl_emphasis(const emphasis_stats& e);
double small_low_emphasis(const emphasis_stats& e);
double small_high_emphasis(const emphasis_stats& e);
double large_low_emphasis(const emphasis_stats& e);
double large_high_emphasis(const emphasis_stats& e);

}  // namespace radsig::features::detail
