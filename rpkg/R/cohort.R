#' Simulate a multi-centre radiomics cohort (images, masks, clinical data, ground truth)
#'
#' Writes one synthetic breast image and ROI mask per patient (NIfTI) and returns the
#' manifest for [extract_batch()], a clinical data.frame and the ground truth. The cohort is
#' built so that a radiomics pipeline has a real, known signal to find and real centre
#' effects to remove.
#'
#' @section Generative model:
#' For patient \eqn{i} in centre \eqn{c}:
#' * **Latent metastatic propensity** \eqn{z_i \sim N(0, 1)}.
#' * **Lesion** (all in mm, independent of the scanner): radius
#'   \eqn{r_i = 7 \exp(0.18 z_i + 0.12 e_{1i})}; texture heterogeneity
#'   \eqn{h_i = \exp(0.45 z_i + 0.2 e_{2i})} (SD of a Gaussian random texture of correlation
#'   length 1.5 mm is \eqn{25 h_i}); margin irregularity
#'   \eqn{g_i = 0.35\,\mathrm{plogis}(1.5 z_i + 0.5 e_{3i})}: the lesion is the set where
#'   the normalised distance to its centre is below \eqn{1 + g_i U}, \eqn{U} a smooth random
#'   field of unit SD (correlation length 3 mm). \eqn{e_{\cdot i} \sim N(0, 1)}.
#' * **Clinical**: age \eqn{\sim N(52, 11)} (25--85), post-menopausal with probability
#'   `plogis((age - 50) / 2.5)`; ER+ 75\%, PR+ 80\% of ER+ (15\% of ER-), HER2+ 20\%;
#'   Ki-67 (\%) \eqn{= 100\,\mathrm{plogis}(-1.3 + 0.4 z_i + 0.6\,[ER-] + N(0, 0.6))};
#'   molecular subtype from ER/PR/HER2/Ki-67 (luminal A, luminal B: ER+ with HER2+ or
#'   Ki-67 >= 20, HER2-enriched, triple-negative); tumour size = lesion diameter
#'   \eqn{2 r_i (1 + g_i / 2)}; T stage T1 (<= 20 mm), T2 (<= 50), T3.
#' * **Pathological node status** \eqn{\mathrm{pN}_i \sim \mathrm{Bernoulli}(
#'   \mathrm{plogis}(-0.7 + 1.6 z_i + 0.4\,[Ki67 \ge 20] + 0.3\,[HER2+]))}; positive nodes
#'   \eqn{1 + \mathrm{Poisson}(\exp(0.2 + 0.5 z_i))} when positive, burden N0 / 1-2 / >=3.
#' * **Radiologist's report** of node status: sensitivity 0.55 for 1-2 and 0.8 for >= 3
#'   positive nodes, specificity 0.85.
#' * **Disease-free survival** (months): exponential with hazard
#'   \eqn{0.002 \exp(0.5 z_i + 0.6\,\mathrm{pN}_i + 0.4\,[\ge 3\ nodes] + 0.5\,[TN])} per month,
#'   censored uniformly between 36 and 120 months.
#' * **Centre effects** (centre \eqn{k = 1, 2, \ldots}; `centers` returned as a table):
#'   intensity scale \eqn{\exp(0.35 \sin(2.1 (k - 1)))}, offset \eqn{60 \sin(1.3 (k - 1))},
#'   noise SD \eqn{3 + 2 ((k - 1) \bmod 3)} (before scaling), multiplicative bias field of
#'   strength \eqn{0.1 + 0.15 ((k - 1) \bmod 3)}, voxel spacing (MRI in-plane
#'   \eqn{0.8, 1.0, 0.7}, slices \eqn{2, 2.5, 3} mm, cycling). Centre 1 (the training
#'   centre) holds half the patients, the others share the rest. The field of view is fixed
#'   in mm, so the voxel grid differs by centre.
#' * **Images**: MRI (3-D, 56 x 44 x 30 mm): parenchyma 100 with a smooth structure of SD
#'   20, enhancing lesion 180 + texture, plus an axillary lymph node (mask label 2, 190, radius
#'   2.5 mm, + 1 mm per positive node up to 4); mammography (2-D, 48 x 48 mm): dense lesion
#'   (170 + texture) on fibroglandular background; ultrasound (2-D, 40 x 40 mm):
#'   hypo-echoic lesion (60 + texture) in speckled tissue (multiplicative gamma speckle,
#'   shape 6). The image is \eqn{scale \cdot (I \cdot B) + offset + noise}, with \eqn{B}
#'   the bias field, clipped at 0. The tumour is label 1.
#'
#' The implied discrimination of the latent propensity for node status is reported in
#' `truth$latent` (its AUC in a cohort is an upper bound for any image signature).
#' Random numbers come from R's Mersenne-Twister with Inversion, seeded by `seed`; the
#' caller's random-number state is left unchanged.
#'
#' @param n Number of patients.
#' @param centers Number of centres (>= 1).
#' @param modality `"mri"` (3-D), `"mammography"` or `"ultrasound"` (2-D).
#' @param dir Output folder (created; `images/` and `masks/` are written inside).
#' @param seed Seed (`NULL`: drawn from R's random number generator).
#' @return A list of class `radsig_cohort`: `manifest` (id, image, mask, label = 1, center;
#'   for [extract_batch()]), `clinical` (id, center, age, menopause, t_stage, tumor_size,
#'   er, pr, her2, ki67, subtype, radiologist_ln, pathological_ln, positive_nodes,
#'   node_burden, dfs_time, dfs_event), `truth` (id, center, latent, heterogeneity,
#'   irregularity, radius), `centers` (the centre effects), `modality`, `dir`, `seed`.
#' @export
#' @examples
#' co <- simulate_cohort(n = 12, centers = 2, modality = "mammography",
#'                       dir = tempfile(), seed = 1)
#' co
#' head(co$clinical)
#' feats <- extract_batch(co$manifest[1:3, ],
#'                        feature_settings(featureClass = list(firstorder = NULL)))
#' feats[, 1:6]
simulate_cohort <- function(n = 300, centers = 3, modality = c("mri", "mammography", "ultrasound"),
                            dir = tempfile("radsig_cohort"), seed = NULL) {
  n <- check_count(n, "n", lower = 2)
  centers <- check_count(centers, "centers", lower = 1)
  if (centers > n) {
    radsig_abort("`centers` must not exceed `n`.", class = "radsig_error_value", arg = "centers")
  }
  modality <- match_choice(modality, c("mri", "mammography", "ultrasound"), "modality")
  if (!is.character(dir) || length(dir) != 1L || is.na(dir) || !nzchar(dir)) {
    radsig_abort("`dir` must be a single folder path.", class = "radsig_error_type", arg = "dir")
  }
  if (is.null(seed)) seed <- sample.int(.Machine$integer.max, 1L)
  check_scalar_number(seed, "seed", lower = 0)
  with_seed(seed, cohort_write(n, centers, modality, dir, seed), fixed_kind = TRUE)
}

