# radsig main job: a demonstration of the pipeline on real and generated data.
# Usage: Rscript main_job.R [output_dir]
# It grows with the package; each section uses only what radsig already provides.
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "output"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
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
