#include <gtest/gtest.h>

#include "radsig/image/image.hpp"

namespace {

TEST(ImageType, LinearIndexIsXFastest) {
  radsig::image::geometry g;
  g.size = {{4, 3, 2}};
  EXPECT_EQ(g.voxel_count(), 24u);
  EXPECT_EQ(g.linear_index(1, 0, 0), 1u);
  EXPECT_EQ(g.linear_index(0, 1, 0), 4u);
  EXPECT_EQ(g.linear_index(0, 0, 1), 12u);
}

TEST(ImageType, AtAddressesTheStoredVoxel) {
  radsig::image::geometry g;
  g.size = {{2, 2, 2}};
  radsig::image::intensity_image img(g, 0.0f);
  img.at(1, 1, 1) = 5.0f;
  EXPECT_EQ(img.voxels.back(), 5.0f);
}

}  // namespace
