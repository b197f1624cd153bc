// DICOM series reading: a small series is written with ITK's GDCM writer (one file per
// slice, each a one-slice volume carrying its position), then read back by the radsig reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <itkGDCMImageIO.h>
#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkMetaDataObject.h>

#include "radsig/core/error.hpp"
#include "radsig/image/io.hpp"

namespace {

namespace fs = std::filesystem;
using slice_t = itk::Image<short, 3>;

void write_series(const fs::path& dir, const std::string& series_uid, int nslices, short base) {
  fs::create_directories(dir);
  for (int k = 0; k < nslices; ++k) {
    auto img = slice_t::New();
    slice_t::SizeType size{{6, 5, 1}};
    img->SetRegions(slice_t::RegionType(size));
    const double spacing[3] = {0.5, 0.75, 2.0};
    img->SetSpacing(spacing);
    const double origin[3] = {-10.0, 20.0, 5.0 + 2.0 * k};
    img->SetOrigin(origin);
    img->Allocate();
    for (int i = 0; i < 30; ++i) img->GetBufferPointer()[i] = static_cast<short>(base + 100 * k + i);
    auto io = itk::GDCMImageIO::New();
    io->KeepOriginalUIDOn();
    auto& dict = img->GetMetaDataDictionary();
    itk::EncapsulateMetaData<std::string>(dict, "0020|000e", series_uid);
    itk::EncapsulateMetaData<std::string>(dict, "0020|000d", "1.2.826.0.1.3680043.2.1125.1");
    itk::EncapsulateMetaData<std::string>(dict, "0020|0052", "1.2.826.0.1.3680043.2.1125.2");
    itk::EncapsulateMetaData<std::string>(dict, "0008|0018",
                                          series_uid + "." + std::to_string(k + 1));
    itk::EncapsulateMetaData<std::string>(dict, "0020|0013", std::to_string(k + 1));
    itk::EncapsulateMetaData<std::string>(dict, "0008|0060", "MR");
    auto writer = itk::ImageFileWriter<slice_t>::New();
    writer->SetImageIO(io);
    writer->SetInput(img);
    // reverse file order: the reader must sort by position, not by name
    writer->SetFileName((dir / ("s" + std::to_string(base) + "_" + std::to_string(nslices - k) + ".dcm")).string());
    writer->Update();
  }
}

TEST(Dicom, SeriesDirectoryIsReadSortedWithGeometry) {
  const fs::path dir = fs::temp_directory_path() / ("radsig_dicom_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_series(dir, "1.2.826.0.1.3680043.2.1125.10", 4, 0);
  write_series(dir, "1.2.826.0.1.3680043.2.1125.20", 2, 1000);

  const auto uids = radsig::image::dicom_series_uids(dir.string());
  ASSERT_EQ(uids.size(), 2u);
  EXPECT_EQ(uids[0].rfind("1.2.826.0.1.3680043.2.1125.10", 0), 0u);  // the largest first

  const auto img = radsig::image::read_intensity_image(dir.string());
  EXPECT_EQ(img.geom.size, (std::array<std::size_t, 3>{{6, 5, 4}}));
  EXPECT_NEAR(img.geom.spacing[0], 0.5, 1e-9);
  EXPECT_NEAR(img.geom.spacing[1], 0.75, 1e-9);
  EXPECT_NEAR(img.geom.spacing[2], 2.0, 1e-9);
  EXPECT_NEAR(img.geom.origin[2], 5.0, 1e-9);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(img.at(1, 0, k), static_cast<float>(100 * k + 1));

  radsig::image::read_options opt;
  opt.series_uid = "1.2.826.0.1.3680043.2.1125.20";
  const auto small = radsig::image::read_intensity_image(dir.string(), opt);
  EXPECT_EQ(small.geom.size[2], 2u);
  EXPECT_EQ(small.voxels[0], 1000.0f);

  opt.series_uid = "9.9.9";
  EXPECT_THROW(radsig::image::read_intensity_image(dir.string(), opt), radsig::io_error);
  const fs::path empty = dir / "empty";
  fs::create_directories(empty);
  EXPECT_THROW(radsig::image::read_intensity_image(empty.string()), radsig::io_error);
  EXPECT_THROW(radsig::image::write_image(img, (dir / "out.dcm").string()), radsig::io_error);
  fs::remove_all(dir);
}

}  // namespace
