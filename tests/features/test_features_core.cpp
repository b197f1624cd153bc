// Hand-derived checks of every feature class on tiny arrays written here.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <map>
#include <random>

#include "radsig/core/error.hpp"
#include "radsig/features/detail/mesh.hpp"
#include "radsig/features/extract.hpp"
#include "radsig/features/registry.hpp"
#include "radsig/features/texture_matrices.hpp"

#include "feature_map.hpp"

namespace {

using namespace radsig::features;
namespace img = radsig::image;

// Builds an image and a mask (label 1 where mask != 0) of size (nx, ny, nz), x fastest.
struct case_t {
  img::image<double> image;
  img::label_image mask;
};

case_t make_case(std::size_t nx, std::size_t ny, std::size_t nz, const std::vector<double>& v,
                 const std::vector<int>& m, std::array<double, 3> spacing = {{1, 1, 1}}) {
  img::geometry g;
  g.size = {{nx, ny, nz}};
  g.spacing = spacing;
  case_t c{img::image<double>(g), img::label_image(g)};
  c.image.voxels = v;
  c.mask.voxels = m;
  return c;
}

std::map<std::string, double> run(const case_t& c, settings s) {
  const auto r = extract(c.image, c.mask, s);
  std::map<std::string, double> out;
  for (std::size_t k = 0; k < r.names.size(); ++k) out[r.names[k]] = r.values[k];
  return out;
}

TEST(Discretisation, FixedBinWidthAnchoredAtMultiples) {
  EXPECT_EQ(bin_fixed_width({50, 74.999, 75, 100, 166}, 25), (std::vector<int>{1, 1, 2, 3, 5}));
  EXPECT_EQ(bin_fixed_width({-26, -25, -1, 0, 24, 25}, 25),
            (std::vector<int>{1, 2, 2, 3, 3, 4}));
  EXPECT_EQ(bin_fixed_width({7, 7, 7}, 25), (std::vector<int>{1, 1, 1}));
  EXPECT_THROW(bin_fixed_width({1, 2}, 0), radsig::invalid_argument);
}

TEST(Discretisation, FixedBinCount) {
  EXPECT_EQ(bin_fixed_count({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5),
            (std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5}));
  EXPECT_EQ(bin_fixed_count({3, 3}, 64), (std::vector<int>{33, 33}));  // flat ROI
  EXPECT_THROW(bin_fixed_count({1, 2}, 0), radsig::invalid_argument);
}

TEST(Angles, ThirteenUnidirectionalInPyRadiomicsOrder) {
  const auto a = make_angles({{5, 5, 5}}, {1}, false, false, 0);
  ASSERT_EQ(a.size(), 13u);
  EXPECT_EQ(a.front(), (std::array<int, 3>{{1, 1, 1}}));
  EXPECT_EQ(a[4], (std::array<int, 3>{{1, 0, 0}}));
  EXPECT_EQ(a.back(), (std::array<int, 3>{{0, 0, 1}}));
  EXPECT_EQ(make_angles({{5, 5, 5}}, {1}, true, false, 0).size(), 26u);
  EXPECT_EQ(make_angles({{5, 5, 5}}, {2}, true, false, 0).size(), 98u);
  EXPECT_EQ(make_angles({{5, 5, 5}}, {1, 2}, false, false, 0).size(), 62u);
  const auto f2 = make_angles({{5, 5, 5}}, {1}, false, true, 2);
  ASSERT_EQ(f2.size(), 4u);
  EXPECT_EQ(f2[0], (std::array<int, 3>{{1, 1, 0}}));
  // A one-voxel-thick box removes offsets along that axis.
  EXPECT_EQ(make_angles({{1, 5, 5}}, {1}, false, false, 0).size(), 4u);
  EXPECT_THROW(make_angles({{2, 2, 2}}, {2}, false, false, 0), radsig::invalid_argument);
}

TEST(Firstorder, HandComputedValues) {
  const auto c = make_case(4, 1, 1, {1, 2, 3, 4}, {1, 1, 1, 1}, {{1, 2, 3}});
  settings s;
  s.minimum_roi_dimensions = 1;
  s.bin_width = 1;
  s.voxel_array_shift = 1;
  s.classes = {"firstorder"};
  const auto f = run(c, s);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Mean"), 2.5);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Variance"), 1.25);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Median"), 2.5);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_10Percentile"), 1.3);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_90Percentile"), 3.7);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_InterquartileRange"), 1.5);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Range"), 3);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Energy"), 4 + 9 + 16 + 25);  // shift 1
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_TotalEnergy"), 6 * 54.0);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_RootMeanSquared"), std::sqrt(54 / 4.0));
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_MeanAbsoluteDeviation"), 1.0);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_RobustMeanAbsoluteDeviation"), 0.5);
  EXPECT_NEAR(f.at("original_firstorder_Skewness"), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Kurtosis"), (0.25 * (2 * 5.0625 + 2 * 0.0625)) / (1.25 * 1.25));
  EXPECT_DOUBLE_EQ(f.at("original_firstorder_Uniformity"), 0.25);
  EXPECT_NEAR(f.at("original_firstorder_Entropy"), 2.0, 1e-12);
  EXPECT_EQ(f.size(), 18u);
}

