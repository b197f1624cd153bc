// Test helper: the features of one class (compute_shape, compute_shape2d, ...) computed on
// an ROI, keyed by feature name.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "radsig/features/registry.hpp"

namespace feature_test {

template <typename Compute>
std::map<std::string, double> feature_map(Compute compute, const radsig::features::roi_box& roi,
                                          const radsig::features::settings& s) {
  radsig::features::class_input in;
  in.roi = &roi;
  in.opts = &s;
  const auto cv = compute(in);
  std::map<std::string, double> f;
  for (std::size_t k = 0; k < cv.names.size(); ++k) f[cv.names[k]] = cv.values[k];
  return f;
}

}  // namespace feature_test
