// 3-D shape class against a direct computation written here: the marching-cubes mesh built
// triangle by triangle from the configuration table (volume and area summed per triangle),
// diameters as all-pairs maxima over the mesh vertices, axis lengths from the covariance of
// the voxel centres. Random masks with rows shorter and longer than one 64-bit word.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <vector>

#include <Eigen/Dense>

#include "radsig/features/detail/mesh.hpp"
#include "radsig/features/registry.hpp"
#include "feature_map.hpp"

namespace {

using namespace radsig::features;
using vec3 = std::array<double, 3>;

struct direct_shape {
  double volume = 0, area = 0, d3 = 0, d_slice = 0, d_column = 0, d_row = 0;
  std::array<double, 3> eig{{0, 0, 0}};
};

// Mask value at crop index (z, y, x); 0 outside the crop (the one-voxel padding).
int voxel(const roi_box& roi, int z, int y, int x) {
  if (z < 0 || y < 0 || x < 0 || z >= roi.dims[0] || y >= roi.dims[1] || x >= roi.dims[2]) return 0;
  return roi.in_roi[roi.index(z, y, x)];
}

double dist(const vec3& a, const vec3& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                   (a[2] - b[2]) * (a[2] - b[2]));
}

direct_shape direct(const roi_box& roi) {
  static const int corner[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0},
                                   {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};
  const auto& sp = roi.spacing;
  direct_shape out;
  // Vertices in half-voxel units (exact) of the padded grid, keyed for de-duplication. The
  // signed volume is summed in that frame, as PyRadiomics does: on masks with ambiguous
  // faces the table's surface is not closed, and the volume depends on the origin.
  std::set<std::array<int, 3>> verts;
  for (int z = -1; z < roi.dims[0]; ++z)
    for (int y = -1; y < roi.dims[1]; ++y)
      for (int x = -1; x < roi.dims[2]; ++x) {
        int cfg = 0;
        for (int c = 0; c < 8; ++c)
          cfg |= voxel(roi, z + corner[c][0], y + corner[c][1], x + corner[c][2]) << c;
        if (cfg == 0 || cfg == 255) continue;
        const bool flip = cfg >= 128;
        for (const auto& tri : detail::cube_triangles(flip ? cfg ^ 255 : cfg)) {
          std::array<vec3, 3> p;
          for (int k = 0; k < 3; ++k) {
            const int* e = detail::kEdgeHalf[tri[k]];
            const std::array<int, 3> h{{2 * z + 2 + e[0], 2 * y + 2 + e[1], 2 * x + 2 + e[2]}};
            verts.insert(h);
            for (int d = 0; d < 3; ++d) p[k][d] = h[d] / 2.0 * sp[d];
          }
          if (flip) std::swap(p[1], p[2]);
          const Eigen::Vector3d a(p[0][0], p[0][1], p[0][2]), b(p[1][0], p[1][1], p[1][2]),
              c(p[2][0], p[2][1], p[2][2]);
          out.volume += a.cross(b).dot(c) / 6;
          out.area += (a - c).cross(b - c).norm() / 2;
        }
      }
  std::vector<std::array<int, 3>> v(verts.begin(), verts.end());
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      vec3 a, b;
      for (int d = 0; d < 3; ++d) {
        a[d] = v[i][d] / 2.0 * sp[d];
        b[d] = v[j][d] / 2.0 * sp[d];
      }
      const double dd = dist(a, b);
      out.d3 = std::max(out.d3, dd);
      if (v[i][0] == v[j][0]) out.d_slice = std::max(out.d_slice, dd);
      if (v[i][1] == v[j][1]) out.d_column = std::max(out.d_column, dd);
      if (v[i][2] == v[j][2]) out.d_row = std::max(out.d_row, dd);
    }
  std::vector<Eigen::Vector3d> pts;
  for (int z = 0; z < roi.dims[0]; ++z)
    for (int y = 0; y < roi.dims[1]; ++y)
      for (int x = 0; x < roi.dims[2]; ++x)
        if (voxel(roi, z, y, x)) pts.emplace_back(z * sp[0], y * sp[1], x * sp[2]);
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const auto& p : pts) mean += p / static_cast<double>(pts.size());
  Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
  for (const auto& p : pts) cov += (p - mean) * (p - mean).transpose() / static_cast<double>(pts.size());
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov, Eigen::EigenvaluesOnly);
  for (int k = 0; k < 3; ++k) out.eig[k] = std::max(0.0, es.eigenvalues()[k]);
  return out;
}

