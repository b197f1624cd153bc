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
