// Explicit registry of feature classes and features: class name -> (feature name ->
// function). Output names follow PyRadiomics: original_<class>_<Feature>.
#pragma once

#include <string>
#include <vector>

#include "radsig/features/roi.hpp"
#include "radsig/features/settings.hpp"

namespace radsig::features {

// Values of one class, aligned with the class's feature names.
// The first `n_active` entries are the features enabled by default (output order); the
// rest are deprecated features that still compute a value when requested by name.
struct class_values {
  std::vector<std::string> names;  // feature names without prefix (e.g. "JointEntropy")
  std::vector<double> values;
  std::size_t n_active = 0;
};

// Everything a non-shape class may need; built once per extraction.
struct class_input {
  const roi_box* roi = nullptr;
  const discretised* levels = nullptr;  // null for shape classes
  const padded_levels* grid = nullptr;  // texture_grid() of roi/levels, null for shape classes
  const settings* opts = nullptr;
};

using class_function = class_values (*)(const class_input&);

struct class_entry {
  const char* name;                   // "firstorder", "glcm", ...
  bool needs_levels;                  // discretisation needed
  class_function compute;
  std::vector<std::string> (*feature_names)();  // active features, output order
};

// Deprecated names of a class: those that still give a value when requested explicitly,
// and those that never produce output (PyRadiomics only logs a message).
std::vector<std::string> deprecated_with_value(const std::string& cls);
std::vector<std::string> deprecated_without_value(const std::string& cls);

// All known classes.
const std::vector<class_entry>& class_registry();
// Throws invalid_argument("classes") for an unknown name.
const class_entry& find_class(const std::string& name);

// Per-class entry points (each in its own source file).
class_values compute_firstorder(const class_input& in);
class_values compute_glcm(const class_input& in);
class_values compute_glrlm(const class_input& in);
class_values compute_glszm(const class_input& in);
class_values compute_gldm(const class_input& in);
class_values compute_ngtdm(const class_input& in);
class_values compute_shape(const class_input& in);
class_values compute_shape2d(const class_input& in);
std::vector<std::string> firstorder_names();
std::vector<std::string> glcm_names();
std::vector<std::string> glrlm_names();
std::vector<std::string> glszm_names();
std::vector<std::string> gldm_names();
std::vector<std::string> ngtdm_names();
std::vector<std::string> shape_names();
std::vector<std::string> shape2d_names();

}  // namespace radsig::features
