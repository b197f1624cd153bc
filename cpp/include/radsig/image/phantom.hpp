// Deterministic synthetic images: an ellipsoidal lesion with controllable texture and noise,
// optionally multiplied by a smooth bias field. Used by tests, examples and simulators.
#pragma once

#include <array>
#include <cstdint>

#include "radsig/image/image.hpp"

namespace radsig::image {

struct phantom_options {
  int dimension = 3;
  std::array<std::size_t, 3> size{{48, 48, 24}};
  std::array<double, 3> spacing{{1.0, 1.0, 2.0}};
  std::array<double, 3> radius{{10.0, 8.0, 8.0}};  // lesion semi-axes, mm
  double background = 100.0;
  double lesion = 200.0;
  double texture = 0.0;       // amplitude of a periodic pattern inside the lesion
  double texture_period = 4.0;  // mm
  double noise = 0.0;         // SD of additive Gaussian noise
  double bias = 0.0;          // strength of the multiplicative field exp(bias * smooth(x));
                              // 0 = none
  std::uint64_t seed = 1;
};

struct phantom {
  intensity_image image;
  label_image mask;      // lesion = 1
  intensity_image bias;  // the multiplicative field applied (all ones without bias)
};

phantom make_phantom(const phantom_options& options);

}  // namespace radsig::image
