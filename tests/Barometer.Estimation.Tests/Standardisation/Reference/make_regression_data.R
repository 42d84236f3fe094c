# Writes the persons of the cell-regression reference test (regression-data.csv): three categorical covariates, one
# of which is aliased with another (level "inr" of c exactly when a is "SE", as age at arrival with the native-born),
# and a continuous value. Usage: Rscript make_regression_data.R OUT_DIR
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
set.seed(20261208)
n <- 3000
a <- sample(c("SE", "EU", "AF", "AS"), n, replace = TRUE, prob = c(0.5, 0.2, 0.15, 0.15))
b <- sample(c("1", "2"), n, replace = TRUE)
c <- ifelse(a == "SE", "inr", sample(c("0-6", "7-12", "13-15"), n, replace = TRUE))
y <- round(220 + 10 * (b == "2") - 25 * (a == "AF") - 15 * (a == "AS") - 30 * (c == "13-15") + rnorm(n, 0, 40 + 5 * (a != "SE")), 2)
write.csv(data.frame(a = a, b = b, c = c, y = y), file.path(out, "regression-data.csv"), row.names = FALSE, quote = FALSE)
