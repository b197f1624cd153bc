// Marching-cubes triangle table for configurations 0..127, generated here rather than
// transcribed: on every cube face the crossing edges are joined so that ROI corners are cut
// off individually, the resulting loops are oriented with the ROI on a fixed side and cut into
// triangles with the same diagonals as Lorensen's classic table (checked during development:
// identical area and signed volume for all 128 rows under anisotropic spacing, which is all
// PyRadiomics' mesh features depend on). Also 2-D convex hulls for the diameters.
#include <algorithm>
#include <cmath>
#include <map>

#include "radsig/features/detail/mesh.hpp"

namespace radsig::features::detail {

namespace {

// Corner offsets (z, y, x): Bourke's numbering with x, y, z = numpy axes 2, 1, 0.
const int kCorner[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0},
                           {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};
const int kEdgeCorners[12][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6},
                                 {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
// Faces as cyclic corner lists with their outward normals (z, y, x).
const int kFace[6][4] = {{0, 1, 2, 3}, {4, 5, 6, 7}, {0, 1, 5, 4},
                         {3, 2, 6, 7}, {0, 3, 7, 4}, {1, 2, 6, 5}};
const int kNormal[6][3] = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};

int edge_of(int a, int b) {
  for (int e = 0; e < 12; ++e)
    if ((kEdgeCorners[e][0] == a && kEdgeCorners[e][1] == b) ||
        (kEdgeCorners[e][0] == b && kEdgeCorners[e][1] == a))
      return e;
  return -1;
}

using vec = std::array<double, 3>;
vec sub(const vec& a, const vec& b) { return {{a[0] - b[0], a[1] - b[1], a[2] - b[2]}}; }
vec cross(const vec& a, const vec& b) {
  return {{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]}};
}
double dot(const vec& a, const vec& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
vec edge_point(int e) {
  return {{kEdgeHalf[e][0] / 2.0, kEdgeHalf[e][1] / 2.0, kEdgeHalf[e][2] / 2.0}};
}
vec corner_point(int c) { return {{1.0 * kCorner[c][0], 1.0 * kCorner[c][1], 1.0 * kCorner[c][2]}}; }

int shared_corner(int e, int f) {
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      if (kEdgeCorners[e][a] == kEdgeCorners[f][b]) return kEdgeCorners[e][a];
  return -1;
}

bool adjacent(int a, int b) { return edge_of(a, b) >= 0; }

// Diagonal partner of corner u on a common face, taken from `group` (-1 if none).
int face_partner(int u, const std::vector<int>& group) {
  for (int w : group) {
    if (w == u || adjacent(u, w)) continue;
    int common = 0;
    for (int d = 0; d < 3; ++d) common += kCorner[u][d] == kCorner[w][d] ? 1 : 0;
    if (common == 1) return w;
  }
  return -1;
}

// Lorensen's table cuts the C2-symmetric "snake" hexagon (case 14) into a central triangle
// and three ears; which of the two equivalent choices it makes is fixed per configuration.
// Recorded here as the middle corner whose vertex is an ear (config, corner).
const int kSnakeEar[12][2] = {{23, 0}, {29, 0}, {43, 1},  {46, 2},  {54, 1},  {57, 0},
                              {71, 1}, {77, 2}, {99, 5}, {108, 2}, {113, 5}, {116, 5}};

int snake_ear(int config) {
  for (const auto& se : kSnakeEar)
    if (se[0] == config) return se[1];
  return -1;
}

template <typename SetFn>
void triangulate(const std::vector<int>& loop, int config, SetFn set,
                 std::vector<std::array<int, 3>>& tris) {
  const std::size_t m = loop.size();
  std::vector<int> inside, outside;  // corners of the loop's edges, by state
  for (int e : loop)
    for (int k = 0; k < 2; ++k) {
      const int c = kEdgeCorners[e][k];
      auto& g = set(c) ? inside : outside;
      if (std::find(g.begin(), g.end(), c) == g.end()) g.push_back(c);
    }
  auto corner_of = [&](int e, bool want_set) {
    return set(kEdgeCorners[e][0]) == want_set ? kEdgeCorners[e][0] : kEdgeCorners[e][1];
  };
  auto index_of = [&](int e) {
    return static_cast<std::size_t>(std::find(loop.begin(), loop.end(), e) - loop.begin());
  };
  std::size_t apex = 0;
  if (m == 5) {
    // Pentagon: three corners in an L on a face; fan from the vertex next to the odd
    // corner's pair of vertices.
    int n_set = 0, n_unset = 0;
    for (std::size_t k = 0; k < m; ++k) {
      const int c = shared_corner(loop[k], loop[(k + 1) % m]);
      if (c >= 0) (set(c) ? n_set : n_unset)++;
    }
    for (std::size_t k = 0; k < m; ++k) {
      const int c = shared_corner(loop[k], loop[(k + 1) % m]);
      if (c < 0 || !(set(c) ? n_set == 1 : n_unset == 1)) continue;
      apex = set(c) ? (k + 2) % m : (k + m - 1) % m;
      break;
    }
  } else if (m == 6 && snake_ear(config) >= 0) {
    const int ear = snake_ear(config);
    for (std::size_t p = 0; p < m; ++p) {
      if (corner_of(loop[p], true) != ear) continue;
      // In the loop orientation the middle corners each own one vertex; ears at p, p+2, p+4.
      tris.push_back({{loop[(p + m - 1) % m], loop[p], loop[(p + 1) % m]}});
      tris.push_back({{loop[(p + 1) % m], loop[(p + 2) % m], loop[(p + 3) % m]}});
      tris.push_back({{loop[(p + 3) % m], loop[(p + 4) % m], loop[(p + 5) % m]}});
      tris.push_back({{loop[(p + 1) % m], loop[(p + 3) % m], loop[(p + 5) % m]}});
      return;
    }
  } else if (m >= 6 && outside.size() < inside.size()) {
    // Polygon around background corners joined across an ambiguous face: fan from the
    // off-face vertex of the lowest-numbered background corner without background
    // neighbours.
    std::vector<int> isolated;
    for (int u : outside) {
      bool alone = true;
      for (int w : outside) alone = alone && !adjacent(u, w);
      if (alone) isolated.push_back(u);
    }
    if (!isolated.empty()) {
      const int u = *std::min_element(isolated.begin(), isolated.end());
      const int w = face_partner(u, outside);
      for (int e : loop) {
        if (corner_of(e, false) != u) continue;
        const int v = corner_of(e, true);
        if (w < 0 || !adjacent(v, w)) {
          apex = index_of(e);
          break;
        }
      }
    }
  }
  for (std::size_t k = 1; k + 1 < m; ++k)
    tris.push_back({{loop[apex], loop[(apex + k) % m], loop[(apex + k + 1) % m]}});
}

std::vector<std::array<int, 3>> generate(int config) {
  auto set = [&](int c) { return (config >> c) & 1; };
  const int separated = 1;  // ROI corners are cut off individually on ambiguous faces
  std::map<int, int> next;                 // directed segments edge -> edge
  for (int f = 0; f < 6; ++f) {
    const int* c = kFace[f];
    const vec n{{1.0 * kNormal[f][0], 1.0 * kNormal[f][1], 1.0 * kNormal[f][2]}};
    std::vector<int> crossing;
    for (int k = 0; k < 4; ++k)
      if (set(c[k]) != set(c[(k + 1) % 4])) crossing.push_back(edge_of(c[k], c[(k + 1) % 4]));
    std::vector<std::array<int, 2>> segs;
    std::vector<vec> inside_pt;
    if (crossing.size() == 2) {
      segs.push_back({{crossing[0], crossing[1]}});
      for (int k = 0; k < 4; ++k)
        if (set(c[k])) {
          inside_pt.push_back(corner_point(c[k]));
          break;
        }
    } else if (crossing.size() == 4) {
      vec centre{{0, 0, 0}};
      for (int k = 0; k < 4; ++k)
        for (int d = 0; d < 3; ++d) centre[d] += kCorner[c[k]][d] / 4.0;
      for (int k = 0; k < 4; ++k) {
        if (set(c[k]) != separated) continue;
        segs.push_back({{edge_of(c[(k + 3) % 4], c[k]), edge_of(c[k], c[(k + 1) % 4])}});
        inside_pt.push_back(set(c[k]) ? corner_point(c[k]) : centre);
      }
    }
    for (std::size_t s = 0; s < segs.size(); ++s) {
      const vec u = edge_point(segs[s][0]), v = edge_point(segs[s][1]);
      const double side = dot(cross(sub(v, u), sub(inside_pt[s], u)), n);
      if (side < 0)
        next[segs[s][0]] = segs[s][1];
      else
        next[segs[s][1]] = segs[s][0];
    }
  }
  std::vector<std::array<int, 3>> tris;
  std::map<int, bool> used;
  for (const auto& kv : next) {
    if (used[kv.first]) continue;
    std::vector<int> loop;
    for (int e = kv.first; !used[e]; e = next[e]) {
      used[e] = true;
      loop.push_back(e);
    }
    triangulate(loop, config, set, tris);
  }
  return tris;
}

std::vector<std::vector<std::array<int, 3>>> build_table() {
  std::vector<std::vector<std::array<int, 3>>> t(128);
  for (int c = 0; c < 128; ++c) t[c] = generate(c);
  // Orientation: a lone ROI corner at the origin must give a positive volume term.
  const auto& tri = t[1].front();
  const vec a = edge_point(tri[0]), b = edge_point(tri[1]), cc = edge_point(tri[2]);
  if (dot(cross(a, b), cc) < 0)
    for (auto& row : t)
      for (auto& tr : row) std::swap(tr[1], tr[2]);
  return t;
}

double cross2(const point2& o, const point2& a, const point2& b) {
  return (a.a - o.a) * (b.b - o.b) - (a.b - o.b) * (b.a - o.a);
}

}  // namespace

const int kEdgeHalf[12][3] = {{0, 0, 1}, {0, 1, 2}, {0, 2, 1}, {0, 1, 0}, {2, 0, 1}, {2, 1, 2},
                              {2, 2, 1}, {2, 1, 0}, {1, 0, 0}, {1, 0, 2}, {1, 2, 2}, {1, 2, 0}};

const std::vector<std::array<int, 3>>& cube_triangles(int config) {
  static const auto table = build_table();
  return table[config];
}

std::vector<point2> convex_hull_2d(std::vector<point2> p) {
  std::sort(p.begin(), p.end(),
            [](const point2& x, const point2& y) { return x.a < y.a || (x.a == y.a && x.b < y.b); });
  p.erase(std::unique(p.begin(), p.end(),
                      [](const point2& x, const point2& y) { return x.a == y.a && x.b == y.b; }),
          p.end());
  if (p.size() < 3) return p;
  std::vector<point2> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross2(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross2(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);
  return h;
}

namespace {

long long cross_i(const ipoint2& o, const ipoint2& a, const ipoint2& b) {
  return (a.a - o.a) * (b.b - o.b) - (a.b - o.b) * (b.a - o.a);
}

}  // namespace

std::vector<ipoint2> convex_hull_sorted(const std::vector<ipoint2>& p) {
  if (p.size() < 3) return p;
  std::vector<ipoint2> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross_i(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross_i(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);
  return h;
}

std::size_t convex_hull_rows(const int* lo, const int* hi, int n_rows, ipoint2* h) {
  int first = 0, last = n_rows - 1;
  while (first < n_rows && lo[first] > hi[first]) ++first;
  if (first == n_rows) return 0;
  while (lo[last] > hi[last]) --last;
  if (first == last && lo[first] == hi[first]) {  // a single point (the chains below give
    h[0] = {first, lo[first]};                    // every other set of fewer than three
    return 1;                                     // points sorted, as convex_hull_sorted)
  }
  // The hull is built as a stack h[0..k); t = the smallest stack size at which the chain
  // being built may pop.
  std::size_t k = 0, t = 2;
  auto push = [&](ipoint2 p) {
    while (k >= t && cross_i(h[k - 2], h[k - 1], p) <= 0) --k;
    h[k++] = p;
  };
  // Lower chain: the row minima, then the last row's maximum (the monotone chain over all
  // points would push and pop every other row maximum).
  for (int r = first; r <= last; ++r)
    if (lo[r] <= hi[r]) push({r, lo[r]});
  if (hi[last] != lo[last]) push({last, hi[last]});
  // Upper chain back to the start: the row maxima, then the first row's minimum (which
  // closes the loop and is dropped).
  t = k + 1;
  for (int r = last - 1; r >= first; --r)
    if (lo[r] <= hi[r]) push({r, hi[r]});
  if (hi[first] != lo[first]) push({first, lo[first]});
  return k - 1;
}

double hull_diameter(const std::vector<ipoint2>& hull, double sa, double sb) {
  return hull_diameter(hull.data(), hull.size(), sa, sb);
}

double hull_diameter(const ipoint2* h, std::size_t m, double sa, double sb) {
  auto dist2 = [&](std::size_t i, std::size_t j) {
    const double da = static_cast<double>(h[i].a - h[j].a) * sa;
    const double db = static_cast<double>(h[i].b - h[j].b) * sb;
    return da * da + db * db;
  };
  if (m < 2) return 0.0;
  if (m == 2) return std::sqrt(dist2(0, 1));
  // For every edge (i, i + 1) advance j to the vertex farthest from the edge line; the
  // diameter is attained at one of the pairs met on the way (also those of a parallel edge).
  double best = 0;
  std::size_t j = 1;
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t ni = (i + 1) % m;
    const ipoint2 e{h[ni].a - h[i].a, h[ni].b - h[i].b};
    auto gain = [&](std::size_t jj) {  // area change when moving from jj to jj + 1
      const std::size_t nj = (jj + 1) % m;
      return e.a * (h[nj].b - h[jj].b) - e.b * (h[nj].a - h[jj].a);
    };
    while (gain(j) > 0) j = (j + 1) % m;
    best = std::max({best, dist2(i, j), dist2(ni, j)});
    if (gain(j) == 0) {
      const std::size_t nj = (j + 1) % m;
      best = std::max({best, dist2(i, nj), dist2(ni, nj)});
    }
  }
  return std::sqrt(best);
}

double max_distance_2d(std::vector<point2> pts) {
  const auto h = convex_hull_2d(std::move(pts));
  double best = 0;
  for (std::size_t i = 0; i < h.size(); ++i)
    for (std::size_t j = i + 1; j < h.size(); ++j) {
      const double da = h[i].a - h[j].a, db = h[i].b - h[j].b;
      best = std::max(best, da * da + db * db);
    }
  return std::sqrt(best);
}

}  // namespace radsig::features::detail
