// Grey level size zone matrix features (FEATURES.md 9.6).
#include <algorithm>
#include <cstdint>
#include <memory>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/core/error.hpp"
#include "radsig/features/detail/emphasis.hpp"
#include "radsig/features/detail/grid_scan.hpp"
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

namespace {

// Union-find over grid indices (only ROI entries are used); roots are the smallest index of
// their zone, so parent[v] <= v. Path halving keeps the trees flat.
std::uint32_t find_root(std::uint32_t* parent, std::uint32_t v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

// Zones = connected components of equal level (26-connectivity, or 8 with force2D): every ROI
// voxel is joined with its already visited neighbours (the negative half of the offsets).
// One code per zone: (size - 1) << 32 | matrix row of its level, in grid order of the roots.
std::vector<std::uint64_t> zone_codes(const roi_box& roi, const discretised& d,
                                      const settings& s, const padded_levels& pl) {
  const auto half = make_angles(roi.dims, {1}, false, s.force2d, s.force2d_dimension);
  if (pl.level.size() >= 0xffffffffu)
    throw invalid_argument("mask", "the ROI bounding box is too large");
  if (half.size() > 31) throw invalid_argument("distances", "too many zone neighbours");
  // Visited neighbours (grid offsets) and, per neighbour, the mask of the other visited
  // neighbours adjacent to it: two adjacent neighbours of equal level are already joined
  // (the later one was joined with the earlier when it was visited), so after joining with
  // one neighbour the ones adjacent to it need no work.
  const auto all = make_angles(roi.dims, {1}, true, s.force2d, s.force2d_dimension);
  const auto offs = pl.offsets(half);
  std::vector<std::uint32_t> adjacent(half.size(), 0);
  for (std::size_t k = 0; k < half.size(); ++k)
    for (std::size_t m = 0; m < half.size(); ++m) {
      const std::array<int, 3> diff{{half[k][0] - half[m][0], half[k][1] - half[m][1],
                                     half[k][2] - half[m][2]}};
      if (std::find(all.begin(), all.end(), diff) != all.end()) adjacent[k] |= 1u << m;
    }
  // Per row span: bit k of equal[t] set where the neighbour at -offs[k] has the voxel's level
  // (branch-free passes, vectorised); then every ROI voxel of the span is joined with those
  // neighbours. `parent` and `size` are indexed by grid position and only ever read at ROI
  // voxels already visited, so they need no initialisation.
  const std::size_t n_grid = pl.level.size();
  std::unique_ptr<std::uint32_t[]> parent(new std::uint32_t[n_grid]);
  std::unique_ptr<std::uint32_t[]> size(new std::uint32_t[n_grid]);
  std::vector<std::uint32_t> equal_buffer(static_cast<std::size_t>(pl.longest_span), 0);
  std::uint32_t* __restrict equal = equal_buffer.data();
  std::vector<std::ptrdiff_t> back(offs.size());
  for (std::size_t k = 0; k < offs.size(); ++k) back[k] = -offs[k];
  detail::scan_spans(
      pl, back,
      [&](std::size_t k, const int* __restrict x, const int* __restrict y, int n) {
        for (int t = 0; t < n; ++t) equal[t] |= static_cast<std::uint32_t>(x[t] == y[t]) << k;
      },
      [&](const row_span& sp) {
        const int* x = pl.level.data() + sp.start;
        for (int t = 0; t < sp.length; ++t) {
          std::uint32_t eq = equal[t];
          equal[t] = 0;
          if (x[t] == 0) continue;
          const auto i = static_cast<std::uint32_t>(sp.start + static_cast<std::size_t>(t));
          std::uint32_t root = i;
          parent[i] = i;
          size[i] = 0;
          while (eq != 0) {
            const int k = __builtin_ctz(eq);
            eq &= ~(adjacent[static_cast<std::size_t>(k)] | (1u << k));
            const auto off = static_cast<std::uint32_t>(offs[static_cast<std::size_t>(k)]);
            const std::uint32_t rj = find_root(parent.get(), i - off);
            if (rj == root) continue;
            if (rj < root) {
              parent[root] = rj;
              root = rj;
            } else {
              parent[rj] = root;
            }
          }
        }
      });
  // Zone sizes, accumulated at the roots. Every parent precedes its child in grid order (a
  // root is the smallest index of its zone), so one pass in grid order points each voxel
  // at its root: its parent has already been pointed at the same root.
  for (const std::size_t i : pl.roi) {
    const std::uint32_t r = parent[parent[i]];
    parent[i] = r;
    ++size[r];
  }
  std::vector<std::uint64_t> codes;
  for (const std::size_t i : pl.roi)
    if (parent[i] == i)
      codes.push_back(static_cast<std::uint64_t>(size[i] - 1) << 32 |
                      static_cast<std::uint32_t>(d.compact[pl.level[i]]));
  return codes;
}

// The non-zero cells of the zone matrix, by size then level: counted in a dense size x level
// table when that is not much larger than the number of zones, else by sorting the codes
// (a few very large zones make the table wide and nearly empty).
std::vector<detail::emphasis_cell> zone_cells(std::vector<std::uint64_t>& codes,
                                              std::size_t n_levels) {
  std::uint64_t max_size = 0;
  for (const std::uint64_t c : codes) max_size = std::max(max_size, (c >> 32) + 1);
  std::vector<detail::emphasis_cell> cells;
  const auto cell = [](std::uint64_t code, double count) {
    return detail::emphasis_cell{static_cast<int>(code & 0xffffffffu),
                                 static_cast<std::int64_t>(code >> 32), count};
  };
  if (static_cast<double>(max_size) * static_cast<double>(n_levels) <=
      8.0 * static_cast<double>(codes.size()) + 65536) {
    std::vector<std::uint32_t> table(static_cast<std::size_t>(max_size) * n_levels, 0);
    for (const std::uint64_t c : codes) ++table[(c >> 32) * n_levels + (c & 0xffffffffu)];
    for (std::size_t k = 0; k < table.size(); ++k)
      if (table[k] != 0)
        cells.push_back(cell(static_cast<std::uint64_t>(k / n_levels) << 32 | (k % n_levels),
                             table[k]));
    return cells;
  }
  std::sort(codes.begin(), codes.end());
  for (std::size_t k = 0; k < codes.size();) {
    std::size_t e = k + 1;
    while (e < codes.size() && codes[e] == codes[k]) ++e;
    cells.push_back(cell(codes[k], static_cast<double>(e - k)));
    k = e;
  }
  return cells;
}

}  // namespace

matrix glszm_matrix(const roi_box& roi, const discretised& d, const settings& s) {
  return glszm_matrix(roi, d, s, texture_grid(roi, d, s));
}

matrix glszm_matrix(const roi_box& roi, const discretised& d, const settings& s,
                    const padded_levels& pl) {
  const std::vector<std::uint64_t> codes = zone_codes(roi, d, s, pl);
  std::uint64_t max_size = 0;
  for (const std::uint64_t c : codes) max_size = std::max(max_size, (c >> 32) + 1);
  matrix P(static_cast<int>(d.n_levels()), static_cast<int>(max_size));
  for (const std::uint64_t c : codes)
    P(static_cast<int>(c & 0xffffffffu), static_cast<int>(c >> 32)) += 1;
  return P;
}

std::vector<std::string> glszm_names() { return detail::table_names(kFeatures); }

class_values compute_glszm(const class_input& in) {
  // Zone sizes can run to the ROI size: the statistics come from the sorted zone codes (the
  // non-zero cells, by size then level) rather than from the wide, mostly empty matrix.
  std::vector<std::uint64_t> codes =
      in.grid ? zone_codes(*in.roi, *in.levels, *in.opts, *in.grid)
              : zone_codes(*in.roi, *in.levels, *in.opts,
                           texture_grid(*in.roi, *in.levels, *in.opts));
  const auto st = detail::make_emphasis(zone_cells(codes, in.levels->n_levels()),
                                        in.levels->present, true);
  return detail::evaluate_table(kFeatures, st);
}

}  // namespace radsig::features