roi_box random_roi(std::mt19937& rng, int nz, int ny, int nx, double fill) {
  roi_box roi;
  roi.dims = {{nz, ny, nx}};
  roi.spacing = {{0.5 + (rng() % 8) / 4.0, 0.5 + (rng() % 8) / 4.0, 0.5 + (rng() % 8) / 4.0}};
  const std::size_t n = static_cast<std::size_t>(nz) * ny * nx;
  roi.in_roi.resize(n);
  std::bernoulli_distribution in(fill);
  for (auto& m : roi.in_roi) m = in(rng) ? 1 : 0;
  roi.in_roi[rng() % n] = 1;  // never empty
  roi.values.assign(n, 1.0);
  for (auto m : roi.in_roi)
    if (m) roi.roi_values.push_back(1.0);
  return roi;
}

TEST(Shape, MatchesDirectMeshOnRandomMasks) {
  std::mt19937 rng(2024);
  // Row lengths around the 64-bit word boundaries (padded rows of 62..66 and 130 voxels).
  const int widths[] = {1, 5, 60, 61, 62, 63, 64, 128};
  settings s;
  int trial = 0;
  for (int nx : widths)
    for (double fill : {0.15, 0.5, 0.85}) {
      const int ny = 1 + static_cast<int>(rng() % (nx > 60 ? 3 : 9));
      const int nz = 1 + static_cast<int>(rng() % 3);
      const roi_box roi = random_roi(rng, nz, ny, nx, fill);
      const auto f = feature_test::feature_map(compute_shape, roi, s);
      const direct_shape d = direct(roi);
      const double tol = 1e-10;
      SCOPED_TRACE("trial " + std::to_string(trial++) + " nx " + std::to_string(nx));
      EXPECT_NEAR(f.at("MeshVolume"), d.volume, tol * (1 + std::abs(d.volume)));
      EXPECT_NEAR(f.at("SurfaceArea"), d.area, tol * (1 + d.area));
      EXPECT_NEAR(f.at("Maximum3DDiameter"), d.d3, tol * (1 + d.d3));
      EXPECT_NEAR(f.at("Maximum2DDiameterSlice"), d.d_slice, tol * (1 + d.d_slice));
      EXPECT_NEAR(f.at("Maximum2DDiameterColumn"), d.d_column, tol * (1 + d.d_column));
      EXPECT_NEAR(f.at("Maximum2DDiameterRow"), d.d_row, tol * (1 + d.d_row));
      EXPECT_NEAR(f.at("MajorAxisLength"), 4 * std::sqrt(d.eig[2]), tol * (1 + d.eig[2]));
      EXPECT_NEAR(f.at("LeastAxisLength"), 4 * std::sqrt(d.eig[0]), 1e-7 * (1 + d.eig[2]));
      const double n = static_cast<double>(roi.roi_values.size());
      EXPECT_NEAR(f.at("VoxelVolume"), n * roi.spacing[0] * roi.spacing[1] * roi.spacing[2], 1e-12 * n);
    }
}

// Hull of row extremes (one lower and one upper chain) against the monotone chain over all
// the points: same vertices in the same order.
TEST(ShapeMesh, HullRowsMatchesMonotoneChain) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const int rows = 1 + static_cast<int>(rng() % 12), span = 1 + static_cast<int>(rng() % 10);
    std::vector<int> lo(rows), hi(rows);
    std::vector<detail::ipoint2> pts;
    for (int r = 0; r < rows; ++r) {
      if (rng() % 3 == 0) {  // empty row
        lo[r] = 1;
        hi[r] = 0;
        continue;
      }
      lo[r] = static_cast<int>(rng() % span);
      hi[r] = lo[r] + static_cast<int>(rng() % 3 == 0 ? 0 : rng() % span);
      pts.push_back({r, lo[r]});
      if (hi[r] != lo[r]) pts.push_back({r, hi[r]});
    }
    std::vector<detail::ipoint2> h(2 * static_cast<std::size_t>(rows) + 2);
    const std::size_t n = detail::convex_hull_rows(lo.data(), hi.data(), rows, h.data());
    const auto ref = detail::convex_hull_sorted(pts);
    ASSERT_EQ(n, ref.size()) << "trial " << trial;
    for (std::size_t k = 0; k < ref.size(); ++k) {
      EXPECT_EQ(h[k].a, ref[k].a) << "trial " << trial;
      EXPECT_EQ(h[k].b, ref[k].b) << "trial " << trial;
    }
  }
}

}  // namespace
