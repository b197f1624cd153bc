// Glue: PyRadiomics-compatible feature extraction. Converts R settings lists and images
// (file paths or arrays) into core types and calls radsig::features::extract.
#include <Rcpp.h>

#include <string>
#include <vector>

#include "radsig/core/error.hpp"
#include "radsig/features/extract.hpp"
#include "radsig/features/registry.hpp"
#include "radsig/image/io.hpp"

namespace {

namespace rf = radsig::features;
namespace ri = radsig::image;

bool has(const Rcpp::List& l, const char* name) {
  return l.containsElementNamed(name) && !Rf_isNull(l[name]);
}

rf::settings to_settings(const Rcpp::List& l) {
  rf::settings s;
  if (has(l, "binWidth")) s.bin_width = Rcpp::as<double>(l["binWidth"]);
  if (has(l, "binCount")) s.bin_count = Rcpp::as<int>(l["binCount"]);
  if (has(l, "label")) s.label = Rcpp::as<int>(l["label"]);
  if (has(l, "distances")) s.distances = Rcpp::as<std::vector<int>>(l["distances"]);
  if (has(l, "symmetricalGLCM")) s.symmetrical_glcm = Rcpp::as<bool>(l["symmetricalGLCM"]);
  if (has(l, "weightingNorm")) {
    const auto w = Rcpp::as<std::string>(l["weightingNorm"]);
    if (w == "manhattan") s.weighting = rf::weighting_norm::manhattan;
    else if (w == "euclidean") s.weighting = rf::weighting_norm::euclidean;
    else if (w == "infinity") s.weighting = rf::weighting_norm::infinity;
    else s.weighting = rf::weighting_norm::no_weighting;
  }
  if (has(l, "gldm_a")) s.gldm_a = Rcpp::as<int>(l["gldm_a"]);
  if (has(l, "voxelArrayShift")) s.voxel_array_shift = Rcpp::as<double>(l["voxelArrayShift"]);
  if (has(l, "force2D")) s.force2d = Rcpp::as<bool>(l["force2D"]);
  if (has(l, "force2Ddimension")) s.force2d_dimension = Rcpp::as<int>(l["force2Ddimension"]);
  if (has(l, "resegmentRange"))
    s.resegment_range = Rcpp::as<std::vector<double>>(l["resegmentRange"]);
  if (has(l, "resegmentMode")) {
    const auto m = Rcpp::as<std::string>(l["resegmentMode"]);
    s.reseg_mode = m == "relative" ? rf::resegment_mode::relative
                 : m == "sigma"    ? rf::resegment_mode::sigma
                                   : rf::resegment_mode::absolute;
  }
  if (has(l, "resegmentShape")) s.resegment_shape = Rcpp::as<bool>(l["resegmentShape"]);
  if (has(l, "normalize")) s.normalize = Rcpp::as<bool>(l["normalize"]);
  if (has(l, "normalizeScale")) s.normalize_scale = Rcpp::as<double>(l["normalizeScale"]);
  if (has(l, "removeOutliers")) s.remove_outliers = Rcpp::as<double>(l["removeOutliers"]);
  if (has(l, "minimumROIDimensions"))
    s.minimum_roi_dimensions = Rcpp::as<int>(l["minimumROIDimensions"]);
  if (has(l, "minimumROISize")) s.minimum_roi_size = Rcpp::as<int>(l["minimumROISize"]);
  if (has(l, "ibsi")) s.ibsi = Rcpp::as<bool>(l["ibsi"]);
  if (has(l, "additionalInfo")) s.additional_info = Rcpp::as<bool>(l["additionalInfo"]);
  if (has(l, "resampledPixelSpacing") && has(l, "interpolator")) {
    const auto sp = Rcpp::as<std::vector<double>>(l["resampledPixelSpacing"]);
    s.resample = true;
    for (std::size_t k = 0; k < 3 && k < sp.size(); ++k) s.resampled_spacing[k] = sp[k];
    const auto m = Rcpp::as<std::string>(l["interpolator"]);
    s.interpolator = m == "nearest" ? rf::resample_interpolator::nearest
                   : m == "linear"  ? rf::resample_interpolator::linear
                                    : rf::resample_interpolator::bspline;
    if (has(l, "padDistance")) s.pad_distance = Rcpp::as<double>(l["padDistance"]);
  }
  if (has(l, "classes")) s.classes = Rcpp::as<std::vector<std::string>>(l["classes"]);
  if (has(l, "features")) {
    const Rcpp::List f = l["features"];
    const Rcpp::CharacterVector nm = f.names();
    for (R_xlen_t k = 0; k < f.size(); ++k)
      s.features[Rcpp::as<std::string>(nm[k])] =
          Rf_isNull(f[k]) ? std::vector<std::string>{}
                          : Rcpp::as<std::vector<std::string>>(f[k]);
  }
  return s;
}

Rcpp::List to_list(const rf::extraction_result& r) {
  Rcpp::NumericVector values(r.values.begin(), r.values.end());
  values.names() = Rcpp::wrap(r.names);
  std::vector<std::string> dn, dv;
  for (const auto& d : r.diagnostics) {
    dn.push_back(d.first);
    dv.push_back(d.second);
  }
  Rcpp::CharacterVector diag = Rcpp::wrap(dv);
  diag.names() = Rcpp::wrap(dn);
  std::vector<std::string> tn;
  std::vector<double> tv;
  for (const auto& t : r.timings) {
    tn.push_back(t.first);
    tv.push_back(t.second);
  }
  Rcpp::NumericVector timings = Rcpp::wrap(tv);
  timings.names() = Rcpp::wrap(tn);
  return Rcpp::List::create(Rcpp::Named("values") = values, Rcpp::Named("diagnostics") = diag,
                            Rcpp::Named("timings") = timings,
                            Rcpp::Named("roi_voxels") = static_cast<double>(r.roi_voxels));
}

// Geometry from R: dims, spacing, origin (one value per axis), direction (column-major
// nd x nd matrix as a vector).
ri::geometry array_geometry(const Rcpp::IntegerVector& dim, const Rcpp::NumericVector& spacing,
                            const Rcpp::NumericVector& origin,
                            const Rcpp::NumericVector& direction) {
  ri::geometry g;
  const R_xlen_t nd = dim.size();
  g.dimension = nd == 2 ? 2 : 3;
  for (R_xlen_t k = 0; k < nd && k < 3; ++k) {
    g.size[k] = static_cast<std::size_t>(dim[k]);
    g.spacing[k] = spacing[k];
    g.origin[k] = origin[k];
  }
  for (R_xlen_t r = 0; r < nd; ++r)
    for (R_xlen_t c = 0; c < nd; ++c) g.direction[3 * r + c] = direction[r + nd * c];
  return g;
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List extract_features_files_cpp(std::string image_path, std::string mask_path,
                                      Rcpp::List settings) {
  const rf::settings s = to_settings(settings);
  const auto image = rf::to_double(ri::read_intensity_image(image_path));
  const auto mask = ri::read_label_image(mask_path);
  const std::string pixel_type = ri::read_image_info(image_path).component_type;
  return to_list(rf::extract(image, mask, s, pixel_type));
}

// [[Rcpp::export]]
Rcpp::List extract_features_arrays_cpp(Rcpp::NumericVector image, Rcpp::IntegerVector mask,
                                       Rcpp::IntegerVector dim, Rcpp::List image_geometry,
                                       Rcpp::List mask_geometry, Rcpp::List settings) {
  const rf::settings s = to_settings(settings);
  const ri::geometry gi = array_geometry(dim, image_geometry["spacing"],
                                         image_geometry["origin"], image_geometry["direction"]);
  const ri::geometry gm = array_geometry(dim, mask_geometry["spacing"],
                                         mask_geometry["origin"], mask_geometry["direction"]);
  ri::image<double> img(gi);
  img.voxels.assign(image.begin(), image.end());
  ri::label_image m(gm);
  m.voxels.assign(mask.begin(), mask.end());
  return to_list(rf::extract(img, m, s));
}

// Names of every class and its features: list(class = c(active...)), plus the deprecated
// names that still give a value.
// [[Rcpp::export]]
Rcpp::List feature_catalogue_cpp() {
  Rcpp::List active, deprecated;
  std::vector<std::string> names;
  for (const auto& e : rf::class_registry()) {
    names.emplace_back(e.name);
    active.push_back(Rcpp::wrap(e.feature_names()));
    deprecated.push_back(Rcpp::wrap(rf::deprecated_with_value(e.name)));
  }
  active.names() = Rcpp::wrap(names);
  deprecated.names() = Rcpp::wrap(names);
  return Rcpp::List::create(Rcpp::Named("active") = active,
                            Rcpp::Named("deprecated") = deprecated);
}
