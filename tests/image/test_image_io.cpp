#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"
#include "radsig/image/io.hpp"

namespace {

namespace fs = std::filesystem;
using radsig::image::geometry;
using radsig::image::intensity_image;
using radsig::image::label_image;

fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("radsig_io_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Removes the temporary directory after all tests.
class temp_cleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(temp_dir(), ec);
  }
};
const auto* const cleanup_env = ::testing::AddGlobalTestEnvironment(new temp_cleanup);

geometry test_geometry(int dim) {
  geometry g;
  g.dimension = dim;
  g.size = {{5, 4, dim == 3 ? 3u : 1u}};
  // values exactly representable in float32 (NIfTI stores geometry in float32)
  g.spacing = {{0.5, 1.25, dim == 3 ? 2.5 : 1.0}};
  g.origin = {{-12.5, 3.75, dim == 3 ? 100.0 : 0.0}};
  if (dim == 3) {
    g.direction = {{-1, 0, 0, 0, 0, 1, 0, 1, 0}};  // flipped x, y and z swapped
  } else {
    g.direction = {{0, 1, 0, -1, 0, 0, 0, 0, 1}};
  }
  return g;
}

intensity_image test_image(int dim) {
  intensity_image img(test_geometry(dim));
  for (std::size_t i = 0; i < img.voxels.size(); ++i) img.voxels[i] = 0.1f * i - 3.3f;
  return img;
}

void expect_same(const geometry& a, const geometry& b) {
  EXPECT_EQ(a.dimension, b.dimension);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.spacing, b.spacing);
  EXPECT_EQ(a.origin, b.origin);
  EXPECT_EQ(a.direction, b.direction);
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, IntensityAndLabelAreBitExact) {
  for (int dim : {2, 3}) {
    const auto img = test_image(dim);
    const std::string path = (temp_dir() / ("img" + std::to_string(dim) + GetParam())).string();
    radsig::image::write_image(img, path);
    const auto back = radsig::image::read_intensity_image(path);
    expect_same(img.geom, back.geom);
    EXPECT_EQ(img.voxels, back.voxels);

    label_image lab(img.geom, 0);
    for (std::size_t i = 0; i < lab.voxels.size(); ++i) lab.voxels[i] = static_cast<int>(i % 4) - 1;
    lab.voxels[0] = 2000000000;
    const std::string lpath = (temp_dir() / ("lab" + std::to_string(dim) + GetParam())).string();
    radsig::image::write_image(lab, lpath);
    const auto lback = radsig::image::read_label_image(lpath);
    expect_same(lab.geom, lback.geom);
    EXPECT_EQ(lab.voxels, lback.voxels);
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip,
                         ::testing::Values(".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd"));

TEST(ImageIO, MissingFileIsAnIoError) {
  try {
    radsig::image::read_intensity_image((temp_dir() / "nope.nrrd").string());
    FAIL();
  } catch (const radsig::io_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos);
  }
}

TEST(ImageIO, UnknownExtensionIsAnIoError) {
  const auto p = (temp_dir() / "x.xyz").string();
  std::ofstream(p) << "hello";
  EXPECT_THROW(radsig::image::read_intensity_image(p), radsig::io_error);
  EXPECT_THROW(radsig::image::write_image(test_image(3), p), radsig::io_error);
}

TEST(ImageIO, TruncatedFilesAreIoErrors) {
  for (const std::string ext : {".nrrd", ".nii", ".nii.gz", ".mha", ".nhdr"}) {
    const auto p = (temp_dir() / ("trunc" + ext)).string();
    radsig::image::write_image(test_image(3), p);
    const std::string data = ext == ".nhdr" ? p.substr(0, p.size() - 5) + ".raw" : p;
    const auto full = fs::file_size(data);
    fs::resize_file(data, full * 2 / 3);
    EXPECT_THROW(radsig::image::read_intensity_image(p), radsig::io_error) << ext;
  }
}

TEST(ImageIO, FourDimensionalInputIsRejected) {
  const auto p = (temp_dir() / "four.mha").string();
  std::ofstream(p) << "ObjectType = Image\nNDims = 4\nDimSize = 2 2 2 3\n"
                      "ElementType = MET_UCHAR\nElementDataFile = LOCAL\n"
                   << std::string(24, '\1');
  try {
    radsig::image::read_intensity_image(p);
    FAIL();
  } catch (const radsig::io_error& e) {
    EXPECT_NE(std::string(e.what()).find("4-D"), std::string::npos) << e.what();
  }
  const auto info = radsig::image::read_image_info(p);
  EXPECT_EQ(info.dimension, 4);
}

TEST(ImageIO, NonIntegerLabelsAreRejected) {
  const auto p = (temp_dir() / "float.nrrd").string();
  radsig::image::write_image(test_image(3), p);
  EXPECT_THROW(radsig::image::read_label_image(p), radsig::io_error);
}

TEST(ImageIO, ConcurrentFirstReadsAreSafe) {
  const auto p = (temp_dir() / "conc.nrrd").string();
  radsig::image::write_image(test_image(3), p);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] { ok[t] = radsig::image::read_intensity_image(p).voxels.size() == 60; });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

TEST(ImageIO, ReferenceImagesHaveStatedGeometry) {
  const char* env = std::getenv("RADSIG_SHARED_DIR");
  const fs::path dir = fs::path(env && *env ? env : RADSIG_SHARED_DIR) / "reference";
  if (!fs::exists(dir)) GTEST_SKIP() << "../shared is absent";
  const auto brain = radsig::image::read_intensity_image((dir / "pyradiomics/brain1_image.nrrd").string());
  EXPECT_EQ(brain.geom.size, (std::array<std::size_t, 3>{{256, 256, 25}}));
  EXPECT_DOUBLE_EQ(brain.geom.spacing[0], 0.78125);
  EXPECT_DOUBLE_EQ(brain.geom.spacing[2], 6.5);
  const auto info = radsig::image::read_image_info((dir / "pyradiomics/brain1_image.nrrd").string());
  EXPECT_EQ(info.component_type, "short");
  const auto lab = radsig::image::read_label_image((dir / "pyradiomics/brain1_label.nrrd").string());
  std::size_t n = 0;
  for (auto v : lab.voxels) n += v == 1;
  EXPECT_EQ(n, 4137u);
  const auto ph = radsig::image::read_intensity_image((dir / "ibsi/digital_phantom_image.nii.gz").string());
  EXPECT_EQ(ph.geom.size, (std::array<std::size_t, 3>{{5, 4, 4}}));
  EXPECT_DOUBLE_EQ(ph.geom.spacing[0], 2.0);
}

}  // namespace
