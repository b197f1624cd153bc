// Per-class timing of PyRadiomics-compatible feature extraction (all default original
// features, single thread, computation on the cropped ROI) for brain1, breast1 and a
// synthetic 150,000-voxel ellipsoid, printed next to PyRadiomics 3's times on this machine
// class (issue 4: 53 ms for brain1, 864 ms for the synthetic case of which 512 ms shape).
//
// Build and run:
//   cmake -S . -B build/bench -DRADSIG_BUILD_BENCH=ON -DRADSIG_BUILD_TESTS=OFF
//   cmake --build build/bench -j2 --target bench_features
//   RADSIG_SHARED_DIR=/path/to/shared build/bench/tests/bench/bench_features
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "radsig/features/extract.hpp"
#include "radsig/image/io.hpp"

namespace {

using namespace radsig::features;
namespace img = radsig::image;

struct bench_case {
  std::string name;
  img::image<double> image;
  img::label_image mask;
  double pyradiomics_ms;  // reference total (0 = unknown)
  double pyradiomics_shape_ms;
};

// Smooth noise: uniform noise blurred by three passes of a 5-voxel box filter per axis.
bench_case synthetic_case() {
  img::geometry g;
  g.size = {{160, 160, 80}};
  g.spacing = {{0.8, 0.8, 1.5}};
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> u(0, 1000);
  std::vector<double> v(g.voxel_count());
  for (double& x : v) x = u(rng);
  std::vector<double> tmp(v.size());
  const std::size_t nx = g.size[0], ny = g.size[1], nz = g.size[2];
  const std::size_t stride[3] = {1, nx, nx * ny};
  const std::size_t len[3] = {nx, ny, nz};
  for (int pass = 0; pass < 3; ++pass)
    for (int axis = 0; axis < 3; ++axis) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::size_t pos = (i / stride[axis]) % len[axis];
        double s = 0;
        int n = 0;
        for (int d = -2; d <= 2; ++d) {
          const long p = static_cast<long>(pos) + d;
          if (p < 0 || p >= static_cast<long>(len[axis])) continue;
          s += v[i + static_cast<std::size_t>(d * static_cast<long>(stride[axis]))];
          ++n;
        }
        tmp[i] = s / n;
      }
      v.swap(tmp);
    }
  // Stretch the smoothed values back to a wide range and round to integers (like CT/MR).
  const auto mm = std::minmax_element(v.begin(), v.end());
  for (double& x : v) x = std::round((x - *mm.first) / (*mm.second - *mm.first) * 1000);
  bench_case c{"synthetic", img::image<double>(g), img::label_image(g, 0), 864, 512};
  c.image.voxels = v;
  const double a = 36.0, b = 36.0, cz = 26.5;  // semi-axes in mm
  for (std::size_t k = 0; k < nz; ++k)
    for (std::size_t j = 0; j < ny; ++j)
      for (std::size_t i = 0; i < nx; ++i) {
        const double x = (i - 79.5) * 0.8 / a, y = (j - 79.5) * 0.8 / b, z = (k - 39.5) * 1.5 / cz;
        if (x * x + y * y + z * z <= 1) c.mask.at(i, j, k) = 1;
      }
  return c;
}

bool load(const std::string& dir, const std::string& name, double ref_ms, bench_case& out) {
  const std::string base = dir + "/reference/pyradiomics/" + name;
  if (!std::ifstream(base + "_image.nrrd").good()) return false;
  out.name = name;
  out.image = to_double(img::read_intensity_image(base + "_image.nrrd"));
  out.mask = img::read_label_image(base + "_label.nrrd");
  out.pyradiomics_ms = ref_ms;
  out.pyradiomics_shape_ms = 0;
  return true;
}

void run(const bench_case& c, int reps) {
  settings s;  // PyRadiomics defaults, all default classes
  s.additional_info = false;  // time the features, not the buffer hashes
  std::map<std::string, std::vector<double>> per_class;
  std::vector<double> totals;
  extraction_result last;
  for (int r = 0; r < reps; ++r) {
    last = extract(c.image, c.mask, s);
    double total = 0;
    for (const auto& t : last.timings) {
      per_class[t.first].push_back(t.second * 1e3);
      total += t.second * 1e3;
    }
    totals.push_back(total);
  }
  // Best of `reps` runs: the machine is shared, the minimum is the least disturbed run.
  auto best = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  std::printf("\n%s: %zu ROI voxels, %zu features, best of %d runs\n", c.name.c_str(),
              last.roi_voxels, last.names.size(), reps);
  for (const auto& t : last.timings)
    std::printf("  %-11s %9.3f ms\n", t.first.c_str(), best(per_class[t.first]));
  const double tot = best(totals);
  std::printf("  %-11s %9.3f ms", "total", tot);
  if (c.pyradiomics_ms > 0)
    std::printf("   PyRadiomics %.0f ms -> %.1fx faster", c.pyradiomics_ms, c.pyradiomics_ms / tot);
  std::printf("\n");
  if (c.pyradiomics_shape_ms > 0)
    std::printf("  %-11s %9.3f ms   PyRadiomics %.0f ms -> %.1fx faster\n", "shape",
                best(per_class["shape"]), c.pyradiomics_shape_ms,
                c.pyradiomics_shape_ms / best(per_class["shape"]));
}

}  // namespace

// Optional arguments: one case name (brain1, breast1, synthetic) to run only that case, then
// the number of runs (default 21, 11 for the synthetic case; more for profiling).
int main(int argc, char** argv) {
  const char* env = std::getenv("RADSIG_SHARED_DIR");
  const std::string dir = env ? env : RADSIG_SHARED_DIR;
  const std::string only = argc > 1 ? argv[1] : "";
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 0;
  bench_case c;
  for (const auto& name : {std::string("brain1"), std::string("breast1")}) {
    if (!only.empty() && only != name) continue;
    if (load(dir, name, name == "brain1" ? 53 : 0, c)) run(c, reps > 0 ? reps : 21);
    else std::printf("%s not found under %s (set RADSIG_SHARED_DIR)\n", name.c_str(), dir.c_str());
  }
  if (only.empty() || only == "synthetic") run(synthetic_case(), reps > 0 ? reps : 11);
  return 0;
}
