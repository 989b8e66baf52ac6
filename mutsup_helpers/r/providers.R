# The R track's loader: a CSV that follows data/datapackage.json, read as the Python helpers read it.
# Run R from the repository's root (Rscript, RStudio with the project open, or setwd() to it first).
# tests/test_r_track.py checks that these levels are the codebook's, in the codebook's order.

read_providers <- function(path = "data/providers.csv") {
  d <- read.csv(path, stringsAsFactors = FALSE, na.strings = "")
  d$training <- factor(d$training, levels = c("advanced", "mental_health_worker"))
  d$setting3 <- factor(d$setting3, levels = c("treatment", "rehabilitation", "case_management"))
  d
}

# One row per answer to an item (group_type: ms = psychiatric groups, twelve_step = 12-step groups),
# for respondents with training and setting; complete = TRUE keeps only those who answered both
# questions (the paper's listwise deletion), FALSE everyone with at least one answer.
long_ratings <- function(d, item, complete = TRUE) {
  wide <- d[!is.na(d$training) & !is.na(d$setting3), ]
  ms <- paste0(item, "_ms")
  ts <- paste0(item, "_twelve_step")
  keep <- if (complete) !is.na(wide[[ms]]) & !is.na(wide[[ts]]) else !is.na(wide[[ms]]) | !is.na(wide[[ts]])
  wide <- wide[keep, ]
  long <- rbind(
    data.frame(respondent_id = wide$respondent_id, training = wide$training, setting3 = wide$setting3,
               group_type = "ms", rating = wide[[ms]]),
    data.frame(respondent_id = wide$respondent_id, training = wide$training, setting3 = wide$setting3,
               group_type = "twelve_step", rating = wide[[ts]]))
  long$group_type <- factor(long$group_type, levels = c("ms", "twelve_step"))
  long$respondent_id <- factor(long$respondent_id)
  long[!is.na(long$rating), ]
}
