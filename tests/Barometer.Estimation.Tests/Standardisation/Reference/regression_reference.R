# The person-level regression in base R, independently of the engine: lm(y ~ a + b + c) on the persons of
# regression-data.csv (one of c's levels is aliased with one of a's, so lm reports an NA coefficient), the fitted
# value of every cell (combination of a, b and c) and the residual variance sigma(fit)^2 = RSS / (n - rank).
# Writes regression.expected.csv. Usage: Rscript regression_reference.R DIR
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "."
data <- read.csv(file.path(dir, "regression-data.csv"), stringsAsFactors = FALSE, colClasses = c("character", "character", "character", "numeric"))
fit <- lm(y ~ a + b + c, data = data)
cells <- unique(data[, c("a", "b", "c")])
cells <- cells[order(cells$a, cells$b, cells$c), ]
cells$fitted <- sprintf("%.17g", suppressWarnings(predict(fit, newdata = cells)))
cells$sigma2 <- sprintf("%.17g", sigma(fit)^2)
cells$rank <- fit$rank
write.csv(cells, file.path(dir, "regression.expected.csv"), row.names = FALSE, quote = FALSE)
