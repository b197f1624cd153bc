// PyRadiomics-compatible extraction for one (image, mask, label): the pipeline of
// FEATURES.md section 2 for image type Original (normalisation, mask checks,
// re-segmentation, shape on the unsegmented mask, then every enabled class).
// Resampling belongs to the image module and must be applied by the caller beforehand.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "radsig/features/roi.hpp"
#include "radsig/features/settings.hpp"
#include "radsig/image/image.hpp"

namespace radsig::features {

struct extraction_result {
  std::vector<std::string> names;   // e.g. "original_glcm_JointEntropy", PyRadiomics order
  std::vector<double> values;
  // diagnostics_* keys and their values as text, in output order.
  std::vector<std::pair<std::string, std::string>> diagnostics;
  bounding_box box;                 // ROI box the classes used
  std::size_t roi_voxels = 0;
  // Per-class wall time in seconds, aligned with the classes computed (for benchmarks).
  std::vector<std::pair<std::string, double>> timings;
};

// `image_pixel_type`: the file's component type (e.g. "short"), used only for the
// diagnostics_Image-original_Hash item (omitted when empty).
extraction_result extract(const image::image<double>& img, const image::label_image& mask,
                          const settings& s, const std::string& image_pixel_type = "");

// Converts any image to double voxels (same geometry).
template <typename T>
image::image<double> to_double(const image::image<T>& img) {
  image::image<double> out;
  out.geom = img.geom;
  out.voxels.assign(img.voxels.begin(), img.voxels.end());
  return out;
}

// Pre-processing steps (exposed for tests).
void normalize_image(image::image<double>& img, const settings& s);
// Returns the re-segmented mask (label kept where the intensity is inside the range).
image::label_image resegment(const image::image<double>& img, const image::label_image& mask,
                             const settings& s);
// checkMask: bounding box of the label, dimensionality and size checks. `known`: the box of
// this same mask when already computed (the full-image scan is then skipped).
bounding_box check_mask(const image::image<double>& img, const image::label_image& mask,
                        const settings& s, const bounding_box* known = nullptr);

}  // namespace radsig::features
