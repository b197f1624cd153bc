// Bit-grid sweeps of the 3-D shape class (see detail/shape_grid.hpp): the padded mask packed
// 64 voxels a word, marching-cubes configuration census, mesh-vertex row extremes and voxel
// index moments. Every sweep visits words, and within a word only the bits that matter
// (cubes with mixed corners, crossing edges, ROI voxels).
#include "radsig/features/detail/shape_grid.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace radsig::features::detail {

namespace {

int lowest_bit(std::uint64_t w) { return __builtin_ctzll(w); }   // w != 0
int highest_bit(std::uint64_t w) { return 63 - __builtin_clzll(w); }  // w != 0

// Word k of the row seen one voxel to the right: its bit x is the row's bit x + 1.
std::uint64_t next_voxels(const std::uint64_t* row, int k, int words) {
  return row[k] >> 1 | (k + 1 < words ? row[k + 1] << 63 : 0);
}

// The bytes m[0..7] as one word, m[i] in bits 8i..8i+7.
std::uint64_t load8(const std::uint8_t* m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::uint64_t v;
  std::memcpy(&v, m, 8);
  return v;
#else
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(m[i]) << (8 * i);
  return v;
#endif
}

// Bits 0..7 = the mask bytes m[0..7] (each 0 or 1): the multiplication moves bit 8i of
// the loaded word to bit 56 + i; no two partial products meet, so there are no carries.
std::uint64_t gather8(const std::uint8_t* m) { return (load8(m) * 0x0102040810204080ULL) >> 56; }

// ORs the 8 bits `b` into the row starting at bit `p` (the next word is touched only when
// set bits reach it, so zero bits may lie past the row's end).
void put8(std::uint64_t* row, std::size_t p, std::uint64_t b) {
  const std::size_t k = p / 64, off = p % 64;
  row[k] |= b << off;
  if (off > 56) {
    const std::uint64_t high = b >> (64 - off);
    if (high != 0) row[k + 1] |= high;
  }
}

// Corner code of the cube at bit x of a row quad (rows (z, y), (z, y + 1), (z + 1, y),
// (z + 1, y + 1)): bits 2i and 2i + 1 are row i at x and x + 1. w[i] is word k of row i and
// w1[i] the same word seen one voxel to the right (needed for x + 1 in the next word).
int corner_code(const std::uint64_t (&w)[4], const std::uint64_t (&w1)[4], int x) {
  if (x < 63)
    return static_cast<int>((w[0] >> x & 3) | (w[1] >> x & 3) << 2 | (w[2] >> x & 3) << 4 |
                            (w[3] >> x & 3) << 6);
  int code = 0;
  for (int i = 0; i < 4; ++i)
    code |= static_cast<int>((w[i] >> 63) | (w1[i] >> 63) << 1) << (2 * i);
  return code;
}

// Bourke's configuration (corner numbering of kCorner in shape_mesh.cpp) of each corner
// code: corners 0, 1 are row 0 at x, x + 1; 3, 2 row 1; 4, 5 row 2; 7, 6 row 3, so the bit
// pairs (2, 3) and (6, 7) swap.
struct config_table {
  std::uint8_t of[256];
};
constexpr config_table make_config_table() {
  config_table t{};
  for (int code = 0; code < 256; ++code) {
    const int swap = ((code >> 2) ^ (code >> 3)) & 0x11;
    t.of[code] = static_cast<std::uint8_t>(code ^ (swap << 2 | swap << 3));
  }
  return t;
}
constexpr config_table kConfigOf = make_config_table();

// Count, sum of x and sum of x^2 over the set bits of a padded row, in crop indices
// (x - 1), from its runs of consecutive set bits (closed-form sums per run).
struct row_sums {
  long long c = 0, cx = 0, cxx = 0;
};

long long sum_to(long long n) { return n * (n + 1) / 2; }                 // 0 + 1 + ... + n
long long sum_sq_to(long long n) { return n * (n + 1) * (2 * n + 1) / 6; }  // 0 + 1 + ... + n^2

row_sums row_moments(const std::uint64_t* row, int words) {
  row_sums rs;
  long long open = -1;  // first voxel of a run that continues past the current word
  for (int k = 0; k < words; ++k) {
    const std::uint64_t w = row[k];
    const std::uint64_t prev = w << 1 | (k > 0 ? row[k - 1] >> 63 : 0);
    std::uint64_t starts = w & ~prev, ends = w & ~next_voxels(row, k, words);
    // Starts and ends alternate along the row; a run may open in one word and end later.
    while (true) {
      if (open < 0) {
        if (starts == 0) break;
        open = 64LL * k + lowest_bit(starts) - 1;
        starts &= starts - 1;
      }
      if (ends == 0) break;
      const long long last = 64LL * k + lowest_bit(ends) - 1;
      ends &= ends - 1;
      rs.c += last - open + 1;
      rs.cx += sum_to(last) - sum_to(open - 1);
      rs.cxx += sum_sq_to(last) - sum_sq_to(open - 1);
      open = -1;
    }
  }
  return rs;
}

// Extends the extremes of axis `a`, plane `q`, row `r` by [lo, hi].
void widen(plane_extremes& e, int a, int q, int r, int lo, int hi) {
  const std::size_t k = e.at(a, q, r);
  e.lo[a][k] = std::min(e.lo[a][k], lo);
  e.hi[a][k] = std::max(e.hi[a][k], hi);
}

// Mesh vertices of one edge family in one word: bit i of `m` is the vertex
// (hz, hy, 2 * (x0 + i) + dx). Z- and y-planes need only the word's lowest and highest
// vertex per row; x-planes get every vertex.
void add_vertices(plane_extremes& e, std::uint64_t m, int hz, int hy, int x0, int dx) {
  if (m == 0) return;
  const int lo = 2 * (x0 + lowest_bit(m)) + dx, hi = 2 * (x0 + highest_bit(m)) + dx;
  widen(e, 0, hz, hy, lo, hi);
  widen(e, 1, hy, hz, lo, hi);
  for (; m != 0; m &= m - 1) widen(e, 2, 2 * (x0 + lowest_bit(m)) + dx, hz, hy, hy);
}

}  // namespace

