# The optimal allocation problem of the Bethel-Chromy solver, solved independently with base R's constrOptim
# in x_h = 1 / n_h, where the constraints are linear (adaptive logarithmic barrier with mu = 1e-5, BFGS inside with
# reltol 1e-14, outer iterations until the objective changes by less than 1e-12; with the defaults, mu 1e-4 and
# reltol 1e-8, it stops 1.2e-5 above the optimum):
#   minimise sum_h c_h / x_h  subject to  sum_h a_dh x_h <= b_d,  1 / upper_h <= x_h <= 1 / lower_h.
# a_dh and b_d from the expected variance of a 50 % share in domain d (see docs/methodology/sample-design.md):
#   a_dh = deff_d W_h^2 S_h^2 / r_h,  b_d = (e_d / z)^2 + deff_d sum_h W_h^2 S_h^2 / N_h,
#   W_h = N_h / N_d,  S_h^2 = P (1 - P) N_h / (N_h - 1),  z = qnorm(0.975).
# Reads allocation-problem.csv and allocation-targets.csv next to it; prints allocation.expected.csv.
# Usage: Rscript allocation_reference.R DIR > allocation.expected.csv
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
strata <- read.csv(file.path(dir, "allocation-problem.csv"), stringsAsFactors = FALSE)
targets <- read.csv(file.path(dir, "allocation-targets.csv"), stringsAsFactors = FALSE, colClasses = "character")
z <- qnorm(0.975)
H <- nrow(strata)
A <- matrix(0, nrow(targets), H)
b <- numeric(nrow(targets))
for (d in seq_len(nrow(targets))) {
  inside <- as.character(strata[[targets$variable[d]]]) == targets$value[d]
  P <- as.numeric(targets$share[d])
  deff <- as.numeric(targets$design_effect[d])
  e <- as.numeric(targets$margin[d])
  Nd <- sum(strata$N[inside])
  w2s2 <- ifelse(inside, (strata$N / Nd)^2 * P * (1 - P) * strata$N / (strata$N - 1), 0)
  A[d, ] <- deff * w2s2 / strata$response_rate
  b[d] <- (e / z)^2 + deff * sum(w2s2[inside] / strata$N[inside])
}
# Scaled so that the variables and the objective are of order 1: x_h = s / n_h, cost in units of total.
s <- 1000
cost <- strata$cost
scale <- sum(cost * strata$lower)
f <- function(x) sum(cost * s / x) / scale
g <- function(x) -cost * s / x^2 / scale
ui <- rbind(-A / s / b, diag(H), -diag(H))
ci <- c(rep(-1, nrow(A)), s / strata$upper, -s / strata$lower)
x0 <- s / (strata$upper * (1 - 1e-3))
stopifnot(all(ui %*% x0 - ci > 0))
fit <- constrOptim(x0, f, g, ui, ci, mu = 1e-5, method = "BFGS", outer.iterations = 5000, outer.eps = 1e-12,
                   control = list(reltol = 1e-14, maxit = 100000))
stopifnot(fit$convergence == 0)
n <- s / fit$par
cat("stratum,n\n")
for (h in seq_len(H)) cat(sprintf("%s,%s\n", strata$stratum[h], sprintf("%.17g", n[h])))
cat(sprintf("cost,%s\n", sprintf("%.17g", sum(cost * n))))
