# radsig main job: a demonstration of the pipeline on real and generated data.
# Usage: Rscript main_job.R [output_dir]
# It grows with the package; each section uses only what radsig already provides.
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "output"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
# Absolute from here on: the report is rendered with its own working directory.
out_dir <- normalizePath(out_dir, mustWork = TRUE)
suppressPackageStartupMessages(library(radsig))
cat("radsig", radsig_versions()[["package"]], "- main job\n")
cat("Results are written to", normalizePath(out_dir), "\n")

# ---------------------------------------------------------------------------------------
# 1. Discrimination: lymph-node positivity in the Rotterdam breast-cancer cohort
# ---------------------------------------------------------------------------------------
cat("\n== 1. Discrimination metrics on survival::rotterdam (n = 2982)\n")
rotterdam <- survival::rotterdam
rotterdam$node_positive <- as.integer(rotterdam$nodes > 0)
# Score 1: tumour size class (<=20 mm, 20-50 mm, >50 mm) as 1, 2, 3.
rotterdam$size_score <- as.numeric(rotterdam$size)
# Score 2: logistic regression on size, grade and age (linear predictor).
fit <- stats::glm(node_positive ~ size + grade + age, family = stats::binomial,
                  data = rotterdam)
rotterdam$glm_score <- stats::predict(fit, type = "link")
cat(sprintf("Node-positive: %d of %d\n", sum(rotterdam$node_positive), nrow(rotterdam)))

scores <- c(size = "size_score", glm = "glm_score")
labels <- c(size = "Tumour-size score", glm = "Logistic model (size + grade + age)")
rocs <- lapply(scores, function(s) roc_curve(rotterdam$node_positive, rotterdam[[s]],
                                             direction = "<"))
cis <- lapply(rocs, auc_ci)
for (k in names(rocs)) {
  cat(sprintf("%-38s ", labels[[k]]))
  print(cis[[k]])
}

cat("\nPaired DeLong test, logistic model vs tumour-size score:\n")
dl <- delong_test(rocs$glm, rocs$size)
print(dl)

cat("Classification at the Youden threshold of the logistic model",
    "(Clopper-Pearson 95% CIs):\n")
cm <- classification_metrics(rotterdam$node_positive, rotterdam$glm_score, direction = "<")
print(cm)

cat("\nHarrell's C for recurrence-free survival (rtime, recur),",
    "higher score = earlier recurrence:\n")
cidx <- lapply(scores, function(s) concordance_index(rotterdam[[s]], time = rotterdam$rtime,
                                                     status = rotterdam$recur))
for (k in names(cidx)) {
  cat(sprintf("%-38s ", labels[[k]]))
  cat(sprintf("C = %.4f (95%% CI %.4f-%.4f)\n", cidx[[k]]$c, cidx[[k]]$lower,
              cidx[[k]]$upper))
}

# Tables.
summary_table <- data.frame(
  score = unname(labels[names(rocs)]),
  auc = vapply(cis, `[[`, 0, "estimate"),
  auc_lower = vapply(cis, `[[`, 0, "lower"),
  auc_upper = vapply(cis, `[[`, 0, "upper"),
  c_index_rfs = vapply(cidx, `[[`, 0, "c"),
  c_index_rfs_lower = vapply(cidx, `[[`, 0, "lower"),
  c_index_rfs_upper = vapply(cidx, `[[`, 0, "upper"),
  delong_p_glm_vs_size = dl$p.value)
utils::write.csv(summary_table, file.path(out_dir, "discrimination_rotterdam.csv"),
                 row.names = FALSE)
cm_table <- as.data.frame(unclass(cm))
cm_table$threshold <- attr(cm, "threshold")
utils::write.csv(cm_table, file.path(out_dir, "classification_youden_rotterdam.csv"),
                 row.names = FALSE)

# ROC plot.
png_file <- file.path(out_dir, "roc_rotterdam.png")
if (capabilities("cairo")) {
  grDevices::png(png_file, width = 1600, height = 1600, res = 220, type = "cairo")
} else {
  grDevices::png(png_file, width = 1600, height = 1600, res = 220)
}
cols <- c(size = "#1b9e77", glm = "#d95f02")
plot(rocs$size, col = cols[["size"]], print_auc = FALSE,
     main = "Node positivity, Rotterdam cohort (n = 2982)")
