// Geometric preprocessing backed by ITK: resampling (PyRadiomics grid and mask rule), N4
// bias-field correction and binary mask morphology. No ITK header is visible here.
//
// Masks are label_image values; morphology treats every non-zero voxel as foreground and
// returns 0/1 masks. Errors: radsig::invalid_argument naming the argument.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "radsig/image/image.hpp"

namespace radsig::image {

enum class interpolator { nearest, linear, bspline };

// Options of the PyRadiomics-compatible resampler (FEATURES.md section 5.2).
struct resample_options {
  // Target spacing (x, y, z) in mm; 0 keeps the mask spacing on that axis. For 2-D images
  // the z value is ignored.
  std::array<double, 3> spacing{{1.0, 1.0, 1.0}};
  interpolator method = interpolator::bspline;
  // Voxels (in the new grid) kept around the ROI box; only with a mask.
  double pad_distance = 5.0;
  // Label whose bounding box defines the resampled region (mask != 0 when label == 0).
  std::int32_t label = 1;
  // PyRadiomics keeps the input pixel type: an integer image's interpolated values are
  // clamped to [integer_min, integer_max] and truncated toward zero. Enable for integer
  // inputs (e.g. int16 files: -32768, 32767) to reproduce its numbers.
  bool integer_output = false;
  double integer_min = -32768.0;
  double integer_max = 32767.0;
};

struct resampled_pair {
  intensity_image image;
  label_image mask;
};

// Resamples image and mask as PyRadiomics does: grid corner-aligned with the mask grid,
// restricted to the ROI box of `label` +- pad_distance; image with `method`, mask with
// nearest neighbour (values kept). Image and mask must share their geometry (tolerance 1e-3
// mm / cosines); the ROI must not be empty.
resampled_pair resample_with_mask(const intensity_image& img, const label_image& mask,
                                  const resample_options& options);

// Resamples a whole image onto the corner-aligned grid with the target spacing (the grid
// PyRadiomics would use for an ROI covering the whole image, without padding).
intensity_image resample_image(const intensity_image& img, const resample_options& options);
// The same for a label mask, always by nearest neighbour.
label_image resample_mask(const label_image& mask, const resample_options& options);

// Options of N4 bias-field correction (ITK's N4BiasFieldCorrectionImageFilter).
struct n4_options {
  unsigned shrink_factor = 4;                       // shrink before fitting (1 = none)
  std::vector<unsigned> iterations{{50, 50, 50, 50}};  // per fitting level
  double convergence_threshold = 0.001;
  unsigned spline_order = 3;
  unsigned control_points = 4;                      // per axis at the first level
  unsigned histogram_bins = 200;
  double fwhm = 0.15;                               // bias-field full width at half maximum
  double wiener_noise = 0.01;
};

struct n4_result {
  intensity_image corrected;
  intensity_image bias_field;  // multiplicative field: corrected = input / bias_field
  unsigned elapsed_iterations = 0;
  double convergence = 0.0;    // final convergence measurement of the last level
};

// N4 bias-field correction. Voxels used for the fit: mask != 0 (all voxels without mask)
// and input > 0 (N4 works on log intensities). Non-finite voxels are an error.
n4_result n4_correct(const intensity_image& img, const label_image* mask,
                     const n4_options& options);

// Radius per axis in voxels from a radius in mm (rounded to the nearest voxel, at least 0)
// or in voxels (used as is). 2-D images get 0 along z.
std::array<unsigned, 3> radius_in_voxels(const geometry& g, double radius, bool in_mm);

// Binary dilation / erosion with ITK's ball structuring element of the given radius per axis
// (the ellipsoid with semi-axes radius + 0.5 voxels). Outside the image counts as background
// for dilation and foreground for erosion (ITK defaults).
label_image dilate_mask(const label_image& mask, const std::array<unsigned, 3>& radius);
label_image erode_mask(const label_image& mask, const std::array<unsigned, 3>& radius);

// Peritumoral ring: dilate_mask(mask) minus mask, optionally restricted to body != 0.
label_image peritumoral_ring(const label_image& mask, const std::array<unsigned, 3>& radius,
                             const label_image* body = nullptr);

}  // namespace radsig::image
