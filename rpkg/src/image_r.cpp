// Glue: medical images (radsig::image). Converts R arrays carrying `spacing`, `origin` and
// `direction` attributes to the core image type and back; all work happens in the core.
#include <Rcpp.h>

#include <string>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"
#include "radsig/image/intensity.hpp"
#include "radsig/image/io.hpp"
#include "radsig/image/phantom.hpp"
#include "radsig/image/preprocess.hpp"
#include "radsig/image/roi.hpp"

namespace ri = radsig::image;

namespace {

ri::geometry geometry_from_r(SEXP x, const std::string& arg) {
  Rcpp::RObject obj(x);
  Rcpp::IntegerVector dim = obj.attr("dim");
  const int nd = dim.size();
  if (nd != 2 && nd != 3) throw radsig::invalid_argument(arg, "must be a 2-D or 3-D array");
  Rcpp::NumericVector spacing = obj.attr("spacing"), origin = obj.attr("origin");
  Rcpp::NumericVector direction = obj.attr("direction");
  if (spacing.size() != nd || origin.size() != nd || direction.size() != nd * nd) {
    throw radsig::invalid_argument(arg, "spacing/origin/direction attributes do not match its dimension");
  }
  ri::geometry g;
  g.dimension = nd;
  for (int d = 0; d < nd; ++d) {
    g.size[d] = static_cast<std::size_t>(dim[d]);
    g.spacing[d] = spacing[d];
    g.origin[d] = origin[d];
    for (int c = 0; c < nd; ++c) g.direction[d * 3 + c] = direction[d + c * nd];  // R matrix [d, c]
  }
  return g;
}

ri::intensity_image intensity_from_r(SEXP x, const std::string& arg) {
  ri::intensity_image img;
  img.geom = geometry_from_r(x, arg);
  Rcpp::NumericVector v(x);
  img.voxels.assign(v.begin(), v.end());
  ri::validate_image(img, arg);
  return img;
}

ri::label_image label_from_r(SEXP x, const std::string& arg) {
  ri::label_image img;
  img.geom = geometry_from_r(x, arg);
  Rcpp::IntegerVector v(x);
  img.voxels.assign(v.begin(), v.end());
  for (auto value : img.voxels) {
    if (value == NA_INTEGER) throw radsig::invalid_argument(arg, "the mask contains NA");
  }
  ri::validate_image(img, arg);
  return img;
}

void set_geometry(Rcpp::RObject& out, const ri::geometry& g) {
  const int nd = g.dimension;
  Rcpp::IntegerVector dim(nd);
  Rcpp::NumericVector spacing(nd), origin(nd);
  Rcpp::NumericMatrix direction(nd, nd);
  for (int d = 0; d < nd; ++d) {
    dim[d] = static_cast<int>(g.size[d]);
    spacing[d] = g.spacing[d];
    origin[d] = g.origin[d];
    for (int c = 0; c < nd; ++c) direction(d, c) = g.direction[d * 3 + c];
  }
  out.attr("dim") = dim;
  out.attr("spacing") = spacing;
  out.attr("origin") = origin;
  out.attr("direction") = direction;
}

SEXP to_r(const ri::intensity_image& img) {
  Rcpp::NumericVector v(img.voxels.begin(), img.voxels.end());
  Rcpp::RObject out(v);
  set_geometry(out, img.geom);
  return out;
}

SEXP to_r(const ri::label_image& img) {
  Rcpp::IntegerVector v(img.voxels.begin(), img.voxels.end());
  Rcpp::RObject out(v);
  set_geometry(out, img.geom);
  return out;
}

ri::interpolator interpolator_from(const std::string& s) {
  if (s == "nearest") return ri::interpolator::nearest;
  if (s == "linear") return ri::interpolator::linear;
  if (s == "bspline") return ri::interpolator::bspline;
  throw radsig::invalid_argument("interpolator", "unknown interpolator '" + s + "'");
}

}  // namespace

// [[Rcpp::export]]
SEXP image_read_cpp(std::string path, std::string series, bool mask) {
  ri::read_options opt;
  opt.series_uid = series;
  if (mask) return to_r(ri::read_label_image(path, opt));
  return to_r(ri::read_intensity_image(path, opt));
}

