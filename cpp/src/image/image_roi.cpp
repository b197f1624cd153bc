#include "radsig/image/roi.hpp"

#include <algorithm>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"

namespace radsig::image {

bounding_box roi_box(const label_image& mask, std::int32_t label) {
  bounding_box b;
  std::array<std::size_t, 3> lo{{mask.geom.size[0], mask.geom.size[1], mask.geom.size[2]}};
  std::array<std::size_t, 3> hi{{0, 0, 0}};
  const auto& s = mask.geom.size;
  for (std::size_t k = 0; k < s[2]; ++k) {
    for (std::size_t j = 0; j < s[1]; ++j) {
      for (std::size_t i = 0; i < s[0]; ++i) {
        const auto v = mask.voxels[mask.geom.linear_index(i, j, k)];
        if (label == 0 ? v == 0 : v != label) continue;
        ++b.count;
        const std::size_t idx[3] = {i, j, k};
        for (int d = 0; d < 3; ++d) {
          lo[d] = std::min(lo[d], idx[d]);
          hi[d] = std::max(hi[d], idx[d]);
        }
      }
    }
  }
  if (b.count == 0) return b;
  for (int d = 0; d < 3; ++d) {
    b.lower[d] = lo[d];
    b.size[d] = hi[d] - lo[d] + 1;
  }
  return b;
}

template <typename T>
image<T> extract_region(const image<T>& img, const std::array<std::size_t, 3>& lower,
                        const std::array<std::size_t, 3>& size) {
  for (int d = 0; d < 3; ++d) {
    if (size[d] == 0 || lower[d] + size[d] > img.geom.size[d]) {
      throw invalid_argument("region", "the region lies outside the image");
    }
  }
  geometry g = img.geom;
  g.size = size;
  g.origin = index_to_physical(img.geom, static_cast<double>(lower[0]), static_cast<double>(lower[1]),
                               static_cast<double>(lower[2]));
  if (img.geom.dimension == 2) g.origin[2] = img.geom.origin[2];
  image<T> out(g);
  std::size_t n = 0;
  for (std::size_t k = 0; k < size[2]; ++k) {
    for (std::size_t j = 0; j < size[1]; ++j) {
      const T* row = &img.voxels[img.geom.linear_index(lower[0], lower[1] + j, lower[2] + k)];
      std::copy(row, row + size[0], out.voxels.begin() + static_cast<std::ptrdiff_t>(n));
      n += size[0];
    }
  }
  return out;
}

template intensity_image extract_region(const intensity_image&, const std::array<std::size_t, 3>&,
                                        const std::array<std::size_t, 3>&);
template label_image extract_region(const label_image&, const std::array<std::size_t, 3>&,
                                    const std::array<std::size_t, 3>&);

bounding_box padded_box(const label_image& mask, std::size_t pad) {
  bounding_box b = roi_box(mask, 0);
  if (b.count == 0) throw invalid_argument("mask", "the mask is empty (no non-zero voxel)");
  for (int d = 0; d < mask.geom.dimension; ++d) {
    const std::size_t lo = b.lower[d] > pad ? b.lower[d] - pad : 0;
    const std::size_t hi = std::min(b.lower[d] + b.size[d] - 1 + pad, mask.geom.size[d] - 1);
    b.lower[d] = lo;
    b.size[d] = hi - lo + 1;
  }
  return b;
}

label_image select_label(const label_image& mask, std::int32_t label) {
  validate_image(mask, "mask");
  label_image out(mask.geom, 0);
  std::size_t n = 0;
  for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
    if (mask.voxels[i] == label) {
      out.voxels[i] = 1;
      ++n;
    }
  }
  if (n == 0) {
    throw invalid_argument("label", "label " + std::to_string(label) + " does not occur in the mask");
  }
  return out;
}

template <typename T>
image<T> extract_slice(const image<T>& img, int axis, std::size_t index) {
  validate_image(img, "image");
  if (img.geom.dimension != 3) throw invalid_argument("image", "slices can only be taken from a 3-D image");
  if (axis < 0 || axis > 2) throw invalid_argument("axis", "must be 1, 2 or 3 (x, y, z)");
  const auto a = static_cast<std::size_t>(axis);
  if (index >= img.geom.size[a]) {
    throw invalid_argument("index", "slice " + std::to_string(index + 1) + " is outside 1.." +
                                        std::to_string(img.geom.size[a]));
  }
  std::array<std::size_t, 3> lower{{0, 0, 0}}, size = img.geom.size;
  lower[a] = index;
  size[a] = 1;
  const image<T> region = extract_region(img, lower, size);
  int keep[2], n = 0;
  for (int d = 0; d < 3; ++d) {
    if (d != axis) keep[n++] = d;
  }
  geometry g;
  g.dimension = 2;
  g.size = {{size[static_cast<std::size_t>(keep[0])], size[static_cast<std::size_t>(keep[1])], 1}};
  g.spacing = {{img.geom.spacing[static_cast<std::size_t>(keep[0])], img.geom.spacing[static_cast<std::size_t>(keep[1])], 1.0}};
  // 2-D physical frame: the in-plane coordinates along the two kept axes' directions are
  // expressed in the first two physical axes of the kept index axes' cosine columns.
  g.origin = region.geom.origin;
  g.origin[2] = 0.0;
  g.direction = {{1, 0, 0, 0, 1, 0, 0, 0, 1}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) {
      g.direction[static_cast<std::size_t>(r * 3 + c)] =
          img.geom.direction[static_cast<std::size_t>(keep[r] * 3 + keep[c])];
    }
  }
  const double det = g.direction[0] * g.direction[4] - g.direction[1] * g.direction[3];
  if (std::abs(det) < 1e-6) g.direction = {{1, 0, 0, 0, 1, 0, 0, 0, 1}};
  image<T> out(g);
  out.voxels = region.voxels;  // same order: x fastest over the two kept axes
  return out;
}

template intensity_image extract_slice(const intensity_image&, int, std::size_t);
template label_image extract_slice(const label_image&, int, std::size_t);

std::size_t largest_slice_index(const label_image& mask, int axis) {
  validate_image(mask, "mask");
  if (mask.geom.dimension != 3) throw invalid_argument("mask", "a 3-D mask is required");
  if (axis < 0 || axis > 2) throw invalid_argument("axis", "must be 1, 2 or 3 (x, y, z)");
  const auto a = static_cast<std::size_t>(axis);
  std::vector<std::size_t> count(mask.geom.size[a], 0);
  const auto& s = mask.geom.size;
  for (std::size_t k = 0; k < s[2]; ++k) {
    for (std::size_t j = 0; j < s[1]; ++j) {
      for (std::size_t i = 0; i < s[0]; ++i) {
        if (mask.voxels[mask.geom.linear_index(i, j, k)] == 0) continue;
        const std::size_t idx[3] = {i, j, k};
        ++count[idx[a]];
      }
    }
  }
  const auto it = std::max_element(count.begin(), count.end());
  if (*it == 0) throw invalid_argument("mask", "the mask is empty (no non-zero voxel)");
  return static_cast<std::size_t>(it - count.begin());
}

}  // namespace radsig::image
