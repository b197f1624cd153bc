# NRI / IDI against Hmisc::improveProb (continuous NRI, IDI), a hand computation and, when
# installed, nricens::nribin (categorical NRI), computed at test time.

sim_risks <- function(n = 400, seed = 11) {
  set.seed(seed)
  y <- rbinom(n, 1, 0.35)
  p_old <- round(plogis(-0.8 + 0.9 * y + rnorm(n)), 2)  # rounding creates ties
  p_new <- round(plogis(-0.9 + 1.4 * y + rnorm(n)), 2)
  p_new[1:30] <- p_old[1:30]                            # exact "no move" cases
  list(y = y, p_old = p_old, p_new = p_new)
}

expect_matches_improveprob <- function(y, p_old, p_new) {
  h <- Hmisc::improveProb(p_old, p_new, y)
  a <- nri(y, p_old, p_new)
  b <- idi(y, p_old, p_new)
  expect_equal(a$nri, h$nri, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$se, h$se.nri, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$z, h$z.nri, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$p.value, 2 * pnorm(-abs(h$z.nri)), tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(c(a$lower, a$upper), h$nri + c(-1, 1) * qnorm(0.975) * h$se.nri,
               tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$events$nri, h$nri.ev, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$events$se, h$se.nri.ev, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$nonevents$nri, h$nri.ne, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$nonevents$se, h$se.nri.ne, tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(c(a$events$p_up, a$nonevents$p_up, a$events$p_down, a$nonevents$p_down),
               c(h$pup.ev, h$pup.ne, h$pdown.ev, h$pdown.ne), tolerance = 1e-12,
               ignore_attr = TRUE)
  expect_equal(b$idi, h$idi, tolerance = 1e-10, ignore_attr = TRUE)
  expect_equal(b$se, h$se.idi, tolerance = 1e-10, ignore_attr = TRUE)
  expect_equal(b$z, h$z.idi, tolerance = 1e-9, ignore_attr = TRUE)
  expect_equal(b$improve_sens, h$improveSens, tolerance = 1e-10, ignore_attr = TRUE)
  expect_equal(b$improve_spec, h$improveSpec, tolerance = 1e-10, ignore_attr = TRUE)
}

test_that("continuous NRI and IDI equal Hmisc::improveProb on simulated data with ties", {
  skip_if_not_installed("Hmisc")
  s <- sim_risks()
  expect_matches_improveprob(s$y, s$p_old, s$p_new)
})

test_that("continuous NRI and IDI equal Hmisc::improveProb on survival::rotterdam models", {
  skip_if_not_installed("Hmisc")
  skip_if_not_installed("survival")
  d <- survival::rotterdam
  d$event5 <- as.integer(d$recur == 1 & d$rtime < 5 * 365.25)
  old <- fitted(glm(event5 ~ age + meno + grade, family = binomial, data = d))
  new <- fitted(glm(event5 ~ age + meno + grade + nodes + size + pgr, family = binomial,
                    data = d))
  expect_matches_improveprob(d$event5, unname(old), unname(new))
})

test_that("NRI/IDI accept a factor outcome with `positive`", {
  skip_if_not_installed("Hmisc")
  s <- sim_risks(150, 3)
  f <- factor(ifelse(s$y == 1, "ALNM", "none"), levels = c("ALNM", "none"))
  a <- nri(f, s$p_old, s$p_new, positive = "ALNM")
  expect_equal(a$nri, Hmisc::improveProb(s$p_old, s$p_new, s$y)$nri, ignore_attr = TRUE)
})

test_that("categorical NRI equals a hand computation with left-closed categories", {
  s <- sim_risks(500, 5)
  cuts <- c(0.2, 0.4)
  a <- nri(s$y, s$p_old, s$p_new, cutoffs = cuts)
  cat_old <- findInterval(s$p_old, cuts)  # left-closed [a, b)
  cat_new <- findInterval(s$p_new, cuts)
  ev <- s$y == 1
  up_e <- sum(cat_new[ev] > cat_old[ev]); dn_e <- sum(cat_new[ev] < cat_old[ev])
  up_n <- sum(cat_new[!ev] > cat_old[!ev]); dn_n <- sum(cat_new[!ev] < cat_old[!ev])
  ne <- sum(ev); nn <- sum(!ev)
  est <- (up_e - dn_e) / ne + (dn_n - up_n) / nn
  v <- (up_e + dn_e) / ne^2 - (up_e - dn_e)^2 / ne^3 +
       (up_n + dn_n) / nn^2 - (up_n - dn_n)^2 / nn^3
  expect_equal(a$nri, est, tolerance = 1e-12)
  expect_equal(a$se, sqrt(v), tolerance = 1e-12)
  expect_equal(a$p.value, 2 * pnorm(-abs(est / sqrt(v))), tolerance = 1e-12)
  expect_equal(unname(a$table_events), unclass(unname(table(factor(cat_old[ev], 0:2),
                                                            factor(cat_new[ev], 0:2)))),
               ignore_attr = TRUE)
  expect_equal(sum(a$table_nonevents), nn)
  # a probability exactly on a cut-off belongs to the upper category
  b <- nri(c(1, 0), c(0.1, 0.5), c(0.2, 0.5), cutoffs = 0.2)
  expect_equal(b$events$n_up, 1)
  expect_s3_class(as.data.frame(a), "data.frame")
  expect_output(print(a), "Categorical")
})

test_that("NRI/IDI bad input gives classed errors", {
  y <- c(0, 1, 0, 1); p <- c(0.1, 0.6, 0.3, 0.8); q <- c(0.2, 0.7, 0.2, 0.9)
  expect_error(nri(y, p, c(0.2, 0.7, 0.2, 1.1)), class = "radsig_error_value")
  expect_error(idi(y, c(-0.1, 0.6, 0.3, 0.8), q), class = "radsig_error_value")
  expect_error(nri(y, p, q[1:3]), class = "radsig_error_length")
  expect_error(idi(y, p, c(0.2, NA, 0.2, 0.9)), class = "radsig_error_missing")
  expect_error(nri(c(1, 1, 1, 1), p, q), class = "radsig_error_value")
  expect_error(idi(c(0, 0, 0, 0), p, q), class = "radsig_error_value")
  err <- tryCatch(nri(y, p, q, cutoffs = c(0.5, 0.2)), error = function(e) e)
  expect_s3_class(err, "radsig_error_value")
  expect_identical(err$arg, "cutoffs")
  expect_error(nri(y, p, q, cutoffs = c(0, 0.5)), class = "radsig_error_value")
  expect_error(nri(y, p, q, level = 1.2), class = "radsig_error_value")
  expect_error(nri(y, "a", q), class = "radsig_error_type")
})

test_that("categorical NRI and its components equal nricens::nribin", {
  skip_if_not_installed("nricens")
  s <- sim_risks(500, seed = 5)  # rounded risks: some lie exactly on the cutoffs
  cuts <- c(0.2, 0.4)
  utils::capture.output(ref <- suppressMessages(nricens::nribin(
    event = s$y, p.std = s$p_old, p.new = s$p_new, cut = cuts, updown = "category",
    niter = 0, msg = FALSE)))
  a <- nri(s$y, s$p_old, s$p_new, cutoffs = cuts)
  # nribin's rows: NRI, NRI+, NRI-, Pr(Up|Case), Pr(Down|Case), Pr(Down|Ctrl), Pr(Up|Ctrl).
  expect_equal(c(a$nri, a$events$nri, a$nonevents$nri, a$events$p_up, a$events$p_down,
                 a$nonevents$p_down, a$nonevents$p_up),
               ref$nri$Estimate, tolerance = 1e-12)
})
