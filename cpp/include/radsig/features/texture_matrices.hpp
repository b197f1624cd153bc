// Texture matrices (exposed for tests against the PyRadiomics matrix baselines).
// Rows index the present grey levels (discretised::present); columns as documented.
#pragma once

#include <array>
#include <vector>

#include "radsig/features/roi.hpp"
#include "radsig/features/settings.hpp"

namespace radsig::features {

// Dense row-major matrix.
struct matrix {
  int rows = 0, cols = 0;
  std::vector<double> data;
  matrix() = default;
  matrix(int r, int c) : rows(r), cols(c), data(static_cast<std::size_t>(r) * c, 0.0) {}
  double& operator()(int i, int j) { return data[static_cast<std::size_t>(i) * cols + j]; }
  double operator()(int i, int j) const { return data[static_cast<std::size_t>(i) * cols + j]; }
  double sum() const { double s = 0; for (double v : data) s += v; return s; }
};

// GLCM per angle (symmetrised if requested, not normalised), size n_levels^2.
std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  std::vector<std::array<int, 3>>* angles_out = nullptr);
// GLRLM per angle: n_levels x (longest run over all angles) run counts (column j = run
// length j + 1).
std::vector<matrix> glrlm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                   std::vector<std::array<int, 3>>* angles_out = nullptr);
// GLSZM: n_levels x max zone size (column j = size j + 1).
matrix glszm_matrix(const roi_box& roi, const discretised& d, const settings& s);
// GLDM: n_levels x (number of neighbours + 1) (column j = dependence j + 1).
matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s);
// NGTDM: n_levels x 3: n_i, s_i, level.
matrix ngtdm_matrix(const roi_box& roi, const discretised& d, const settings& s);

// The same on a grid shared across classes (`grid` = texture_grid(roi, d, s)).
std::vector<matrix> glcm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                  const padded_levels& grid,
                                  std::vector<std::array<int, 3>>* angles_out);
std::vector<matrix> glrlm_matrices(const roi_box& roi, const discretised& d, const settings& s,
                                   const padded_levels& grid,
                                   std::vector<std::array<int, 3>>* angles_out);
matrix glszm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                    const padded_levels& grid);
matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                   const padded_levels& grid);
matrix ngtdm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                    const padded_levels& grid);

}  // namespace radsig::features
