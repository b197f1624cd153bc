// Grey level size zone matrix features (FEATURES.md 9.6).
#include "radsig/features/detail/emphasis.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

using detail::emphasis_stats;

struct glszm_feature {
  const char* name;
  double (*fn)(const emphasis_stats&);
};

const glszm_feature kFeatures[] = {
    {"GrayLevelNonUniformity", detail::gl_nonuniformity},
    {"GrayLevelNonUniformityNormalized", detail::gl_nonuniformity_normalized},
    {"GrayLevelVariance", detail::gl_variance},
    {"HighGrayLevelZoneEmphasis", detail::high_gl_emphasis},
    {"LargeAreaEmphasis", detail::large_emphasis},
    {"LargeAreaHighGrayLevelEmphasis", detail::large_high_emphasis},
    {"LargeAreaLowGrayLevelEmphasis", detail::large_low_emphasis},
    {"LowGrayLevelZoneEmphasis", detail::low_gl_emphasis},
    {"SizeZoneNonUniformity", detail::size_nonuniformity},
    {"SizeZoneNonUniformityNormalized", detail::size_nonuniformity_normalized},
    {"SmallAreaEmphasis", detail::small_emphasis},
    {"SmallAreaHighGrayLevelEmphasis", detail::small_high_emphasis},
    {"SmallAreaLowGrayLevelEmphasis", detail::small_low_emphasis},
    {"ZoneEntropy", detail::joint_entropy},
    {"ZonePercentage", detail::percentage},
    {"ZoneVariance", detail::size_variance},
};

}  // namespace

matrix glszm_matrix(const roi_box& roi, const discretised& d, const settings& s) {
  const auto offsets = make_angles(roi.dims, {1}, true, s.force2d, s.force2d_dimension);
  const auto& dims = roi.dims;
  const std::size_t nvox = roi.voxel_count();
  std::vector<char> done(nvox, 0);
  std::vector<std::size_t> stack;
  std::vector<std::pair<int, std::size_t>> zones;  // (level, size)
  std::size_t max_size = 0;
  for (int z = 0; z < dims[0]; ++z)
    for (int y = 0; y < dims[1]; ++y)
      for (int x = 0; x < dims[2]; ++x) {
        const std::size_t v0 = roi.index(z, y, x);
        const int level = d.level[v0];
        if (level == 0 || done[v0]) continue;
        done[v0] = 1;
        stack.assign(1, v0);
        std::size_t size = 0;
        while (!stack.empty()) {
          const std::size_t v = stack.back();
          stack.pop_back();
          ++size;
          const int vx = static_cast<int>(v % dims[2]);
          const int vy = static_cast<int>((v / dims[2]) % dims[1]);
          const int vz = static_cast<int>(v / (static_cast<std::size_t>(dims[2]) * dims[1]));
          for (const auto& a : offsets) {
            const int zz = vz + a[0], yy = vy + a[1], xx = vx + a[2];
            if (zz < 0 || yy < 0 || xx < 0 || zz >= dims[0] || yy >= dims[1] || xx >= dims[2])
              continue;
            const std::size_t w = roi.index(zz, yy, xx);
            if (done[w] || d.level[w] != level) continue;
            done[w] = 1;
            stack.push_back(w);
          }
        }
        zones.emplace_back(level, size);
        if (size > max_size) max_size = size;
      }
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(max_size));
  for (const auto& zn : zones) P(d.compact[zn.first], static_cast<int>(zn.second) - 1) += 1;
  return P;
}

std::vector<std::string> glszm_names() {
  std::vector<std::string> out;
  for (const auto& f : kFeatures) out.emplace_back(f.name);
  return out;
}

class_values compute_glszm(const class_input& in) {
  const matrix P = glszm_matrix(*in.roi, *in.levels, *in.opts);
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
