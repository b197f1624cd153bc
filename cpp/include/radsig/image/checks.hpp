// Geometry checks shared by the image functions (no ITK here).
#pragma once

#include <string>
#include <vector>

#include "radsig/image/image.hpp"

namespace radsig::image {

// Throws invalid_argument(arg, ...) unless the geometry is self-consistent: dimension 2 or 3
// (size[2] == 1 in 2-D), non-zero sizes, positive finite spacing, finite origin, finite
// non-singular direction, and `voxel_count` equal to the product of the sizes.
void validate_geometry(const geometry& g, std::size_t voxel_count, const std::string& arg);

template <typename T>
void validate_image(const image<T>& img, const std::string& arg) {
  validate_geometry(img.geom, img.voxels.size(), arg);
}

// Differences between two geometries, one human-readable line per differing property
// (size, spacing, origin, direction); empty when they match. Spacing, origin and direction
// are compared with absolute tolerance `tolerance` (mm resp. cosine units); dimension 2
// against a 3-D geometry with one slice counts as equal sizes.
std::vector<std::string> geometry_differences(const geometry& a, const geometry& b,
                                              double tolerance = 1e-5);

// Throws invalid_argument(arg_b, ...) listing every difference found by
// geometry_differences().
void require_same_geometry(const geometry& a, const geometry& b, const std::string& arg_a,
                           const std::string& arg_b, double tolerance = 1e-5);

// Physical position (mm) of continuous index (i, j, k).
std::array<double, 3> index_to_physical(const geometry& g, double i, double j, double k);

}  // namespace radsig::image
