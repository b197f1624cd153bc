// The extraction pipeline for image type Original (FEATURES.md section 2).
#include "radsig/features/extract.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <cmath>
#include <sstream>

#include "radsig/core/error.hpp"
#include "radsig/core/version.hpp"
#include "radsig/features/diagnostics.hpp"
#include "radsig/features/registry.hpp"
#include "radsig/image/preprocess.hpp"

namespace radsig::features {

namespace {

void check_geometry(const image::geometry& a, const image::geometry& b) {
  for (int k = 0; k < 3; ++k) {
    if (a.size[k] != b.size[k])
      throw invalid_argument("mask", "image and mask sizes differ");
    const double tol = 1e-6 * std::abs(a.spacing[k]) + 1e-9;
    if (std::abs(a.spacing[k] - b.spacing[k]) > tol)
      throw invalid_argument("mask", "image and mask spacings differ");
    if (std::abs(a.origin[k] - b.origin[k]) > 1e-3 * std::abs(a.spacing[k]))
      throw invalid_argument("mask", "image and mask origins differ");
  }
  for (int k = 0; k < 9; ++k)
    if (std::abs(a.direction[k] - b.direction[k]) > 1e-6)
      throw invalid_argument("mask", "image and mask directions differ");
}

std::string py_bool(bool b) { return b ? "True" : "False"; }

std::string py_list(const std::vector<double>& v) {
  std::string out = "[";
  for (std::size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + py_float(v[k]);
  return out + "]";
}

// The effective settings as a Python dict literal, like PyRadiomics'
// diagnostics_Configuration_Settings.
std::string settings_text(const settings& s) {
  static const char* norms[] = {"None", "'manhattan'", "'euclidean'", "'infinity'",
                                "'no_weighting'"};
  static const char* modes[] = {"'absolute'", "'relative'", "'sigma'"};
  static const char* interps[] = {"'sitkNearestNeighbor'", "'sitkLinear'", "'sitkBSpline'"};
  std::vector<double> d(s.distances.begin(), s.distances.end());
  std::string dist = "[";
  for (std::size_t k = 0; k < d.size(); ++k) dist += (k ? ", " : "") + std::to_string(s.distances[k]);
  dist += "]";
  std::ostringstream os;
  os << "{'binWidth': " << py_float(s.bin_width)
     << ", 'binCount': " << (s.bin_count > 0 ? std::to_string(s.bin_count) : "None")
     << ", 'label': " << s.label << ", 'distances': " << dist
     << ", 'symmetricalGLCM': " << py_bool(s.symmetrical_glcm)
     << ", 'weightingNorm': " << norms[static_cast<int>(s.weighting)]
     << ", 'gldm_a': " << s.gldm_a << ", 'voxelArrayShift': " << py_float(s.voxel_array_shift)
     << ", 'force2D': " << py_bool(s.force2d) << ", 'force2Ddimension': " << s.force2d_dimension
     << ", 'resegmentRange': " << (s.resegment_range.empty() ? "None" : py_list(s.resegment_range))
     << ", 'resegmentMode': " << modes[static_cast<int>(s.reseg_mode)]
     << ", 'resegmentShape': " << py_bool(s.resegment_shape)
     << ", 'normalize': " << py_bool(s.normalize)
     << ", 'normalizeScale': " << py_float(s.normalize_scale) << ", 'removeOutliers': "
     << (s.remove_outliers > 0 ? py_float(s.remove_outliers) : std::string("None"))
     << ", 'resampledPixelSpacing': "
     << (s.resample ? py_list({s.resampled_spacing.begin(), s.resampled_spacing.end()})
                    : std::string("None"))
     << ", 'interpolator': " << (s.resample ? interps[static_cast<int>(s.interpolator)] : "None")
     << ", 'padDistance': " << py_float(s.pad_distance)
     << ", 'minimumROIDimensions': " << s.minimum_roi_dimensions << ", 'minimumROISize': "
     << (s.minimum_roi_size > 0 ? std::to_string(s.minimum_roi_size) : "None")
     << ", 'additionalInfo': " << py_bool(s.additional_info) << ", 'ibsi': " << py_bool(s.ibsi)
     << "}";
  return os.str();
}

// Resampling as PyRadiomics does it (image module); integer pixel types keep integer values
// (clamped to the type range and truncated), as PyRadiomics keeps the input pixel type.
void resample_case(const image::image<double>& img, const image::label_image& mask,
                   const settings& s, const std::string& pixel_type,
                   image::image<double>& out_image, image::label_image& out_mask) {
  image::resample_options o;
  o.spacing = s.resampled_spacing;
  o.method = s.interpolator == resample_interpolator::nearest ? image::interpolator::nearest
             : s.interpolator == resample_interpolator::linear ? image::interpolator::linear
                                                                : image::interpolator::bspline;
  o.pad_distance = s.pad_distance;
  o.label = s.label;
  static const std::map<std::string, std::pair<double, double>> ranges = {
      {"char", {-128, 127}},          {"unsigned_char", {0, 255}},
      {"short", {-32768, 32767}},     {"unsigned_short", {0, 65535}},
      {"int", {-2147483648.0, 2147483647.0}}, {"unsigned_int", {0, 4294967295.0}}};
  const auto r = ranges.find(pixel_type);
  if (r != ranges.end()) {
    o.integer_output = true;
    o.integer_min = r->second.first;
    o.integer_max = r->second.second;
  }
  image::intensity_image f;
  f.geom = img.geom;
  f.voxels.assign(img.voxels.begin(), img.voxels.end());
  const image::resampled_pair p = image::resample_with_mask(f, mask, o);
  out_image = to_double(p.image);
  out_mask = p.mask;
}

}  // namespace

void normalize_image(image::image<double>& img, const settings& s) {
  const std::size_t n = img.voxels.size();
  if (n < 2) throw invalid_argument("image", "needs at least 2 voxels to normalise");
  double sum = 0;
  for (double v : img.voxels) sum += v;
  const double mean = sum / static_cast<double>(n);
  double ss = 0;
  for (double v : img.voxels) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / static_cast<double>(n - 1));
  if (!(sd > 0)) throw invalid_argument("image", "is constant and cannot be normalised");
  for (double& v : img.voxels) {
    v = (v - mean) / sd;
    if (s.remove_outliers > 0) v = std::clamp(v, -s.remove_outliers, s.remove_outliers);
    v *= s.normalize_scale;
  }
}

image::label_image resegment(const image::image<double>& img, const image::label_image& mask,
                             const settings& s) {
  std::vector<double> roi;
  for (std::size_t v = 0; v < mask.voxels.size(); ++v)
    if (mask.voxels[v] == s.label) roi.push_back(img.voxels[v]);
  if (roi.empty()) throw invalid_argument("mask", "label is not present");
  std::vector<double> t = s.resegment_range;
  if (s.reseg_mode == resegment_mode::relative) {
    const double mx = *std::max_element(roi.begin(), roi.end());
    for (double& v : t) v *= mx;
  } else if (s.reseg_mode == resegment_mode::sigma) {
    double sum = 0;
    for (double v : roi) sum += v;
    const double mean = sum / static_cast<double>(roi.size());
    double ss = 0;
    for (double v : roi) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / static_cast<double>(roi.size()));
    for (double& v : t) v = mean + v * sd;
  }
  std::sort(t.begin(), t.end());
  image::label_image out;
  out.geom = mask.geom;
  out.voxels.assign(mask.voxels.size(), 0);
  std::size_t kept = 0;
  for (std::size_t v = 0; v < mask.voxels.size(); ++v) {
    if (mask.voxels[v] != s.label) continue;
    const double x = img.voxels[v];
    const bool keep = t.size() == 1 ? x >= t[0] : (x >= t[0] && x <= t[1]);
    if (keep) {
      out.voxels[v] = s.label;
      ++kept;
    }
  }
  if (kept <= 1)
    throw invalid_argument("resegmentRange", "re-segmentation leaves fewer than 2 ROI voxels");
  return out;
}

