# Reference values for mutsup_helpers.compare.replication, computed with base R only
# (pf with a noncentrality parameter, uniroot), independently of scipy.
#
# Run from anywhere:  Rscript tests/reference/make_replication_fixtures.R
# Writes fixtures/replication.csv at 17 significant digits.
#
# Conventions (those of the Python module):
#   N = df1 + df2 + 1 and lambda = f^2 * N (Steiger 2004; MBESS's conf.limits.ncf);
#   partial eta^2 = lambda / (lambda + N);
#   90% CI of lambda (Steiger 2004: it excludes 0 exactly when p < .05): lower limit where
#     P(F' >= F) = .05, upper where P(F' <= F) = .05 (a limit below 0 is 0);
#   f2_33: the f^2 the original design (df1, df2) detects at alpha = .05 with power 1/3
#     (Simonsohn 2015's small-telescopes bound);
#   p_smaller: one-sided p that a new study's F comes from an effect as large as f2_33,
#     P(F' <= F_new | df1, df2_new, lambda = f2_33 * (df1 + df2_new + 1)).

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
fixtures <- file.path(here, "fixtures")
dir.create(fixtures, showWarnings = FALSE)

ncp_limit <- function(F, df1, df2, target, lower.tail) {
  g <- function(ncp) pf(F, df1, df2, ncp = ncp, lower.tail = lower.tail) - target
  if (g(0) * g(1e4) > 0) return(0)
  uniroot(g, c(0, 1e4), tol = 1e-12)$root
}

ci_lambda <- function(F, df1, df2) {
  lo <- if (pf(F, df1, df2, lower.tail = FALSE) >= 0.05) 0 else
    ncp_limit(F, df1, df2, 0.05, lower.tail = FALSE)
  hi <- if (pf(F, df1, df2) <= 0.05) 0 else ncp_limit(F, df1, df2, 0.05, lower.tail = TRUE)
  c(lo, hi)
}

f2_33 <- function(df1, df2) {
  crit <- qf(0.95, df1, df2)
  N <- df1 + df2 + 1
  uniroot(function(f2) pf(crit, df1, df2, ncp = f2 * N, lower.tail = FALSE) - 1 / 3,
          c(1e-9, 10), tol = 1e-14)$root
}

cases <- data.frame(
  # the paper's printed F with its df (original), and new studies of class size
  F = c(38.83, 3.56, 17.68, 5.22, 2.37^2, 0.40, 1.10, 0.02, 6.50, 2.10),
  df1 = c(1, 2, 2, 1, 1, 2, 1, 1, 2, 1),
  df2 = c(381, 381, 344, 353, 414, 28, 30, 19, 40, 11),
  df2_original = c(381, 381, 344, 353, 414, 381, 353, 414, 344, 380)
)
rows <- lapply(seq_len(nrow(cases)), function(i) {
  with(cases[i, ], {
    lam <- ci_lambda(F, df1, df2)
    N <- df1 + df2 + 1
    bound <- f2_33(df1, df2_original)
    data.frame(F = F, df1 = df1, df2 = df2, df2_original = df2_original,
               eta2_low = lam[1] / (lam[1] + N), eta2_high = lam[2] / (lam[2] + N),
               f2_33 = bound,
               p_smaller = pf(F, df1, df2, ncp = bound * N))
  })
})
out <- do.call(rbind, rows)
out[] <- lapply(out, function(x) sprintf("%.17g", x))
write.csv(out, file.path(fixtures, "replication.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", file.path(fixtures, "replication.csv"), "\n")