# Draws the cohort and writes its files (under the caller's seed).
cohort_write <- function(n, centers, modality, dir, seed) {
  ctab <- cohort_center_table(centers, modality)
  center <- cohort_assign_centers(n, centers)
  ids <- sprintf("case%04d", seq_len(n))
  truth <- cohort_truth(ids, center)
  clinical <- cohort_clinical(truth)

  dir.create(file.path(dir, "images"), recursive = TRUE, showWarnings = FALSE)
  dir.create(file.path(dir, "masks"), showWarnings = FALSE)
  img_files <- file.path(dir, "images", paste0(ids, ".nii.gz"))
  msk_files <- file.path(dir, "masks", paste0(ids, ".nii.gz"))
  for (i in seq_len(n)) {
    case <- cohort_case_image(truth[i, ], clinical$positive_nodes[i], ctab[center[i], ],
                              modality)
    write_image(case$image, img_files[i])
    write_image(case$mask, msk_files[i])
  }
  manifest <- data.frame(id = ids, image = normalizePath(img_files),
                         mask = normalizePath(msk_files), label = 1, center = center,
                         stringsAsFactors = FALSE)
  structure(list(manifest = manifest, clinical = clinical, truth = truth, centers = ctab,
                 modality = modality, dir = normalizePath(dir), seed = seed),
            class = "radsig_cohort")
}