bit_grid pack_mask(const roi_box& roi) {
  bit_grid g;
  g.nz = roi.dims[0] + 2;
  g.ny = roi.dims[1] + 2;
  g.nx = roi.dims[2] + 2;
  g.words = (g.nx + 63) / 64;
  g.bits.assign(static_cast<std::size_t>(g.nz) * static_cast<std::size_t>(g.ny) *
                    static_cast<std::size_t>(g.words),
                0);
  const std::size_t nx = static_cast<std::size_t>(roi.dims[2]);
  for (int z = 0; z < roi.dims[0]; ++z)
    for (int y = 0; y < roi.dims[1]; ++y) {
      const std::uint8_t* m = roi.in_roi.data() + roi.index(z, y, 0);
      std::uint64_t* r = g.row(z + 1, y + 1);
      std::size_t x = 0;
      for (; x + 8 <= nx; x += 8) put8(r, x + 1, gather8(m + x));
      if (x < nx) {  // the last bytes, zero-filled to 8
        std::uint8_t tail[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        std::copy(m + x, m + nx, tail);
        put8(r, x + 1, gather8(tail));
      }
    }
  return g;
}

cube_census census_cubes(const bit_grid& g) {
  cube_census c;
  for (int z = 0; z + 1 < g.nz; ++z)
    for (int y = 0; y + 1 < g.ny; ++y) {
      const std::uint64_t* quad[4] = {g.row(z, y), g.row(z, y + 1), g.row(z + 1, y),
                                      g.row(z + 1, y + 1)};
      for (int k = 0; k < g.words; ++k) {
        std::uint64_t w[4], w1[4];
        std::uint64_t any = 0, all = ~std::uint64_t{0};
        for (int i = 0; i < 4; ++i) {
          w[i] = quad[i][k];
          w1[i] = next_voxels(quad[i], k, g.words);
          any |= w[i] | w1[i];
          all &= w[i] & w1[i];
        }
        // Cubes with corners on both sides of the surface (configurations 1..254).
        for (std::uint64_t mixed = any & ~all; mixed != 0; mixed &= mixed - 1) {
          const int bit = lowest_bit(mixed);
          const std::size_t cfg = kConfigOf.of[corner_code(w, w1, bit)];
          ++c.count[cfg];
          c.pos[cfg][0] += z;
          c.pos[cfg][1] += y;
          c.pos[cfg][2] += 64 * k + bit;
        }
      }
    }
  return c;
}

voxel_moments index_moments(const bit_grid& g) {
  voxel_moments v;
  for (long long z = 1; z + 1 < g.nz; ++z)
    for (long long y = 1; y + 1 < g.ny; ++y) {
      row_sums rs = row_moments(g.row(static_cast<int>(z), static_cast<int>(y)), g.words);
      if (rs.c == 0) continue;
      const long long zz = z - 1, yy = y - 1;
      v.n += rs.c;
      v.s[0] += rs.c * zz;
      v.s[1] += rs.c * yy;
      v.s[2] += rs.cx;
      v.s2[0][0] += rs.c * zz * zz;
      v.s2[1][1] += rs.c * yy * yy;
      v.s2[2][2] += rs.cxx;
      v.s2[0][1] += rs.c * zz * yy;
      v.s2[0][2] += zz * rs.cx;
      v.s2[1][2] += yy * rs.cx;
    }
  v.s2[1][0] = v.s2[0][1];
  v.s2[2][0] = v.s2[0][2];
  v.s2[2][1] = v.s2[1][2];
  return v;
}

plane_extremes mesh_extremes(const bit_grid& g) {
  plane_extremes e;
  e.planes = {{2 * g.nz, 2 * g.ny, 2 * g.nx}};
  e.rows = {{2 * g.ny, 2 * g.nz, 2 * g.nz}};
  for (int a = 0; a < 3; ++a) {
    const std::size_t n = static_cast<std::size_t>(e.planes[a]) * static_cast<std::size_t>(e.rows[a]);
    e.lo[a].assign(n, std::numeric_limits<int>::max());
    e.hi[a].assign(n, std::numeric_limits<int>::min());
    e.on_hull[a].assign(n, 0);
  }
  // The outermost padded layer is background, so edges leaving the padded grid never
  // cross: the forward edges (+x, +y, +z) of the voxels below the last row and layer cover
  // every crossing edge.
  for (int z = 0; z + 1 < g.nz; ++z)
    for (int y = 0; y + 1 < g.ny; ++y) {
      const std::uint64_t* r = g.row(z, y);
      const std::uint64_t* ry = g.row(z, y + 1);
      const std::uint64_t* rz = g.row(z + 1, y);
      for (int k = 0; k < g.words; ++k) {
        const int x0 = 64 * k;
        add_vertices(e, r[k] ^ next_voxels(r, k, g.words), 2 * z, 2 * y, x0, 1);
        add_vertices(e, r[k] ^ ry[k], 2 * z, 2 * y + 1, x0, 0);
        add_vertices(e, r[k] ^ rz[k], 2 * z + 1, 2 * y, x0, 0);
      }
    }
  return e;
}

}  // namespace radsig::features::detail
