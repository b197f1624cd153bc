// Diagnostic outputs of an extraction (FEATURES.md section 12): buffer hashes, geometry,
// ROI statistics, formatted like PyRadiomics' diagnostics_* values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "radsig/features/roi.hpp"
#include "radsig/image/image.hpp"

namespace radsig::features {

// SHA-1 of a byte buffer, lower-case hex.
std::string sha1_hex(const void* data, std::size_t size);

// SHA-1 of the voxels re-encoded in the file's pixel type (ITK component names: "short",
// "unsigned_char", "float", ...; little-endian, x fastest), as PyRadiomics/SimpleITK hash the
// native buffer. Empty for an unknown type.
std::string image_hash(const image::image<double>& img, const std::string& component_type);

// SHA-1 of the mask cast to unsigned 32-bit little-endian.
std::string mask_hash(const image::label_image& mask);

// Python's repr of a float (shortest round-trip, "2.0" for integral values).
std::string py_float(double v);
// "(a, b, c)" of Python floats / integers.
std::string py_tuple(const std::vector<double>& v);
std::string py_int_tuple(const std::vector<long long>& v);

// Number of connected components of `label` (26-connectivity, 8 in 2-D).
std::size_t count_components(const image::label_image& mask, int label,
                             const bounding_box& box);

using diagnostics_list = std::vector<std::pair<std::string, std::string>>;

// Image-<stage>_* and Mask-<stage>_* items of PyRadiomics.
void add_image_diagnostics(diagnostics_list& out, const std::string& stage,
                           const image::image<double>& img, const std::string& component_type);
void add_mask_diagnostics(diagnostics_list& out, const std::string& stage,
                          const image::label_image& mask, int label, const bounding_box& box);

}  // namespace radsig::features