plot(rocs$glm, add = TRUE, col = cols[["glm"]])
graphics::legend("bottomright", bty = "n", col = cols, lwd = 2, cex = 0.8,
                 legend = sprintf("%s: AUC %.3f (%.3f-%.3f)", labels,
                                  vapply(cis, `[[`, 0, "estimate"),
                                  vapply(cis, `[[`, 0, "lower"),
                                  vapply(cis, `[[`, 0, "upper")))
graphics::mtext(sprintf("Paired DeLong test p = %s", format.pval(dl$p.value, digits = 3)),
                side = 3, line = 0.2, cex = 0.8)
invisible(grDevices::dev.off())
cat("\nWrote", png_file, "and the CSV tables discrimination_rotterdam.csv,",
    "classification_youden_rotterdam.csv\n")

# ---------------------------------------------------------------------------------------
# 2. Simulated multi-centre MRI cohort: the whole radiomics pipeline, with an HTML report
# ---------------------------------------------------------------------------------------
# Sizes are chosen so that the job finishes in under 3 minutes on 2 cores.
n_patients <- as.integer(Sys.getenv("RADSIG_MAIN_N", "240"))
job_seed <- 20240601L
timing <- list()
tic <- function() proc.time()[["elapsed"]]
t_all <- tic()
options(progressr.enable = TRUE)
progressr::handlers(progressr::handler_txtprogressbar(style = 3, width = 50))
cohort_dir <- file.path(out_dir, "cohort")
unlink(cohort_dir, recursive = TRUE)

cat(sprintf("\n== 2. Simulated multi-centre MRI cohort (n = %d, 3 centres)\n", n_patients))
t0 <- tic()
co <- simulate_cohort(n = n_patients, centers = 3, modality = "mri",
                      dir = file.path(cohort_dir, "raw"), seed = job_seed)
timing$simulation <- tic() - t0
print(co)
clin <- co$clinical
train <- clin$center == "1"
cat(sprintf("Training: centre 1 (n = %d); external validation: centres 2-3 (n = %d)\n",
            sum(train), sum(!train)))

# 2a. Preprocessing: N4 bias-field correction, resampling to 1 x 1 x 2 mm, PyRadiomics
#     normalisation (whole-image z-score x 100). Images and masks are written again. Cases
#     run in parallel (future.apply; RADSIG_WORKERS, default 2); results do not depend on it.
workers <- as.integer(Sys.getenv("RADSIG_WORKERS", "2"))
if (workers > 1 && requireNamespace("future", quietly = TRUE)) {
  future::plan(future::multisession, workers = workers)
}
cat(sprintf("-- preprocessing (N4, resampling, normalisation) with %d worker(s)\n", workers))
t0 <- tic()
pre_dir <- file.path(cohort_dir, "preprocessed")
dir.create(pre_dir, recursive = TRUE, showWarnings = FALSE)
pre_manifest <- co$manifest
preprocess_case <- function(i, manifest, pre_dir) {
  img <- radsig::read_image(manifest$image[i])
  tumour <- radsig::read_mask(manifest$mask[i], label = 1)
  raw_mean <- mean(img[tumour == 1])
  img <- radsig::correct_bias(img, shrink_factor = 4, iterations = c(10, 10))
  img <- radsig::resample_image(img, c(1, 1, 2), interpolator = "linear")
  tumour <- radsig::resample_image(tumour, c(1, 1, 2))
  img <- radsig::normalize_intensity(img, "pyradiomics", scale = 100)
  fi <- file.path(pre_dir, paste0(manifest$id[i], "_image.nii.gz"))
  fm <- file.path(pre_dir, paste0(manifest$id[i], "_mask.nii.gz"))
  radsig::write_image(img, fi)
  radsig::write_image(tumour, fm)  # the tumour ROI (label 1) on the new grid
  list(image = fi, mask = fm, raw_mean = raw_mean, pre_mean = mean(img[tumour == 1]))
}
files <- progressr::with_progress({
  p <- progressr::progressor(steps = n_patients)
  future.apply::future_lapply(seq_len(n_patients), function(i) {
    r <- preprocess_case(i, co$manifest, pre_dir)
    p()
    r
  }, future.seed = NULL)
})
pre_manifest$image <- vapply(files, `[[`, "", "image")
pre_manifest$mask <- vapply(files, `[[`, "", "mask")
timing$preprocessing <- tic() - t0

