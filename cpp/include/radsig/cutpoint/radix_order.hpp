// Stable ordering of doubles by LSD radix sort: the permutation R's order() returns (ties
// keep their original order), in O(n) passes instead of O(n log n) comparisons.
#pragma once

#include <cstddef>
#include <vector>

namespace radsig::cutpoint {

// Indices of `v` in increasing order, ties by index. `v` must not contain NaN; -0.0 and
// 0.0 are treated as equal.
std::vector<std::size_t> radix_order(const std::vector<double>& v);

}  // namespace radsig::cutpoint
