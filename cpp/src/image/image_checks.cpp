#include "radsig/image/checks.hpp"

#include <cmath>
#include <sstream>

#include "radsig/core/error.hpp"

namespace radsig::image {
namespace {

std::string triple(const std::array<double, 3>& v, int dim) {
  std::ostringstream os;
  os.precision(10);
  os << "(";
  for (int d = 0; d < dim; ++d) os << (d ? ", " : "") << v[d];
  os << ")";
  return os.str();
}

std::string triple(const std::array<std::size_t, 3>& v, int dim) {
  std::ostringstream os;
  os << "(";
  for (int d = 0; d < dim; ++d) os << (d ? ", " : "") << v[d];
  os << ")";
  return os.str();
}

double det3(const std::array<double, 9>& m) {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
         m[2] * (m[3] * m[7] - m[4] * m[6]);
}

}  // namespace

void validate_geometry(const geometry& g, std::size_t voxel_count, const std::string& arg) {
  if (g.dimension != 2 && g.dimension != 3) {
    throw invalid_argument(arg, "images must be 2-D or 3-D, not " + std::to_string(g.dimension) + "-D");
  }
  if (g.dimension == 2 && g.size[2] != 1) {
    throw invalid_argument(arg, "a 2-D image must have size 1 along z");
  }
  for (int d = 0; d < 3; ++d) {
    if (g.size[d] == 0) throw invalid_argument(arg, "the image has no voxels (a size is 0)");
    if (!(std::isfinite(g.spacing[d]) && g.spacing[d] > 0)) {
      throw invalid_argument(arg, "spacing must be positive and finite, got " + triple(g.spacing, g.dimension));
    }
    if (!std::isfinite(g.origin[d])) {
      throw invalid_argument(arg, "origin must be finite, got " + triple(g.origin, g.dimension));
    }
  }
  for (double v : g.direction) {
    if (!std::isfinite(v)) throw invalid_argument(arg, "direction must be finite");
  }
  if (std::fabs(det3(g.direction)) < 1e-6) {
    throw invalid_argument(arg, "the direction matrix is singular");
  }
  if (voxel_count != g.voxel_count()) {
    throw invalid_argument(arg, "holds " + std::to_string(voxel_count) + " voxels but its size " +
                                    triple(g.size, g.dimension) + " needs " +
                                    std::to_string(g.voxel_count()));
  }
}

std::vector<std::string> geometry_differences(const geometry& a, const geometry& b, double tol) {
  std::vector<std::string> out;
  const int dim = std::max(a.dimension, b.dimension);
  if (a.size != b.size) {
    out.push_back("size " + triple(a.size, dim) + " vs " + triple(b.size, dim));
  }
  auto differ = [tol](const auto& x, const auto& y) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!(std::fabs(x[i] - y[i]) <= tol)) return true;
    }
    return false;
  };
  if (differ(a.spacing, b.spacing)) {
    out.push_back("spacing " + triple(a.spacing, dim) + " vs " + triple(b.spacing, dim));
  }
  if (differ(a.origin, b.origin)) {
    out.push_back("origin " + triple(a.origin, dim) + " vs " + triple(b.origin, dim));
  }
  if (differ(a.direction, b.direction)) out.push_back("direction differs");
  return out;
}

void require_same_geometry(const geometry& a, const geometry& b, const std::string& arg_a,
                           const std::string& arg_b, double tol) {
  const auto diffs = geometry_differences(a, b, tol);
  if (diffs.empty()) return;
  std::string msg = "geometry differs from '" + arg_a + "': ";
  for (std::size_t i = 0; i < diffs.size(); ++i) msg += (i ? "; " : "") + diffs[i];
  throw invalid_argument(arg_b, msg);
}

std::array<double, 3> index_to_physical(const geometry& g, double i, double j, double k) {
  const double idx[3] = {i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]};
  std::array<double, 3> p{};
  for (int r = 0; r < 3; ++r) {
    p[r] = g.origin[r];
    for (int c = 0; c < 3; ++c) p[r] += g.direction[r * 3 + c] * idx[c];
  }
  return p;
}

}  // namespace radsig::image
