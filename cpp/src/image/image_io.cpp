// ITK-based image IO. The only place where ITK's IO headers are included.
#include "radsig/image/io.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <mutex>
#include <cstring>
#include <fstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <itkGDCMImageIO.h>
#include <itkGDCMImageIOFactory.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkImageIOFactory.h>
#include <itkImageSeriesReader.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include "radsig/core/error.hpp"
#include "radsig/image/checks.hpp"
#include "itk_convert.hpp"

namespace radsig::image {
namespace {

// ITK's IO factories, registered once per process. std::call_once makes concurrent first
// calls safe; later calls return immediately.
void register_io_factories() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::NiftiImageIOFactory::RegisterOneFactory();
    itk::NrrdImageIOFactory::RegisterOneFactory();
    itk::MetaImageIOFactory::RegisterOneFactory();
    itk::GDCMImageIOFactory::RegisterOneFactory();
    // ITK warnings go to stderr; radsig reports problems through exceptions instead.
    itk::Object::GlobalWarningDisplayOff();
  });
}

enum class file_kind { directory, regular, missing };

file_kind kind_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return file_kind::missing;
  return S_ISDIR(st.st_mode) ? file_kind::directory : file_kind::regular;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const char* const kSupported = ".nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd, .dcm or a DICOM directory";

// Format named by the extension; empty when unknown.
std::string format_of(const std::string& path) {
  const std::string p = lower(path);
  if (ends_with(p, ".nii") || ends_with(p, ".nii.gz")) return "NIfTI";
  if (ends_with(p, ".nrrd") || ends_with(p, ".nhdr")) return "NRRD";
  if (ends_with(p, ".mha") || ends_with(p, ".mhd")) return "MetaImage";
  if (ends_with(p, ".dcm")) return "DICOM";
  return "";
}

std::string in_quotes(const std::string& path) { return "'" + path + "'"; }

// ITK exception descriptions repeat file and line; keep the first line of the description.
std::string itk_message(const itk::ExceptionObject& e) {
  std::string d = e.GetDescription();
  const auto nl = d.find('\n');
  if (nl != std::string::npos) d = d.substr(0, nl);
  while (!d.empty() && std::isspace(static_cast<unsigned char>(d.back()))) d.pop_back();
  return d;
}

// ITK's NIfTI and MetaImage readers accept files whose voxel data stop early (they warn on
// stderr and leave zeros). Check that the data are complete before trusting the voxels.
std::uint64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

// Reads `f` to its end and closes it; returns the number of bytes read. Throws io_error
// when the (compressed) data are corrupt or end early.
std::uint64_t drain_gz(gzFile f, const std::string& path) {
  std::vector<unsigned char> buf(1 << 16);
  std::uint64_t total = 0;
  bool failed = false;
  for (;;) {
    const int n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) failed = true;
    if (n <= 0) break;
    total += static_cast<std::uint64_t>(n);
  }
  int errnum = Z_OK;
  gzerror(f, &errnum);
  gzclose(f);
  if (failed || (errnum != Z_OK && errnum != Z_STREAM_END)) {
    throw io_error("cannot read " + in_quotes(path) + ": the compressed data are corrupt or truncated");
  }
  return total;
}

void check_nifti_complete(const std::string& path, std::uint64_t nbytes) {
  gzFile f = gzopen(path.c_str(), "rb");  // also reads uncompressed files
  if (!f) throw io_error("cannot open " + in_quotes(path));
  unsigned char hdr[540];
  int got = gzread(f, hdr, sizeof(hdr));
  if (got < 0) {
    gzclose(f);
    throw io_error("cannot read " + in_quotes(path) + ": the compressed data are corrupt or truncated");
  }
  const std::uint64_t total = static_cast<std::uint64_t>(got) + drain_gz(f, path);
  std::uint64_t offset = 352;
  if (total >= 4) {
    std::int32_t sizeof_hdr;
    std::memcpy(&sizeof_hdr, hdr, 4);
    bool swap = sizeof_hdr != 348 && sizeof_hdr != 540;
    auto fix32 = [swap](std::uint32_t v) {
      return swap ? ((v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24)) : v;
    };
    const std::int32_t hs = static_cast<std::int32_t>(fix32(static_cast<std::uint32_t>(sizeof_hdr)));
    if (hs == 348 && total >= 112) {
      std::uint32_t raw;
      std::memcpy(&raw, hdr + 108, 4);
      raw = fix32(raw);
      float vox;
      std::memcpy(&vox, &raw, 4);
      if (vox >= 348) offset = static_cast<std::uint64_t>(vox);
    } else if (hs == 540 && total >= 176) {
      std::uint64_t raw;
      std::memcpy(&raw, hdr + 168, 8);
      if (swap) raw = __builtin_bswap64(raw);
      offset = raw;
    }
  }
  if (total < offset + nbytes) {
    throw io_error("cannot read " + in_quotes(path) + ": the file is truncated (" + std::to_string(total) +
                   " bytes of data, " + std::to_string(offset + nbytes) + " expected)");
  }
}