TEST(Glcm, LineOfThreeVoxels) {
  // Levels 1, 2, 2 along x: symmetric P = [[0, 1], [1, 2]] / 4.
  const auto c = make_case(3, 1, 1, {1, 2, 2}, {1, 1, 1});
  settings s;
  s.minimum_roi_dimensions = 1;
  s.bin_width = 1;
  s.classes = {"glcm"};
  const auto f = run(c, s);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_JointAverage"), 1.75);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_SumAverage"), 3.5);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_Contrast"), 0.5);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_JointEnergy"), 0.375);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_MaximumProbability"), 0.5);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_Autocorrelation"), 0.25 * 2 * 2 + 0.5 * 4);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_DifferenceAverage"), 0.5);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_Id"), 0.5 + 0.5 / 2);
  EXPECT_DOUBLE_EQ(f.at("original_glcm_InverseVariance"), 0.5);
  EXPECT_NEAR(f.at("original_glcm_JointEntropy"), 1.5, 1e-12);
  EXPECT_EQ(f.size(), 24u);
}

TEST(Glrlm, LineOfThreeVoxels) {
  const auto c = make_case(3, 1, 1, {1, 2, 2}, {1, 1, 1});
  settings s;
  s.minimum_roi_dimensions = 1;
  s.bin_width = 1;
  s.classes = {"glrlm"};
  const auto f = run(c, s);
  EXPECT_DOUBLE_EQ(f.at("original_glrlm_ShortRunEmphasis"), (1 + 0.25) / 2);
  EXPECT_DOUBLE_EQ(f.at("original_glrlm_LongRunEmphasis"), 2.5);
  EXPECT_DOUBLE_EQ(f.at("original_glrlm_RunPercentage"), 2.0 / 3);
  EXPECT_DOUBLE_EQ(f.at("original_glrlm_HighGrayLevelRunEmphasis"), 2.5);
  EXPECT_EQ(f.size(), 16u);
}

// 3 x 3 plane: a plus of level 2 with level-1 corners.
case_t plus_case() {
  return make_case(3, 3, 1, {1, 2, 1, 2, 2, 2, 1, 2, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1});
}

TEST(Glszm, PlusShape) {
  settings s;
  s.bin_width = 1;
  s.classes = {"glszm"};
  const auto f = run(plus_case(), s);
  EXPECT_DOUBLE_EQ(f.at("original_glszm_SmallAreaEmphasis"), (4 + 1.0 / 25) / 5);
  EXPECT_DOUBLE_EQ(f.at("original_glszm_LargeAreaEmphasis"), (4 + 25.0) / 5);
  EXPECT_DOUBLE_EQ(f.at("original_glszm_ZonePercentage"), 5.0 / 9);
  EXPECT_DOUBLE_EQ(f.at("original_glszm_GrayLevelNonUniformity"), (16 + 1.0) / 5);
  EXPECT_EQ(f.size(), 16u);
}

