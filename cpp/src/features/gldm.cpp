// Grey level dependence matrix features (FEATURES.md 9.7).
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
  const auto& dims = roi.dims;
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(offsets.size()) + 1);
  for (int z = 0; z < dims[0]; ++z)
    for (int y = 0; y < dims[1]; ++y)
      for (int x = 0; x < dims[2]; ++x) {
        const int li = d.level[roi.index(z, y, x)];
        if (li == 0) continue;
        int count = 0;
        for (const auto& a : offsets) {
          const int zz = z + a[0], yy = y + a[1], xx = x + a[2];
          if (zz < 0 || yy < 0 || xx < 0 || zz >= dims[0] || yy >= dims[1] || xx >= dims[2])
            continue;
          const int lj = d.level[roi.index(zz, yy, xx)];
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