bounding_box check_mask(const image::image<double>& img, const image::label_image& mask,
                        const settings& s, const bounding_box* known) {
  check_geometry(img.geom, mask.geom);
  const bounding_box b = known ? *known : label_bounding_box(mask, s.label);
  int ndims = 0;
  for (int k = 0; k < 3; ++k) ndims += b.size[k] > 1 ? 1 : 0;
  if (ndims == 0) throw invalid_argument("mask", "the ROI is a single voxel");
  if (ndims < s.minimum_roi_dimensions)
    throw invalid_argument("mask", "the ROI has " + std::to_string(ndims) +
                                       " dimension(s), fewer than minimumROIDimensions");
  if (s.minimum_roi_size > 0) {
    std::size_t n = 0;
    for (auto v : mask.voxels) n += v == s.label ? 1 : 0;
    if (n <= static_cast<std::size_t>(s.minimum_roi_size))
      throw invalid_argument("mask", "the ROI has no more voxels than minimumROISize");
  }
  return b;
}

extraction_result extract(const image::image<double>& img_in, const image::label_image& mask,
                          const settings& s, const std::string& image_pixel_type) {
  validate(s);
  if (img_in.voxels.size() != img_in.geom.voxel_count())
    throw invalid_argument("image", "voxel buffer does not match its geometry");
  if (mask.voxels.size() != mask.geom.voxel_count())
    throw invalid_argument("mask", "voxel buffer does not match its geometry");
  extraction_result res;
  if (s.additional_info) {
    res.diagnostics.emplace_back("diagnostics_Versions_radsig", core_version());
    res.diagnostics.emplace_back("diagnostics_Configuration_Settings", settings_text(s));
    res.diagnostics.emplace_back("diagnostics_Configuration_EnabledImageTypes",
                                 "{'Original': {}}");
  }
  // The label must exist in the input mask; size/dimension limits apply after resampling.
  settings relaxed = s;
  relaxed.minimum_roi_dimensions = 1;
  relaxed.minimum_roi_size = 0;
  const bounding_box original_box = check_mask(img_in, mask, relaxed);
  if (s.additional_info) {
    add_image_diagnostics(res.diagnostics, "original", img_in, image_pixel_type);
    add_mask_diagnostics(res.diagnostics, "original", mask, s.label, original_box);
  }
  image::image<double> normalized;
  if (s.normalize) {
    normalized = img_in;
    normalize_image(normalized, s);
  }
  const image::image<double>* img_ptr = s.normalize ? &normalized : &img_in;
  const image::label_image* mask_ptr = &mask;
  image::image<double> resampled_image;
  image::label_image resampled_mask;
  if (s.resample) {
    resample_case(*img_ptr, mask, s, image_pixel_type, resampled_image, resampled_mask);
    img_ptr = &resampled_image;
    mask_ptr = &resampled_mask;
  }
  const image::image<double>& img = *img_ptr;
  const image::label_image& mask_used = *mask_ptr;
  // Without resampling the mask is the input mask: its box is known.
  bounding_box box = check_mask(img, mask_used, s, s.resample ? nullptr : &original_box);
  if (s.resample && s.additional_info) {
    add_image_diagnostics(res.diagnostics, "interpolated", img, "");
    add_mask_diagnostics(res.diagnostics, "interpolated", mask_used, s.label, box);
  }
  const image::label_image* roi_mask = &mask_used;
  image::label_image reseg;
  if (!s.resegment_range.empty()) {
    reseg = resegment(img, mask_used, s);
    box = check_mask(img, reseg, s);
    roi_mask = &reseg;
    if (s.additional_info)
      add_mask_diagnostics(res.diagnostics, "resegmented", reseg, s.label, box);
  }
  res.box = box;
  const std::vector<std::string> classes = s.classes.empty() ? default_classes() : s.classes;
  const roi_box roi = crop_roi(img, *roi_mask, s.label, box);
  res.roi_voxels = roi.roi_values.size();
  std::unique_ptr<roi_box> shape_roi;
  discretised levels;
  padded_levels grid;
  bool have_levels = false;
  // Shape classes first, then the others, each in the order given.
  std::vector<const class_entry*> order;
  for (const auto& c : classes)
    if (!find_class(c).needs_levels) order.push_back(&find_class(c));
  for (const auto& c : classes)
    if (find_class(c).needs_levels) order.push_back(&find_class(c));
  for (const class_entry* e : order) {
    const auto t0 = std::chrono::steady_clock::now();
    class_input in;
    in.opts = &s;
    if (!e->needs_levels) {
      const image::label_image& m = s.resegment_shape ? *roi_mask : mask_used;
      if (&m == roi_mask) {
        in.roi = &roi;  // same mask as the texture ROI: same crop
      } else {
        if (!shape_roi) shape_roi = std::make_unique<roi_box>(crop_roi(img, m, s.label, box));
        in.roi = shape_roi.get();
      }
    } else {
      if (!have_levels) {
        levels = discretise(roi, s);
        grid = texture_grid(roi, levels, s);
        have_levels = true;
      }
      in.roi = &roi;
      in.levels = &levels;
      in.grid = &grid;
    }
    const class_values cv = e->compute(in);
    const auto req = s.features.find(e->name);
    if (req == s.features.end() || req->second.empty()) {
      for (std::size_t k = 0; k < cv.n_active; ++k) {
        res.names.push_back(std::string("original_") + e->name + "_" + cv.names[k]);
        res.values.push_back(cv.values[k]);
      }
    } else {
      for (const auto& want : req->second) {
        const auto it = std::find(cv.names.begin(), cv.names.end(), want);
        if (it == cv.names.end()) continue;  // deprecated without value (validated earlier)
        res.names.push_back(std::string("original_") + e->name + "_" + want);
        res.values.push_back(cv.values[static_cast<std::size_t>(it - cv.names.begin())]);
      }
    }
    const auto t1 = std::chrono::steady_clock::now();
    res.timings.emplace_back(e->name, std::chrono::duration<double>(t1 - t0).count());
  }
  return res;
}

}  // namespace radsig::features
