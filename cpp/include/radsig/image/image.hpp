// The image type shared by the whole core: voxels plus geometry, 2-D or 3-D.
// ITK never appears in this header (see docs/design/architecture.md): conversions to and
// from ITK images live inside the image module's .cpp files.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace radsig::image {

// Geometry of a 2-D or 3-D image in ITK/LPS conventions. Voxel (i, j, k) is stored at
// linear index i + size[0] * (j + size[1] * k): x fastest, as ITK, NIfTI and NRRD store it.
struct geometry {
  int dimension = 3;                                   // 2 or 3
  std::array<std::size_t, 3> size{{1, 1, 1}};          // voxels along x, y, z (z = 1 in 2-D)
  std::array<double, 3> spacing{{1.0, 1.0, 1.0}};      // mm
  std::array<double, 3> origin{{0.0, 0.0, 0.0}};       // physical position of voxel 0, mm
  std::array<double, 9> direction{{1, 0, 0, 0, 1, 0, 0, 0, 1}};  // row-major cosines

  std::size_t voxel_count() const noexcept { return size[0] * size[1] * size[2]; }
  std::size_t linear_index(std::size_t i, std::size_t j, std::size_t k) const noexcept {
    return i + size[0] * (j + size[1] * k);
  }
};

template <typename T>
struct image {
  using value_type = T;
  geometry geom;
  std::vector<T> voxels;  // geom.voxel_count() values, x fastest

  image() = default;
  explicit image(const geometry& g, T fill = T{}) : geom(g), voxels(g.voxel_count(), fill) {}

  T& at(std::size_t i, std::size_t j, std::size_t k = 0) {
    return voxels[geom.linear_index(i, j, k)];
  }
  const T& at(std::size_t i, std::size_t j, std::size_t k = 0) const {
    return voxels[geom.linear_index(i, j, k)];
  }
};

using intensity_image = image<float>;       // grey levels
using label_image = image<std::int32_t>;    // integer label masks (0 = background)

}  // namespace radsig::image
