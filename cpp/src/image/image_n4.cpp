// N4 bias-field correction through ITK's N4BiasFieldCorrectionImageFilter. The field is fitted
// on a shrunken copy and evaluated at full resolution from its B-spline control-point lattice.
#include <algorithm>
#include <cmath>

#include <itkBSplineControlPointImageFilter.h>
#include <itkN4BiasFieldCorrectionImageFilter.h>
#include <itkShrinkImageFilter.h>

#include "itk_convert.hpp"
#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"
#include "radsig/image/preprocess.hpp"

namespace radsig::image {
namespace {

template <unsigned D>
n4_result n4_d(const intensity_image& img, const std::vector<unsigned char>& fit_mask,
               const n4_options& opt) {
  using image_t = itk::Image<float, D>;
  using mask_t = itk::Image<unsigned char, D>;
  auto input = detail::to_itk<float, D>(img);
  auto mask = detail::make_itk<unsigned char, D>(img.geom);
  std::copy(fit_mask.begin(), fit_mask.end(), mask->GetBufferPointer());

  auto shrink_img = itk::ShrinkImageFilter<image_t, image_t>::New();
  auto shrink_mask = itk::ShrinkImageFilter<mask_t, mask_t>::New();
  shrink_img->SetInput(input);
  shrink_mask->SetInput(mask);
  for (unsigned d = 0; d < D; ++d) {
    const unsigned f = static_cast<unsigned>(
        std::max<std::size_t>(1, std::min<std::size_t>(opt.shrink_factor, img.geom.size[d])));
    shrink_img->SetShrinkFactor(d, f);
    shrink_mask->SetShrinkFactor(d, f);
  }

  using n4_t = itk::N4BiasFieldCorrectionImageFilter<image_t, mask_t, image_t>;
  auto n4 = n4_t::New();
  n4->SetInput(shrink_img->GetOutput());
  n4->SetMaskImage(shrink_mask->GetOutput());
  typename n4_t::VariableSizeArrayType iters(static_cast<unsigned>(opt.iterations.size()));
  for (std::size_t i = 0; i < opt.iterations.size(); ++i) iters[static_cast<unsigned>(i)] = opt.iterations[i];
  n4->SetMaximumNumberOfIterations(iters);
  n4->SetNumberOfFittingLevels(static_cast<unsigned>(opt.iterations.size()));
  n4->SetConvergenceThreshold(opt.convergence_threshold);
  n4->SetSplineOrder(opt.spline_order);
  typename n4_t::ArrayType cps;
  cps.Fill(opt.control_points);
  n4->SetNumberOfControlPoints(cps);
  n4->SetNumberOfHistogramBins(opt.histogram_bins);
  n4->SetBiasFieldFullWidthAtHalfMaximum(opt.fwhm);
  n4->SetWienerFilterNoise(opt.wiener_noise);
  n4->Update();

  using lattice_t = typename n4_t::BiasFieldControlPointLatticeType;
  using field_t = itk::Image<typename lattice_t::PixelType, D>;
  auto bspliner = itk::BSplineControlPointImageFilter<lattice_t, field_t>::New();
  bspliner->SetInput(n4->GetLogBiasFieldControlPointLattice());
  bspliner->SetSplineOrder(opt.spline_order);
  bspliner->SetSize(input->GetLargestPossibleRegion().GetSize());
  bspliner->SetOrigin(input->GetOrigin());
  bspliner->SetSpacing(input->GetSpacing());
  bspliner->SetDirection(input->GetDirection());
  bspliner->Update();

  n4_result res;
  res.corrected = img;
  res.bias_field = intensity_image(img.geom, 1.0f);
  const auto* field = bspliner->GetOutput()->GetBufferPointer();
  for (std::size_t i = 0; i < img.voxels.size(); ++i) {
    const double b = std::exp(static_cast<double>(field[i][0]));
    res.bias_field.voxels[i] = static_cast<float>(b);
    res.corrected.voxels[i] = static_cast<float>(img.voxels[i] / b);
  }
  res.elapsed_iterations = n4->GetElapsedIterations();
  res.convergence = n4->GetCurrentConvergenceMeasurement();
  return res;
}

}  // namespace

n4_result n4_correct(const intensity_image& img, const label_image* mask, const n4_options& opt) {
  validate_image(img, "image");
  if (mask) {
    validate_image(*mask, "mask");
    require_same_geometry(img.geom, mask->geom, "image", "mask", 1e-3);
  }
  if (opt.shrink_factor < 1) throw invalid_argument("shrink_factor", "must be >= 1");
  if (opt.iterations.empty()) throw invalid_argument("iterations", "needs at least one fitting level");
  for (unsigned it : opt.iterations) {
    if (it < 1) throw invalid_argument("iterations", "every level needs >= 1 iteration");
  }
  if (!(opt.convergence_threshold >= 0)) throw invalid_argument("convergence_threshold", "must be >= 0");
  if (opt.spline_order < 1 || opt.spline_order > 5) throw invalid_argument("spline_order", "must be 1..5");
  if (opt.control_points <= opt.spline_order) {
    throw invalid_argument("control_points", "must exceed the spline order");
  }
  std::vector<unsigned char> fit(img.voxels.size(), 0);
  std::size_t n = 0;
  for (std::size_t i = 0; i < img.voxels.size(); ++i) {
    const float v = img.voxels[i];
    if (!std::isfinite(v)) throw invalid_argument("image", "N4 needs finite voxels; the image has NaN/Inf");
    if ((!mask || mask->voxels[i] != 0) && v > 0) {
      fit[i] = 1;
      ++n;
    }
  }
  if (n < 10) {
    throw invalid_argument(mask ? "mask" : "image",
                           "N4 needs positive voxels to fit the bias field; fewer than 10 are available");
  }
  try {
    return img.geom.dimension == 2 ? n4_d<2>(img, fit, opt) : n4_d<3>(img, fit, opt);
  } catch (const itk::ExceptionObject& e) {
    throw error(std::string("ITK N4 bias correction failed: ") + e.GetDescription());
  }
}

}  // namespace radsig::image
