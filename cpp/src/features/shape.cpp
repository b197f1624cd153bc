// 3-D shape features (FEATURES.md 9.2): marching-cubes mesh on the 1-voxel padded crop,
// diameters on the mesh vertices (via per-plane convex hulls), PCA of voxel centres.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>

#include <Eigen/Dense>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/core/error.hpp"
#include "radsig/features/detail/mesh.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct shape_stats {
  double volume = 0, area = 0, voxel_volume = 0;
  double d3 = 0, d_slice = 0, d_column = 0, d_row = 0;
  std::array<double, 3> eig{{0, 0, 0}};  // ascending: least, minor, major
};

// Padded binary mask (1-voxel background border), dims (nz+2, ny+2, nx+2).
struct padded {
  int nz, ny, nx;
  std::vector<std::uint8_t> m;
  std::uint8_t at(int z, int y, int x) const {
    return m[static_cast<std::size_t>(x) + static_cast<std::size_t>(nx) * (y + static_cast<std::size_t>(ny) * z)];
  }
};

padded pad_mask(const roi_box& roi) {
  padded p{roi.dims[0] + 2, roi.dims[1] + 2, roi.dims[2] + 2, {}};
  p.m.assign(static_cast<std::size_t>(p.nz) * p.ny * p.nx, 0);
  for (int z = 0; z < roi.dims[0]; ++z)
    for (int y = 0; y < roi.dims[1]; ++y)
      for (int x = 0; x < roi.dims[2]; ++x)
        p.m[static_cast<std::size_t>(x + 1) + static_cast<std::size_t>(p.nx) * (y + 1 + static_cast<std::size_t>(p.ny) * (z + 1))] =
            roi.in_roi[roi.index(z, y, x)];
  return p;
}

// Per-configuration mesh terms for the given spacing. A cube at lattice position o
// contributes triangles with vertices o + e_k; their signed volume term det(o + e0, o + e1,
// o + e2) = det(e0, e1, e2) + o . (e1 x e2 + e2 x e0 + e0 x e1), so every configuration
// needs only D = sum det, G = sum of those cross products and its area A.
struct cube_terms {
  double d = 0, area = 0;
  std::array<double, 3> g{{0, 0, 0}};
};

std::array<cube_terms, 256> make_cube_terms(const std::array<double, 3>& sp) {
  std::array<cube_terms, 256> t{};
  for (int cfg = 1; cfg < 255; ++cfg) {
    const int c = cfg >= 128 ? cfg ^ 255 : cfg;
    const double sign = cfg >= 128 ? -1 : 1;
    cube_terms& out = t[static_cast<std::size_t>(cfg)];
    for (const auto& tri : detail::cube_triangles(c)) {
      std::array<std::array<double, 3>, 3> v;
      for (int k = 0; k < 3; ++k) {
        const int* e = detail::kEdgeHalf[tri[k]];
        v[k] = {{e[0] / 2.0 * sp[0], e[1] / 2.0 * sp[1], e[2] / 2.0 * sp[2]}};
      }
      auto cross = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
        return std::array<double, 3>{
            {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]}};
      };
      const auto c01 = cross(v[0], v[1]), c12 = cross(v[1], v[2]), c20 = cross(v[2], v[0]);
      out.d += sign * (c01[0] * v[2][0] + c01[1] * v[2][1] + c01[2] * v[2][2]);
      for (int k = 0; k < 3; ++k) out.g[k] += sign * (c01[k] + c12[k] + c20[k]);
      const std::array<double, 3> u{{v[0][0] - v[2][0], v[0][1] - v[2][1], v[0][2] - v[2][2]}};
      const std::array<double, 3> w{{v[1][0] - v[2][0], v[1][1] - v[2][1], v[1][2] - v[2][2]}};
      const auto n = cross(u, w);
      out.area += 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    }
  }
  return t;
}

