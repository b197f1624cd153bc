// 2-D shape features (FEATURES.md 9.3): marching squares on the 1-pixel padded mask.
#include <cmath>

#include <Eigen/Dense>

#include "radsig/features/detail/feature_table.hpp"
#include "radsig/core/error.hpp"
#include "radsig/features/detail/mesh.hpp"
#include "radsig/features/registry.hpp"

namespace radsig::features {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct shape2d_stats {
  double area = 0, perimeter = 0, pixel_surface = 0, diameter = 0;
  double eig_minor = 0, eig_major = 0;
};

// Edge midpoints (row, col) in half-pixel units and the oriented segments per case.
const int kVert[4][2] = {{0, 1}, {1, 2}, {2, 1}, {1, 0}};
const int kSegs[16][4] = {{-1, -1, -1, -1}, {3, 0, -1, -1}, {0, 1, -1, -1}, {3, 1, -1, -1},
                          {1, 2, -1, -1},   {1, 2, 3, 0},   {0, 2, -1, -1}, {3, 2, -1, -1},
                          {2, 3, -1, -1},   {2, 0, -1, -1}, {0, 1, 2, 3},   {2, 1, -1, -1},
                          {1, 3, -1, -1},   {1, 0, -1, -1}, {0, 3, -1, -1}, {-1, -1, -1, -1}};

double f_elongation(const shape2d_stats& s) { return std::sqrt(s.eig_minor / s.eig_major); }
double f_major(const shape2d_stats& s) { return 4 * std::sqrt(s.eig_major); }
double f_diameter(const shape2d_stats& s) { return s.diameter; }
double f_mesh_surface(const shape2d_stats& s) { return s.area; }
double f_minor(const shape2d_stats& s) { return 4 * std::sqrt(s.eig_minor); }
double f_perimeter(const shape2d_stats& s) { return s.perimeter; }
double f_ratio(const shape2d_stats& s) { return s.perimeter / s.area; }
double f_pixel_surface(const shape2d_stats& s) { return s.pixel_surface; }
double f_sphericity(const shape2d_stats& s) { return 2 * std::sqrt(kPi * s.area) / s.perimeter; }

struct shape2d_feature {
  const char* name;
  double (*fn)(const shape2d_stats&);
};

const shape2d_feature kFeatures[] = {
    {"Elongation", f_elongation},       {"MajorAxisLength", f_major},
    {"MaximumDiameter", f_diameter},    {"MeshSurface", f_mesh_surface},
    {"MinorAxisLength", f_minor},       {"Perimeter", f_perimeter},
    {"PerimeterSurfaceRatio", f_ratio}, {"PixelSurface", f_pixel_surface},
    {"Sphericity", f_sphericity},
};

}  // namespace

std::vector<std::string> shape2d_names() { return detail::table_names(kFeatures); }

class_values compute_shape2d(const class_input& in) {
  const roi_box& roi = *in.roi;
  const settings& s = *in.opts;
  class_values out;
  int axis = 0;  // squeezed numpy axis
  if (roi.image_dimension == 3) {
    if (!s.force2d) return out;  // PyRadiomics: warning, no shape2D output
    // Extractor pre-check as written upstream: (x, y, z) box size indexed by the numpy axis.
    if (roi.box.size[s.force2d_dimension] == 1) return out;
    axis = s.force2d_dimension;
    if (roi.dims[axis] > 1)
      throw invalid_argument("mask", "shape2D needs a mask of size 1 along force2Ddimension");
  }
  const int ra = axis == 0 ? 1 : 0, ca = axis == 2 ? 1 : 2;
  const int nr = roi.dims[ra], nc = roi.dims[ca];
  const double sr = roi.spacing[ra], sc = roi.spacing[ca];
  // Padded 2-D mask.
  const int pr = nr + 2, pc = nc + 2;
  std::vector<std::uint8_t> m(static_cast<std::size_t>(pr) * pc, 0);
  std::vector<Eigen::Vector2d> pts;
  for (int r = 0; r < nr; ++r)
    for (int c = 0; c < nc; ++c) {
      std::array<int, 3> idx{{0, 0, 0}};
      idx[ra] = r;
      idx[ca] = c;
      if (roi.in_roi[roi.index(idx[0], idx[1], idx[2])]) {
        m[static_cast<std::size_t>(r + 1) * pc + c + 1] = 1;
        pts.emplace_back(r * sr, c * sc);
      }
    }
  auto at = [&](int r, int c) { return m[static_cast<std::size_t>(r) * pc + c]; };
  shape2d_stats st;
  double area2 = 0;
  for (int r = 0; r + 1 < pr; ++r)
    for (int c = 0; c + 1 < pc; ++c) {
      const int cfg = at(r, c) | (at(r, c + 1) << 1) | (at(r + 1, c + 1) << 2) | (at(r + 1, c) << 3);
      for (int k = 0; k < 4 && kSegs[cfg][k] >= 0; k += 2) {
        const int* a = kVert[kSegs[cfg][k]];
        const int* b = kVert[kSegs[cfg][k + 1]];
        const double ar = (r + a[0] / 2.0) * sr, ac = (c + a[1] / 2.0) * sc;
        const double br = (r + b[0] / 2.0) * sr, bc = (c + b[1] / 2.0) * sc;
        area2 += ar * bc - br * ac;
        st.perimeter += std::sqrt((ar - br) * (ar - br) + (ac - bc) * (ac - bc));
      }
    }
  st.area = area2 / 2;
  std::vector<detail::point2> verts;
  for (int r = 0; r < pr; ++r)
    for (int c = 0; c < pc; ++c) {
      if (r + 1 < pr && at(r + 1, c) != at(r, c)) verts.push_back({(r + 0.5) * sr, c * sc});
      if (c + 1 < pc && at(r, c + 1) != at(r, c)) verts.push_back({r * sr, (c + 0.5) * sc});
    }
  st.diameter = detail::max_distance_2d(verts);
  st.pixel_surface = static_cast<double>(pts.size()) * sr * sc;
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& q : pts) mean += q;
  mean /= static_cast<double>(pts.size());
  Eigen::Matrix2d cov = Eigen::Matrix2d::Zero();
  for (const auto& q : pts) cov += (q - mean) * (q - mean).transpose();
  cov /= static_cast<double>(pts.size());
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(cov, Eigen::EigenvaluesOnly);
  st.eig_minor = es.eigenvalues()[0];
  st.eig_major = es.eigenvalues()[1];
  out = detail::evaluate_table(kFeatures, st);
  out.names.emplace_back("SphericalDisproportion");
  out.values.push_back(st.perimeter / (2 * std::sqrt(kPi * st.area)));
  return out;
}

}  // namespace radsig::features
