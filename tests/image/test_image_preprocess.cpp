#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numeric>

#include "radsig/core/error.hpp"
#include "radsig/image/intensity.hpp"
#include "radsig/image/io.hpp"
#include "radsig/image/phantom.hpp"
#include "radsig/image/preprocess.hpp"
#include "radsig/image/roi.hpp"

namespace {

namespace ri = radsig::image;
namespace fs = std::filesystem;

ri::label_image cube_mask(std::size_t n, std::size_t lo, std::size_t hi) {
  ri::geometry g;
  g.size = {{n, n, n}};
  ri::label_image m(g, 0);
  for (std::size_t k = lo; k <= hi; ++k)
    for (std::size_t j = lo; j <= hi; ++j)
      for (std::size_t i = lo; i <= hi; ++i) m.at(i, j, k) = 1;
  return m;
}

std::size_t count(const ri::label_image& m) {
  return static_cast<std::size_t>(std::count_if(m.voxels.begin(), m.voxels.end(), [](int v) { return v != 0; }));
}

TEST(Morphology, SingleVoxelDilationMatchesHandCount) {
  // ITK ball of radius 1: offsets with |d|^2 <= 1.5^2 -> centre + 6 faces + 12 edges = 19.
  const auto m = cube_mask(7, 3, 3);
  EXPECT_EQ(count(ri::dilate_mask(m, {{1, 1, 1}})), 19u);
  EXPECT_EQ(count(ri::peritumoral_ring(m, {{1, 1, 1}})), 18u);
  // radius 2: |d|^2 <= 6.25 -> 1 + 6 + 12 + 8 (corners, 3) + 6 (|d|=2 on axis) + 24 (2,1,0)
  // + 24 (2,1,1) = 81
  EXPECT_EQ(count(ri::dilate_mask(m, {{2, 2, 2}})), 81u);
  // 2-D: radius 1 ball is the full 3x3 square.
  ri::geometry g2;
  g2.dimension = 2;
  g2.size = {{5, 5, 1}};
  ri::label_image m2(g2, 0);
  m2.at(2, 2) = 1;
  EXPECT_EQ(count(ri::dilate_mask(m2, {{1, 1, 0}})), 9u);
}

TEST(Morphology, ErosionOfCubeLeavesCentre) {
  const auto m = cube_mask(7, 2, 4);  // 3x3x3
  const auto e = ri::erode_mask(m, {{1, 1, 1}});
  EXPECT_EQ(count(e), 1u);
  EXPECT_EQ(e.at(3, 3, 3), 1);
}

TEST(Morphology, RingIsClippedToBody) {
  auto m = cube_mask(7, 3, 3);
  ri::label_image body(m.geom, 0);
  for (std::size_t k = 0; k < 7; ++k)
    for (std::size_t j = 0; j < 7; ++j)
      for (std::size_t i = 0; i < 4; ++i) body.at(i, j, k) = 1;  // x <= 3
  // ring voxels with x <= 3: 18 minus the 5 with x = 4 (1 face + 4 edges)
  EXPECT_EQ(count(ri::peritumoral_ring(m, {{1, 1, 1}}, &body)), 13u);
}

TEST(Morphology, RadiusInMmRoundsPerAxis) {
  ri::geometry g;
  g.spacing = {{0.5, 1.0, 3.0}};
  const auto r = ri::radius_in_voxels(g, 3.0, true);
  EXPECT_EQ(r, (std::array<unsigned, 3>{{6, 3, 1}}));
  EXPECT_THROW(ri::radius_in_voxels(g, -1.0, true), radsig::invalid_argument);
}

TEST(Resample, LinearRampIsExactForLinearInterpolation) {
  ri::geometry g;
  g.size = {{10, 9, 8}};
  g.spacing = {{1.0, 1.5, 2.0}};
  g.origin = {{-3.0, 2.0, 1.0}};
  ri::intensity_image img(g);
  auto ramp = [](double x, double y, double z) { return 2.0 * x - 3.0 * y + 0.5 * z + 7.0; };
  for (std::size_t k = 0; k < 8; ++k)
    for (std::size_t j = 0; j < 9; ++j)
      for (std::size_t i = 0; i < 10; ++i)
        img.at(i, j, k) = static_cast<float>(ramp(-3.0 + i * 1.0, 2.0 + j * 1.5, 1.0 + k * 2.0));
  ri::resample_options opt;
  opt.spacing = {{0.5, 0.75, 1.0}};
  opt.method = ri::interpolator::linear;
  const auto out = ri::resample_image(img, opt);
  EXPECT_EQ(out.geom.size, (std::array<std::size_t, 3>{{20, 18, 16}}));
  std::size_t checked = 0;
  for (std::size_t k = 0; k < out.geom.size[2]; ++k)
    for (std::size_t j = 0; j < out.geom.size[1]; ++j)
      for (std::size_t i = 0; i < out.geom.size[0]; ++i) {
        const double x = out.geom.origin[0] + i * 0.5, y = out.geom.origin[1] + j * 0.75,
                     z = out.geom.origin[2] + k * 1.0;
        // inside the convex hull of the input voxel centres
        if (x < -3.0 || x > 6.0 || y < 2.0 || y > 14.0 || z < 1.0 || z > 15.0) continue;
        EXPECT_NEAR(out.at(i, j, k), ramp(x, y, z), 2e-5 * std::max(1.0, std::fabs(ramp(x, y, z))));
        ++checked;
      }
  EXPECT_GT(checked, 3000u);
  // corner alignment: the first new voxel centre sits a quarter voxel inside the old corner
  EXPECT_DOUBLE_EQ(out.geom.origin[0], -3.0 - 0.25);
}

TEST(Resample, Brain1MatchesPyRadiomicsCheckpoints) {
  const char* env = std::getenv("RADSIG_SHARED_DIR");
  const fs::path dir = fs::path(env && *env ? env : RADSIG_SHARED_DIR) / "reference/pyradiomics";
  if (!fs::exists(dir)) GTEST_SKIP() << "../shared is absent";
  const auto img = ri::read_intensity_image((dir / "brain1_image.nrrd").string());
  const auto mask = ri::read_label_image((dir / "brain1_label.nrrd").string());
  ri::resample_options opt;
  opt.spacing = {{2, 2, 2}};
  opt.pad_distance = 5;
  opt.integer_output = true;  // brain1 is int16: PyRadiomics keeps the pixel type
  const auto r = ri::resample_with_mask(img, mask, opt);
  EXPECT_EQ(r.image.geom.size, (std::array<std::size_t, 3>{{30, 39, 34}}));
  const auto box = ri::roi_box(r.mask, 1);
  EXPECT_EQ(box.lower, (std::array<std::size_t, 3>{{5, 6, 7}}));
  EXPECT_EQ(box.size, (std::array<std::size_t, 3>{{19, 27, 22}}));
  EXPECT_EQ(box.count, 1915u);
  // image min / max / mean from the PyRadiomics diagnostics (README checkpoints)
  const auto [mn, mx] = std::minmax_element(r.image.voxels.begin(), r.image.voxels.end());
  EXPECT_EQ(*mn, -128.0f);
  EXPECT_EQ(*mx, 2253.0f);
  const double mean = std::accumulate(r.image.voxels.begin(), r.image.voxels.end(), 0.0) / r.image.voxels.size();
  EXPECT_NEAR(mean, 598.916742081448, 1e-9);
  double roi_sum = 0;
  for (std::size_t i = 0; i < r.mask.voxels.size(); ++i) roi_sum += r.mask.voxels[i] == 1 ? r.image.voxels[i] : 0.0;
  EXPECT_NEAR(roi_sum / 1915.0, 820.533681462141, 1e-9);
}

TEST(Resample, BadInputsThrow) {
  const auto m = cube_mask(5, 1, 2);
  ri::intensity_image img(m.geom, 1.0f);
  ri::resample_options opt;
  opt.label = 7;
  EXPECT_THROW(ri::resample_with_mask(img, m, opt), radsig::invalid_argument);
  opt.label = 1;
  opt.spacing = {{-1, 1, 1}};
  EXPECT_THROW(ri::resample_with_mask(img, m, opt), radsig::invalid_argument);
  ri::geometry other = m.geom;
  other.spacing[0] = 2.0;
  ri::intensity_image shifted(other, 1.0f);
  opt.spacing = {{1, 1, 1}};
  EXPECT_THROW(ri::resample_with_mask(shifted, m, opt), radsig::invalid_argument);
}

TEST(N4, RemovesSyntheticBias) {
  ri::phantom_options po;
  po.size = {{32, 32, 16}};
  po.bias = 0.4;
  po.noise = 1.0;
  const auto p = ri::make_phantom(po);
  auto cv = [&](const ri::intensity_image& im) {
    double s = 0, ss = 0, n = 0;
    for (std::size_t i = 0; i < im.voxels.size(); ++i)
      if (p.mask.voxels[i] == 0) {
        s += im.voxels[i];
        ss += double(im.voxels[i]) * im.voxels[i];
        ++n;
      }
    const double m = s / n;
    return std::sqrt(ss / n - m * m) / m;
  };
  ri::n4_options opt;
  opt.shrink_factor = 2;
  opt.iterations = {20, 20, 20};
  const auto r = ri::n4_correct(p.image, nullptr, opt);
  EXPECT_LT(cv(r.corrected), 0.5 * cv(p.image));
}

TEST(Intensity, ZscoreAndClipOnSmallCase) {
  ri::geometry g;
  g.size = {{5, 1, 1}};
  ri::intensity_image img(g);
  img.voxels = {1, 2, 3, 4, 10};
  ri::label_image mask(g, 1);
  mask.voxels[4] = 0;
  const auto z = ri::normalize_zscore(img, &mask);  // mean 2.5, sd sqrt(5/3)
  EXPECT_NEAR(z.voxels[0], (1 - 2.5) / std::sqrt(5.0 / 3.0), 1e-6);
  const auto c = ri::clip_percentile(img, &mask, 0, 50);  // median of 1..4 = 2.5
  EXPECT_FLOAT_EQ(c.voxels[3], 2.5f);
  EXPECT_FLOAT_EQ(c.voxels[0], 1.0f);
  const auto e = ri::equalize_histogram(img, &mask);  // F(1) = 1/4 -> 1 + 3/4
  EXPECT_FLOAT_EQ(e.voxels[0], 1.75f);
  EXPECT_FLOAT_EQ(e.voxels[4], 4.0f);
  ri::label_image empty(g, 0);
  EXPECT_THROW(ri::normalize_zscore(img, &empty), radsig::invalid_argument);
}

TEST(Intensity, ResegmentSigma) {
  ri::geometry g;
  g.size = {{6, 1, 1}};
  ri::intensity_image img(g);
  img.voxels = {0, 0, 0, 0, 0, 12};  // mean 2, population sd sqrt(20)
  ri::label_image mask(g, 1);
  const auto r = ri::resegment(img, mask, 1, {-1, 1}, ri::resegment_mode::sigma);
  EXPECT_EQ(count(r), 5u);
  EXPECT_THROW(ri::resegment(img, mask, 2, {0}, ri::resegment_mode::absolute), radsig::invalid_argument);
  EXPECT_THROW(ri::resegment(img, mask, 1, {100}, ri::resegment_mode::absolute), radsig::invalid_argument);
}

TEST(Roi, CropAndLargestSlice) {
  auto m = cube_mask(8, 2, 4);
  m.at(3, 3, 5) = 1;
  const auto b = ri::padded_box(m, 1);
  EXPECT_EQ(b.lower, (std::array<std::size_t, 3>{{1, 1, 1}}));
  EXPECT_EQ(b.size, (std::array<std::size_t, 3>{{5, 5, 6}}));
  m.at(2, 2, 3) = 0;
  EXPECT_EQ(ri::largest_slice_index(m, 2), 2u);
  const auto s = ri::extract_slice(m, 2, 2);
  EXPECT_EQ(s.geom.dimension, 2);
  EXPECT_EQ(count(s), 9u);
}

}  // namespace