void check_meta_complete(const std::string& path, std::uint64_t nbytes) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  bool compressed = false;
  while (std::getline(in, line)) {
    auto key_is = [&line](const char* key) { return line.rfind(key, 0) == 0; };
    if (key_is("CompressedData") && line.find("True") != std::string::npos) compressed = true;
    if (!key_is("ElementDataFile")) continue;
    if (compressed) return;  // size of compressed data unknown; zlib reports errors
    std::string value = line.substr(line.find('=') + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
    std::uint64_t available = 0;
    if (value == "LOCAL") {
      const auto pos = in.tellg();
      available = file_size(path) - static_cast<std::uint64_t>(pos);
    } else if (value.find(' ') == std::string::npos && value != "LIST") {
      const auto slash = path.find_last_of('/');
      const std::string data = value[0] == '/' || slash == std::string::npos
                                   ? value : path.substr(0, slash + 1) + value;
      if (kind_of(data) != file_kind::regular) {
        throw io_error("cannot read " + in_quotes(path) + ": its data file " + in_quotes(data) + " does not exist");
      }
      available = file_size(data);
    } else {
      return;
    }
    if (available < nbytes) {
      throw io_error("cannot read " + in_quotes(path) + ": the voxel data are truncated (" +
                     std::to_string(available) + " bytes, " + std::to_string(nbytes) + " expected)");
    }
    return;
  }
}

// Bytes of a gzip stream starting at `offset` of `path`; throws io_error when it is corrupt
// or ends early.
std::uint64_t gzip_payload_size(const std::string& path, std::uint64_t offset) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    if (fd >= 0) ::close(fd);
    throw io_error("cannot open " + in_quotes(path));
  }
  gzFile f = gzdopen(fd, "rb");
  if (!f) {
    ::close(fd);
    throw io_error("cannot open " + in_quotes(path));
  }
  return drain_gz(f, path);
}

// NRRD: ITK's reader leaks memory on its error path for truncated data, so check first.
void check_nrrd_complete(const std::string& path, std::uint64_t nbytes) {
  std::ifstream in(path, std::ios::binary);
  std::string line, encoding = "raw", data_file;
  bool skips = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;  // end of an attached header
    const auto colon = line.find(':');
    if (colon == std::string::npos || line[0] == '#') continue;
    std::string key = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == '=') value.erase(0, 1);  // key:=value
    value.erase(0, value.find_first_not_of(" \t"));
    if (key == "encoding") encoding = lower(value);
    if (key == "data file" || key == "datafile") data_file = value;
    if (key == "line skip" || key == "lineskip" || key == "byte skip" || key == "byteskip") skips = true;
  }
  if (skips) return;
  const bool gz = encoding == "gzip" || encoding == "gz";
  if (!gz && encoding != "raw") return;  // ascii/hex/bzip2: left to ITK
  std::string data = path;
  std::uint64_t offset = 0;
  if (data_file.empty()) {
    if (!in) return;  // header without data
    offset = static_cast<std::uint64_t>(in.tellg());
  } else {
    if (data_file.find(' ') != std::string::npos || lower(data_file).rfind("list", 0) == 0) return;
    const auto slash = path.find_last_of('/');
    data = data_file[0] == '/' || slash == std::string::npos ? data_file
                                                            : path.substr(0, slash + 1) + data_file;
    if (kind_of(data) != file_kind::regular) {
      throw io_error("cannot read " + in_quotes(path) + ": its data file " + in_quotes(data) +
                     " does not exist");
    }
  }
  const std::uint64_t available = gz ? gzip_payload_size(data, offset) : file_size(data) - offset;
  if (available < nbytes) {
    throw io_error("cannot read " + in_quotes(path) + ": the voxel data are truncated (" +
                   std::to_string(available) + " bytes, " + std::to_string(nbytes) + " expected)");
  }
}

void check_complete(const std::string& path, const std::string& format, itk::ImageIOBase* io) {
  const std::uint64_t nbytes = io->GetImageSizeInBytes();
  if (format == "NIfTI") check_nifti_complete(path, nbytes);
  if (format == "MetaImage") check_meta_complete(path, nbytes);
  if (format == "NRRD") check_nrrd_complete(path, nbytes);
}

struct dicom_series {
  std::string uid;
  std::vector<std::string> files;
};

