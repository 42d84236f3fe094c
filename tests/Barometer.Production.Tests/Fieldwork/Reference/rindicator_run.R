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
fit <- glm(reformulate(covariates, "responded"), family = quasibinomial(), data = frame, weights = d / mean(d),
           control = glm.control(epsilon = 1e-12, maxit = 100))
rho <- fitted(fit)
N <- sum(d)
mean_rho <- sum(d * rho) / N
S <- sqrt(sum(d * (rho - mean_rho)^2) / (N - 1))
cat(sprintf("%.17g,%.17g,%.17g\n", 1 - 2 * S, S, mean_rho))
