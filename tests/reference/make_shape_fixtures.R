# Reference values for mutsup_helpers.stats.shapes (the statistics behind the text's shape
# claims), computed with base R only from tests/reference/random_design.csv.
#
# Run from anywhere:  Rscript tests/reference/make_shape_fixtures.R
# Writes fixtures/shapes.csv at 17 significant digits.
#
# Per item, on its complete cases (both ratings, training and setting3 known):
#   mean_<group>_<factor>_<level>: observed mean of ms, twelve_step or difference
#     (twelve_step - ms) at each level of training and of setting3;
#   min_cell_difference: the smallest training x setting3 cell mean of the difference;
#   share_<weighting>_<level>: for each setting level, t1^2 / (t1^2 + t2^2), where t1 is the
#     t ratio of the contrast "level vs the mean of the other two" and t2 that of the other two
#     against each other, from lm(difference ~ 0 + cell) (type3: each level's two training
#     cells weigh 1/2, the unweighted marginal mean) or lm(difference ~ 0 + setting3)
#     (observed: the setting means). The common error variance cancels in the share.

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
data <- read.csv(file.path(here, "random_design.csv"), na.strings = "")
training_levels <- c("advanced", "mental_health_worker")
setting_levels <- c("treatment", "rehabilitation", "case_management")
items <- c("familiarity", "helpfulness", "referral", "interference", "value")

t_ratio <- function(fit, coef) {
  est <- sum(coef * coef(fit))
  est / sqrt(drop(t(coef) %*% vcov(fit) %*% coef))
}

rows <- list()
add <- function(item, statistic, value) {
  rows[[length(rows) + 1]] <<- data.frame(item = item, statistic = statistic, value = value)
}
for (item in items) {
  ms <- data[[paste0(item, "_ms")]]
  ts <- data[[paste0(item, "_twelve_step")]]
  keep <- !is.na(ms) & !is.na(ts) & !is.na(data$training) & !is.na(data$setting3)
  d <- data.frame(training = factor(data$training[keep], training_levels),
                  setting3 = factor(data$setting3[keep], setting_levels),
                  ms = ms[keep], twelve_step = ts[keep])
  d$difference <- d$twelve_step - d$ms
  for (group in c("ms", "twelve_step", "difference")) {
    for (factor_name in c("training", "setting3")) {
      means <- tapply(d[[group]], d[[factor_name]], mean)
      for (level in names(means)) add(item, paste("mean", group, factor_name, level, sep = "_"), means[[level]])
    }
  }
  d$cell <- interaction(d$training, d$setting3, lex.order = TRUE)
  add(item, "min_cell_difference", min(tapply(d$difference, d$cell, mean)))
  by_cell <- lm(difference ~ 0 + cell, data = d)
  by_setting <- lm(difference ~ 0 + setting3, data = d)
  for (apart in setting_levels) {
    rest <- setdiff(setting_levels, apart)
    c1 <- ifelse(setting_levels == apart, 1, -0.5)
    c2 <- ifelse(setting_levels == rest[1], 1, ifelse(setting_levels == rest[2], -1, 0))
    # cell order of interaction(lex.order = TRUE): advanced.* then mental_health_worker.*
    t3 <- c(t_ratio(by_cell, rep(c1, 2) / 2), t_ratio(by_cell, rep(c2, 2) / 2))
    ob <- c(t_ratio(by_setting, c1), t_ratio(by_setting, c2))
    add(item, paste0("share_type3_", apart), t3[1]^2 / sum(t3^2))
    add(item, paste0("share_observed_", apart), ob[1]^2 / sum(ob^2))
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), file.path(here, "fixtures", "shapes.csv"), row.names = FALSE, quote = FALSE)
