// Diagnostics: hashes (Boost's SHA-1), geometry and ROI summaries in PyRadiomics' format.
#include "radsig/features/diagnostics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <boost/uuid/detail/sha1.hpp>
#include <boost/version.hpp>

namespace radsig::features {

std::string sha1_hex(const void* data, std::size_t size) {
  boost::uuids::detail::sha1 h;
  h.process_bytes(data, size);
  static const char* hex = "0123456789abcdef";
  std::string out;
#if BOOST_VERSION >= 108600
  boost::uuids::detail::sha1::digest_type d;
  h.get_digest(d);
  for (unsigned char c : d) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
#else
  boost::uuids::detail::sha1::digest_type d;
  h.get_digest(d);
  for (int w = 0; w < 5; ++w)
    for (int b = 3; b >= 0; --b) {
      const unsigned c = (d[w] >> (8 * b)) & 0xffu;
      out += hex[c >> 4];
      out += hex[c & 15];
    }
#endif
  return out;
}

namespace {

template <typename T>
std::string hash_as(const std::vector<double>& v) {
  std::vector<unsigned char> bytes(v.size() * sizeof(T));
  for (std::size_t i = 0; i < v.size(); ++i) {
    const T x = static_cast<T>(v[i]);
    unsigned char b[sizeof(T)];
    std::memcpy(b, &x, sizeof(T));
    // Little-endian byte order (the host is assumed little-endian, as every R platform).
    std::memcpy(&bytes[i * sizeof(T)], b, sizeof(T));
  }
  return sha1_hex(bytes.data(), bytes.size());
}

}  // namespace

std::string image_hash(const image::image<double>& img, const std::string& t) {
  const auto& v = img.voxels;
  if (t == "char") return hash_as<std::int8_t>(v);
  if (t == "unsigned_char") return hash_as<std::uint8_t>(v);
  if (t == "short") return hash_as<std::int16_t>(v);
  if (t == "unsigned_short") return hash_as<std::uint16_t>(v);
  if (t == "int") return hash_as<std::int32_t>(v);
  if (t == "unsigned_int") return hash_as<std::uint32_t>(v);
  if (t == "float") return hash_as<float>(v);
  if (t == "double") return hash_as<double>(v);
  return "";
}

std::string mask_hash(const image::label_image& mask) {
  std::vector<std::uint32_t> u(mask.voxels.begin(), mask.voxels.end());
  return sha1_hex(u.data(), u.size() * sizeof(std::uint32_t));
}

std::string py_float(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string py_tuple(const std::vector<double>& v) {
  std::string s = "(";
  for (std::size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + py_float(v[k]);
  return s + ")";
}

std::string py_int_tuple(const std::vector<long long>& v) {
  std::string s = "(";
  for (std::size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + std::to_string(v[k]);
  return s + ")";
}

std::size_t count_components(const image::label_image& mask, int label,
                             const bounding_box& box) {
  const auto& g = mask.geom;
  const long nx = static_cast<long>(box.size[0]), ny = static_cast<long>(box.size[1]),
             nz = static_cast<long>(box.size[2]);
  std::vector<char> in(static_cast<std::size_t>(nx * ny * nz), 0);
  for (long z = 0; z < nz; ++z)
    for (long y = 0; y < ny; ++y)
      for (long x = 0; x < nx; ++x)
        in[static_cast<std::size_t>(x + nx * (y + ny * z))] =
            mask.voxels[g.linear_index(box.lower[0] + x, box.lower[1] + y, box.lower[2] + z)] ==
            label;
  std::size_t n = 0;
  std::vector<long> stack;
  for (long s = 0; s < nx * ny * nz; ++s) {
    if (!in[static_cast<std::size_t>(s)]) continue;
    ++n;
    in[static_cast<std::size_t>(s)] = 0;
    stack.assign(1, s);
    while (!stack.empty()) {
      const long v = stack.back();
      stack.pop_back();
      const long x = v % nx, y = (v / nx) % ny, z = v / (nx * ny);
      for (long dz = -1; dz <= 1; ++dz)
        for (long dy = -1; dy <= 1; ++dy)
          for (long dx = -1; dx <= 1; ++dx) {
            const long xx = x + dx, yy = y + dy, zz = z + dz;
            if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
            const long w = xx + nx * (yy + ny * zz);
            if (!in[static_cast<std::size_t>(w)]) continue;
            in[static_cast<std::size_t>(w)] = 0;
            stack.push_back(w);
          }
    }
  }
  return n;
}

namespace {

std::vector<double> spacing_of(const image::geometry& g) {
  return std::vector<double>(g.spacing.begin(), g.spacing.begin() + g.dimension);
}
std::vector<long long> size_of(const image::geometry& g) {
  std::vector<long long> s;
  for (int k = 0; k < g.dimension; ++k) s.push_back(static_cast<long long>(g.size[k]));
  return s;
}

}  // namespace

void add_image_diagnostics(diagnostics_list& out, const std::string& stage,
                           const image::image<double>& img, const std::string& component_type) {
  const std::string p = "diagnostics_Image-" + stage + "_";
  if (!component_type.empty()) {
    const std::string h = image_hash(img, component_type);
    if (!h.empty()) out.emplace_back(p + "Hash", h);
  }
  out.emplace_back(p + "Dimensionality", img.geom.dimension == 2 ? "2D" : "3D");
  out.emplace_back(p + "Spacing", py_tuple(spacing_of(img.geom)));
  out.emplace_back(p + "Size", py_int_tuple(size_of(img.geom)));
  double sum = 0;
  double lo = img.voxels.empty() ? 0 : img.voxels[0], hi = lo;
  for (double v : img.voxels) {
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  out.emplace_back(p + "Mean", py_float(sum / static_cast<double>(img.voxels.size())));
  // Integer pixel types print as integers (numpy scalars of the native type).
  const bool integral = component_type.find("char") != std::string::npos ||
                        component_type.find("short") != std::string::npos ||
                        component_type.find("int") != std::string::npos ||
                        component_type.find("long") != std::string::npos;
  auto fmt = [&](double v) {
    return integral ? std::to_string(static_cast<long long>(v)) : py_float(v);
  };
  out.emplace_back(p + "Minimum", fmt(lo));
  out.emplace_back(p + "Maximum", fmt(hi));
}

void add_mask_diagnostics(diagnostics_list& out, const std::string& stage,
                          const image::label_image& mask, int label, const bounding_box& box) {
  const std::string p = "diagnostics_Mask-" + stage + "_";
  const auto& g = mask.geom;
  out.emplace_back(p + "Hash", mask_hash(mask));
  out.emplace_back(p + "Spacing", py_tuple(spacing_of(g)));
  out.emplace_back(p + "Size", py_int_tuple(size_of(g)));
  std::vector<long long> bb;
  for (int k = 0; k < g.dimension; ++k) bb.push_back(static_cast<long long>(box.lower[k]));
  for (int k = 0; k < g.dimension; ++k) bb.push_back(static_cast<long long>(box.size[k]));
  out.emplace_back(p + "BoundingBox", py_int_tuple(bb));
  double n = 0, cx = 0, cy = 0, cz = 0;
  for (std::size_t k = box.lower[2]; k < box.lower[2] + box.size[2]; ++k)
    for (std::size_t j = box.lower[1]; j < box.lower[1] + box.size[1]; ++j)
      for (std::size_t i = box.lower[0]; i < box.lower[0] + box.size[0]; ++i)
        if (mask.voxels[g.linear_index(i, j, k)] == label) {
          n += 1;
          cx += static_cast<double>(i);
          cy += static_cast<double>(j);
          cz += static_cast<double>(k);
        }
  out.emplace_back(p + "VoxelNum", std::to_string(static_cast<long long>(n)));
  out.emplace_back(p + "VolumeNum", std::to_string(count_components(mask, label, box)));
  const double idx[3] = {cx / n, cy / n, cz / n};
  std::vector<double> com_index(idx, idx + g.dimension), com;
  for (int r = 0; r < g.dimension; ++r) {
    double v = g.origin[r];
    for (int c = 0; c < g.dimension; ++c) v += g.direction[3 * r + c] * idx[c] * g.spacing[c];
    com.push_back(v);
  }
  out.emplace_back(p + "CenterOfMassIndex", py_tuple(com_index));
  out.emplace_back(p + "CenterOfMass", py_tuple(com));
}

}  // namespace radsig::features
