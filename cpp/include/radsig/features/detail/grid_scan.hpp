// Internal: passes over the row spans of a padded level grid, one per neighbour offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "radsig/features/roi.hpp"

namespace radsig::features::detail {

// For every row span of `pl` (box order): `per_offset(k, centre, neighbour, length)` for
// every offset offs[k], with centre = the span's levels and neighbour = the levels at
// centre + offs[k] (both `length` long, so the kernel is a plain vectorisable loop over the
// span), then `per_span(span)`. The caller keeps per-voxel accumulators of the span in a
// buffer of pl.longest_span entries that `per_span` reads and resets.
template <typename PerOffset, typename PerSpan>
void scan_spans(const padded_levels& pl, const std::vector<std::ptrdiff_t>& offs,
                PerOffset per_offset, PerSpan per_span) {
  const int* level = pl.level.data();
  for (const row_span& sp : pl.spans) {
    const int* centre = level + sp.start;
    for (std::size_t k = 0; k < offs.size(); ++k)
      per_offset(k, centre, centre + offs[k], sp.length);
    per_span(sp);
  }
}

}  // namespace radsig::features::detail