# Centre effects before and after preprocessing: share of the variance of the tumour's mean
# intensity explained by the centre (eta squared).
eta_squared <- function(v, g) {
  g <- factor(g)
  sum(tapply(v, g, function(u) length(u) * (mean(u) - mean(v))^2)) / sum((v - mean(v))^2)
}
centre_effects <- data.frame(
  statistic = "tumour mean intensity",
  eta2_raw = eta_squared(vapply(files, `[[`, 0, "raw_mean"), clin$center),
  eta2_preprocessed = eta_squared(vapply(files, `[[`, 0, "pre_mean"), clin$center))
print(centre_effects, digits = 3)

# 2b. Batch feature extraction with progress (tumour ROI, label 1).
cat("-- feature extraction (shape, first-order, GLCM)\n")
t0 <- tic()
settings <- feature_settings(featureClass = list(shape = NULL, firstorder = NULL, glcm = NULL),
                             binWidth = 10)
feats <- progressr::with_progress(extract_batch(pre_manifest, settings))
timing$features <- tic() - t0
if (any(!is.na(feats$error))) {
  cat("Cases that failed:", paste(feats$id[!is.na(feats$error)], collapse = ", "), "\n")
}
if (workers > 1 && requireNamespace("future", quietly = TRUE)) future::plan(future::sequential)

# 2c. Features: drop constant ones, z-score with the training centre's mean and SD only.
t0 <- tic()
X <- as.matrix(feats[, grep("^original_", names(feats))])
colnames(X) <- sub("^original_", "", colnames(X))
keep <- apply(X[train, ], 2, function(v) all(is.finite(v)) && stats::sd(v) > 1e-8) &
  apply(X, 2, function(v) all(is.finite(v)))
X <- X[, keep]
mu <- colMeans(X[train, ])
sdv <- apply(X[train, ], 2, stats::sd)
Z <- sweep(sweep(X, 2, mu), 2, sdv, "/")
y <- clin$pathological_ln

# 2d. CV-LASSO rad-score (10-fold CV on deviance, lambda.1se as cv.glmnet's default) and
#     bootstrap selection frequencies.
cv <- cv_elastic_net(Z[train, ], y[train], family = "binomial", alpha = 1, nfolds = 10,
                     seed = 1)
lambda_rule <- "lambda_1se"
clin$radscore <- rad_score(cv, Z, s = lambda_rule)
cf <- coef(cv, s = lambda_rule)
selected <- setdiff(rownames(cf)[cf[, 1] != 0], "(Intercept)")
lasso_table <- data.frame(feature = selected, coefficient = cf[selected, 1])
freq <- selection_frequency(Z[train, ], y[train], family = "binomial", alpha = 1, nfolds = 5,
                            B = 20, seed = 2, s = lambda_rule)
cat(sprintf("LASSO kept %d of %d features\n", length(selected), ncol(Z)))
cat(rad_score_formula(cv, s = lambda_rule, digits = 3), "\n")

# 2e. RBF-SVM on the LASSO features, tuned by 5-fold CV on AUC.
svm_x <- Z[, if (length(selected) >= 2) selected else colnames(Z)[1:5], drop = FALSE]
tuned <- tune_svm(svm_x[train, ], factor(y[train]), cost = 2^c(-1, 1, 3, 5),
                  gamma = 2^c(-7, -5, -3, -1), nfolds = 5, seed = 3)
svm <- fit_svm(svm_x[train, ], factor(y[train]), kernel = "radial",
               cost = tuned$best$cost, gamma = tuned$best$gamma, probability = TRUE, seed = 4)
clin$svm_prob <- predict(svm, svm_x, type = "probability")[, "1"]

# 2f. Clinical logistic model (backward AIC) and the combined nomogram.
clin_full <- fit_logistic(pathological_ln ~ age + tumor_size + ki67 + her2 + er +
                            radiologist_ln, data = clin[train, ])
clin_fit <- step_aic(clin_full, direction = "backward")
clin_terms <- attr(stats::terms(formula(clin_fit)), "term.labels")
comb_formula <- stats::reformulate(c(clin_terms, "radscore"), response = "pathological_ln")
comb_fit <- fit_logistic(comb_formula, data = clin[train, ])
nomo <- build_nomogram(comb_fit)
clin$p_clinical <- predict(clin_fit, clin, type = "response")
clin$p_combined <- predict(comb_fit, clin, type = "response")
clin$p_radscore <- stats::plogis(clin$radscore)
timing$modelling <- tic() - t0

