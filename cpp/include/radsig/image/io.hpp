// Reading and writing medical images (NIfTI .nii/.nii.gz, NRRD .nrrd/.nhdr, MetaImage
// .mha/.mhd, DICOM series directories) to and from the shared image type. ITK does the work
// inside image_io.cpp; no ITK header is visible here.
//
// Every function throws radsig::io_error with a message naming the file and the problem
// (missing file, unknown format, unreadable or truncated data, unsupported dimension or pixel
// layout) and radsig::invalid_argument for bad arguments. All functions are thread-safe; the
// ITK IO factories are registered once, on first use.
#pragma once

#include <string>
#include <vector>

#include "radsig/image/image.hpp"

namespace radsig::image {

// What a file holds, without reading its voxels.
struct image_file_info {
  int dimension = 0;                  // number of axes in the file (2, 3, or more)
  std::vector<std::size_t> size;      // voxels per axis, `dimension` values
  std::string component_type;         // ITK's name: "short", "float", "unsigned_char", ...
  unsigned components = 1;            // values per voxel (1 = scalar)
  std::string format;                 // "NIfTI", "NRRD", "MetaImage" or "DICOM"
};

// Options of the readers. `series_uid` picks a DICOM series when `path` is a directory
// holding several (default: the series with the most files).
struct read_options {
  std::string series_uid;
};

// Describes a file or DICOM directory. Throws io_error when it cannot be read.
image_file_info read_image_info(const std::string& path, const read_options& options = {});

// Reads a scalar 2-D or 3-D image as float voxels (integer types up to 24 bits are exact).
// A 4-D file whose fourth axis has length 1 is read as 3-D; otherwise io_error.
intensity_image read_intensity_image(const std::string& path, const read_options& options = {});

// Reads a label mask. Voxel values must be finite integers in the int32 range (io_error
// otherwise); no label selection is done here.
label_image read_label_image(const std::string& path, const read_options& options = {});

// Writes an image; the format follows the extension (.nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd).
// Intensity images are stored as float32, label images as int32, so a round trip is exact.
// Writing DICOM is not supported (io_error).
void write_image(const intensity_image& img, const std::string& path);
void write_image(const label_image& img, const std::string& path);

// UIDs of the DICOM series found in a directory, largest series first.
std::vector<std::string> dicom_series_uids(const std::string& directory);

}  // namespace radsig::image
