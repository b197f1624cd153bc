// Internal: the ROI mask of the 3-D shape class as a bit grid with a one-voxel background
// border, and the sweeps over it that the shape features need (marching-cubes census,
// mesh-vertex extremes per plane row, voxel index moments). Working on 64 voxels per word
// lets the sweeps skip uniform stretches (cubes all inside or all outside, rows without a
// boundary) at the cost of a few word operations.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "radsig/features/roi.hpp"

namespace radsig::features::detail {

// Padded mask, dims (nz, ny, nx) = crop dims + 2. Each padded row (z, y) is `words` 64-bit
// words; bit x of the row (bit x % 64 of word x / 64) is padded voxel x. Bits past nx are 0.
struct bit_grid {
  int nz = 0, ny = 0, nx = 0;
  int words = 0;
  std::vector<std::uint64_t> bits;
  std::size_t row_start(int z, int y) const {
    return (static_cast<std::size_t>(z) * static_cast<std::size_t>(ny) +
            static_cast<std::size_t>(y)) * static_cast<std::size_t>(words);
  }
  const std::uint64_t* row(int z, int y) const { return bits.data() + row_start(z, y); }
  std::uint64_t* row(int z, int y) { return bits.data() + row_start(z, y); }
};

bit_grid pack_mask(const roi_box& roi);

// Marching cubes over the padded grid without building the mesh: per cube configuration
// (corner bits in Bourke's numbering, 1..254), the number of cubes and the sums of their
// lattice positions (z, y, x) of corner 0.
struct cube_census {
  std::array<long long, 256> count{};
  std::array<std::array<long long, 3>, 256> pos{};
};
cube_census census_cubes(const bit_grid& g);

// Exact integer moments of the ROI voxel indices (unpadded crop indices, order z, y, x):
// count, sums and sums of products.
struct voxel_moments {
  long long n = 0;
  std::array<long long, 3> s{{0, 0, 0}};
  std::array<std::array<long long, 3>, 3> s2{};
};
voxel_moments index_moments(const bit_grid& g);

// Extremes of the mesh vertices (midpoints of lattice edges whose end voxels differ, in
// half-voxel units (hz, hy, hx) of the padded grid) per row of each axis plane: the 2-D
// convex hull of a plane's vertices is the hull of its row extremes. For axis a, plane q and
// row r, entry q * rows[a] + r holds the smallest and largest third coordinate (rows: hy for
// z-planes, hz for y- and x-planes; third: hx, hx, hy; lo > hi when the row is empty) and
// `on_hull` bits the diameter search sets (1: lo is a hull vertex, 2: hi is).
struct plane_extremes {
  std::array<int, 3> planes{{0, 0, 0}};  // half-index range per axis (hz, hy, hx)
  std::array<int, 3> rows{{0, 0, 0}};
  std::array<std::vector<int>, 3> lo, hi;
  std::array<std::vector<std::uint8_t>, 3> on_hull;
  std::size_t at(int axis, int plane, int row) const {
    return static_cast<std::size_t>(plane) * static_cast<std::size_t>(rows[axis]) +
           static_cast<std::size_t>(row);
  }
};
plane_extremes mesh_extremes(const bit_grid& g);

}  // namespace radsig::features::detail