# 2g. Evaluation in training and validation.
t0 <- tic()
models <- c(radscore = "p_radscore", svm = "svm_prob", clinical = "p_clinical",
            combined = "p_combined")
model_labels <- c(radscore = "Rad-score (LASSO)", svm = "RBF-SVM", clinical = "Clinical",
                  combined = "Combined nomogram")
evaluate <- function(rows, cohort_name) {
  rocs <- lapply(models, function(m) roc_curve(y[rows], clin[[m]][rows], direction = "<"))
  aucs <- do.call(rbind, lapply(names(rocs), function(k) {
    ci <- auc_ci(rocs[[k]])
    data.frame(cohort = cohort_name, model = model_labels[[k]], auc = ci$estimate,
               lower = ci$lower, upper = ci$upper)
  }))
  tests <- do.call(rbind, lapply(c("clinical", "radscore", "svm"), function(k) {
    d <- delong_test(rocs$combined, rocs[[k]])
    data.frame(cohort = cohort_name, comparison = paste("Combined vs", model_labels[[k]]),
               z = unname(d$statistic), p_value = d$p.value)
  }))
  n1 <- nri(y[rows], clin$p_clinical[rows], clin$p_combined[rows])
  i1 <- idi(y[rows], clin$p_clinical[rows], clin$p_combined[rows])
  recl <- data.frame(cohort = cohort_name, measure = c("continuous NRI", "IDI"),
                     estimate = c(n1$nri, i1$idi), lower = c(n1$lower, i1$lower),
                     upper = c(n1$upper, i1$upper), p_value = c(n1$p.value, i1$p.value))
  cal <- calibration_curve(clin$p_combined[rows], y[rows])
  hl <- hosmer_lemeshow(clin$p_combined[rows], y[rows])
  calib <- data.frame(cohort = cohort_name, intercept = cal$stats[["intercept"]],
                      slope = cal$stats[["slope"]], brier = cal$stats[["brier"]],
                      hl_chisq = unname(hl$statistic), hl_p = hl$p.value)
  dc <- decision_curve(y[rows], clinical = clin$p_clinical[rows],
                       radscore = clin$p_radscore[rows], combined = clin$p_combined[rows],
                       thresholds = seq(0.02, 0.9, by = 0.02))
  list(rocs = rocs, aucs = aucs, tests = tests, recl = recl, cal = cal, calib = calib, dc = dc)
}
ev <- list(training = evaluate(train, "training"), validation = evaluate(!train, "validation"))
aucs <- rbind(ev$training$aucs, ev$validation$aucs)
print(aucs, digits = 3, row.names = FALSE)

# 2h. Rad-score cut-point (Youden, training) -> KM, log-rank and Cox for DFS.
cut <- find_cutpoint(clin$radscore[train], y[train], method = "youden", direction = ">=")
clin$rad_group <- factor(ifelse(clin$radscore >= cut$cutpoint, "high", "low"),
                         levels = c("low", "high"))
surv_by <- function(rows) {
  d <- clin[rows, ]
  list(km = km_curve(Surv(dfs_time, dfs_event) ~ rad_group, d),
       lr = logrank_test(Surv(dfs_time, dfs_event) ~ rad_group, d),
       cox = fit_cox(Surv(dfs_time, dfs_event) ~ rad_group, d))
}
sv <- list(training = surv_by(train), validation = surv_by(!train))
cox_table <- do.call(rbind, lapply(names(sv), function(k) {
  s <- sv[[k]]
  ci <- confint(s$cox, exponentiate = TRUE)
  data.frame(cohort = k, hr_high_vs_low = exp(coef(s$cox))[[1]], lower = ci[1, 1],
             upper = ci[1, 2], logrank_chisq = unname(s$lr$statistic),
             logrank_p = s$lr$p.value)
}))
maxstat_cut <- survival_cutpoint(clin$radscore[train], clin$dfs_time[train],
                                 clin$dfs_event[train])
timing$evaluation <- tic() - t0