TEST(Gldm, PlusShape) {
  settings s;
  s.bin_width = 1;
  s.classes = {"gldm"};
  const auto f = run(plus_case(), s);
  // Corners: dependence 1 (x4); edge centres: 4 (x4); centre: 5.
  EXPECT_DOUBLE_EQ(f.at("original_gldm_SmallDependenceEmphasis"), (4 + 4 / 16.0 + 1 / 25.0) / 9);
  EXPECT_DOUBLE_EQ(f.at("original_gldm_LargeDependenceEmphasis"), (4 + 4 * 16.0 + 25) / 9);
  EXPECT_DOUBLE_EQ(f.at("original_gldm_GrayLevelNonUniformity"), (16 + 25.0) / 9);
  EXPECT_EQ(f.size(), 14u);
}

TEST(Ngtdm, PlusShape) {
  settings s;
  s.bin_width = 1;
  s.classes = {"ngtdm"};
  const auto f = run(plus_case(), s);
  // s_1 = 4 * |1 - 2| = 4, s_2 = |2 - 1.5| + 4 * |2 - 1.6| = 2.1; p = (4/9, 5/9).
  EXPECT_NEAR(f.at("original_ngtdm_Coarseness"), 9 / 26.5, 1e-14);
  EXPECT_NEAR(f.at("original_ngtdm_Strength"), 2 * (4 / 9.0 + 5 / 9.0) / 6.1, 1e-14);
  EXPECT_NEAR(f.at("original_ngtdm_Contrast"), (2 * (4 / 9.0) * (5 / 9.0) / 2) * (6.1 / 9), 1e-14);
  EXPECT_EQ(f.size(), 5u);
}

TEST(Shape, SingleVoxelOctahedron) {
  // A single voxel gives an octahedron with vertices half a voxel from the centre.
  roi_box roi;
  roi.dims = {{1, 1, 1}};
  roi.spacing = {{2, 1, 1}};
  roi.values = {1};
  roi.in_roi = {1};
  roi.roi_values = {1};
  settings s;
  const auto f = feature_test::feature_map(compute_shape, roi, s);
  EXPECT_NEAR(f.at("MeshVolume"), 4.0 / 3 * 1 * 0.5 * 0.5, 1e-14);
  EXPECT_NEAR(f.at("VoxelVolume"), 2.0, 1e-14);
  EXPECT_NEAR(f.at("Maximum3DDiameter"), 2.0, 1e-14);
  EXPECT_NEAR(f.at("Maximum2DDiameterSlice"), 1.0, 1e-14);
  EXPECT_NEAR(f.at("Maximum2DDiameterRow"), 2.0, 1e-14);  // z-y plane: the two z vertices
  // Eight congruent faces with edge vectors (1, -0.5, 0) and (1, 0, -0.5).
  EXPECT_NEAR(f.at("SurfaceArea"), 8 * 0.5 * std::sqrt(0.25 * 0.25 + 0.5 * 0.5 + 0.5 * 0.5), 1e-14);
}

TEST(Shape2D, SinglePixelDiamond) {
  roi_box roi;
  roi.image_dimension = 2;
  roi.dims = {{1, 1, 1}};
  roi.values = {1};
  roi.in_roi = {1};
  roi.roi_values = {1};
  settings s;
  const auto f = feature_test::feature_map(compute_shape2d, roi, s);
  EXPECT_NEAR(f.at("MeshSurface"), 0.5, 1e-15);
  EXPECT_NEAR(f.at("Perimeter"), 4 * std::sqrt(0.5), 1e-15);
  EXPECT_NEAR(f.at("MaximumDiameter"), 1.0, 1e-15);
  EXPECT_NEAR(f.at("PixelSurface"), 1.0, 1e-15);
}

TEST(Registry, DefaultNamesAndCounts) {
  std::size_t total = 0;
  for (const auto& e : class_registry()) total += e.feature_names().size();
  EXPECT_EQ(total, 116u);
  const auto fo = firstorder_names();
  // PyRadiomics method-name order puts MeanAbsoluteDeviation before Mean.
  EXPECT_EQ(fo[7], "MeanAbsoluteDeviation");
  EXPECT_EQ(fo[8], "Mean");
  EXPECT_THROW(find_class("glcmx"), radsig::invalid_argument);
}