#' @export
print.radsig_cohort <- function(x, ...) {
  cl <- x$clinical
  cat(sprintf("<radsig simulated %s cohort: %d patients, %d centre(s), seed %s>\n",
              x$modality, nrow(cl), nrow(x$centers), format(x$seed)))
  tab <- table(center = cl$center, pN = cl$pathological_ln)
  cat("Patients by centre and pathological node status:\n")
  print(tab)
  cat(sprintf("DFS events: %d; files in %s\n", sum(cl$dfs_event), x$dir))
  invisible(x)
}

cohort_center_table <- function(centers, modality) {
  k <- seq_len(centers)
  cyc <- (k - 1L) %% 3L
  inplane <- switch(modality, mri = c(0.8, 1.0, 0.7), mammography = c(0.5, 0.6, 0.7),
                    ultrasound = c(0.4, 0.5, 0.35))[cyc + 1L]
  data.frame(center = k, scale = exp(0.35 * sin(2.1 * (k - 1))),
             offset = 60 * sin(1.3 * (k - 1)), noise = 3 + 2 * cyc,
             bias = 0.1 + 0.15 * cyc, spacing_xy = inplane,
             spacing_z = if (modality == "mri") c(2, 2.5, 3)[cyc + 1L] else NA_real_)
}

cohort_assign_centers <- function(n, centers) {
  if (centers == 1L) return(rep(1L, n))
  n1 <- ceiling(n / 2)
  rest <- rep_len(seq(2L, centers), n - n1)
  sample(c(rep(1L, n1), rest))
}

cohort_truth <- function(ids, center) {
  n <- length(ids)
  z <- stats::rnorm(n)
  e <- matrix(stats::rnorm(3 * n), n)
  data.frame(id = ids, center = center, latent = z,
             heterogeneity = exp(0.45 * z + 0.2 * e[, 2]),
             irregularity = 0.35 * stats::plogis(1.5 * z + 0.5 * e[, 3]),
             radius = 7 * exp(0.18 * z + 0.12 * e[, 1]), stringsAsFactors = FALSE)
}

