// Intensity preprocessing (plain C++): normalisation, histogram equalisation and
// re-segmentation. Statistics are computed in double precision over the mask voxels
// (mask != 0; every voxel when no mask is given) and applied to every voxel.
#pragma once

#include <cstdint>
#include <vector>

#include "radsig/image/image.hpp"

namespace radsig::image {

// PyRadiomics `normalize`: over ALL voxels, y = (x - mean) / sd with the N - 1 standard
// deviation; clipped to [-remove_outliers, remove_outliers] when remove_outliers > 0;
// multiplied by scale.
intensity_image normalize_pyradiomics(const intensity_image& img, double scale = 1.0,
                                      double remove_outliers = 0.0);

// (x - mean) / sd, mean and N - 1 sd over the mask voxels.
intensity_image normalize_zscore(const intensity_image& img, const label_image* mask);

// (x - min) / (max - min), min and max over the mask voxels.
intensity_image normalize_minmax(const intensity_image& img, const label_image* mask);

// Clips to the [lower, upper] percentiles (0-100) of the mask voxels, quantiles as R's
// default (type 7: linear interpolation between order statistics).
intensity_image clip_percentile(const intensity_image& img, const label_image* mask,
                                double lower = 0.5, double upper = 99.5);

// Type-7 quantile of sorted values, p in [0, 1].
double quantile_type7(const std::vector<double>& sorted, double p);

// Histogram equalisation: each voxel x becomes min + (max - min) * F(x), F the empirical
// distribution function of the mask voxels (fraction <= x), min/max over the mask voxels.
intensity_image equalize_histogram(const intensity_image& img, const label_image* mask);

enum class resegment_mode { absolute, relative, sigma };

// PyRadiomics re-segmentation (FEATURES.md 5.4) of the ROI voxels (mask == label):
// thresholds from `range` (1 or 2 values) in the given mode; keeps x >= t (one value) or
// t_lo <= x <= t_hi (two). Returns a mask with `label` at kept voxels, 0 elsewhere. Throws
// invalid_argument when the ROI is empty or <= 1 voxel remains.
label_image resegment(const intensity_image& img, const label_image& mask, std::int32_t label,
                      std::vector<double> range, resegment_mode mode);

}  // namespace radsig::image
