// 3-D shape features (FEATURES.md 9.2): marching-cubes mesh on the 1-voxel padded crop,
// diameters on the mesh vertices (via per-plane convex hulls), PCA of voxel centres. The
// sweeps over the mask work on a bit grid (detail/shape_grid.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>

#include <Eigen/Dense>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/core/error.hpp"
#include "radsig/features/detail/mesh.hpp"
#include "radsig/features/detail/shape_grid.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct shape_stats {
  double volume = 0, area = 0, voxel_volume = 0;
  double d3 = 0, d_slice = 0, d_column = 0, d_row = 0;
  std::array<double, 3> eig{{0, 0, 0}};  // ascending: least, minor, major
};

// Per-configuration mesh terms for the given spacing. A cube at lattice position o
// contributes triangles with vertices o + e_k; their signed volume term det(o + e0, o + e1,
// o + e2) = det(e0, e1, e2) + o . (e1 x e2 + e2 x e0 + e0 x e1), so every configuration
// needs only D = sum det, G = sum of those cross products and its area A.
struct cube_terms {
  double d = 0, area = 0;
  std::array<double, 3> g{{0, 0, 0}};
};

cube_terms make_cube_terms(int cfg, const std::array<double, 3>& sp) {
  const int c = cfg >= 128 ? cfg ^ 255 : cfg;
  const double sign = cfg >= 128 ? -1 : 1;
  cube_terms out;
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
  return out;
}

// Area and signed volume of the marching-cubes mesh from the census of cube configurations
// (counts and exact integer position sums): only the configurations that occur are
// evaluated.
void mesh_area_volume(const detail::cube_census& cc, const std::array<double, 3>& sp,
                      shape_stats& st) {
  double vol = 0, area = 0;
  for (int c = 1; c < 255; ++c) {
    const auto i = static_cast<std::size_t>(c);
    if (cc.count[i] == 0) continue;
    const cube_terms t = make_cube_terms(c, sp);
    const double n = static_cast<double>(cc.count[i]);
    vol += n * t.d;
    for (int k = 0; k < 3; ++k) vol += static_cast<double>(cc.pos[i][k]) * sp[k] * t.g[k];
    area += n * t.area;
  }
  st.volume = vol / 6.0;
  st.area = area;
}

double coord(int half, double s) { return (half / 2 + (half % 2) * 0.5) * s; }

// Upper bound on the squared diameter of a hull after scaling: twice the largest distance
// from the centre of its bounding box (triangle inequality), widened by a relative 1e-12
// so that rounding cannot push it below the value hull_diameter computes.
double hull_diameter_bound2(const detail::ipoint2* h, std::size_t n, double sa, double sb) {
  long long a0 = h[0].a, a1 = a0, b0 = h[0].b, b1 = b0;
  for (std::size_t i = 1; i < n; ++i) {
    a0 = std::min(a0, h[i].a);
    a1 = std::max(a1, h[i].a);
    b0 = std::min(b0, h[i].b);
    b1 = std::max(b1, h[i].b);
  }
  const double ca = 0.5 * static_cast<double>(a0 + a1), cb = 0.5 * static_cast<double>(b0 + b1);
  double r2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double da = (static_cast<double>(h[i].a) - ca) * sa;
    const double db = (static_cast<double>(h[i].b) - cb) * sb;
    r2 = std::max(r2, da * da + db * db);
  }
  return 4 * r2 * (1 + 1e-12);
}

// Largest in-plane distance over the planes of `axis`; marks in e.on_hull the row extremes
// that are vertices of their plane's convex hull. The calipers visit the planes by
// decreasing diameter bound and stop when the bound cannot beat the best distance.
double plane_diameters(detail::plane_extremes& e, int axis, const std::array<double, 3>& sp) {
  const int row_axis = axis == 0 ? 1 : 0, col_axis = axis == 2 ? 1 : 2;
  const double sa = sp[row_axis] / 2, sb = sp[col_axis] / 2;
  // The planes' hulls one after another, with room for one plane's stack after the last
  // (left uninitialised: only written parts are read).
  const std::size_t room = 2 * static_cast<std::size_t>(e.rows[axis]) + 2;
  const std::unique_ptr<detail::ipoint2[]> hulls(
      new detail::ipoint2[static_cast<std::size_t>(e.planes[axis]) * room]);
  std::size_t used = 0;
  std::vector<std::size_t> end;                       // end of hull i in `hulls`
  std::vector<std::pair<double, std::size_t>> bound;  // (diameter bound^2, i)
  for (int q = 0; q < e.planes[axis]; ++q) {
    const std::size_t base = e.at(axis, q, 0);
    const std::size_t n = detail::convex_hull_rows(e.lo[axis].data() + base,
                                                   e.hi[axis].data() + base, e.rows[axis],
                                                   hulls.get() + used);
    if (n == 0) continue;
    for (std::size_t i = used; i < used + n; ++i) {
      const std::size_t k = base + static_cast<std::size_t>(hulls[i].a);
      if (hulls[i].b == e.lo[axis][k]) e.on_hull[axis][k] |= 1;
      if (hulls[i].b == e.hi[axis][k]) e.on_hull[axis][k] |= 2;
    }
    bound.emplace_back(hull_diameter_bound2(hulls.get() + used, n, sa, sb), bound.size());
    used += n;
    end.push_back(used);
  }
  std::sort(bound.begin(), bound.end(), [](const auto& x, const auto& y) {
    return x.first > y.first || (x.first == y.first && x.second < y.second);
  });
  double best = 0;
  for (const auto& b : bound) {
    if (b.first <= best * best) break;
    const std::size_t start = b.second == 0 ? 0 : end[b.second - 1];
    best = std::max(best, detail::hull_diameter(hulls.get() + start, end[b.second] - start, sa, sb));
  }
  return best;
}

