#include "radsig/cutpoint/radix_order.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace radsig::cutpoint {

namespace {

// Maps a double to an unsigned key with the same order (IEEE-754 trick).
std::uint64_t sortable_key(double d) {
  if (d == 0.0) d = 0.0;  // -0.0 == 0.0
  std::uint64_t u = 0;
  std::memcpy(&u, &d, sizeof u);
  return (u & 0x8000000000000000ULL) != 0 ? ~u : (u | 0x8000000000000000ULL);
}

}  // namespace

std::vector<std::size_t> radix_order(const std::vector<double>& v) {
  const std::size_t n = v.size();
  if (n < 256 || n > 0xFFFFFFFFu) {
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return sortable_key(v[a]) < sortable_key(v[b]);
    });
    return idx;
  }
  std::vector<std::uint32_t> idx(n), tmp(n);
  std::iota(idx.begin(), idx.end(), std::uint32_t{0});
  std::vector<std::uint64_t> key(n), key_tmp(n);
  for (std::size_t i = 0; i < n; ++i) key[i] = sortable_key(v[i]);
  constexpr int kBits = 11;  // 6 passes; 2048 counts per digit stay in L1 cache
  constexpr int kPasses = (64 + kBits - 1) / kBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  // All six digit histograms in one pass over the keys.
  std::vector<std::uint32_t> count(kPasses * kBuckets, 0);
  static_assert(kPasses == 6, "the histogram loop below is unrolled for 6 digits");
  std::uint32_t* c0 = count.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = key[i];
    ++c0[k & (kBuckets - 1)];
    ++c0[kBuckets + ((k >> kBits) & (kBuckets - 1))];
    ++c0[2 * kBuckets + ((k >> (2 * kBits)) & (kBuckets - 1))];
    ++c0[3 * kBuckets + ((k >> (3 * kBits)) & (kBuckets - 1))];
    ++c0[4 * kBuckets + ((k >> (4 * kBits)) & (kBuckets - 1))];
    ++c0[5 * kBuckets + (k >> (5 * kBits))];
  }
  for (int p = 0; p < kPasses; ++p) {
    std::uint32_t* c = count.data() + p * kBuckets;
    // A digit shared by every key needs no pass (common for the high digits).
    if (c[(key[0] >> (p * kBits)) & (kBuckets - 1)] == n) continue;
    std::uint32_t sum = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      const std::uint32_t t = c[b];
      c[b] = sum;
      sum += t;
    }
    const int shift = p * kBits;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t pos = c[(key[i] >> shift) & (kBuckets - 1)]++;
      tmp[pos] = idx[i];
      key_tmp[pos] = key[i];
    }
    idx.swap(tmp);
    key.swap(key_tmp);
  }
  return std::vector<std::size_t>(idx.begin(), idx.end());
}

}  // namespace radsig::cutpoint
