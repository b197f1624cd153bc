// Test helpers for the PyRadiomics/IBSI conformance tests: CSV reader, PyRadiomics settings
// dict parser, tiny .npy reader (format documented by numpy: magic, header dict, raw data).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "radsig/features/settings.hpp"

namespace conformance {

// The environment variable RADSIG_SHARED_DIR overrides the compiled-in location (useful in
// git worktrees whose parent folder has no shared/ directory).
inline std::string shared_dir() {
  if (const char* env = std::getenv("RADSIG_SHARED_DIR")) return env;
#ifdef RADSIG_SHARED_DIR
  return RADSIG_SHARED_DIR;
#else
  return "../shared";
#endif
}

inline bool file_exists(const std::string& p) {
  std::ifstream f(p);
  return f.good();
}

// Splits one CSV line with double-quoted fields.
inline std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (ch != '\r') {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

// A table: header + rows keyed by the first column.
struct table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int column(const std::string& name) const {
    for (std::size_t k = 0; k < header.size(); ++k)
      if (header[k] == name) return static_cast<int>(k);
    return -1;
  }
  const std::vector<std::string>* row(const std::string& key) const {
    for (const auto& r : rows)
      if (!r.empty() && r[0] == key) return &r;
    return nullptr;
  }
};

inline table read_csv(const std::string& path) {
  table t;
  std::ifstream f(path);
  std::string line;
  bool first = true;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    auto cells = split_csv(line);
    if (first) {
      t.header = cells;
      first = false;
    } else {
      t.rows.push_back(cells);
    }
  }
  return t;
}

// Value of `key` in a Python dict literal, as text ("" if absent).
inline std::string dict_value(const std::string& dict, const std::string& key) {
  const std::string k = "'" + key + "': ";
  const auto p = dict.find(k);
  if (p == std::string::npos) return "";
  std::size_t s = p + k.size(), e = s;
  int depth = 0;
  for (; e < dict.size(); ++e) {
    const char ch = dict[e];
    if (ch == '[' || ch == '(' || ch == '{') ++depth;
    if (ch == ']' || ch == ')' || ch == '}') {
      if (depth == 0) break;
      --depth;
    }
    if (ch == ',' && depth == 0) break;
  }
  return dict.substr(s, e - s);
}

inline std::vector<double> parse_list(const std::string& v) {
  std::vector<double> out;
  std::string s;
  for (char ch : v)
    s += (ch == '[' || ch == ']' || ch == '(' || ch == ')' || ch == ',') ? ' ' : ch;
  std::istringstream is(s);
  double x;
  while (is >> x) out.push_back(x);
  return out;
}

struct column_config {
  radsig::features::settings opts;
  bool resampling = false;  // needs resampledPixelSpacing (image module)
};

