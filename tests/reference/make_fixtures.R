# Reference fixtures for the statistics core (mutsup_helpers.stats.anova / posthoc /
# group_tests / correlations). See README.md in this folder for how to regenerate.
#
# Run from anywhere:  Rscript tests/reference/make_fixtures.R
# Needs: afex (>= 1.2) and car. Output is plain CSV, numbers written at
# 17 significant digits so the Python tests can compare to 1e-8 relative.

suppressPackageStartupMessages({
  library(afex)
  library(car)
})
options(contrasts = c("contr.sum", "contr.poly"))

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
fixtures <- file.path(here, "fixtures")
dir.create(fixtures, showWarnings = FALSE)

write_fixture <- function(df, name) {
  num <- vapply(df, is.numeric, logical(1))
  df[num] <- lapply(df[num], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  write.csv(df, file.path(fixtures, name), row.names = FALSE, na = "")
}

ITEMS <- c("familiarity", "helpfulness", "referral", "interference", "value")
GROUPS <- c("ms", "twelve_step")
FACTOR_LEVELS <- list(
  training = c("advanced", "mental_health_worker"),
  setting3 = c("treatment", "rehabilitation", "case_management"),
  self_hospitalized = c("No", "Yes"),
  family_hospitalized = c("No", "Yes"),
  participates_mutual_support = c("No", "Yes")
)

# ---- data ------------------------------------------------------------------
random <- read.csv(file.path(here, "random_design.csv"), na.strings = "")
for (f in names(FACTOR_LEVELS)) random[[f]] <- factor(random[[f]], levels = FACTOR_LEVELS[[f]])

# O'Brien & Kaiser (1985), as shipped with afex: keep phase pre vs post (pre -> "ms",
# post -> "twelve_step" so it fits our column convention), average over the 5 hours.
data(obk.long, package = "afex")
obk_wide <- aggregate(value ~ id + treatment + gender + phase, data = obk.long, FUN = mean)
obk <- unique(obk_wide[, c("id", "treatment", "gender")])
obk$score_ms <- obk_wide$value[obk_wide$phase == "pre"][match(obk$id, obk_wide$id[obk_wide$phase == "pre"])]
obk$score_twelve_step <- obk_wide$value[obk_wide$phase == "post"][match(obk$id, obk_wide$id[obk_wide$phase == "post"])]
obk <- obk[order(as.integer(as.character(obk$id))), ]
obk_out <- obk
obk_out$id <- as.integer(as.character(obk_out$id))
write_fixture(obk_out, "obk_reduced.csv")

complete_cases <- function(wide, item, between) {
  cols <- c(between, paste(item, GROUPS, sep = "_"))
  wide[complete.cases(wide[, cols]), , drop = FALSE]
}

# ---- mixed ANOVA via afex --------------------------------------------------
# afex names within effects "<between>:group_type"; we name them "group_type:<between>".
our_effect_name <- function(effect) {
  parts <- strsplit(effect, ":", fixed = TRUE)[[1]]
  if (!"group_type" %in% parts) return(effect)
  paste(c("group_type", setdiff(parts, "group_type")), collapse = ":")
}

afex_table <- function(wide, item, between, type, dataset) {
  cc <- complete_cases(wide, item, between)
  cc$id <- seq_len(nrow(cc))
  long <- do.call(rbind, lapply(GROUPS, function(g) {
    out <- cc[, c("id", between)]
    out$group_type <- factor(g, levels = GROUPS)
    out$score <- cc[[paste(item, g, sep = "_")]]
    out
  }))
  fit <- suppressMessages(aov_ez(
    id = "id", dv = "score", data = long, between = between, within = "group_type",
    type = type, anova_table = list(es = c("pes", "ges"), correction = "none")
  ))
  tab <- as.data.frame(anova(fit, es = c("pes", "ges"), correction = "none"))
  uni <- summary(fit$Anova, multivariate = FALSE)$univariate.tests
  uni <- uni[rownames(tab), , drop = FALSE]
  data.frame(
    dataset = dataset, item = item, ss_type = type,
    between = paste(between, collapse = "+"),
    effect = vapply(rownames(tab), our_effect_name, character(1)),
    SS = uni[, "Sum Sq"], df1 = tab[["num Df"]], df2 = tab[["den Df"]],
    MS = uni[, "Sum Sq"] / tab[["num Df"]], F = tab[["F"]], p = tab[["Pr(>F)"]],
    pes = tab[["pes"]], ges = tab[["ges"]], error_SS = uni[, "Error SS"], MSE = tab[["MSE"]],
    n = nrow(cc), row.names = NULL
  )
}

anova_rows <- list()
for (type in c(3, 2)) {
  for (item in ITEMS) {
    anova_rows[[length(anova_rows) + 1]] <- afex_table(
      random, item, c("training", "setting3"), type, "random_design")
    anova_rows[[length(anova_rows) + 1]] <- afex_table(
      random, item, "setting3", type, "random_design")
  }
  anova_rows[[length(anova_rows) + 1]] <- afex_table(
    obk, "score", c("treatment", "gender"), type, "obk_reduced")
  anova_rows[[length(anova_rows) + 1]] <- afex_table(obk, "score", "treatment", type, "obk_reduced")
}
write_fixture(do.call(rbind, anova_rows), "afex_mixed_anova.csv")

# ---- Scheffe, SPSS convention, by hand ------------------------------------
# Observed (weighted) level means of the score; error MS and df of the full
# between-subjects model on that score; F = (diff^2 / (MSE (1/n_i + 1/n_j))) / (k - 1).
scheffe_rows <- list()
omnibus_rows <- list()
scheffe <- function(wide, item, between, factor, on, dataset) {
  cc <- complete_cases(wide, item, between)
  a <- cc[[paste(item, "ms", sep = "_")]]
  b <- cc[[paste(item, "twelve_step", sep = "_")]]
  cc$score <- if (on == "difference") b - a else (a + b) / 2
  fit <- lm(reformulate(paste(between, collapse = "*"), "score"), data = cc)
  mse <- sigma(fit)^2
  dfe <- df.residual(fit)
  lev <- levels(cc[[factor]])
  k <- length(lev)
  m <- tapply(cc$score, cc[[factor]], mean)
  nn <- tapply(cc$score, cc[[factor]], length)
  ssb <- sum(nn * (m - mean(cc$score))^2)
  f_omni <- ssb / (k - 1) / mse
  omnibus_rows[[length(omnibus_rows) + 1]] <<- data.frame(
    dataset = dataset, item = item, between = paste(between, collapse = "+"),
    factor = factor, on = on, F = f_omni, df1 = k - 1, df2 = dfe,
    p = pf(f_omni, k - 1, dfe, lower.tail = FALSE), MSE = mse)
  for (i in 1:(k - 1)) for (j in (i + 1):k) {
    diff <- m[[i]] - m[[j]]
    se <- sqrt(mse * (1 / nn[[i]] + 1 / nn[[j]]))
    f <- (diff / se)^2 / (k - 1)
    scheffe_rows[[length(scheffe_rows) + 1]] <<- data.frame(
      dataset = dataset, item = item, between = paste(between, collapse = "+"),
      factor = factor, on = on, level_a = lev[i], level_b = lev[j],
      n_a = nn[[i]], n_b = nn[[j]], mean_a = m[[i]], mean_b = m[[j]],
      diff = diff, se = se, F = f, df1 = k - 1, df2 = dfe,
      p = pf(f, k - 1, dfe, lower.tail = FALSE), MSE = mse)
  }
}
for (item in ITEMS) for (on in c("difference", "mean")) {
  scheffe(random, item, c("training", "setting3"), "setting3", on, "random_design")
  scheffe(random, item, c("training", "setting3"), "training", on, "random_design")
  scheffe(random, item, "setting3", "setting3", on, "random_design")
}
for (on in c("difference", "mean")) {
  scheffe(obk, "score", c("treatment", "gender"), "treatment", on, "obk_reduced")
}
write_fixture(do.call(rbind, scheffe_rows), "scheffe.csv")
write_fixture(do.call(rbind, omnibus_rows), "scheffe_omnibus.csv")

# ---- t-tests: "No" minus "Yes" ---------------------------------------------
ttest_rows <- list()
for (split in c("participates_mutual_support", "self_hospitalized", "family_hospitalized")) {
  for (item in ITEMS) for (g in GROUPS) for (welch in c(FALSE, TRUE)) {
    col <- paste(item, g, sep = "_")
    x <- random[[col]][which(random[[split]] == "No")]
    y <- random[[col]][which(random[[split]] == "Yes")]
    x <- x[!is.na(x)]
    y <- y[!is.na(y)]
    tt <- t.test(x, y, var.equal = !welch)
    nx <- length(x); ny <- length(y)
    sp <- sqrt(((nx - 1) * var(x) + (ny - 1) * var(y)) / (nx + ny - 2))
    d <- (mean(x) - mean(y)) / sp
    ttest_rows[[length(ttest_rows) + 1]] <- data.frame(
      split = split, item = item, group_type = g, welch = welch,
      n_no = nx, n_yes = ny, mean_no = mean(x), mean_yes = mean(y), sd_no = sd(x), sd_yes = sd(y),
      diff = mean(x) - mean(y), t = unname(tt$statistic), df = unname(tt$parameter),
      p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2],
      cohen_d = d, hedges_g = d * (1 - 3 / (4 * (nx + ny) - 9)))
  }
}
write_fixture(do.call(rbind, ttest_rows), "ttests.csv")

