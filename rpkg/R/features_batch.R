#' Extract features for many cases
#'
#' Runs [extract_features()] for every row of a manifest, in parallel through
#' `future.apply` under whatever `future::plan()` is set (sequential by default; cluster
#' backends such as `future.batchtools` work unchanged), with progress reported through
#' `progressr` (wrap the call in `progressr::with_progress()` to see it). A failing case
#' becomes a row with its error message instead of stopping the batch. With `cache_dir`,
#' every successfully finished case is written there, and a rerun (e.g. after an
#' interruption) reads the finished cases instead of computing them again. A cached case is
#' reused only if its image and mask files (path, size, modification time), its label, the
#' settings and the radsig version are unchanged; failed cases are always retried.
#'
#' @param manifest A data.frame with columns `id` (unique), `image`, `mask` (file paths)
#'   and optionally `label`.
#' @param settings A [feature_settings()] object.
#' @param cache_dir `NULL` or a directory for per-case result files (created if needed).
#' @return A data.frame with one row per case: `id`, `label`, `error` (`NA` when the case
#'   succeeded, else the message), then one column per feature, named and ordered as
#'   PyRadiomics names them. Attribute `cached`: logical, TRUE for cases read from the cache.
#' @seealso [extract_features()]
#' @export
#' @examples
#' dir <- tempfile()
#' dir.create(dir)
#' img <- file.path(dir, "img.nrrd")
#' msk <- file.path(dir, "msk.nrrd")
#' con <- file(img, "wb")
#' writeLines(c("NRRD0004", "type: short", "dimension: 3", "sizes: 4 4 2",
#'              "spacings: 1 1 1", "encoding: raw", "endian: little", ""), con, sep = "\n")
#' writeBin(as.integer(rep(1:8, 4)), con, size = 2, endian = "little")
#' close(con)
#' con <- file(msk, "wb")
#' writeLines(c("NRRD0004", "type: short", "dimension: 3", "sizes: 4 4 2",
#'              "spacings: 1 1 1", "encoding: raw", "endian: little", ""), con, sep = "\n")
#' writeBin(as.integer(rep(1L, 32)), con, size = 2, endian = "little")
#' close(con)
#' m <- data.frame(id = c("a", "b"), image = img, mask = c(msk, "missing.nrrd"))
#' res <- extract_batch(m, feature_settings(featureClass = list(firstorder = NULL)))
#' res[, 1:5]
extract_batch <- function(manifest, settings = feature_settings(), cache_dir = NULL) {
  check_manifest(manifest)
  if (!inherits(settings, "radsig_feature_settings")) {
    radsig_abort("`settings` must be created by feature_settings() or read_params().",
                 class = "radsig_error_type", arg = "settings")
  }
  if (!is.null(settings$resampledPixelSpacing) && !is.null(settings$interpolator)) {
    interpolator_name(settings$interpolator)
  }
  if (!is.null(cache_dir)) {
    if (!is.character(cache_dir) || length(cache_dir) != 1L || is.na(cache_dir)) {
      radsig_abort("`cache_dir` must be NULL or a single directory path.",
                   class = "radsig_error_type", arg = "cache_dir")
    }
    dir.create(cache_dir, recursive = TRUE, showWarnings = FALSE)
  }
  n <- nrow(manifest)
  labels <- if ("label" %in% names(manifest)) manifest$label else rep(settings$label, n)
  cases <- lapply(seq_len(n), function(i) {
    list(id = as.character(manifest$id[i]), image = as.character(manifest$image[i]),
         mask = as.character(manifest$mask[i]), label = labels[i])
  })
  p <- progressr::progressor(steps = n)
  results <- future.apply::future_lapply(cases, function(case) {
    out <- run_batch_case(case, settings, cache_dir)
    p(sprintf("case %s", case$id))
    out
  }, future.seed = NULL)
  batch_to_data_frame(results)
}