// Marching cubes over the padded crop without building the mesh: per configuration, the
// number of cubes and the sum of their lattice positions (exact integers), then area and
// signed volume from the per-configuration terms.
void mesh_area_volume(const padded& p, const std::array<double, 3>& sp, shape_stats& st) {
  std::array<long long, 256> count{};
  std::array<std::array<long long, 3>, 256> pos{};
  const std::size_t sy = static_cast<std::size_t>(p.nx);
  const std::size_t sz = sy * static_cast<std::size_t>(p.ny);
  for (int z = 0; z + 1 < p.nz; ++z)
    for (int y = 0; y + 1 < p.ny; ++y) {
      // Rows of the cube corners: (z, y), (z, y + 1), (z + 1, y), (z + 1, y + 1).
      const std::uint8_t* r00 = p.m.data() + z * sz + y * sy;
      const std::uint8_t* r01 = r00 + sy;
      const std::uint8_t* r10 = r00 + sz;
      const std::uint8_t* r11 = r10 + sy;
      // Corner bits (Bourke numbering, see kCorner): left face 0, 3, 4, 7; right 1, 2, 5, 6.
      int left = r00[0] | r01[0] << 3 | r10[0] << 4 | r11[0] << 7;
      for (int x = 0; x + 1 < p.nx; ++x) {
        const int right = r00[x + 1] << 1 | r01[x + 1] << 2 | r10[x + 1] << 5 | r11[x + 1] << 6;
        const int cfg = left | right;
        // The right face becomes the next cube's left face (bits 1->0, 2->3, 5->4, 6->7).
        left = (right >> 1 & 1) | (right >> 2 & 1) << 3 | (right >> 5 & 1) << 4 |
               (right >> 6 & 1) << 7;
        if (cfg == 0 || cfg == 255) continue;
        const auto c = static_cast<std::size_t>(cfg);
        ++count[c];
        pos[c][0] += z;
        pos[c][1] += y;
        pos[c][2] += x;
      }
    }
  const auto terms = make_cube_terms(sp);
  double vol = 0, area = 0;
  for (std::size_t c = 1; c < 255; ++c) {
    if (count[c] == 0) continue;
    const cube_terms& t = terms[c];
    const double n = static_cast<double>(count[c]);
    vol += n * t.d;
    for (int k = 0; k < 3; ++k) vol += static_cast<double>(pos[c][k]) * sp[k] * t.g[k];
    area += n * t.area;
  }
  st.volume = vol / 6.0;
  st.area = area;
}

// Extremes of the mesh vertices (midpoints of lattice edges whose end voxels differ, in
// half-voxel units (hz, hy, hx)) per row of each axis plane: the 2-D convex hull of a plane's
// vertices is the hull of its row extremes. plane[axis] holds, for plane q and row r, the
// smallest and largest third coordinate (rows: hy for z-planes, hz for y- and x-planes;
// third: hx, hx, hy).
struct plane_extremes {
  std::array<int, 3> n{{0, 0, 0}};  // half-index range per axis (hz, hy, hx)
  std::array<std::vector<int>, 3> lo, hi;
  std::array<int, 3> rows{{0, 0, 0}};
  void init(const padded& p) {
    n = {{2 * p.nz, 2 * p.ny, 2 * p.nx}};
    rows = {{n[1], n[0], n[0]}};
    const int planes[3] = {n[0], n[1], n[2]};
    for (int a = 0; a < 3; ++a) {
      lo[a].assign(static_cast<std::size_t>(planes[a]) * rows[a], std::numeric_limits<int>::max());
      hi[a].assign(lo[a].size(), std::numeric_limits<int>::min());
    }
  }
  void update(int a, int plane, int row, int v) {
    const std::size_t k = static_cast<std::size_t>(plane) * rows[a] + row;
    lo[a][k] = std::min(lo[a][k], v);
    hi[a][k] = std::max(hi[a][k], v);
  }
  void add(int hz, int hy, int hx) {
    update(0, hz, hy, hx);
    update(1, hy, hz, hx);
    update(2, hx, hz, hy);
  }
};

plane_extremes mesh_extremes(const padded& p) {
  plane_extremes e;
  e.init(p);
  const std::size_t sy = static_cast<std::size_t>(p.nx);
  const std::size_t sz = sy * static_cast<std::size_t>(p.ny);
  // The outermost padded layer is background, so edges leaving the padded box never cross:
  // scanning voxels that have all three forward neighbours covers every crossing edge.
  for (int z = 0; z + 1 < p.nz; ++z)
    for (int y = 0; y + 1 < p.ny; ++y) {
      const std::uint8_t* r = p.m.data() + z * sz + y * sy;
      for (int x = 0; x + 1 < p.nx; ++x) {
        const std::uint8_t v = r[x];
        if (((r[x + sz] ^ v) | (r[x + sy] ^ v) | (r[x + 1] ^ v)) == 0) continue;
        if (r[x + sz] != v) e.add(2 * z + 1, 2 * y, 2 * x);
        if (r[x + sy] != v) e.add(2 * z, 2 * y + 1, 2 * x);
        if (r[x + 1] != v) e.add(2 * z, 2 * y, 2 * x + 1);
      }
    }
  return e;
}

double coord(int half, double s) { return (half / 2 + (half % 2) * 0.5) * s; }

std::uint64_t vertex_key(long long hz, long long hy, long long hx) {
  return static_cast<std::uint64_t>(hz) << 42 | static_cast<std::uint64_t>(hy) << 21 |
         static_cast<std::uint64_t>(hx);
}