// [[Rcpp::export]]
Rcpp::List image_info_cpp(std::string path, std::string series) {
  ri::read_options opt;
  opt.series_uid = series;
  const auto info = ri::read_image_info(path, opt);
  Rcpp::NumericVector size(info.size.begin(), info.size.end());
  return Rcpp::List::create(Rcpp::Named("dimension") = info.dimension, Rcpp::Named("size") = size,
                            Rcpp::Named("component_type") = info.component_type,
                            Rcpp::Named("components") = info.components,
                            Rcpp::Named("format") = info.format);
}

// [[Rcpp::export]]
void image_write_cpp(SEXP x, std::string path, bool mask) {
  if (mask) {
    ri::write_image(label_from_r(x, "x"), path);
  } else {
    ri::write_image(intensity_from_r(x, "x"), path);
  }
}

// [[Rcpp::export]]
std::vector<std::string> image_dicom_series_cpp(std::string dir) { return ri::dicom_series_uids(dir); }

// [[Rcpp::export]]
std::vector<std::string> image_geometry_diff_cpp(SEXP a, SEXP b, double tolerance) {
  return ri::geometry_differences(geometry_from_r(a, "image"), geometry_from_r(b, "mask"), tolerance);
}

// [[Rcpp::export]]
SEXP image_resample_cpp(SEXP x, SEXP mask, Rcpp::NumericVector spacing, std::string interpolator,
                        double pad, int label, bool integer_output, bool is_mask) {
  ri::resample_options opt;
  for (int d = 0; d < 3; ++d) opt.spacing[d] = d < spacing.size() ? spacing[d] : 0.0;
  opt.method = interpolator_from(interpolator);
  opt.pad_distance = pad;
  opt.label = label;
  opt.integer_output = integer_output;
  if (is_mask) return to_r(ri::resample_mask(label_from_r(x, "x"), opt));
  if (Rf_isNull(mask)) return to_r(ri::resample_image(intensity_from_r(x, "x"), opt));
  const auto r = ri::resample_with_mask(intensity_from_r(x, "x"), label_from_r(mask, "mask"), opt);
  return Rcpp::List::create(Rcpp::Named("image") = to_r(r.image), Rcpp::Named("mask") = to_r(r.mask));
}

// [[Rcpp::export]]
Rcpp::List image_n4_cpp(SEXP x, SEXP mask, int shrink, Rcpp::IntegerVector iterations,
                        double threshold, int control_points, int spline_order, double fwhm,
                        int bins) {
  ri::n4_options opt;
  opt.shrink_factor = static_cast<unsigned>(shrink);
  opt.iterations.assign(iterations.begin(), iterations.end());
  opt.convergence_threshold = threshold;
  opt.control_points = static_cast<unsigned>(control_points);
  opt.spline_order = static_cast<unsigned>(spline_order);
  opt.fwhm = fwhm;
  opt.histogram_bins = static_cast<unsigned>(bins);
  const auto img = intensity_from_r(x, "x");
  ri::label_image m;
  if (!Rf_isNull(mask)) m = label_from_r(mask, "mask");
  const auto r = ri::n4_correct(img, Rf_isNull(mask) ? nullptr : &m, opt);
  return Rcpp::List::create(Rcpp::Named("corrected") = to_r(r.corrected),
                            Rcpp::Named("bias_field") = to_r(r.bias_field),
                            Rcpp::Named("iterations") = r.elapsed_iterations,
                            Rcpp::Named("convergence") = r.convergence);
}

// [[Rcpp::export]]
SEXP image_morphology_cpp(SEXP mask, double radius, bool in_mm, std::string op, SEXP body) {
  const auto m = label_from_r(mask, "mask");
  const auto r = ri::radius_in_voxels(m.geom, radius, in_mm);
  if (op == "dilate") return to_r(ri::dilate_mask(m, r));
  if (op == "erode") return to_r(ri::erode_mask(m, r));
  ri::label_image b;
  if (!Rf_isNull(body)) b = label_from_r(body, "body");
  return to_r(ri::peritumoral_ring(m, r, Rf_isNull(body) ? nullptr : &b));
}

