// Counters kept in 2^shift copies of a table of cells, the copy chosen by the position of
// the item counted (position mod 2^shift): neighbouring items that fall into the same cell
// (runs of equal values in smooth images) then increment different counters and do not wait
// for each other. total(cell) sums the copies.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace radsig::features::detail {

class interleaved_counts {
 public:
  interleaved_counts(std::size_t cells, std::size_t shift)
      : cells_(cells), lane_((std::size_t{1} << shift) - 1), count_(cells << shift, 0u) {}
  void clear() { std::fill(count_.begin(), count_.end(), 0u); }
  void add(std::size_t cell, std::size_t position) {
    ++count_[(position & lane_) * cells_ + cell];
  }
  std::uint32_t total(std::size_t cell) const {
    std::uint32_t c = 0;
    for (std::size_t w = 0; w <= lane_; ++w) c += count_[w * cells_ + cell];
    return c;
  }

 private:
  std::size_t cells_, lane_;
  std::vector<std::uint32_t> count_;
};

}  // namespace radsig::features::detail
