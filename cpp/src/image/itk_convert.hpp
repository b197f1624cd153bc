// Internal to the image module: conversions between radsig::image::image<T> and itk::Image.
// Include only from the image module's .cpp files (ITK headers are heavy, and ITK carries its
// own Eigen copy).
#pragma once

#include <algorithm>

#include <itkImage.h>

#include "radsig/image/image.hpp"

namespace radsig::image::detail {

template <typename T, typename Pixel, unsigned D, typename Convert>
image<T> from_itk(const itk::Image<Pixel, D>* in, Convert convert) {
  geometry g;
  g.dimension = static_cast<int>(D);
  const auto size = in->GetLargestPossibleRegion().GetSize();
  for (unsigned d = 0; d < D; ++d) {
    g.size[d] = size[d];
    g.spacing[d] = in->GetSpacing()[d];
    g.origin[d] = in->GetOrigin()[d];
    for (unsigned c = 0; c < D; ++c) g.direction[d * 3 + c] = in->GetDirection()(d, c);
  }
  image<T> out(g);
  const Pixel* buf = in->GetBufferPointer();
  std::transform(buf, buf + out.voxels.size(), out.voxels.begin(), convert);
  return out;
}

template <typename T, typename Pixel, unsigned D>
image<T> from_itk(const itk::Image<Pixel, D>* in) {
  return from_itk<T>(in, [](Pixel v) { return static_cast<T>(v); });
}

// An ITK image with the geometry `g` (its first D axes), allocated, not filled.
template <typename Pixel, unsigned D>
typename itk::Image<Pixel, D>::Pointer make_itk(const geometry& g) {
  using image_t = itk::Image<Pixel, D>;
  auto out = image_t::New();
  typename image_t::SizeType size;
  typename image_t::SpacingType spacing;
  typename image_t::PointType origin;
  typename image_t::DirectionType direction;
  for (unsigned d = 0; d < D; ++d) {
    size[d] = g.size[d];
    spacing[d] = g.spacing[d];
    origin[d] = g.origin[d];
    for (unsigned c = 0; c < D; ++c) direction(d, c) = g.direction[d * 3 + c];
  }
  out->SetRegions(typename image_t::RegionType(size));
  out->SetSpacing(spacing);
  out->SetOrigin(origin);
  out->SetDirection(direction);
  out->Allocate();
  return out;
}

template <typename Pixel, unsigned D, typename T>
typename itk::Image<Pixel, D>::Pointer to_itk(const image<T>& img) {
  auto out = make_itk<Pixel, D>(img.geom);
  std::transform(img.voxels.begin(), img.voxels.end(), out->GetBufferPointer(),
                 [](T v) { return static_cast<Pixel>(v); });
  return out;
}

}  // namespace radsig::image::detail