std::vector<dicom_series> find_dicom_series(const std::string& dir) {
  auto names = itk::GDCMSeriesFileNames::New();
  names->SetUseSeriesDetails(true);
  names->SetDirectory(dir);
  std::vector<dicom_series> out;
  for (const auto& uid : names->GetSeriesUIDs()) out.push_back({uid, names->GetFileNames(uid)});
  std::stable_sort(out.begin(), out.end(), [](const dicom_series& a, const dicom_series& b) {
    return a.files.size() > b.files.size();
  });
  return out;
}

// The files of the chosen series of a DICOM directory.
std::vector<std::string> dicom_files(const std::string& dir, const read_options& opt) {
  const auto series = find_dicom_series(dir);
  if (series.empty()) {
    throw io_error("cannot read " + in_quotes(dir) +
                   ": the directory holds no DICOM series (expected a file with extension " +
                   kSupported + ")");
  }
  if (opt.series_uid.empty()) return series.front().files;
  for (const auto& s : series) {
    if (s.uid == opt.series_uid) return s.files;
  }
  // GDCM appends series details (orientation, ...) to the Series Instance UID; accept the
  // plain UID for the largest matching series.
  for (const auto& s : series) {
    if (s.uid.rfind(opt.series_uid + ".", 0) == 0) return s.files;
  }
  std::string known;
  for (const auto& s : series) known += (known.empty() ? "" : ", ") + s.uid;
  throw io_error("DICOM series '" + opt.series_uid + "' is not in " + in_quotes(dir) +
                 "; series found: " + known);
}

// An ImageIO able to read `path` (a file), with its header read.
itk::ImageIOBase::Pointer open_file(const std::string& path, std::string& format) {
  format = format_of(path);
  if (format.empty()) {
    throw io_error("cannot read " + in_quotes(path) + ": unknown file extension (supported: " +
                   kSupported + ")");
  }
  itk::ImageIOBase::Pointer io =
      itk::ImageIOFactory::CreateImageIO(path.c_str(), itk::ImageIOFactory::IOFileModeEnum::ReadMode);
  if (!io) {
    throw io_error("cannot read " + in_quotes(path) + ": not a valid " + format +
                   " file (corrupt, truncated or of another format)");
  }
  io->SetFileName(path);
  try {
    io->ReadImageInformation();
  } catch (const itk::ExceptionObject& e) {
    throw io_error("cannot read the header of " + in_quotes(path) + ": " + itk_message(e));
  }
  check_complete(path, format, io);
  return io;
}

struct opened {
  itk::ImageIOBase::Pointer io;
  std::vector<std::string> files;  // DICOM series files (empty for single files)
  image_file_info info;
};

opened open_any(const std::string& path, const read_options& opt) {
  if (path.empty()) throw invalid_argument("path", "the file name is empty");
  register_io_factories();
  opened o;
  switch (kind_of(path)) {
    case file_kind::missing:
      throw io_error("cannot read " + in_quotes(path) + ": the file does not exist");
    case file_kind::directory: {
      o.files = dicom_files(path, opt);
      auto io = itk::GDCMImageIO::New();
      io->SetFileName(o.files.front());
      try {
        io->ReadImageInformation();
      } catch (const itk::ExceptionObject& e) {
        throw io_error("cannot read DICOM file " + in_quotes(o.files.front()) + ": " + itk_message(e));
      }
      o.io = io;
      o.info.format = "DICOM";
      break;
    }
    case file_kind::regular:
      o.io = open_file(path, o.info.format);
      break;
  }
  const unsigned nd = o.io->GetNumberOfDimensions();
  o.info.dimension = static_cast<int>(nd);
  for (unsigned d = 0; d < nd; ++d) o.info.size.push_back(o.io->GetDimensions(d));
  if (!o.files.empty()) {  // a series stacks 2-D (or single-slice 3-D) files along z
    o.info.size.resize(3, 1);
    o.info.size[2] = o.files.size();
    o.info.dimension = 3;
  }
  o.info.component_type = itk::ImageIOBase::GetComponentTypeAsString(o.io->GetComponentType());
  o.info.components = o.io->GetNumberOfComponents();
  return o;
}

// Axes the image is read with: 2 or 3, after dropping trailing axes of length 1 beyond the 3rd.
int effective_dimension(const opened& o, const std::string& path) {
  const auto& size = o.info.size;
  if (o.info.dimension < 2) {
    throw io_error("cannot read " + in_quotes(path) + ": a " + std::to_string(o.info.dimension) +
                   "-D image is not supported (2-D or 3-D expected)");
  }
  for (std::size_t d = 3; d < size.size(); ++d) {
    if (size[d] != 1) {
      throw io_error("cannot read " + in_quotes(path) + ": it is a " +
                     std::to_string(o.info.dimension) + "-D image (axis " + std::to_string(d + 1) +
                     " has " + std::to_string(size[d]) +
                     " elements); only 2-D and 3-D images are supported — extract one volume first");
    }
  }
  if (o.info.components != 1) {
    throw io_error("cannot read " + in_quotes(path) + ": voxels have " +
                   std::to_string(o.info.components) +
                   " components (vector/RGB image); a scalar image is required");
  }
  return o.info.dimension == 2 ? 2 : 3;
}

