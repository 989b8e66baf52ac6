# Reference fixtures made by R's statcheck itself, for testing the project's Python
# reimplementation of statcheck's consistency (error) and decision-error rules.
# See RULES.md in this folder for the rules as read from statcheck's source.
#
# Run from the repository root:  Rscript tests/reference/statcheck/make_statcheck_fixtures.R
# Needs: statcheck (Debian: r-cran-statcheck; made with 1.4.0 on R 4.2.2).
# Reads strings.csv (id, reading, note, text); writes statcheck_fixtures.csv and
# VERSIONS.txt beside this script. Deterministic: no randomness, input order kept.
#
# Main columns come from statcheck() with its DEFAULT options, passed explicitly:
#   stat = c("t", "F", "cor", "chisq", "Z", "Q"), OneTailedTests = FALSE, alpha = .05,
#   pEqualAlphaSig = TRUE, pZeroError = TRUE, OneTailedTxt = FALSE, AllPValues = FALSE
# (messages = FALSE only silences the progress bar). Three extra runs each flip one
# option and add its error / decision_error (and computed_p) under a suffixed name.
# test_dec, p_dec and the p bounds are not statcheck output: they are recomputed here
# with statcheck's own internal functions, exactly as statcheck:::error_test does.

suppressPackageStartupMessages(library(statcheck))

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))

strings <- read.csv(file.path(here, "strings.csv"), colClasses = "character",
                    na.strings = character(0))
stopifnot(identical(names(strings), c("id", "reading", "note", "text")))
key <- sprintf("%03d", seq_len(nrow(strings)))
texts <- setNames(strings$text, key)

DEFAULTS <- list(stat = c("t", "F", "cor", "chisq", "Z", "Q"), OneTailedTests = FALSE,
                 alpha = 0.05, pEqualAlphaSig = TRUE, pZeroError = TRUE,
                 OneTailedTxt = FALSE, AllPValues = FALSE)
# the values above must be statcheck's own defaults (they are in 1.4.0)
fm <- formals(statcheck)
stopifnot(all(vapply(names(DEFAULTS), function(n) identical(eval(fm[[n]]), DEFAULTS[[n]]),
                     logical(1))))

run <- function(...) {
  opts <- modifyList(DEFAULTS, list(...))
  res <- do.call(statcheck, c(list(texts = texts, messages = FALSE), opts))
  res <- as.data.frame(res)
  res$source <- as.character(res$source)
  # one result out per string in, else stop and name the strings that failed
  n <- table(factor(res$source, levels = key))
  if (any(n != 1)) {
    bad <- key[n != 1]
    stop("statcheck did not return exactly one result for: ",
         paste(sprintf("%s [%s] %s (%d rows)", strings$id[match(bad, key)],
                       strings$reading[match(bad, key)], texts[bad], n[bad]),
               collapse = "; "))
  }
  res[match(key, res$source), ]
}

main <- run()

# statcheck's internal decimals and p range, recomputed as error_test() does them
ns <- getNamespace("statcheck")
test_dec <- vapply(main$raw, function(r) get("extract_test_stats", ns)(r)$test_dec, numeric(1))
p_dec <- vapply(main$raw, function(r) {
  p <- get("extract_p_value", ns)(r); if (nrow(p) == 1) p$p_dec else NA_real_
}, numeric(1))
half <- 0.5 / 10^test_dec
stat_toward_zero <- ifelse(main$test_value >= 0, main$test_value - half, main$test_value + half)
stat_away_zero <- ifelse(main$test_value >= 0, main$test_value + half, main$test_value - half)
cp <- get("compute_p", ns)
p_at <- function(stat) vapply(seq_along(stat), function(i)
  cp(test_type = main$test_type[i], test_stat = stat[i], df1 = main$df1[i],
     df2 = main$df2[i], two_tailed = TRUE), numeric(1))
p_up <- p_at(stat_toward_zero)   # largest p the rounded statistic allows (error_test's up_p)
p_low <- p_at(stat_away_zero)    # smallest p (error_test's low_p)

v_sig <- run(pEqualAlphaSig = FALSE)
v_zero <- run(pZeroError = FALSE)
v_1t <- run(OneTailedTxt = TRUE)

g17 <- function(x) ifelse(is.na(x), NA, sprintf("%.17g", x))  # computed p values: full precision
g15 <- function(x) ifelse(is.na(x), NA, sprintf("%.15g", x))  # parsed / rounded numbers: as written, no 1e-04
out <- data.frame(
  id = strings$id, reading = strings$reading, text = strings$text,
  raw = main$raw,
  test_type = main$test_type, df1 = main$df1, df2 = main$df2,
  test_comp = main$test_comp, test_value = g15(main$test_value),
  p_comp = main$p_comp, reported_p = g15(main$reported_p),
  computed_p = g17(main$computed_p),
  error = main$error, decision_error = main$decision_error,
  one_tailed_in_txt = main$one_tailed_in_txt, apa_factor = main$apa_factor,
  test_dec = test_dec, p_dec = p_dec,
  p_low = g17(p_low), p_up = g17(p_up),
  p_low_rounded = g15(ifelse(is.na(p_dec), NA, round(p_low, p_dec))),
  p_up_rounded = g15(ifelse(is.na(p_dec), NA, round(p_up, p_dec))),
  error_pEqualAlphaSig_FALSE = v_sig$error,
  decision_error_pEqualAlphaSig_FALSE = v_sig$decision_error,
  error_pZeroError_FALSE = v_zero$error,
  decision_error_pZeroError_FALSE = v_zero$decision_error,
  computed_p_OneTailedTxt_TRUE = g17(v_1t$computed_p),
  error_OneTailedTxt_TRUE = v_1t$error,
  decision_error_OneTailedTxt_TRUE = v_1t$decision_error,
  note = strings$note,
  stringsAsFactors = FALSE
)
rownames(out) <- NULL
write.csv(out, file.path(here, "statcheck_fixtures.csv"), row.names = FALSE, na = "")

writeLines(c(
  paste("R", paste(R.version$major, R.version$minor, sep = ".")),
  paste("statcheck", as.character(packageVersion("statcheck")))
), file.path(here, "VERSIONS.txt"))