// [[Rcpp::export]]
SEXP image_normalize_cpp(SEXP x, SEXP mask, std::string method, double scale,
                         double remove_outliers, double lower, double upper) {
  const auto img = intensity_from_r(x, "x");
  ri::label_image m;
  const bool has_mask = !Rf_isNull(mask);
  if (has_mask) m = label_from_r(mask, "mask");
  const ri::label_image* mp = has_mask ? &m : nullptr;
  if (method == "pyradiomics") return to_r(ri::normalize_pyradiomics(img, scale, remove_outliers));
  if (method == "zscore") return to_r(ri::normalize_zscore(img, mp));
  if (method == "minmax") return to_r(ri::normalize_minmax(img, mp));
  if (method == "percentile") return to_r(ri::clip_percentile(img, mp, lower, upper));
  if (method == "equalize") return to_r(ri::equalize_histogram(img, mp));
  throw radsig::invalid_argument("method", "unknown method '" + method + "'");
}

// [[Rcpp::export]]
SEXP image_resegment_cpp(SEXP x, SEXP mask, int label, std::vector<double> range, std::string mode) {
  ri::resegment_mode m = mode == "relative" ? ri::resegment_mode::relative
                         : mode == "sigma"  ? ri::resegment_mode::sigma
                                            : ri::resegment_mode::absolute;
  return to_r(ri::resegment(intensity_from_r(x, "x"), label_from_r(mask, "mask"), label, range, m));
}

// [[Rcpp::export]]
Rcpp::List image_crop_cpp(SEXP x, SEXP mask, int pad, bool x_is_mask) {
  const auto m = label_from_r(mask, "mask");
  const auto b = ri::padded_box(m, static_cast<std::size_t>(pad));
  SEXP xi;
  if (x_is_mask) {
    const auto xm = label_from_r(x, "x");
    ri::require_same_geometry(xm.geom, m.geom, "x", "mask", 1e-3);
    xi = to_r(ri::extract_region(xm, b.lower, b.size));
  } else {
    const auto img = intensity_from_r(x, "x");
    ri::require_same_geometry(img.geom, m.geom, "x", "mask", 1e-3);
    xi = to_r(ri::extract_region(img, b.lower, b.size));
  }
  Rcpp::IntegerVector lower(3);
  for (int d = 0; d < 3; ++d) lower[d] = static_cast<int>(b.lower[d]) + 1;
  return Rcpp::List::create(Rcpp::Named("image") = xi,
                            Rcpp::Named("mask") = to_r(ri::extract_region(m, b.lower, b.size)),
                            Rcpp::Named("lower") = lower);
}

// [[Rcpp::export]]
Rcpp::List image_slice_cpp(SEXP x, SEXP mask, int axis, int index) {
  const auto img = intensity_from_r(x, "x");
  const auto m = label_from_r(mask, "mask");
  ri::require_same_geometry(img.geom, m.geom, "x", "mask", 1e-3);
  const std::size_t k = index < 0 ? ri::largest_slice_index(m, axis) : static_cast<std::size_t>(index);
  return Rcpp::List::create(Rcpp::Named("image") = to_r(ri::extract_slice(img, axis, k)),
                            Rcpp::Named("mask") = to_r(ri::extract_slice(m, axis, k)),
                            Rcpp::Named("index") = static_cast<int>(k) + 1);
}

// [[Rcpp::export]]
Rcpp::List image_phantom_cpp(int dimension, std::vector<double> size, std::vector<double> spacing,
                             std::vector<double> radius, double background, double lesion,
                             double texture, double period, double noise, double bias, double seed) {
  ri::phantom_options o;
  o.dimension = dimension;
  for (int d = 0; d < 3; ++d) {
    const auto i = static_cast<std::size_t>(d);
    o.size[i] = i < size.size() ? static_cast<std::size_t>(size[i]) : 1;
    o.spacing[i] = i < spacing.size() ? spacing[i] : 1.0;
    o.radius[i] = i < radius.size() ? radius[i] : 1.0;
  }
  o.background = background;
  o.lesion = lesion;
  o.texture = texture;
  o.texture_period = period;
  o.noise = noise;
  o.bias = bias;
  o.seed = static_cast<std::uint64_t>(seed);
  const auto p = ri::make_phantom(o);
  return Rcpp::List::create(Rcpp::Named("image") = to_r(p.image), Rcpp::Named("mask") = to_r(p.mask),
                            Rcpp::Named("bias_field") = to_r(p.bias));
}
