# The Fay-Herriot reference values of fh-data.csv, case by case:
#   metafor::rma(yi = y, vi = psi, mods = ~ x1 + ..., method = "REML", test = "z") with Fisher scoring to a change
#   in tau^2 below 1e-13 (metafor's default threshold, 1e-5, stops too early for a 1e-6 comparison), and blup():
#   sigma2u (tau2), beta (intercept first), eblup (blup's pred) and blup_var (blup's se^2 = g1 + g2), and logLik.
#   Independently of metafor's blup, by formula in base R at metafor's tau2 and with (X'V^-1 X)^-1 computed here:
#   g1 = A psi / (A + psi), g2 = (1 - gamma)^2 x'(X'V^-1 X)^-1 x, g3 = psi^2 / (A + psi)^3 * 2 / sum (A + psi)^-2,
#   mse = g1 + g2 + 2 g3 (Prasad & Rao 1990; Datta & Lahiri 2000 for REML), and the variance of the difference-
#   benchmark shift g4 = sum w^2 (1 - gamma)^2 (A + psi) - c'(X'V^-1 X)^-1 c, c = sum w (1 - gamma) x (w: shares).
# Writes fh.expected.csv to stdout (case,quantity,index,value; 17 significant digits; index from 1).
# Usage: Rscript fh_reference.R > fh.expected.csv
suppressMessages(library(metafor))
data <- read.csv("fh-data.csv", colClasses = c(case = "character"))
f <- function(x) sprintf("%.17g", x)
cat("case,quantity,index,value\n")
out <- function(case, quantity, values) {
  for (i in seq_along(values)) cat(sprintf("%s,%s,%d,%s\n", case, quantity, i, f(values[i])))
}
for (case in unique(data$case)) {
  d <- data[data$case == case, ]
  cov <- c("x1", "x2", "x3")[sapply(c("x1", "x2", "x3"), function(v) !all(is.na(d[[v]])))]
  mods <- as.formula(paste("~", paste(cov, collapse = " + ")))
  fit <- rma(yi = y, vi = psi, mods = mods, data = d, method = "REML", test = "z",
             control = list(threshold = 1e-13, maxiter = 10000))
  b <- blup(fit)
  A <- fit$tau2
  X <- cbind(1, as.matrix(d[, cov, drop = FALSE]))
  psi <- d$psi
  V <- A + psi
  B <- solve(t(X) %*% (X / V))
  gamma <- A / V
  g1 <- gamma * psi
  g2 <- (1 - gamma)^2 * rowSums((X %*% B) * X)
  g3 <- psi^2 / V^3 * 2 / sum(1 / V^2)
  w <- d$share / sum(d$share)
  cvec <- colSums(w * (1 - gamma) * X)
  g4 <- sum(w^2 * (1 - gamma)^2 * V) - drop(t(cvec) %*% B %*% cvec)
  out(case, "sigma2u", A)
  out(case, "beta", as.vector(fit$beta))
  out(case, "eblup", b$pred)
  out(case, "blup_var", b$se^2)
  out(case, "g1", g1)
  out(case, "g2", g2)
  out(case, "g3", g3)
  out(case, "mse", g1 + g2 + 2 * g3)
  out(case, "g4", g4)
  out(case, "loglik_reml", as.numeric(logLik(fit, REML = TRUE)))
}