# 2i. Plots and tables into the output folder, then the HTML report.
open_png <- function(f, w = 1500, h = 1300) {
  if (capabilities("cairo")) grDevices::png(f, w, h, res = 200, type = "cairo") else
    grDevices::png(f, w, h, res = 200)
}
fig <- function(name) file.path(out_dir, name)
cols4 <- c(radscore = "#1b9e77", svm = "#7570b3", clinical = "#d95f02", combined = "#e7298a")
for (k in names(ev)) {
  open_png(fig(sprintf("mri_roc_%s.png", k)))
  rocs <- ev[[k]]$rocs
  for (m in names(rocs)) {
    plot(rocs[[m]], add = m != names(rocs)[1], col = cols4[[m]], print_auc = FALSE,
         main = sprintf("ALNM, %s cohort", k))
  }
  a <- ev[[k]]$aucs
  graphics::legend("bottomright", bty = "n", col = cols4, lwd = 2, cex = 0.75,
                   legend = sprintf("%s: %.3f (%.3f-%.3f)", a$model, a$auc, a$lower, a$upper))
  invisible(grDevices::dev.off())
  open_png(fig(sprintf("mri_calibration_%s.png", k)))
  plot(ev[[k]]$cal, main = sprintf("Combined nomogram calibration, %s", k))
  invisible(grDevices::dev.off())
  open_png(fig(sprintf("mri_decision_%s.png", k)))
  plot(ev[[k]]$dc, main = sprintf("Decision curves, %s", k))
  invisible(grDevices::dev.off())
  open_png(fig(sprintf("mri_km_%s.png", k)), 1500, 1500)
  plot(sv[[k]]$km, col = c("#1b9e77", "#d95f02"), xlab = "Months",
       ylab = "Disease-free survival", main = sprintf("DFS by rad-score group, %s", k))
  invisible(grDevices::dev.off())
}
open_png(fig("mri_nomogram.png"), 1800, 1300)
plot(nomo)
invisible(grDevices::dev.off())
open_png(fig("mri_lasso_cv.png"))
plot(cv)
invisible(grDevices::dev.off())

tables <- list(
  auc = aucs, delong = rbind(ev$training$tests, ev$validation$tests),
  reclassification = rbind(ev$training$recl, ev$validation$recl),
  calibration = rbind(ev$training$calib, ev$validation$calib),
  cox = cox_table, centre_effects = centre_effects, lasso = lasso_table,
  selection_frequency = utils::head(freq, 15),
  svm_tuning = data.frame(cost = tuned$best$cost, gamma = tuned$best$gamma,
                          cv_auc = tuned$best$mean))
for (k in names(tables)) {
  utils::write.csv(tables[[k]], fig(sprintf("mri_%s.csv", k)), row.names = FALSE)
}
utils::write.csv(clin, fig("mri_clinical_with_scores.csv"), row.names = FALSE)
timing$total_pipeline <- tic() - t_all

report_data <- list(
  n = n_patients, n_train = sum(train), n_val = sum(!train), seed = job_seed,
  centers = co$centers, clinical_summary = table(center = clin$center,
                                                 pN = clin$pathological_ln),
  n_features = ncol(Z), formula = rad_score_formula(cv, s = lambda_rule, digits = 3),
  clin_formula = paste(deparse(formula(clin_fit)), collapse = ""),
  comb_formula = paste(deparse(comb_formula), collapse = ""),
  cut = cut$cutpoint, maxstat_cut = maxstat_cut$cutpoint, maxstat_p = maxstat_cut$p.value,
  tables = tables, timing = timing, out_dir = normalizePath(out_dir),
  version = radsig_versions()[["package"]])
saveRDS(report_data, fig("mri_report_data.rds"))
template <- system.file("report", "main_job_report.Rmd", package = "radsig")
if (!nzchar(template)) template <- file.path("inst", "report", "main_job_report.Rmd")
if (rmarkdown::pandoc_available()) {
  rmarkdown::render(template, output_file = "report.html", output_dir = normalizePath(out_dir),
                    intermediates_dir = tempdir(), knit_root_dir = normalizePath(out_dir),
                    params = list(data = normalizePath(fig("mri_report_data.rds"))),
                    envir = new.env(), quiet = TRUE)
  cat("\nHTML report:", normalizePath(fig("report.html")), "\n")
} else {
  cat("\npandoc is not available: the HTML report was not rendered;",
      "tables and plots are in", normalizePath(out_dir), "\n")
}
cat(sprintf("Pipeline wall time: %.1f s (simulation %.1f, preprocessing %.1f, features %.1f)\n",
            timing$total_pipeline, timing$simulation, timing$preprocessing, timing$features))
