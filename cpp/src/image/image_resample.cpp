// Resampling (PyRadiomics grid rule) and binary morphology, through ITK.
#include <algorithm>
#include <cmath>

#include <itkBSplineInterpolateImageFunction.h>
#include <itkBinaryBallStructuringElement.h>
#include <itkBinaryDilateImageFilter.h>
#include <itkBinaryErodeImageFilter.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkNearestNeighborInterpolateImageFunction.h>
#include <itkResampleImageFilter.h>

#include "itk_convert.hpp"
#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"
#include "radsig/image/preprocess.hpp"
#include "radsig/image/roi.hpp"

namespace radsig::image {
namespace {

// Output grid of a resampling.
struct grid {
  geometry geom;
};

void check_spacing(const std::array<double, 3>& s, int dim) {
  for (int d = 0; d < dim; ++d) {
    if (!std::isfinite(s[d]) || s[d] < 0) {
      throw invalid_argument("spacing", "target spacing must be finite and >= 0 (0 keeps the input spacing)");
    }
  }
}

// PyRadiomics' corner-aligned grid for ROI box `box` of a mask with geometry `m`.
geometry pyradiomics_grid(const geometry& m, const bounding_box& box,
                          const std::array<double, 3>& target, double pad) {
  geometry out = m;
  for (int d = 0; d < m.dimension; ++d) {
    const double r = m.spacing[d] / target[d];
    double lo = std::floor((static_cast<double>(box.lower[d]) - 0.5) * r - pad);
    double hi = std::ceil((static_cast<double>(box.lower[d] + box.size[d]) - 0.5) * r + pad);
    lo = std::max(lo, 0.0);
    hi = std::min(hi, std::ceil(static_cast<double>(m.size[d]) * r) - 1.0);
    out.size[d] = static_cast<std::size_t>(hi - lo + 1.0);
    out.spacing[d] = target[d];
  }
  std::array<double, 3> cidx{{0, 0, 0}};
  for (int d = 0; d < m.dimension; ++d) {
    const double r = m.spacing[d] / target[d];
    double lo = std::floor((static_cast<double>(box.lower[d]) - 0.5) * r - pad);
    lo = std::max(lo, 0.0);
    cidx[d] = 0.5 * (target[d] - m.spacing[d]) / m.spacing[d] + lo / r;
  }
  out.origin = index_to_physical(m, cidx[0], cidx[1], cidx[2]);
  if (m.dimension == 2) out.origin[2] = m.origin[2];
  return out;
}

template <unsigned D>
image<double> resample_intensity_d(const intensity_image& img, const geometry& out, interpolator method) {
  using in_t = itk::Image<float, D>;
  using out_t = itk::Image<double, D>;
  auto filter = itk::ResampleImageFilter<in_t, out_t, double>::New();
  filter->SetInput(detail::to_itk<float, D>(img));
  auto ref = detail::make_itk<unsigned char, D>(out);
  filter->SetOutputParametersFromImage(ref);
  filter->SetDefaultPixelValue(0.0);
  switch (method) {
    case interpolator::nearest:
      filter->SetInterpolator(itk::NearestNeighborInterpolateImageFunction<in_t, double>::New());
      break;
    case interpolator::linear:
      filter->SetInterpolator(itk::LinearInterpolateImageFunction<in_t, double>::New());
      break;
    case interpolator::bspline: {
      auto f = itk::BSplineInterpolateImageFunction<in_t, double, double>::New();
      f->SetSplineOrder(3);
      filter->SetInterpolator(f);
      break;
    }
  }
  filter->Update();
  return detail::from_itk<double>(filter->GetOutput());
}

template <unsigned D>
label_image resample_label_d(const label_image& mask, const geometry& out) {
  using t = itk::Image<std::int32_t, D>;
  auto filter = itk::ResampleImageFilter<t, t, double>::New();
  filter->SetInput(detail::to_itk<std::int32_t, D>(mask));
  auto ref = detail::make_itk<unsigned char, D>(out);
  filter->SetOutputParametersFromImage(ref);
  filter->SetDefaultPixelValue(0);
  filter->SetInterpolator(itk::NearestNeighborInterpolateImageFunction<t, double>::New());
  filter->Update();
  return detail::from_itk<std::int32_t>(filter->GetOutput());
}

intensity_image resample_intensity(const intensity_image& img, const geometry& out,
                                   const resample_options& opt) {
  image<double> r = img.geom.dimension == 2 ? resample_intensity_d<2>(img, out, opt.method)
                                            : resample_intensity_d<3>(img, out, opt.method);
  intensity_image res(r.geom);
  for (std::size_t i = 0; i < r.voxels.size(); ++i) {
    double v = r.voxels[i];
    if (opt.integer_output) v = std::trunc(std::min(std::max(v, opt.integer_min), opt.integer_max));
    res.voxels[i] = static_cast<float>(v);
  }
  res.geom = out;
  return res;
}

label_image resample_label(const label_image& mask, const geometry& out) {
  label_image r = mask.geom.dimension == 2 ? resample_label_d<2>(mask, out) : resample_label_d<3>(mask, out);
  r.geom = out;
  return r;
}

std::array<double, 3> target_spacing(const geometry& g, const resample_options& opt) {
  check_spacing(opt.spacing, g.dimension);
  std::array<double, 3> t = opt.spacing;
  for (int d = 0; d < 3; ++d) {
    if (d >= g.dimension || t[d] == 0) t[d] = g.spacing[d];
  }
  return t;
}

bool all_close(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  for (int d = 0; d < 3; ++d) {
    if (std::fabs(a[d] - b[d]) > 1e-8 + 1e-5 * std::fabs(b[d])) return false;
  }
  return true;
}

void check_finite(const intensity_image& img, const char* arg) {
  for (float v : img.voxels) {
    if (!std::isfinite(v)) throw invalid_argument(arg, "the image contains non-finite voxels (NaN or Inf)");
  }
}

// Runs a binary morphology filter (ITK dilate or erode) with foreground 1 on background 0.
template <typename Filter, typename Image, typename Kernel>
typename Image::Pointer run_binary_morphology(const Image* in, const Kernel& se) {
  auto f = Filter::New();
  f->SetInput(in);
  f->SetKernel(se);
  f->SetForegroundValue(1);
  f->SetBackgroundValue(0);
  f->Update();
  return f->GetOutput();
}

template <unsigned D>
label_image morphology_d(const label_image& mask, const std::array<unsigned, 3>& radius, bool dilate) {
  using t = itk::Image<unsigned char, D>;
  auto in = detail::make_itk<unsigned char, D>(mask.geom);
  std::transform(mask.voxels.begin(), mask.voxels.end(), in->GetBufferPointer(),
                 [](std::int32_t v) { return static_cast<unsigned char>(v != 0); });
  using se_t = itk::BinaryBallStructuringElement<unsigned char, D>;
  se_t se;
  typename se_t::SizeType r;
  for (unsigned d = 0; d < D; ++d) r[d] = radius[d];
  se.SetRadius(r);
  se.CreateStructuringElement();
  typename t::Pointer out =
      dilate ? run_binary_morphology<itk::BinaryDilateImageFilter<t, t, se_t>>(in.GetPointer(), se)
             : run_binary_morphology<itk::BinaryErodeImageFilter<t, t, se_t>>(in.GetPointer(), se);
  label_image res = detail::from_itk<std::int32_t>(out.GetPointer());
  res.geom = mask.geom;
  return res;
}

label_image morphology(const label_image& mask, const std::array<unsigned, 3>& radius, bool dilate) {
  validate_image(mask, "mask");
  std::array<unsigned, 3> r = radius;
  if (mask.geom.dimension == 2) r[2] = 0;
  try {
    return mask.geom.dimension == 2 ? morphology_d<2>(mask, r, dilate) : morphology_d<3>(mask, r, dilate);
  } catch (const itk::ExceptionObject& e) {
    throw error(std::string("ITK morphology failed: ") + e.GetDescription());
  }
}

// PyRadiomics' resampled grid for the whole image (no cropping, no padding).
geometry whole_image_grid(const geometry& geom, const resample_options& opt) {
  bounding_box whole;
  whole.size = geom.size;
  whole.count = geom.voxel_count();
  return pyradiomics_grid(geom, whole, target_spacing(geom, opt), 0.0);
}

}  // namespace

resampled_pair resample_with_mask(const intensity_image& img, const label_image& mask,
                                  const resample_options& opt) {
  validate_image(img, "image");
  validate_image(mask, "mask");
  check_finite(img, "image");
  require_same_geometry(img.geom, mask.geom, "image", "mask", 1e-3);
  if (!(opt.pad_distance >= 0) || !std::isfinite(opt.pad_distance)) {
    throw invalid_argument("pad_distance", "must be a finite number >= 0");
  }
  const bounding_box box = roi_box(mask, opt.label);
  if (box.count == 0) {
    throw invalid_argument("mask", "label " + std::to_string(opt.label) + " does not occur in the mask");
  }
  std::array<double, 3> t = target_spacing(mask.geom, opt);
  for (int d = 0; d < mask.geom.dimension; ++d) {
    if (box.size[d] == 1) t[d] = mask.geom.spacing[d];
  }
  resampled_pair out;
  if (all_close(img.geom.spacing, t)) {
    // Only crop to the ROI box +- pad (the mask already lies on the image grid).
    const auto pad = static_cast<std::size_t>(opt.pad_distance);
    std::array<std::size_t, 3> lo{}, size{};
    for (int d = 0; d < 3; ++d) {
      lo[d] = box.lower[d] > pad ? box.lower[d] - pad : 0;
      const std::size_t hi = std::min(box.lower[d] + box.size[d] - 1 + pad, img.geom.size[d] - 1);
      size[d] = hi - lo[d] + 1;
    }
    out.image = extract_region(img, lo, size);
    out.mask = extract_region(mask, lo, size);
    return out;
  }
  const geometry g = pyradiomics_grid(mask.geom, box, t, opt.pad_distance);
  try {
    out.image = resample_intensity(img, g, opt);
    out.mask = resample_label(mask, g);
  } catch (const itk::ExceptionObject& e) {
    throw error(std::string("ITK resampling failed: ") + e.GetDescription());
  }
  return out;
}

intensity_image resample_image(const intensity_image& img, const resample_options& opt) {
  validate_image(img, "image");
  check_finite(img, "image");
  const geometry g = whole_image_grid(img.geom, opt);
  try {
    return resample_intensity(img, g, opt);
  } catch (const itk::ExceptionObject& e) {
    throw error(std::string("ITK resampling failed: ") + e.GetDescription());
  }
}

label_image resample_mask(const label_image& mask, const resample_options& opt) {
  validate_image(mask, "mask");
  const geometry g = whole_image_grid(mask.geom, opt);
  try {
    return resample_label(mask, g);
  } catch (const itk::ExceptionObject& e) {
    throw error(std::string("ITK resampling failed: ") + e.GetDescription());
  }
}

std::array<unsigned, 3> radius_in_voxels(const geometry& g, double radius, bool in_mm) {
  if (!std::isfinite(radius) || radius < 0) {
    throw invalid_argument("radius", "must be a finite number >= 0");
  }
  std::array<unsigned, 3> r{{0, 0, 0}};
  for (int d = 0; d < g.dimension; ++d) {
    r[d] = static_cast<unsigned>(std::lround(in_mm ? radius / g.spacing[d] : radius));
  }
  return r;
}

label_image dilate_mask(const label_image& mask, const std::array<unsigned, 3>& radius) {
  return morphology(mask, radius, true);
}

label_image erode_mask(const label_image& mask, const std::array<unsigned, 3>& radius) {
  return morphology(mask, radius, false);
}

label_image peritumoral_ring(const label_image& mask, const std::array<unsigned, 3>& radius,
                             const label_image* body) {
  if (body) {
    validate_image(*body, "body");
    require_same_geometry(mask.geom, body->geom, "mask", "body", 1e-3);
  }
  label_image ring = dilate_mask(mask, radius);
  for (std::size_t i = 0; i < ring.voxels.size(); ++i) {
    const bool keep = ring.voxels[i] != 0 && mask.voxels[i] == 0 && (!body || body->voxels[i] != 0);
    ring.voxels[i] = keep ? 1 : 0;
  }
  return ring;
}

}  // namespace radsig::image