template <typename Pixel, unsigned D>
typename itk::Image<Pixel, D>::Pointer read_itk(const std::string& path, const opened& o) {
  using image_t = itk::Image<Pixel, D>;
  try {
    if (!o.files.empty()) {
      auto reader = itk::ImageSeriesReader<image_t>::New();
      reader->SetImageIO(itk::GDCMImageIO::New());
      reader->SetFileNames(o.files);
      reader->Update();
      return reader->GetOutput();
    }
    auto reader = itk::ImageFileReader<image_t>::New();
    reader->SetFileName(path);
    reader->SetImageIO(o.io);
    reader->Update();
    return reader->GetOutput();
  } catch (const itk::ExceptionObject& e) {
    throw io_error("cannot read the voxels of " + in_quotes(path) + " (corrupt or truncated file?): " +
                   itk_message(e));
  }
}

float to_float(float v) { return v; }

template <typename T, typename Pixel>
image<T> read_as(const std::string& path, const read_options& opt, T (*convert)(Pixel)) {
  const opened o = open_any(path, opt);
  if (effective_dimension(o, path) == 2) return detail::from_itk<T>(read_itk<Pixel, 2>(path, o).GetPointer(), convert);
  return detail::from_itk<T>(read_itk<Pixel, 3>(path, o).GetPointer(), convert);
}

template <typename Pixel, unsigned D, typename T>
void write_itk(const image<T>& img, const std::string& path) {
  auto writer = itk::ImageFileWriter<itk::Image<Pixel, D>>::New();
  writer->SetFileName(path);
  writer->SetInput(detail::to_itk<Pixel, D>(img));
  writer->Update();
}

template <typename Pixel, typename T>
void write_any(const image<T>& img, const std::string& path) {
  if (path.empty()) throw invalid_argument("path", "the file name is empty");
  validate_image(img, "image");
  const std::string format = format_of(path);
  if (format.empty() || kind_of(path) == file_kind::directory) {
    throw io_error("cannot write " + in_quotes(path) +
                   ": unknown file extension (supported: .nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd)");
  }
  if (format == "DICOM") {
    throw io_error("cannot write " + in_quotes(path) + ": writing DICOM is not supported; use NIfTI, NRRD or MetaImage");
  }
  register_io_factories();
  try {
    if (img.geom.dimension == 2) {
      write_itk<Pixel, 2>(img, path);
    } else {
      write_itk<Pixel, 3>(img, path);
    }
  } catch (const itk::ExceptionObject& e) {
    throw io_error("cannot write " + in_quotes(path) + ": " + itk_message(e));
  }
}

}  // namespace

image_file_info read_image_info(const std::string& path, const read_options& options) {
  return open_any(path, options).info;
}

intensity_image read_intensity_image(const std::string& path, const read_options& options) {
  return read_as<float, float>(path, options, &to_float);
}

label_image read_label_image(const std::string& path, const read_options& options) {
  image<double> raw = read_as<double, double>(path, options, +[](double v) { return v; });
  label_image out(raw.geom);
  constexpr double lo = std::numeric_limits<std::int32_t>::min();
  constexpr double hi = std::numeric_limits<std::int32_t>::max();
  for (std::size_t i = 0; i < raw.voxels.size(); ++i) {
    const double v = raw.voxels[i];
    if (!std::isfinite(v) || v != std::floor(v) || v < lo || v > hi) {
      throw io_error("cannot read " + in_quotes(path) +
                     " as a label mask: voxel " + std::to_string(i) + " has value " +
                     std::to_string(v) + " (labels must be finite integers)");
    }
    out.voxels[i] = static_cast<std::int32_t>(v);
  }
  return out;
}

void write_image(const intensity_image& img, const std::string& path) {
  write_any<float>(img, path);
}

void write_image(const label_image& img, const std::string& path) {
  write_any<std::int32_t>(img, path);
}

std::vector<std::string> dicom_series_uids(const std::string& directory) {
  if (kind_of(directory) != file_kind::directory) {
    throw io_error("cannot list DICOM series: " + in_quotes(directory) + " is not a directory");
  }
  register_io_factories();
  std::vector<std::string> out;
  for (const auto& s : find_dicom_series(directory)) out.push_back(s.uid);
  return out;
}

}  // namespace radsig::image
