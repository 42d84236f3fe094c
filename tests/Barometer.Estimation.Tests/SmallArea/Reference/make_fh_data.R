# Writes fh-data.csv: the inputs of the Fay-Herriot reference cases, one row per area (case, area, direct estimate y,
# sampling variance psi, population share, covariates x1..x3 without the intercept; empty where a case has fewer),
# all simulated from y_i = x_i'beta + u_i + e_i, u_i ~ N(0, A), e_i ~ N(0, psi_i), seeded.
#   gen_m10_p2     10 areas, intercept + 1 covariate, A = 1, psi ~ U(0.5, 2)
#   gen_m30_p3     30 areas, intercept + 2 covariates, A = 0.5, psi ~ U(0.2, 3)
#   gen_m60_p4     60 areas, intercept + 3 covariates, A = 2, psi ~ U(0.5, 4)
#   boundary_m15   15 areas, intercept + 1 covariate, A = 0 and the errors scaled to 0.3 sqrt(psi): REML's maximum is
#                  at sigma2_u = 0 (the score at 0 is negative)
#   counties_21    the 21 Swedish counties: a share (0-1 scale) of the foreign-born, population shares of the counties'
#                  foreign-born (rounded 2023 figures), a sample of 6,000 allocated in proportion, psi = p(1-p)/n * 1.5,
#                  covariates the share born outside Europe and the register employment rate, A = 0.03^2
#   wide_psi_21    21 areas whose sampling variances span four orders of magnitude (1e-6 to 1e-2, as direct variances
#                  of county domains with two respondents next to large ones), three covariates, A = 0.0015
# Usage: Rscript make_fh_data.R > fh-data.csv
f <- function(x) sprintf("%.17g", x)
rows <- list()
add <- function(case, y, psi, share, X) {
  X <- as.matrix(X)
  cols <- lapply(1:3, function(j) if (j <= ncol(X)) f(X[, j]) else rep("", length(y)))
  rows[[length(rows) + 1]] <<- data.frame(case = case, area = seq_along(y), y = f(y), psi = f(psi), share = f(share),
                                          x1 = cols[[1]], x2 = cols[[2]], x3 = cols[[3]])
}
generated <- function(case, seed, m, q, A, psi_range, beta) {
  set.seed(seed)
  X <- matrix(round(runif(m * q, 0, 10), 3), m, q)
  psi <- round(runif(m, psi_range[1], psi_range[2]), 4)
  theta <- drop(cbind(1, X) %*% beta) + rnorm(m, 0, sqrt(A))
  y <- round(theta + rnorm(m, 0, sqrt(psi)), 6)
  share <- round(runif(m, 1, 10), 3)
  add(case, y, psi, share / sum(share), X)
}
generated("gen_m10_p2", 101, 10, 1, 1, c(0.5, 2), c(3, 0.5))
generated("gen_m30_p3", 202, 30, 2, 0.5, c(0.2, 3), c(1, 0.8, -0.3))
generated("gen_m60_p4", 303, 60, 3, 2, c(0.5, 4), c(-2, 0.4, 0.2, 0.6))

set.seed(404)
m <- 15
X <- round(runif(m, 0, 10), 3)
psi <- round(runif(m, 1, 3), 4)
y <- round(2 + 0.7 * X + rnorm(m, 0, 0.3 * sqrt(psi)), 6)
share <- round(runif(m, 1, 10), 3)
add("boundary_m15", y, psi, share / sum(share), X)

set.seed(2121)
population <- c(650, 75, 60, 80, 65, 40, 35, 6, 25, 330, 45, 360, 35, 60, 60, 40, 45, 35, 15, 35, 30)
share <- population / sum(population)
n <- pmax(40, round(6000 * share))
outside <- round(pmin(0.8, pmax(0.2, 0.45 + 0.08 * scale(log(population))[, 1] + rnorm(21, 0, 0.07))), 4)
employed <- round(pmin(0.8, pmax(0.45, 0.66 - 0.15 * (outside - 0.45) + rnorm(21, 0, 0.03))), 4)
theta <- 0.25 - 0.20 * outside + 0.55 * employed + rnorm(21, 0, 0.03)
p <- pmin(0.95, pmax(0.05, theta))
psi <- p * (1 - p) / n * 1.5
y <- round(p + rnorm(21, 0, sqrt(psi)), 6)
add("counties_21", y, signif(psi, 10), share, cbind(outside, employed))

set.seed(77)
m <- 21
X <- cbind(round(runif(m, 0.2, 0.7), 4), round(runif(m, 0.1, 0.4), 4), round(runif(m, 0.5, 0.75), 4))
psi <- signif(exp(runif(m, log(1e-6), log(1e-2))), 8)
theta <- drop(cbind(1, X) %*% c(0.3, -0.2, 0.1, 0.5)) + rnorm(m, 0, sqrt(0.0015))
y <- round(theta + rnorm(m, 0, sqrt(psi)), 6)
share <- round(runif(m, 1, 10), 3)
add("wide_psi_21", y, psi, share / sum(share), X)

write.csv(do.call(rbind, rows), stdout(), row.names = FALSE, quote = FALSE)
