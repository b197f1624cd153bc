// 3-D shape features (FEATURES.md 9.2): marching-cubes mesh on the 1-voxel padded crop,
// diameters on the mesh vertices (via per-plane convex hulls), PCA of voxel centres.
#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>

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

void mesh_area_volume(const padded& p, const std::array<double, 3>& sp, shape_stats& st) {
  static const int corner[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0},
                                   {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};
  double vol = 0, area = 0;
  for (int z = 0; z + 1 < p.nz; ++z)
    for (int y = 0; y + 1 < p.ny; ++y)
      for (int x = 0; x + 1 < p.nx; ++x) {
        int cfg = 0;
        for (int c = 0; c < 8; ++c)
          if (p.at(z + corner[c][0], y + corner[c][1], x + corner[c][2])) cfg |= 1 << c;
        if (cfg == 0 || cfg == 255) continue;
        double sign = 1;
        if (cfg >= 128) {
          cfg ^= 255;
          sign = -1;
        }
        for (const auto& tri : detail::cube_triangles(cfg)) {
          std::array<std::array<double, 3>, 3> v;
          for (int k = 0; k < 3; ++k) {
            const int* e = detail::kEdgeHalf[tri[k]];
            v[k] = {{(z + e[0] / 2.0) * sp[0], (y + e[1] / 2.0) * sp[1], (x + e[2] / 2.0) * sp[2]}};
          }
          const auto& a = v[0];
          const auto& b = v[1];
          const auto& c = v[2];
          const double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2],
                       cz = a[0] * b[1] - a[1] * b[0];
          vol += sign * (cx * c[0] + cy * c[1] + cz * c[2]);
          const double u0 = a[0] - c[0], u1 = a[1] - c[1], u2 = a[2] - c[2];
          const double w0 = b[0] - c[0], w1 = b[1] - c[1], w2 = b[2] - c[2];
          const double n0 = u1 * w2 - u2 * w1, n1 = u2 * w0 - u0 * w2, n2 = u0 * w1 - u1 * w0;
          area += 0.5 * std::sqrt(n0 * n0 + n1 * n1 + n2 * n2);
        }
      }
  st.volume = vol / 6.0;
  st.area = area;
}

// Mesh vertices (midpoints of lattice edges whose end voxels differ) in half-voxel units.
std::vector<std::array<int, 3>> mesh_vertices(const padded& p) {
  std::vector<std::array<int, 3>> out;
  for (int z = 0; z < p.nz; ++z)
    for (int y = 0; y < p.ny; ++y)
      for (int x = 0; x < p.nx; ++x) {
        const auto v = p.at(z, y, x);
        if (z + 1 < p.nz && p.at(z + 1, y, x) != v) out.push_back({{2 * z + 1, 2 * y, 2 * x}});
        if (y + 1 < p.ny && p.at(z, y + 1, x) != v) out.push_back({{2 * z, 2 * y + 1, 2 * x}});
        if (x + 1 < p.nx && p.at(z, y, x + 1) != v) out.push_back({{2 * z, 2 * y, 2 * x + 1}});
      }
  return out;
}

double coord(int half, double s) { return (half / 2 + (half % 2) * 0.5) * s; }

// Largest in-plane distance among vertices sharing coordinate `axis`; marks the vertices on
// the convex hull of their plane in `on_hull`.
double plane_diameters(const std::vector<std::array<int, 3>>& vs, int axis,
                       const std::array<double, 3>& sp, std::vector<char>& on_hull) {
  const int a1 = axis == 0 ? 1 : 0, a2 = axis == 2 ? 1 : 2;
  int hi = 0;
  for (const auto& v : vs) hi = std::max(hi, v[axis]);
  // Bucket the vertices by plane (counting sort on the half-index).
  std::vector<std::size_t> start(static_cast<std::size_t>(hi) + 2, 0), order(vs.size());
  for (const auto& v : vs) ++start[static_cast<std::size_t>(v[axis]) + 1];
  for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < vs.size(); ++i) order[fill[static_cast<std::size_t>(vs[i][axis])]++] = i;
  double best = 0;
  std::vector<detail::point2> pts;
  for (std::size_t p = 0; p + 1 < start.size(); ++p) {
    pts.clear();
    for (std::size_t k = start[p]; k < start[p + 1]; ++k) {
      const auto& v = vs[order[k]];
      pts.push_back({coord(v[a1], sp[a1]), coord(v[a2], sp[a2]), order[k]});
    }
    if (pts.empty()) continue;
    const auto hull = detail::convex_hull_2d(pts);
    for (const auto& h : hull) on_hull[h.id] = 1;
    for (std::size_t i = 0; i < hull.size(); ++i)
      for (std::size_t j = i + 1; j < hull.size(); ++j) {
        const double da = hull[i].a - hull[j].a, db = hull[i].b - hull[j].b;
        best = std::max(best, da * da + db * db);
      }
  }
  return std::sqrt(best);
}

// Diameters on the mesh vertices. A vertex of the 3-D convex hull is also a vertex of the
// 2-D hull of each of its three axis planes, so only those candidates enter the 3-D search,
// which is pruned by distances to the centroid (exact, no O(V^2) all-pairs scan).
void diameters(const padded& p, const std::array<double, 3>& sp, shape_stats& st) {
  const auto vs = mesh_vertices(p);
  std::vector<char> hz(vs.size(), 0), hy(vs.size(), 0), hx(vs.size(), 0);
  st.d_slice = plane_diameters(vs, 0, sp, hz);
  st.d_column = plane_diameters(vs, 1, sp, hy);
  st.d_row = plane_diameters(vs, 2, sp, hx);
  std::vector<std::array<double, 3>> c;
  for (std::size_t i = 0; i < vs.size(); ++i)
    if (hz[i] && hy[i] && hx[i])
      c.push_back({{coord(vs[i][0], sp[0]), coord(vs[i][1], sp[1]), coord(vs[i][2], sp[2])}});
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

void pca(const roi_box& roi, bool sample_covariance, shape_stats& st) {
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  std::vector<Eigen::Vector3d> pts;
  for (int z = 0; z < roi.dims[0]; ++z)
    for (int y = 0; y < roi.dims[1]; ++y)
      for (int x = 0; x < roi.dims[2]; ++x)
        if (roi.in_roi[roi.index(z, y, x)]) {
          pts.emplace_back(z * roi.spacing[0], y * roi.spacing[1], x * roi.spacing[2]);
          mean += pts.back();
        }
  mean /= static_cast<double>(pts.size());
  Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
  for (const auto& q : pts) cov += (q - mean) * (q - mean).transpose();
  cov /= static_cast<double>(pts.size()) - (sample_covariance ? 1.0 : 0.0);
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

std::vector<std::string> shape_names() {
  std::vector<std::string> out;
  for (const auto& f : kFeatures) out.emplace_back(f.name);
  return out;
}

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
  class_values out;
  for (const auto& f : kFeatures) {
    out.names.emplace_back(f.name);
    out.values.push_back(f.fn(st));
  }
  out.n_active = out.names.size();
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