check_manifest <- function(manifest, call = sys.call(-1)) {
  if (!is.data.frame(manifest)) {
    radsig_abort(sprintf("`manifest` must be a data.frame, not %s.", describe_type(manifest)),
                 class = "radsig_error_type", arg = "manifest", call = call)
  }
  missing_cols <- setdiff(c("id", "image", "mask"), names(manifest))
  if (length(missing_cols)) {
    radsig_abort(sprintf("`manifest` lacks column(s) %s.", paste(missing_cols, collapse = ", ")),
                 class = "radsig_error_value", arg = "manifest", call = call)
  }
  if (nrow(manifest) == 0L) {
    radsig_abort("`manifest` has no rows.", class = "radsig_error_length", arg = "manifest",
                 call = call)
  }
  if (anyNA(manifest$id) || anyDuplicated(as.character(manifest$id))) {
    radsig_abort("`manifest$id` must be unique and not missing.",
                 class = "radsig_error_value", arg = "manifest", call = call)
  }
  if ("label" %in% names(manifest) &&
      (!is.numeric(manifest$label) || anyNA(manifest$label))) {
    radsig_abort("`manifest$label` must be numeric without missing values.",
                 class = "radsig_error_value", arg = "manifest", call = call)
  }
  invisible(TRUE)
}

# One file per case id; characters other than letters, digits, "." and "-" are written as
# "_<hex code>_", so different ids never share a file.
cache_file <- function(cache_dir, id) {
  chars <- strsplit(enc2utf8(as.character(id)), "")[[1]]
  unsafe <- !grepl("^[A-Za-z0-9.-]$", chars, perl = TRUE)
  chars[unsafe] <- sprintf("_%X_", vapply(chars[unsafe], utf8ToInt, 0L))
  file.path(cache_dir, paste0(paste(chars, collapse = ""), ".rds"))
}

run_batch_case <- function(case, settings, cache_dir) {
  use_cache <- !is.null(cache_dir)
  if (use_cache) {
    key <- batch_cache_key(case, settings)
    f <- cache_file(cache_dir, case$id)
    cached <- if (file.exists(f)) tryCatch(readRDS(f), error = function(e) NULL)
    if (!is.null(cached) && identical(cached$key, key)) {
      cached$key <- NULL
      cached$cached <- TRUE
      return(cached)
    }
  }
  res <- tryCatch({
    v <- extract_features(case$image, case$mask, settings, label = case$label)
    list(id = case$id, label = case$label, error = NA_character_,
         values = stats::setNames(as.numeric(v), names(v)))
  }, error = function(e) {
    list(id = case$id, label = case$label, error = conditionMessage(e), values = NULL)
  })
  # Failed cases are not cached: a rerun tries them again (e.g. after fixing a file).
  if (use_cache && is.na(res$error)) {
    tmp <- paste0(f, ".tmp")
    saveRDS(c(res, list(key = key)), tmp)
    file.rename(tmp, f)
  }
  res$cached <- FALSE
  res
}

# What a cached result depends on: the case (id, files, label), the files' size and
# modification time, the settings and the radsig version. A cached file is reused only
# when its key is identical, so changed settings or images are recomputed.
batch_cache_key <- function(case, settings) {
  files <- c(case$image, case$mask)
  info <- file.info(files, extra_cols = FALSE)
  list(id = case$id, files = normalizePath(files, mustWork = FALSE), label = case$label,
       size = info$size, mtime = as.numeric(info$mtime), settings = unclass(settings),
       version = as.character(utils::packageVersion("radsig")))
}

batch_to_data_frame <- function(results) {
  ok <- Filter(function(r) is.null(r$error) || is.na(r$error), results)
  feat_names <- if (length(ok)) names(ok[[1L]]$values) else character()
  mat <- matrix(NA_real_, nrow = length(results), ncol = length(feat_names),
                dimnames = list(NULL, feat_names))
  for (i in seq_along(results)) {
    v <- results[[i]]$values
    if (!is.null(v)) mat[i, ] <- v[feat_names]
  }
  df <- data.frame(id = vapply(results, function(r) r$id, ""),
                   label = vapply(results, function(r) as.numeric(r$label), 0),
                   error = vapply(results, function(r) as.character(r$error), ""),
                   stringsAsFactors = FALSE)
  df <- cbind(df, as.data.frame(mat, optional = TRUE))
  attr(df, "cached") <- vapply(results, function(r) isTRUE(r$cached), TRUE)
  df
}
