// Explicit class registry and settings validation.
#include <algorithm>

#include "radsig/core/error.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

const std::vector<class_entry>& class_registry() {
  static const std::vector<class_entry> reg = {
      {"shape", false, compute_shape, shape_names},
      {"shape2D", false, compute_shape2d, shape2d_names},
      {"firstorder", true, compute_firstorder, firstorder_names},
      {"glcm", true, compute_glcm, glcm_names},
      {"gldm", true, compute_gldm, gldm_names},
      {"glrlm", true, compute_glrlm, glrlm_names},
      {"glszm", true, compute_glszm, glszm_names},
      {"ngtdm", true, compute_ngtdm, ngtdm_names},
  };
  return reg;
}

const class_entry& find_class(const std::string& name) {
  for (const auto& e : class_registry())
    if (name == e.name) return e;
  std::string valid;
  for (const auto& e : class_registry()) valid += std::string(valid.empty() ? "" : ", ") + e.name;
  throw invalid_argument("classes", "unknown feature class '" + name + "'; valid: " + valid);
}

std::vector<std::string> deprecated_with_value(const std::string& cls) {
  if (cls == "firstorder") return {"StandardDeviation"};
  if (cls == "shape") return {"Compactness1", "Compactness2", "SphericalDisproportion"};
  if (cls == "shape2D") return {"SphericalDisproportion"};
  return {};
}

std::vector<std::string> deprecated_without_value(const std::string& cls) {
  if (cls == "glcm") return {"Dissimilarity", "Homogeneity1", "Homogeneity2", "SumVariance"};
  if (cls == "gldm") return {"GrayLevelNonUniformityNormalized", "DependencePercentage"};
  return {};
}

std::vector<std::string> default_classes() {
  return {"shape", "firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm"};
}

void validate(const settings& s) {
  if (s.bin_count < 0) throw invalid_argument("binCount", "must be a positive integer");
  if (s.bin_count == 0 && !(s.bin_width > 0))
    throw invalid_argument("binWidth", "must be a positive number");
  if (s.distances.empty()) throw invalid_argument("distances", "must not be empty");
  for (int d : s.distances)
    if (d < 1) throw invalid_argument("distances", "every distance must be >= 1");
  if (s.gldm_a < 0) throw invalid_argument("gldm_a", "must be a non-negative integer");
  if (s.force2d_dimension < 0 || s.force2d_dimension > 2)
    throw invalid_argument("force2Ddimension", "must be 0, 1 or 2");
  if (s.resegment_range.size() > 2)
    throw invalid_argument("resegmentRange", "must have 1 or 2 values");
  if (s.minimum_roi_dimensions < 1 || s.minimum_roi_dimensions > 3)
    throw invalid_argument("minimumROIDimensions", "must be 1, 2 or 3");
  if (s.minimum_roi_size < 0) throw invalid_argument("minimumROISize", "must be >= 0");
  if (!(s.normalize_scale > 0)) throw invalid_argument("normalizeScale", "must be positive");
  if (s.resample) {
    for (double v : s.resampled_spacing)
      if (!(v >= 0)) throw invalid_argument("resampledPixelSpacing", "values must be >= 0");
    if (!(s.pad_distance >= 0)) throw invalid_argument("padDistance", "must be >= 0");
  }
  for (const auto& c : s.classes) find_class(c);
  for (const auto& kv : s.features) {
    const class_entry& e = find_class(kv.first);
    std::vector<std::string> valid = e.feature_names();
    for (const auto& n : deprecated_with_value(kv.first)) valid.push_back(n);
    for (const auto& n : deprecated_without_value(kv.first)) valid.push_back(n);
    for (const auto& f : kv.second)
      if (std::find(valid.begin(), valid.end(), f) == valid.end()) {
        std::string list;
        for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
        throw invalid_argument("features", "unknown " + kv.first + " feature '" + f +
                                               "'; valid: " + list);
      }
  }
}

}  // namespace radsig::features