inline column_config parse_settings(const std::string& dict) {
  using namespace radsig::features;
  column_config c;
  settings& s = c.opts;
  auto v = [&](const char* k) { return dict_value(dict, k); };
  if (!v("binWidth").empty() && v("binWidth") != "None") s.bin_width = std::stod(v("binWidth"));
  if (!v("binCount").empty() && v("binCount") != "None") s.bin_count = std::stoi(v("binCount"));
  if (!v("voxelArrayShift").empty()) s.voxel_array_shift = std::stod(v("voxelArrayShift"));
  if (v("force2D") == "True") s.force2d = true;
  if (!v("force2Ddimension").empty()) s.force2d_dimension = std::stoi(v("force2Ddimension"));
  if (!v("gldm_a").empty()) s.gldm_a = std::stoi(v("gldm_a"));
  if (v("symmetricalGLCM") == "False") s.symmetrical_glcm = false;
  if (v("normalize") == "True") s.normalize = true;
  if (!v("normalizeScale").empty()) s.normalize_scale = std::stod(v("normalizeScale"));
  if (!v("removeOutliers").empty() && v("removeOutliers") != "None")
    s.remove_outliers = std::stod(v("removeOutliers"));
  const std::string w = v("weightingNorm");
  if (w == "'no_weighting'") s.weighting = weighting_norm::no_weighting;
  if (w == "'manhattan'") s.weighting = weighting_norm::manhattan;
  if (w == "'euclidean'") s.weighting = weighting_norm::euclidean;
  if (w == "'infinity'") s.weighting = weighting_norm::infinity;
  const std::string rr = v("resegmentRange");
  if (!rr.empty() && rr != "None") s.resegment_range = parse_list(rr);
  const std::string rm = v("resegmentMode");
  if (rm == "'sigma'") s.reseg_mode = resegment_mode::sigma;
  if (rm == "'relative'") s.reseg_mode = resegment_mode::relative;
  const std::string d = v("distances");
  if (!d.empty()) {
    s.distances.clear();
    for (double x : parse_list(d)) s.distances.push_back(static_cast<int>(x));
  }
  if (!v("minimumROIDimensions").empty())
    s.minimum_roi_dimensions = std::stoi(v("minimumROIDimensions"));
  const std::string rs = v("resampledPixelSpacing");
  const std::string interp = v("interpolator");
  c.resampling = !rs.empty() && rs != "None" && interp != "None";
  if (c.resampling) {
    const auto sp = parse_list(rs);
    s.resample = true;
    for (std::size_t k = 0; k < 3 && k < sp.size(); ++k) s.resampled_spacing[k] = sp[k];
    if (interp == "'sitkNearestNeighbor'") s.interpolator = resample_interpolator::nearest;
    if (interp == "'sitkLinear'") s.interpolator = resample_interpolator::linear;
    if (!v("padDistance").empty()) s.pad_distance = std::stod(v("padDistance"));
  }
  return c;
}

struct npy {
  std::vector<std::size_t> shape;
  std::vector<double> data;  // C order
  double at(std::size_t i, std::size_t j, std::size_t k = 0) const {
    if (shape.size() == 3) return data[(i * shape[1] + j) * shape[2] + k];
    return data[i * shape[1] + j];
  }
};

// Reads a little-endian float64 .npy file (C or Fortran order) into C order.
inline npy read_npy(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  npy out;
  if (all.size() < 10 || all.compare(0, 6, "\x93NUMPY") != 0) return out;
  const int major = static_cast<unsigned char>(all[6]);
  std::size_t hlen, off;
  if (major == 1) {
    hlen = static_cast<unsigned char>(all[8]) | (static_cast<unsigned char>(all[9]) << 8);
    off = 10;
  } else {
    hlen = 0;
    for (int b = 0; b < 4; ++b) hlen |= static_cast<std::size_t>(static_cast<unsigned char>(all[8 + b])) << (8 * b);
    off = 12;
  }
  const std::string header = all.substr(off, hlen);
  if (dict_value(header, "descr") != "'<f8'") return out;
  const bool fortran = dict_value(header, "fortran_order") == "True";
  for (double x : parse_list(dict_value(header, "shape"))) out.shape.push_back(static_cast<std::size_t>(x));
  std::size_t n = 1;
  for (auto s : out.shape) n *= s;
  std::vector<double> raw(n);
  std::memcpy(raw.data(), all.data() + off + hlen, n * sizeof(double));
  if (!fortran) {
    out.data = raw;
    return out;
  }
  out.data.resize(n);
  const auto& sh = out.shape;
  if (sh.size() == 2) {
    for (std::size_t i = 0; i < sh[0]; ++i)
      for (std::size_t j = 0; j < sh[1]; ++j) out.data[i * sh[1] + j] = raw[i + sh[0] * j];
  } else if (sh.size() == 3) {
    for (std::size_t i = 0; i < sh[0]; ++i)
      for (std::size_t j = 0; j < sh[1]; ++j)
        for (std::size_t k = 0; k < sh[2]; ++k)
          out.data[(i * sh[1] + j) * sh[2] + k] = raw[i + sh[0] * (j + sh[1] * k)];
  }
  return out;
}

}  // namespace conformance