TEST(Extract, DeterministicAndOrdered) {
  const auto c = plus_case();
  settings s;
  s.bin_width = 1;
  s.classes = {"firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm"};
  const auto a = extract(c.image, c.mask, s);
  const auto b = extract(c.image, c.mask, s);
  EXPECT_EQ(a.names, b.names);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.names.front(), "original_firstorder_10Percentile");
  EXPECT_EQ(a.names.back(), "original_ngtdm_Strength");
  EXPECT_EQ(a.roi_voxels, 9u);
}

TEST(Extract, BadInputsThrow) {
  auto c = plus_case();
  settings s;
  s.classes = {"firstorder"};
  settings bad = s;
  bad.label = 7;
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);  // label absent
  bad = s;
  bad.bin_width = -1;
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);
  bad = s;
  bad.distances = {0};
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);
  bad = s;
  bad.classes = {"nope"};
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);
  bad = s;
  bad.features["glcm"] = {"NotAFeature"};
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);
  // Single-voxel ROI and line ROI below minimumROIDimensions.
  auto one = c;
  std::fill(one.mask.voxels.begin(), one.mask.voxels.end(), 0);
  one.mask.voxels[4] = 1;
  EXPECT_THROW(extract(one.image, one.mask, s), radsig::invalid_argument);
  auto line = c;
  line.mask.voxels = {1, 1, 1, 0, 0, 0, 0, 0, 0};
  EXPECT_THROW(extract(line.image, line.mask, s), radsig::invalid_argument);
  // Mask geometry mismatch.
  auto mis = c;
  mis.mask.geom.spacing[0] = 2;
  EXPECT_THROW(extract(mis.image, mis.mask, s), radsig::invalid_argument);
  // Re-segmentation leaving fewer than two voxels.
  bad = s;
  bad.resegment_range = {100};
  EXPECT_THROW(extract(c.image, c.mask, bad), radsig::invalid_argument);
}

TEST(Extract, DeprecatedFeatureOnRequest) {
  const auto c = plus_case();
  settings s;
  s.classes = {"firstorder"};
  s.features["firstorder"] = {"StandardDeviation", "Variance"};
  const auto r = extract(c.image, c.mask, s);
  ASSERT_EQ(r.names.size(), 2u);
  EXPECT_EQ(r.names[0], "original_firstorder_StandardDeviation");
  EXPECT_DOUBLE_EQ(r.values[0] * r.values[0], r.values[1]);
}

}  // namespace

namespace {

// Random lattice point sets: hull + rotating calipers against the all-pairs maximum under
// anisotropic scaling.
TEST(ShapeMesh, HullDiameterMatchesAllPairs) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 40), span = 1 + static_cast<int>(rng() % 12);
    std::vector<radsig::features::detail::ipoint2> pts;
    for (int k = 0; k < n; ++k)
      pts.push_back({static_cast<long long>(rng() % span), static_cast<long long>(rng() % span)});
    std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
      return a.a < b.a || (a.a == b.a && a.b < b.b);
    });
    pts.erase(std::unique(pts.begin(), pts.end(),
                          [](const auto& a, const auto& b) { return a.a == b.a && a.b == b.b; }),
              pts.end());
    const double sa = 0.5 + (rng() % 100) / 50.0, sb = 0.5 + (rng() % 100) / 50.0;
    double best = 0;
    for (const auto& p : pts)
      for (const auto& q : pts) {
        const double da = (p.a - q.a) * sa, db = (p.b - q.b) * sb;
        best = std::max(best, std::sqrt(da * da + db * db));
      }
    const auto hull = radsig::features::detail::convex_hull_sorted(pts);
    EXPECT_NEAR(radsig::features::detail::hull_diameter(hull, sa, sb), best, 1e-12 * (1 + best))
        << "trial " << trial;
  }
}

}  // namespace
