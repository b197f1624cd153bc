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
  const padded_levels pl = pad_levels(roi, d, 1);
  std::vector<std::ptrdiff_t> offs;
  for (const auto& a : offsets) offs.push_back(pl.offset(a));
  std::vector<char> done(pl.level.size(), 0);
  std::vector<std::size_t> stack;
  std::vector<std::pair<int, std::size_t>> zones;  // (level, size)
  std::size_t max_size = 0;
  for (const std::size_t v0 : pl.roi) {
    if (done[v0]) continue;
    const int level = pl.level[v0];
    done[v0] = 1;
    stack.assign(1, v0);
    std::size_t size = 0;
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      ++size;
      for (const std::ptrdiff_t off : offs) {
        const std::size_t w = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(v) + off);
        if (done[w] || pl.level[w] != level) continue;
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
