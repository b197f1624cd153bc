#include "radsig/image/phantom.hpp"

#include <cmath>
#include <random>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"

namespace radsig::image {
namespace {

// Standard normal deviates from a 64-bit Mersenne Twister by the Box-Muller transform
// (written out so that the stream is the same with every standard library).
class normal_stream {
 public:
  explicit normal_stream(std::uint64_t seed) : rng_(seed) {}
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double t = 2.0 * M_PI * u2;
    spare_ = r * std::sin(t);
    has_spare_ = true;
    return r * std::cos(t);
  }

 private:
  std::mt19937_64 rng_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace

phantom make_phantom(const phantom_options& o) {
  geometry g;
  g.dimension = o.dimension;
  g.size = o.size;
  g.spacing = o.spacing;
  if (o.dimension == 2) {
    g.size[2] = 1;
    g.spacing[2] = 1.0;
  }
  if (o.dimension != 2 && o.dimension != 3) throw invalid_argument("dimension", "must be 2 or 3");
  validate_geometry(g, g.voxel_count(), "size");
  for (int d = 0; d < o.dimension; ++d) {
    if (!(o.radius[d] > 0) || !std::isfinite(o.radius[d])) throw invalid_argument("radius", "must be positive");
  }
  if (!(o.noise >= 0) || !std::isfinite(o.noise)) throw invalid_argument("noise", "must be >= 0");
  if (!std::isfinite(o.texture) || !std::isfinite(o.bias) || !std::isfinite(o.background) ||
      !std::isfinite(o.lesion)) {
    throw invalid_argument("phantom", "intensities, texture and bias must be finite");
  }
  if (!(o.texture_period > 0)) throw invalid_argument("texture_period", "must be positive");

  phantom p{intensity_image(g), label_image(g, 0), intensity_image(g, 1.0f)};
  normal_stream noise(o.seed);
  std::array<double, 3> centre{}, extent{};
  for (int d = 0; d < 3; ++d) {
    extent[d] = static_cast<double>(g.size[d] - 1) * g.spacing[d];
    centre[d] = 0.5 * extent[d];
  }
  const double w = 2.0 * M_PI / o.texture_period;
  for (std::size_t k = 0; k < g.size[2]; ++k) {
    for (std::size_t j = 0; j < g.size[1]; ++j) {
      for (std::size_t i = 0; i < g.size[0]; ++i) {
        const double x[3] = {static_cast<double>(i) * g.spacing[0], static_cast<double>(j) * g.spacing[1],
                             static_cast<double>(k) * g.spacing[2]};
        double r2 = 0.0;
        for (int d = 0; d < o.dimension; ++d) {
          const double u = (x[d] - centre[d]) / o.radius[d];
          r2 += u * u;
        }
        const std::size_t idx = g.linear_index(i, j, k);
        double v = o.background;
        if (r2 <= 1.0) {
          p.mask.voxels[idx] = 1;
          v = o.lesion + o.texture * std::sin(w * x[0]) * std::cos(w * x[1]) *
                             (o.dimension == 3 ? std::cos(w * x[2]) : 1.0);
        }
        if (o.noise > 0) v += o.noise * noise.next();
        if (o.bias != 0) {
          // smooth field: a tilted plane plus a broad bump, values in roughly [-1, 1]
          double s = 0.0;
          double q = 0.0;
          for (int d = 0; d < o.dimension; ++d) {
            const double u = extent[d] > 0 ? (x[d] - centre[d]) / (0.5 * extent[d]) : 0.0;
            s += (d == 0 ? 0.6 : d == 1 ? -0.4 : 0.3) * u;
            q += u * u;
          }
          const double field = std::exp(o.bias * (s + 0.5 - 0.5 * q));
          p.bias.voxels[idx] = static_cast<float>(field);
          v *= field;
        }
        p.image.voxels[idx] = static_cast<float>(v);
      }
    }
  }
  return p;
}

}  // namespace radsig::image
