#include "radsig/image/intensity.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"

namespace radsig::image {
namespace {

// Mask voxel values in double precision; checks geometry, emptiness and finiteness.
std::vector<double> masked_values(const intensity_image& img, const label_image* mask) {
  validate_image(img, "image");
  if (mask) {
    validate_image(*mask, "mask");
    require_same_geometry(img.geom, mask->geom, "image", "mask", 1e-3);
  }
  std::vector<double> v;
  v.reserve(img.voxels.size());
  for (std::size_t i = 0; i < img.voxels.size(); ++i) {
    if (mask && mask->voxels[i] == 0) continue;
    const double x = img.voxels[i];
    if (!std::isfinite(x)) {
      throw invalid_argument("image", "contains non-finite voxels (NaN/Inf) where statistics are computed");
    }
    v.push_back(x);
  }
  if (v.empty()) throw invalid_argument("mask", "the mask is empty (no non-zero voxel)");
  return v;
}

void mean_sd(const std::vector<double>& v, double& mean, double& sd) {
  mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
}

template <typename F>
intensity_image map_voxels(const intensity_image& img, F f) {
  intensity_image out(img.geom);
  for (std::size_t i = 0; i < img.voxels.size(); ++i) {
    out.voxels[i] = static_cast<float>(f(static_cast<double>(img.voxels[i])));
  }
  return out;
}

}  // namespace

intensity_image normalize_pyradiomics(const intensity_image& img, double scale, double remove_outliers) {
  if (!std::isfinite(scale) || scale == 0) throw invalid_argument("scale", "must be finite and non-zero");
  if (!(remove_outliers >= 0) || !std::isfinite(remove_outliers)) {
    throw invalid_argument("remove_outliers", "must be a finite number >= 0 (0 = no clipping)");
  }
  double mean, sd;
  mean_sd(masked_values(img, nullptr), mean, sd);
  if (!(sd > 0)) throw invalid_argument("image", "has constant intensity; cannot normalise");
  return map_voxels(img, [&](double x) {
    double y = (x - mean) / sd;
    if (remove_outliers > 0) y = std::min(std::max(y, -remove_outliers), remove_outliers);
    return y * scale;
  });
}

intensity_image normalize_zscore(const intensity_image& img, const label_image* mask) {
  double mean, sd;
  mean_sd(masked_values(img, mask), mean, sd);
  if (!(sd > 0)) throw invalid_argument("image", "has constant intensity within the mask; cannot z-score");
  return map_voxels(img, [&](double x) { return (x - mean) / sd; });
}

intensity_image normalize_minmax(const intensity_image& img, const label_image* mask) {
  const auto v = masked_values(img, mask);
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  const double a = *lo, range = *hi - *lo;
  if (!(range > 0)) throw invalid_argument("image", "has constant intensity within the mask; cannot rescale");
  return map_voxels(img, [&](double x) { return (x - a) / range; });
}

double quantile_type7(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - std::floor(h)) * (sorted[hi] - sorted[lo]);
}

intensity_image clip_percentile(const intensity_image& img, const label_image* mask, double lower,
                                double upper) {
  if (!(lower >= 0 && lower < upper && upper <= 100)) {
    throw invalid_argument("percentiles", "need 0 <= lower < upper <= 100");
  }
  auto v = masked_values(img, mask);
  std::sort(v.begin(), v.end());
  const double qlo = quantile_type7(v, lower / 100.0), qhi = quantile_type7(v, upper / 100.0);
  return map_voxels(img, [&](double x) { return std::min(std::max(x, qlo), qhi); });
}

intensity_image equalize_histogram(const intensity_image& img, const label_image* mask) {
  auto v = masked_values(img, mask);
  std::sort(v.begin(), v.end());
  const double lo = v.front(), hi = v.back();
  const double n = static_cast<double>(v.size());
  return map_voxels(img, [&](double x) {
    const auto k = std::upper_bound(v.begin(), v.end(), x) - v.begin();
    return lo + (hi - lo) * static_cast<double>(k) / n;
  });
}

label_image resegment(const intensity_image& img, const label_image& mask, std::int32_t label,
                      std::vector<double> range, resegment_mode mode) {
  validate_image(img, "image");
  validate_image(mask, "mask");
  require_same_geometry(img.geom, mask.geom, "image", "mask", 1e-3);
  if (range.empty() || range.size() > 2) throw invalid_argument("range", "needs 1 or 2 values");
  for (double r : range) {
    if (!std::isfinite(r)) throw invalid_argument("range", "values must be finite");
  }
  std::vector<double> roi;
  for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
    if (mask.voxels[i] == label) {
      if (!std::isfinite(img.voxels[i])) throw invalid_argument("image", "has non-finite voxels in the ROI");
      roi.push_back(img.voxels[i]);
    }
  }
  if (roi.empty()) throw invalid_argument("label", "label " + std::to_string(label) + " does not occur in the mask");
  std::sort(range.begin(), range.end());
  std::vector<double> t = range;
  if (mode == resegment_mode::relative) {
    const double mx = *std::max_element(roi.begin(), roi.end());
    for (auto& x : t) x *= mx;
  } else if (mode == resegment_mode::sigma) {
    double mean = 0;
    for (double x : roi) mean += x;
    mean /= static_cast<double>(roi.size());
    double ss = 0;
    for (double x : roi) ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / static_cast<double>(roi.size()));  // population SD
    for (auto& x : t) x = mean + x * sd;
  }
  label_image out(mask.geom, 0);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
    if (mask.voxels[i] != label) continue;
    const double x = img.voxels[i];
    const bool keep = t.size() == 1 ? x >= t[0] : (x >= t[0] && x <= t[1]);
    if (keep) {
      out.voxels[i] = label;
      ++kept;
    }
  }
  if (kept <= 1) {
    throw invalid_argument("range", "re-segmentation leaves " + std::to_string(kept) +
                                        " voxel(s) in the ROI; at least 2 are needed");
  }
  return out;
}

}  // namespace radsig::image
