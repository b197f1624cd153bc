// Internal: cache-blocked passes over a padded level grid, one per neighbour offset.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace radsig::features::detail {

// Calls body(off, lo, hi) for every offset and every block [lo, hi) of grid positions v with
// 0 <= v + off < n, block by block: all offsets of a block run before the next block, so the
// per-voxel accumulators of the block stay in cache across the offsets.
template <typename Body>
void scan_offsets(std::ptrdiff_t n, const std::vector<std::ptrdiff_t>& offs, Body body) {
  constexpr std::ptrdiff_t kBlock = 2048;
  for (std::ptrdiff_t b = 0; b < n; b += kBlock) {
    const std::ptrdiff_t e = std::min(n, b + kBlock);
    for (const std::ptrdiff_t off : offs) {
      const std::ptrdiff_t lo = std::max(b, -off), hi = std::min(e, n - off);
      if (lo < hi) body(off, lo, hi);
    }
  }
}

}  // namespace radsig::features::detail
