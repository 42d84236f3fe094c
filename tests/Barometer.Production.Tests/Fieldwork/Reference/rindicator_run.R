# The R-indicator of a run's gross sample, computed independently with glm (Schouten, Cobben & Bethlehem 2009):
# propensities from glm(responded ~ <every covariate column>, quasibinomial, weights = design weight scaled to mean 1),
# then R = 1 - 2 S with S = sqrt(sum d (rho - rho_bar)^2 / (N - 1)), N = sum d, and the design-weighted mean propensity.
# Usage: Rscript rindicator_run.R data.csv   (columns: responded 0/1, weight, then categorical covariates; "" is a category)
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1], colClasses = "character", na.strings = character(0))
responded <- as.integer(data$responded)
d <- as.numeric(data$weight)
covariates <- setdiff(names(data), c("responded", "weight"))
frame <- data.frame(responded = responded, lapply(data[covariates], factor))
# Dummies aliased with earlier columns (years in Sweden "native-born" = region of birth "Sweden") are dropped before
# the fit, as glm's pivoted QR reports them NA: with them in, glm's IRLS does not reach epsilon 1e-12 in 100 steps.
x <- model.matrix(reformulate(covariates), frame)
q <- qr(x)
x <- x[, q$pivot[seq_len(q$rank)], drop = FALSE]
fit <- glm.fit(x, responded, weights = d / mean(d), family = quasibinomial(), control = glm.control(epsilon = 1e-12, maxit = 100))
stopifnot(fit$converged)
rho <- fit$fitted.values
N <- sum(d)
mean_rho <- sum(d * rho) / N
S <- sqrt(sum(d * (rho - mean_rho)^2) / (N - 1))
cat(sprintf("%.17g,%.17g,%.17g\n", 1 - 2 * S, S, mean_rho))