// Largest in-plane distance over the planes of `axis`; appends the keys of the vertices on
// each plane's convex hull to `hull_keys`.
double plane_diameters(const plane_extremes& e, int axis, const std::array<double, 3>& sp,
                       std::vector<std::uint64_t>& hull_keys) {
  const int row_axis = axis == 0 ? 1 : 0, col_axis = axis == 2 ? 1 : 2;
  const double sa = sp[row_axis] / 2, sb = sp[col_axis] / 2;
  const int rows = e.rows[axis];
  double best = 0;
  std::vector<detail::ipoint2> pts;
  for (int q = 0; q < e.n[axis]; ++q) {
    pts.clear();
    const std::size_t base = static_cast<std::size_t>(q) * rows;
    for (int r = 0; r < rows; ++r) {
      const int lo = e.lo[axis][base + r], hi = e.hi[axis][base + r];
      if (lo > hi) continue;
      pts.push_back({r, lo});
      if (hi != lo) pts.push_back({r, hi});
    }
    if (pts.empty()) continue;
    const auto hull = detail::convex_hull_sorted(pts);
    best = std::max(best, detail::hull_diameter(hull, sa, sb));
    for (const auto& h : hull) {
      long long c[3];
      c[axis] = q;
      c[row_axis] = h.a;
      c[col_axis] = h.b;
      hull_keys.push_back(vertex_key(c[0], c[1], c[2]));
    }
  }
  return best;
}

// Diameters on the mesh vertices. A vertex of the 3-D convex hull is also a vertex of the
// 2-D hull of each of its three axis planes, so only those candidates enter the 3-D search,
// which is pruned by distances to the centroid (exact, no O(V^2) all-pairs scan).
void diameters(const padded& p, const std::array<double, 3>& sp, shape_stats& st) {
  const plane_extremes e = mesh_extremes(p);
  std::array<std::vector<std::uint64_t>, 3> keys;
  st.d_slice = plane_diameters(e, 0, sp, keys[0]);
  st.d_column = plane_diameters(e, 1, sp, keys[1]);
  st.d_row = plane_diameters(e, 2, sp, keys[2]);
  for (auto& k : keys) std::sort(k.begin(), k.end());
  std::vector<std::uint64_t> both, all3;
  std::set_intersection(keys[0].begin(), keys[0].end(), keys[1].begin(), keys[1].end(),
                        std::back_inserter(both));
  std::set_intersection(both.begin(), both.end(), keys[2].begin(), keys[2].end(),
                        std::back_inserter(all3));
  std::vector<std::array<double, 3>> c;
  const std::uint64_t mask = (1u << 21) - 1;
  for (const std::uint64_t k : all3)
    c.push_back({{coord(static_cast<int>(k >> 42), sp[0]), coord(static_cast<int>(k >> 21 & mask), sp[1]),
                  coord(static_cast<int>(k & mask), sp[2])}});
  if (c.empty()) return;
  std::array<double, 3> m{{0, 0, 0}};
  for (const auto& q : c)
    for (int k = 0; k < 3; ++k) m[k] += q[k] / static_cast<double>(c.size());
  std::vector<std::pair<double, std::size_t>> r;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double d0 = c[i][0] - m[0], d1 = c[i][1] - m[1], d2 = c[i][2] - m[2];
    r.emplace_back(std::sqrt(d0 * d0 + d1 * d1 + d2 * d2), i);
  }
  std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double best2 = 0;
  for (std::size_t i = 1; i < r.size(); ++i) {
    const double bound = r[i].first + r[0].first;
    if (bound * bound * (1 + 1e-12) < best2) break;
    const auto& a = c[r[i].second];
    for (std::size_t j = 0; j < i; ++j) {
      const auto& b = c[r[j].second];
      const double d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
      best2 = std::max(best2, d0 * d0 + d1 * d1 + d2 * d2);
    }
  }
  st.d3 = std::sqrt(best2);
}

