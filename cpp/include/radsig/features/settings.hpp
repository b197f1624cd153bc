// Settings of PyRadiomics-compatible feature extraction (FEATURES.md section 3), with
// PyRadiomics' defaults. Names follow PyRadiomics' setting keys in snake case.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

namespace radsig::features {

// How per-angle GLCM/GLRLM matrices are aggregated (PyRadiomics `weightingNorm`).
enum class weighting_norm { none, manhattan, euclidean, infinity, no_weighting };

// Re-segmentation thresholds are absolute values, fractions of the ROI maximum or
// multiples of the ROI standard deviation around the ROI mean.
enum class resegment_mode { absolute, relative, sigma };

// PyRadiomics interpolators supported for resampling (sitkNearestNeighbor, sitkLinear,
// sitkBSpline).
enum class resample_interpolator { nearest, linear, bspline };

struct settings {
  double bin_width = 25.0;             // fixed bin width (ignored when bin_count > 0)
  int bin_count = 0;                   // fixed bin count; 0 = not set
  int label = 1;                       // ROI label value
  std::vector<int> distances{1};       // Chebyshev shells for glcm, gldm, ngtdm
  bool symmetrical_glcm = true;
  weighting_norm weighting = weighting_norm::none;
  int gldm_a = 0;                      // gldm dependence tolerance alpha
  double voxel_array_shift = 0.0;      // added in Energy, TotalEnergy, RootMeanSquared
  bool force2d = false;
  int force2d_dimension = 0;           // 0 = z, 1 = y, 2 = x (numpy order)
  std::vector<double> resegment_range; // empty = off; 1 or 2 values
  resegment_mode reseg_mode = resegment_mode::absolute;
  bool resegment_shape = false;
  // IBSI definitions where they differ from PyRadiomics (FEATURES.md 14.A): excess kurtosis,
  // NGTDM without voxels that have no neighbour, GLRLM keeps directions whose lines hold
  // single voxels only, PCA axes from the sample covariance (N - 1).
  bool ibsi = false;
  // Resampling (FEATURES.md 5.2, done by radsig::image::resample_with_mask): on when
  // `resample` is true; spacing (x, y, z) in mm, 0 keeps an axis.
  bool resample = false;
  std::array<double, 3> resampled_spacing{{0, 0, 0}};
  resample_interpolator interpolator = resample_interpolator::bspline;
  double pad_distance = 5.0;
  bool normalize = false;
  // PyRadiomics `additionalInfo`: emit the diagnostics_* items (hashes, geometry, ...).
  bool additional_info = true;
  double normalize_scale = 1.0;
  double remove_outliers = 0.0;        // <= 0 = off
  int minimum_roi_dimensions = 2;      // 1..3
  int minimum_roi_size = 0;            // 0 = off; else require N_p > minimum_roi_size
  // Feature classes to compute, in output order. Empty = PyRadiomics default
  // (all classes except shape2D).
  std::vector<std::string> classes;
  // Optional explicit feature lists per class (PyRadiomics `featureClass: {glcm: [...]}`);
  // a class absent here (or with an empty list) outputs all its active features.
  std::map<std::string, std::vector<std::string>> features;
};

// Throws radsig::invalid_argument naming the offending setting.
void validate(const settings& s);

// The PyRadiomics default classes, in output order.
std::vector<std::string> default_classes();

}  // namespace radsig::features