cohort_clinical <- function(truth) {
  n <- nrow(truth)
  z <- truth$latent
  age <- pmin(pmax(round(stats::rnorm(n, 52, 11)), 25), 85)
  post <- stats::runif(n) < stats::plogis((age - 50) / 2.5)
  er <- stats::runif(n) < 0.75
  pr <- stats::runif(n) < ifelse(er, 0.8, 0.15)
  her2 <- stats::runif(n) < 0.2
  ki67 <- round(100 * stats::plogis(-1.3 + 0.4 * z + 0.6 * !er + stats::rnorm(n, 0, 0.6)))
  subtype <- ifelse(er | pr, ifelse(her2 | ki67 >= 20, "luminal B", "luminal A"),
                    ifelse(her2, "HER2-enriched", "triple-negative"))
  size <- round(2 * truth$radius * (1 + truth$irregularity / 2), 1)
  tstage <- cut(size, c(0, 20, 50, Inf), labels = c("T1", "T2", "T3"))
  pn <- as.integer(stats::runif(n) < stats::plogis(-0.7 + 1.6 * z + 0.4 * (ki67 >= 20) +
                                                     0.3 * her2))
  nodes <- ifelse(pn == 1L, 1L + stats::rpois(n, exp(0.2 + 0.5 * z)), 0L)
  burden <- cut(nodes, c(-Inf, 0, 2, Inf), labels = c("N0", "1-2", ">=3"))
  sens <- ifelse(nodes >= 3, 0.8, 0.55)
  u <- stats::runif(n)
  reported <- as.integer(ifelse(pn == 1L, u < sens, u > 0.85))
  tn <- subtype == "triple-negative"
  hazard <- 0.002 * exp(0.5 * z + 0.6 * pn + 0.4 * (nodes >= 3) + 0.5 * tn)
  t_event <- stats::rexp(n, hazard)
  t_cens <- stats::runif(n, 36, 120)
  data.frame(
    id = truth$id, center = factor(truth$center), age = age,
    menopause = factor(ifelse(post, "post", "pre"), levels = c("pre", "post")),
    t_stage = tstage, tumor_size = size,
    er = factor(ifelse(er, "positive", "negative"), levels = c("negative", "positive")),
    pr = factor(ifelse(pr, "positive", "negative"), levels = c("negative", "positive")),
    her2 = factor(ifelse(her2, "positive", "negative"), levels = c("negative", "positive")),
    ki67 = ki67,
    subtype = factor(subtype, levels = c("luminal A", "luminal B", "HER2-enriched",
                                         "triple-negative")),
    radiologist_ln = reported, pathological_ln = pn, positive_nodes = as.integer(nodes),
    node_burden = burden, dfs_time = round(pmin(t_event, t_cens), 2),
    dfs_event = as.integer(t_event <= t_cens), stringsAsFactors = FALSE)
}

# Gaussian smoothing matrix (rows normalised, so edges are not darkened).
cohort_gauss_matrix <- function(m, sigma) {
  d <- outer(seq_len(m), seq_len(m), "-")
  k <- exp(-0.5 * (d / sigma)^2)
  k / rowSums(k)
}

# Gaussian random field of unit SD with correlation length `sigma` (voxels, per axis).
cohort_field <- function(dims, sigma) {
  a <- array(stats::rnorm(prod(dims)), dims)
  nd <- length(dims)
  for (ax in seq_len(nd)) {
    if (dims[ax] < 2L) next
    perm <- c(ax, setdiff(seq_len(nd), ax))
    b <- aperm(a, perm)
    db <- dim(b)
    b <- array(cohort_gauss_matrix(db[1], sigma[ax]) %*% matrix(b, db[1]), db)
    a <- aperm(b, order(perm))
  }
  (a - mean(a)) / stats::sd(as.vector(a))
}

# Physical coordinates (mm, voxel centres) of a grid as a list of arrays.
cohort_coords <- function(dims, spacing) {
  lapply(seq_along(dims), function(ax) {
    v <- (seq_len(dims[ax]) - 0.5) * spacing[ax]
    each <- prod(dims[seq_len(ax - 1L)])
    array(rep(rep(v, each = each), length.out = prod(dims)), dims)
  })
}

