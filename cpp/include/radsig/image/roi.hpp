// ROI helpers (plain C++): bounding boxes, cropping, slice extraction, label selection.
#pragma once

#include <array>
#include <cstdint>

#include "radsig/image/image.hpp"

namespace radsig::image {

struct bounding_box {
  std::array<std::size_t, 3> lower{{0, 0, 0}};
  std::array<std::size_t, 3> size{{0, 0, 0}};
  std::size_t count = 0;  // voxels in the ROI; 0 = empty (lower/size meaningless)
};

// Box of the voxels with mask == label (mask != 0 when label == 0).
bounding_box roi_box(const label_image& mask, std::int32_t label = 0);

// Sub-image of voxels lower .. lower + size - 1 with origin moved accordingly.
template <typename T>
image<T> extract_region(const image<T>& img, const std::array<std::size_t, 3>& lower,
                        const std::array<std::size_t, 3>& size);

// The ROI box of `mask` (non-zero voxels) grown by `pad` voxels per side, clamped to the
// image. Throws invalid_argument("mask", ...) when the mask is empty.
bounding_box padded_box(const label_image& mask, std::size_t pad);

// Binary 0/1 mask of voxels equal to `label`; throws invalid_argument("label", ...) when
// the label does not occur.
label_image select_label(const label_image& mask, std::int32_t label);

// A 2-D slice orthogonal to `axis` (0 = x, 1 = y, 2 = z) at `index`: geometry keeps the
// two remaining axes (their spacing and direction cosines) and the physical origin of the
// slice.
template <typename T>
image<T> extract_slice(const image<T>& img, int axis, std::size_t index);

// Index along `axis` of the slice holding the most mask voxels (the first one on ties).
std::size_t largest_slice_index(const label_image& mask, int axis);

}  // namespace radsig::image
