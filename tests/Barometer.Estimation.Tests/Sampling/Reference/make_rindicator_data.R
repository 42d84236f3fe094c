# Writes rindicator-data.csv: a gross sample of 900 persons from six strata with design weights (N_h / n_h,
# non-integer), three categorical frame covariates (region of birth, age band, sex) and a 0/1 response indicator
# drawn from a logistic propensity that depends on them, seeded. Usage: Rscript make_rindicator_data.R > rindicator-data.csv
set.seed(2009)
n <- 900
stratum <- sample(c("S1", "S2", "S3", "S4", "S5", "S6"), n, replace = TRUE, prob = c(0.3, 0.2, 0.15, 0.15, 0.1, 0.1))
frame_size <- c(S1 = 812345, S2 = 401234, S3 = 95321, S4 = 60123, S5 = 20417, S6 = 9876)
n_h <- table(stratum)
weight <- unname(frame_size[stratum] / as.numeric(n_h[stratum]))
birth <- sample(c("Sweden", "Nordic", "Europe", "Africa", "Asia"), n, replace = TRUE, prob = c(0.4, 0.1, 0.2, 0.1, 0.2))
age <- sample(c("16-24", "25-44", "45-64", "65+"), n, replace = TRUE)
sex <- sample(c("F", "M"), n, replace = TRUE)
eta <- -0.2 + c(Sweden = 0.6, Nordic = 0.3, Europe = 0, Africa = -0.7, Asia = -0.4)[birth] +
  c("16-24" = -0.5, "25-44" = -0.2, "45-64" = 0.2, "65+" = 0.5)[age] + c(F = 0.15, M = -0.15)[sex]
responded <- as.integer(runif(n) < plogis(eta))
out <- data.frame(person = seq_len(n), stratum = stratum, weight = sprintf("%.17g", weight),
                  birth = birth, age = age, sex = sex, responded = responded)
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
