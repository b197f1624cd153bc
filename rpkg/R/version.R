#' Versions of the radsig package and its C++ core
#'
#' @return A named character vector with the R package version and the core version.
#' @export
#' @examples
#' radsig_versions()
radsig_versions <- function() {
  c(package = as.character(utils::packageVersion("radsig")),
    core = core_version_cpp())
}