cohort_case_image <- function(tr, nodes, ctr, modality) {
  if (modality == "mri") {
    fov <- c(56, 44, 30)
    spacing <- c(ctr$spacing_xy, ctr$spacing_xy, ctr$spacing_z)
  } else {
    fov <- if (modality == "mammography") c(48, 48) else c(40, 40)
    spacing <- rep(ctr$spacing_xy, 2)
  }
  dims <- pmax(as.integer(round(fov / spacing)), 2L)
  nd <- length(dims)
  xyz <- cohort_coords(dims, spacing)
  centre <- fov / 2
  if (modality == "mri") centre[1] <- 22
  # Lesion with an irregular margin.
  rr <- Reduce(`+`, lapply(seq_len(nd), function(a) (xyz[[a]] - centre[a])^2))
  rnorm_dist <- sqrt(rr) / tr$radius
  margin <- cohort_field(dims, 3 / spacing)
  lesion <- rnorm_dist < 1 + tr$irregularity * margin
  lesion <- lesion & rnorm_dist < 2
  texture <- 25 * tr$heterogeneity * cohort_field(dims, 1.5 / spacing)
  tissue <- cohort_field(dims, 4 / spacing)
  if (modality == "ultrasound") {
    img <- 110 + 10 * tissue
    img[lesion] <- 60 + texture[lesion] * 0.6
    img <- img * stats::rgamma(length(img), shape = 6, rate = 6)
  } else {
    img <- 100 + 20 * tissue
    base <- if (modality == "mri") 180 else 170
    img[lesion] <- base + texture[lesion]
  }
  mask <- array(0L, dims)
  mask[lesion] <- 1L
  if (modality == "mri") {
    node_c <- c(47, 34, fov[3] / 2)
    node_r <- 2.5 + min(nodes, 4)
    node <- Reduce(`+`, lapply(1:3, function(a) (xyz[[a]] - node_c[a])^2)) < node_r^2
    node <- node & !lesion
    img[node] <- 190 + 0.3 * texture[node]
    mask[node] <- 2L
  }
  # Centre effects: bias field (smooth, multiplicative), scale, offset, noise.
  g <- Reduce(`+`, lapply(seq_len(nd), function(a) {
    w <- (xyz[[a]] / fov[a] - 0.5)
    c(0.9, -0.6, 0.4)[a] * w + 0.8 * w^2
  }))
  bias <- exp(ctr$bias * g / max(abs(g)))
  img <- ctr$scale * (img * bias) + ctr$offset +
    ctr$scale * ctr$noise * stats::rnorm(length(img))
  img <- pmax(img, 0)
  dim(img) <- dims
  list(image = as_radsig_image(img, spacing = spacing),
       mask = as_radsig_image(mask, spacing = spacing, mask = TRUE))
}

#' The bundled example cohort
#'
#' 24 simulated mammography cases from two centres, built by `data-raw/example_cohort.R`
#' with `simulate_cohort(n = 24, centers = 2, modality = "mammography", seed = 2019)` and
#' installed in `extdata/example_cohort`.
#'
#' @return A list with `manifest` (absolute file paths, ready for [extract_batch()]),
#'   `clinical` and `truth`, as [simulate_cohort()] returns them (factors as in
#'   `simulate_cohort()`).
#' @export
#' @examples
#' ex <- example_cohort()
#' head(ex$clinical)
#' extract_features(ex$manifest$image[1], ex$manifest$mask[1],
#'                  feature_settings(featureClass = list(shape2D = NULL), force2D = TRUE))
example_cohort <- function() {
  root <- system.file("extdata", "example_cohort", package = "radsig")
  if (!nzchar(root)) {
    radsig_abort("The example cohort is not installed.", class = "radsig_error_io")
  }
  read <- function(f) utils::read.csv(file.path(root, f), stringsAsFactors = FALSE)
  manifest <- read("manifest.csv")
  manifest$image <- file.path(root, manifest$image)
  manifest$mask <- file.path(root, manifest$mask)
  clinical <- read("clinical.csv")
  lev <- list(center = NULL, menopause = c("pre", "post"), t_stage = c("T1", "T2", "T3"),
              er = c("negative", "positive"), pr = c("negative", "positive"),
              her2 = c("negative", "positive"),
              subtype = c("luminal A", "luminal B", "HER2-enriched", "triple-negative"),
              node_burden = c("N0", "1-2", ">=3"))
  for (v in names(lev)) {
    clinical[[v]] <- if (is.null(lev[[v]])) factor(clinical[[v]]) else
      factor(clinical[[v]], levels = lev[[v]])
  }
  list(manifest = manifest, clinical = clinical, truth = read("truth.csv"))
}
