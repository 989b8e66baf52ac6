# Reference values for mutsup_helpers.stats.imputation.rubin_pool: Rubin's rules with Barnard &
# Rubin's (1999) small-sample df, as R's mice package pools a scalar (mice::pool.scalar).
#
# Run from anywhere:  Rscript tests/reference/make_pool_fixtures.R   (Debian: r-cran-mice)
# Writes fixtures/rubin_pool.csv at 17 significant digits: one row per case, the m estimates and
# variances as ';'-separated lists, n and k, and qbar, se (sqrt of t), df, fmi from pool.scalar.

library(mice)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
fixtures <- file.path(here, "fixtures")
dir.create(fixtures, showWarnings = FALSE)

set.seed(2002)
cases <- list(
  list(q = c(1.0, 1.2, 0.8), u = c(0.04, 0.04, 0.04), n = 100, k = 2),
  list(q = c(0.2318, 0.2401, 0.2275, 0.2356, 0.2290), u = c(0.0034, 0.0033, 0.0034, 0.0035, 0.0033), n = 375, k = 6),
  list(q = c(-0.05, 0.10), u = c(0.02, 0.03), n = 20, k = 4),
  list(q = rnorm(20, 0.3, 0.05), u = runif(20, 0.010, 0.012), n = 372, k = 6),
  list(q = rnorm(10, -1, 0.4), u = runif(10, 0.05, 0.06), n = 30, k = 6)
)
rows <- lapply(cases, function(x) {
  pooled <- pool.scalar(x$q, x$u, n = x$n, k = x$k)
  data.frame(q = paste(format(x$q, digits = 17), collapse = ";"), u = paste(format(x$u, digits = 17), collapse = ";"),
             n = x$n, k = x$k, qbar = pooled$qbar, se = sqrt(pooled$t), df = pooled$df, fmi = pooled$fmi)
})
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), file.path(fixtures, "rubin_pool.csv"), row.names = FALSE)
cat("mice", as.character(packageVersion("mice")), "\n")