// Principal moments of the voxel centres from exact integer index moments (sums of z, y, x
// and their products over the ROI), accumulated row by row.
void pca(const roi_box& roi, bool sample_covariance, shape_stats& st) {
  long long n = 0, sz = 0, sy = 0, sx = 0, szz = 0, syy = 0, sxx = 0, szy = 0, szx = 0, syx = 0;
  const std::size_t nx = static_cast<std::size_t>(roi.dims[2]);
  for (long long z = 0; z < roi.dims[0]; ++z)
    for (long long y = 0; y < roi.dims[1]; ++y) {
      const std::uint8_t* m = roi.in_roi.data() + static_cast<std::size_t>(roi.index(
                                                      static_cast<int>(z), static_cast<int>(y), 0));
      long long c = 0, cx = 0, cxx = 0;
      for (std::size_t x = 0; x < nx; ++x) {
        const long long w = m[x], xx = static_cast<long long>(x);
        c += w;
        cx += w * xx;
        cxx += w * xx * xx;
      }
      n += c;
      sz += c * z;
      sy += c * y;
      sx += cx;
      szz += c * z * z;
      syy += c * y * y;
      sxx += cxx;
      szy += c * z * y;
      szx += z * cx;
      syx += y * cx;
    }
  const double dn = static_cast<double>(n);
  const double s1[3] = {static_cast<double>(sz), static_cast<double>(sy), static_cast<double>(sx)};
  const double s2[3][3] = {{static_cast<double>(szz), static_cast<double>(szy), static_cast<double>(szx)},
                           {static_cast<double>(szy), static_cast<double>(syy), static_cast<double>(syx)},
                           {static_cast<double>(szx), static_cast<double>(syx), static_cast<double>(sxx)}};
  const double denom = dn - (sample_covariance ? 1.0 : 0.0);
  Eigen::Matrix3d cov;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      cov(a, b) = (s2[a][b] - s1[a] * s1[b] / dn) * roi.spacing[a] * roi.spacing[b] / denom;
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov, Eigen::EigenvaluesOnly);
  for (int k = 0; k < 3; ++k) {
    double e = es.eigenvalues()[k];
    if (e < 0 && e > -1e-10) e = 0;
    st.eig[k] = e;
  }
}

double axis_length(double l) { return l < 0 ? std::numeric_limits<double>::quiet_NaN() : 4 * std::sqrt(l); }
double ratio_sqrt(double a, double b) {
  return (a < 0 || b < 0) ? std::numeric_limits<double>::quiet_NaN() : std::sqrt(a / b);
}

double f_elongation(const shape_stats& s) { return ratio_sqrt(s.eig[1], s.eig[2]); }
double f_flatness(const shape_stats& s) { return ratio_sqrt(s.eig[0], s.eig[2]); }
double f_least_axis(const shape_stats& s) { return axis_length(s.eig[0]); }
double f_major_axis(const shape_stats& s) { return axis_length(s.eig[2]); }
double f_minor_axis(const shape_stats& s) { return axis_length(s.eig[1]); }
double f_d2_column(const shape_stats& s) { return s.d_column; }
double f_d2_row(const shape_stats& s) { return s.d_row; }
double f_d2_slice(const shape_stats& s) { return s.d_slice; }
double f_d3(const shape_stats& s) { return s.d3; }
double f_mesh_volume(const shape_stats& s) { return s.volume; }
double f_sphericity(const shape_stats& s) {
  return std::cbrt(36 * kPi * s.volume * s.volume) / s.area;
}
double f_surface_area(const shape_stats& s) { return s.area; }
double f_surface_volume_ratio(const shape_stats& s) { return s.area / s.volume; }
double f_voxel_volume(const shape_stats& s) { return s.voxel_volume; }

struct shape_feature {
  const char* name;
  double (*fn)(const shape_stats&);
};

const shape_feature kFeatures[] = {
    {"Elongation", f_elongation},
    {"Flatness", f_flatness},
    {"LeastAxisLength", f_least_axis},
    {"MajorAxisLength", f_major_axis},
    {"Maximum2DDiameterColumn", f_d2_column},
    {"Maximum2DDiameterRow", f_d2_row},
    {"Maximum2DDiameterSlice", f_d2_slice},
    {"Maximum3DDiameter", f_d3},
    {"MeshVolume", f_mesh_volume},
    {"MinorAxisLength", f_minor_axis},
    {"Sphericity", f_sphericity},
    {"SurfaceArea", f_surface_area},
    {"SurfaceVolumeRatio", f_surface_volume_ratio},
    {"VoxelVolume", f_voxel_volume},
};

}  // namespace

std::vector<std::string> shape_names() { return detail::table_names(kFeatures); }

class_values compute_shape(const class_input& in) {
  const roi_box& roi = *in.roi;
  if (roi.image_dimension != 3)
    throw invalid_argument("image", "3-D shape features need a 3-D image");
  shape_stats st;
  const padded p = pad_mask(roi);
  mesh_area_volume(p, roi.spacing, st);
  diameters(p, roi.spacing, st);
  pca(roi, in.opts->ibsi, st);
  std::size_t n = 0;
  for (auto v : roi.in_roi) n += v;
  st.voxel_volume = static_cast<double>(n) * roi.spacing[0] * roi.spacing[1] * roi.spacing[2];
  class_values out = detail::evaluate_table(kFeatures, st);
  const double v = st.volume, a = st.area;
  out.names.emplace_back("Compactness1");
  out.values.push_back(v / (std::sqrt(kPi) * std::pow(a, 1.5)));
  out.names.emplace_back("Compactness2");
  out.values.push_back(36 * kPi * v * v / (a * a * a));
  out.names.emplace_back("SphericalDisproportion");
  out.values.push_back(a / std::cbrt(36 * kPi * v * v));
  return out;
}

}  // namespace radsig::features
