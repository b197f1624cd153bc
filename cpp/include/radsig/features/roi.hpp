// The ROI as the feature classes see it: image and mask cropped to the ROI bounding box
// (no padding), stored x fastest (numpy (z, y, x) C order), with discretised grey levels.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "radsig/features/settings.hpp"
#include "radsig/image/image.hpp"

namespace radsig::features {

// Inclusive-lower / size bounding box in image index space, (x, y, z).
struct bounding_box {
  std::array<std::size_t, 3> lower{{0, 0, 0}};
  std::array<std::size_t, 3> size{{0, 0, 0}};
};

struct roi_box {
  std::array<int, 3> dims{{1, 1, 1}};           // (nz, ny, nx)
  std::array<double, 3> spacing{{1, 1, 1}};     // (sz, sy, sx)
  int image_dimension = 3;                      // 2 or 3 (of the source image)
  std::vector<double> values;                   // box voxels, x fastest
  std::vector<std::uint8_t> in_roi;             // 1 where the voxel belongs to the ROI
  std::vector<double> roi_values;               // ROI intensities, box order
  bounding_box box;                             // where the box sits in the image

  std::size_t voxel_count() const { return values.size(); }
  std::size_t index(int z, int y, int x) const {
    return static_cast<std::size_t>(x) +
           static_cast<std::size_t>(dims[2]) *
               (static_cast<std::size_t>(y) + static_cast<std::size_t>(dims[1]) * z);
  }
};

// Discretised ROI: level (>= 1) per box voxel, 0 outside the ROI.
struct discretised {
  std::vector<int> level;        // per box voxel
  std::vector<int> roi_level;    // per ROI voxel, in roi_box::roi_values order
  std::vector<int> present;      // sorted levels present in the ROI
  std::vector<int> compact;      // level -> index into `present` (-1 if absent), size N_g + 1
  int max_level = 0;             // N_g
  // When every ROI intensity is an integer and their range is modest (CT/MR data): the
  // intensity histogram, value_count[k] voxels of intensity value_lo + k, and the level of
  // each such intensity (value_level[k], meaningful where value_count[k] > 0). Empty
  // otherwise.
  double value_lo = 0;
  std::vector<std::uint32_t> value_count;
  std::vector<int> value_level;
  std::size_t n_levels() const { return present.size(); }
};

// Consecutive grid positions [start, start + length) of one box row (x fastest), from its
// first to its last ROI voxel; background voxels between them have level 0.
struct row_span {
  std::size_t start = 0;
  int length = 0;
};

// Levels on the box grown by `pad` voxels of background on every side, so that neighbour
// lookups need no bounds checks: the neighbour at offset a of padded index i is
// i + offset(a).
struct padded_levels {
  std::array<int, 3> dims{{0, 0, 0}};  // padded (nz, ny, nx)
  int pad = 0;                         // background voxels added on every side
  std::vector<int> level;              // 0 = background / outside the box
  std::vector<std::size_t> roi;        // padded indices of the ROI voxels, box order
  std::vector<row_span> spans;         // rows holding ROI voxels, box order; they cover `roi`
  int longest_span = 0;                // largest row_span::length
  std::ptrdiff_t offset(const std::array<int, 3>& a) const {
    return a[2] + static_cast<std::ptrdiff_t>(dims[2]) *
                      (a[1] + static_cast<std::ptrdiff_t>(dims[1]) * a[0]);
  }
  std::vector<std::ptrdiff_t> offsets(const std::vector<std::array<int, 3>>& angles) const {
    std::vector<std::ptrdiff_t> out;
    out.reserve(angles.size());
    for (const auto& a : angles) out.push_back(offset(a));
    return out;
  }
};
padded_levels pad_levels(const roi_box& roi, const discretised& d, int pad);
// The padded levels every texture class can share: pad = max(1, largest distance).
padded_levels texture_grid(const roi_box& roi, const discretised& d, const settings& s);

// Bounding box of `label` in `mask`; throws invalid_argument("mask") if absent.
bounding_box label_bounding_box(const image::label_image& mask, int label);

// Crops image and mask to `box` (no padding). Mask voxels equal to `label` form the ROI.
roi_box crop_roi(const image::image<double>& img, const image::label_image& mask, int label,
                 const bounding_box& box);

// Discretisation of the ROI intensities (FEATURES.md section 6).
discretised discretise(const roi_box& roi, const settings& s);

// Level of `x` under fixed bin width anchored at multiples of `bin_width` (exposed for tests).
std::vector<int> bin_fixed_width(const std::vector<double>& x, double bin_width);
std::vector<int> bin_fixed_count(const std::vector<double>& x, int bin_count);

// Offsets (dz, dy, dx) per FEATURES.md section 8. `bidirectional` keeps both signs.
std::vector<std::array<int, 3>> make_angles(const std::array<int, 3>& dims,
                                            const std::vector<int>& distances,
                                            bool bidirectional, bool force2d,
                                            int force2d_dimension);

}  // namespace radsig::features