// Whether the vertex with third coordinate v in row `row` of plane `plane` (axis `axis`) is
// a vertex of that plane's hull.
bool on_plane_hull(const detail::plane_extremes& e, int axis, int plane, int row, int v) {
  const std::size_t k = e.at(axis, plane, row);
  const int f = e.on_hull[axis][k];
  return (v == e.lo[axis][k] && (f & 1)) || (v == e.hi[axis][k] && (f & 2));
}

// Coordinates (mm) of the mesh vertices that lie on the hulls of all three of their axis
// planes, in (hz, hy, hx) order.
std::vector<std::array<double, 3>> hull_candidates(const detail::plane_extremes& e,
                                                   const std::array<double, 3>& sp) {
  std::vector<std::array<double, 3>> c;
  auto consider = [&](int hz, int hy, int hx) {
    if (on_plane_hull(e, 1, hy, hz, hx) && on_plane_hull(e, 2, hx, hz, hy))
      c.push_back({{coord(hz, sp[0]), coord(hy, sp[1]), coord(hx, sp[2])}});
  };
  for (int hz = 0; hz < e.planes[0]; ++hz)
    for (int hy = 0; hy < e.rows[0]; ++hy) {
      const std::size_t k = e.at(0, hz, hy);
      const int f = e.on_hull[0][k];
      if (f & 1) consider(hz, hy, e.lo[0][k]);
      if ((f & 2) && e.hi[0][k] != e.lo[0][k]) consider(hz, hy, e.hi[0][k]);
    }
  return c;
}

// Largest distance between the points, pruned by their distances to the centroid (exact:
// pairs are skipped only when even the bound through the centroid cannot beat the best).
double max_distance_3d(const std::vector<std::array<double, 3>>& c) {
  if (c.empty()) return 0;
  std::array<double, 3> m{{0, 0, 0}};
  for (const auto& q : c)
    for (int k = 0; k < 3; ++k) m[k] += q[k] / static_cast<double>(c.size());
  std::vector<std::pair<double, std::size_t>> r;
  r.reserve(c.size());
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
  return std::sqrt(best2);
}

// Diameters on the mesh vertices. A vertex of the 3-D convex hull is also a vertex of the
// 2-D hull of each of its three axis planes, so only those candidates enter the 3-D search
// (no O(V^2) all-pairs scan).
void diameters(const detail::bit_grid& g, const std::array<double, 3>& sp, shape_stats& st) {
  detail::plane_extremes e = detail::mesh_extremes(g);
  st.d_slice = plane_diameters(e, 0, sp);
  st.d_column = plane_diameters(e, 1, sp);
  st.d_row = plane_diameters(e, 2, sp);
  st.d3 = max_distance_3d(hull_candidates(e, sp));
}

// Principal moments of the voxel centres from exact integer index moments.
void pca(const detail::voxel_moments& v, const std::array<double, 3>& spacing,
         bool sample_covariance, shape_stats& st) {
  const double dn = static_cast<double>(v.n);
  const double denom = dn - (sample_covariance ? 1.0 : 0.0);
  Eigen::Matrix3d cov;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) {
      const double s1a = static_cast<double>(v.s[a]), s1b = static_cast<double>(v.s[b]);
      cov(a, b) = (static_cast<double>(v.s2[a][b]) - s1a * s1b / dn) * spacing[a] * spacing[b] / denom;
    }
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
  const detail::bit_grid g = detail::pack_mask(roi);
  mesh_area_volume(detail::census_cubes(g), roi.spacing, st);
  diameters(g, roi.spacing, st);
  const detail::voxel_moments m = detail::index_moments(g);
  pca(m, roi.spacing, in.opts->ibsi, st);
  st.voxel_volume = static_cast<double>(m.n) * roi.spacing[0] * roi.spacing[1] * roi.spacing[2];
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