# ---- correlations -----------------------------------------------------------
cor_rows <- list()
for (x in c("years_in_setting", "years_in_discipline")) for (item in ITEMS) for (g in GROUPS) {
  col <- paste(item, g, sep = "_")
  ok <- complete.cases(random[, c(x, col)])
  pe <- cor.test(random[[x]][ok], random[[col]][ok], method = "pearson")
  sp <- suppressWarnings(cor.test(random[[x]][ok], random[[col]][ok], method = "spearman",
                                  exact = FALSE))
  cor_rows[[length(cor_rows) + 1]] <- data.frame(
    x = x, y = col, method = "pearson", n = sum(ok), r = unname(pe$estimate), p = pe$p.value,
    ci_low = pe$conf.int[1], ci_high = pe$conf.int[2])
  cor_rows[[length(cor_rows) + 1]] <- data.frame(
    x = x, y = col, method = "spearman", n = sum(ok), r = unname(sp$estimate), p = sp$p.value,
    ci_low = NA_real_, ci_high = NA_real_)
}
write_fixture(do.call(rbind, cor_rows), "correlations.csv")

writeLines(c(
  paste("R", paste(R.version$major, R.version$minor, sep = ".")),
  paste("afex", packageVersion("afex")),
  paste("car", packageVersion("car"))
), file.path(fixtures, "VERSIONS.txt"))
cat("fixtures written to", fixtures, "\n")
