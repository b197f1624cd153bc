# Header-only dependencies. Eigen is taken from the RcppEigen R package, so the CMake build
# and the R package compile the core against the very same Eigen (never /usr/include/eigen3,
# see docs/design/architecture.md). Boost.Math comes from the system Boost headers
# (Debian: libboost-math-dev), which is also what R's compiler finds. Override with
# RADSIG_EIGEN_INCLUDE.
find_program(RSCRIPT_EXECUTABLE Rscript)

function(radsig_r_package_include pkg out_var)
  if(DEFINED ${out_var} AND EXISTS "${${out_var}}")
    return()
  endif()
  if(NOT RSCRIPT_EXECUTABLE)
    message(FATAL_ERROR "Rscript not found: cannot locate the ${pkg} headers. "
                        "Install R and r-cran-<name in lower case> or set ${out_var}.")
  endif()
  execute_process(
    COMMAND ${RSCRIPT_EXECUTABLE} -e "cat(system.file('include', package = '${pkg}'))"
    OUTPUT_VARIABLE dir OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT dir OR NOT EXISTS "${dir}")
    message(FATAL_ERROR "The R package ${pkg} is not installed (needed for its headers). "
                        "On Debian: apt-get install r-cran-<name in lower case>.")
  endif()
  set(${out_var} "${dir}" CACHE PATH "Include directory of R package ${pkg}")
endfunction()

radsig_r_package_include(RcppEigen RADSIG_EIGEN_INCLUDE)
find_package(Boost 1.70 REQUIRED)
set(RADSIG_BOOST_INCLUDE ${Boost_INCLUDE_DIRS})
message(STATUS "radsig: Eigen from ${RADSIG_EIGEN_INCLUDE}")
message(STATUS "radsig: Boost from ${RADSIG_BOOST_INCLUDE}")

# ITK (image IO, resampling, N4, morphology). Its include directories are SYSTEM and its own
# Eigen copy stays inside ITK headers, which only the image module's .cpp files include.
# Keep this component list in sync with rpkg/tools/itk/CMakeLists.txt.
set(RADSIG_ITK_COMPONENTS
  ITKCommon ITKIOImageBase ITKIONRRD ITKIONIFTI ITKIOMeta ITKIOGDCM
  ITKImageGrid ITKImageFunction ITKBiasCorrection ITKBinaryMathematicalMorphology
  ITKMathematicalMorphology ITKThresholding ITKImageIntensity ITKImageStatistics)
find_package(ITK 5.2 REQUIRED COMPONENTS ${RADSIG_ITK_COMPONENTS})
set(RADSIG_ITK_INCLUDE ${ITK_INCLUDE_DIRS})
list(REMOVE_ITEM RADSIG_ITK_INCLUDE /usr/include)
set(RADSIG_ITK_LIBRARIES ${ITK_LIBRARIES})
message(STATUS "radsig: ITK ${ITK_VERSION} from ${ITK_DIR}")
