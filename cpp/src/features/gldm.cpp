// Grey level dependence matrix features (FEATURES.md 9.7).
#include <algorithm>
#include <cstdlib>

#include "radsig/features/detail/emphasis.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

using detail::emphasis_stats;

struct gldm_feature {
  const char* name;
  double (*fn)(const emphasis_stats&);
};

const gldm_feature kFeatures[] = {
    {"DependenceEntropy", detail::joint_entropy},
    {"DependenceNonUniformity", detail::size_nonuniformity},
    {"DependenceNonUniformityNormalized", detail::size_nonuniformity_normalized},
    {"DependenceVariance", detail::size_variance},
    {"GrayLevelNonUniformity", detail::gl_nonuniformity},
    {"GrayLevelVariance", detail::gl_variance},
    {"HighGrayLevelEmphasis", detail::high_gl_emphasis},
    {"LargeDependenceEmphasis", detail::large_emphasis},
    {"LargeDependenceHighGrayLevelEmphasis", detail::large_high_emphasis},
    {"LargeDependenceLowGrayLevelEmphasis", detail::large_low_emphasis},
    {"LowGrayLevelEmphasis", detail::low_gl_emphasis},
    {"SmallDependenceEmphasis", detail::small_emphasis},
    {"SmallDependenceHighGrayLevelEmphasis", detail::small_high_emphasis},
    {"SmallDependenceLowGrayLevelEmphasis", detail::small_low_emphasis},
};

}  // namespace

matrix gldm_matrix(const roi_box& roi, const discretised& d, const settings& s) {
  const auto offsets = make_angles(roi.dims, s.distances, true, s.force2d, s.force2d_dimension);
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(offsets.size()) + 1);
  int dmax = 1;
  for (int dd : s.distances) dmax = std::max(dmax, dd);
  const padded_levels pl = pad_levels(roi, d, dmax);
  std::vector<std::ptrdiff_t> offs;
  for (const auto& a : offsets) offs.push_back(pl.offset(a));
  for (const std::size_t i : pl.roi) {
    const int li = pl.level[i];
    int count = 0;
    for (const std::ptrdiff_t off : offs) {
      const int lj = pl.level[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + off)];
      if (lj != 0 && std::abs(li - lj) <= s.gldm_a) ++count;
    }
    P(d.compact[li], count) += 1;
  }
  return P;
}

std::vector<std::string> gldm_names() {
  std::vector<std::string> out;
  for (const auto& f : kFeatures) out.emplace_back(f.name);
  return out;
}

class_values compute_gldm(const class_input& in) {
  const matrix P = gldm_matrix(*in.roi, *in.levels, *in.opts);
  const auto st = detail::make_emphasis(P, in.levels->present, true);
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    out.values.push_back(f.fn(st));
  }
  out.n_active = out.names.size();
  return out;
}

}  // namespace radsig::features
