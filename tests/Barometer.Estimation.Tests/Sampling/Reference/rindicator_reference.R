# R-indicator and unconditional partial R-indicators of rindicator-data.csv (Schouten, Cobben & Bethlehem 2009;
# Schouten, Shlomo & Skinner 2011). Propensities: glm(responded ~ birth + age + sex, quasibinomial, design weights)
# — quasibinomial has the binomial point estimates without the warning about non-integer weights — converged to
# epsilon 1e-12 (the default is 1e-8). The weights passed to glm are the design weights divided by their mean: the
# estimates do not depend on the scale, but glm's start, mu = (w y + 0.5) / (w + 1), is so close to 0 and 1 for
# weights in the thousands that its IRLS diverges. With d_i the design weights, N = sum d_i, rho_bar = sum d_i rho_i / N:
#   S = sqrt( sum d_i (rho_i - rho_bar)^2 / (N - 1) ),  R = 1 - 2 S
#   per category h of variable k: P_u(k, h) = sqrt(N_h / N) (rho_bar_h - rho_bar);  P_u(k) = sqrt( sum_h P_u(k, h)^2 )
# Writes rindicator.expected.csv to stdout (measure,variable,category,value; 17 significant digits).
# Usage: Rscript rindicator_reference.R > rindicator.expected.csv
data <- read.csv("rindicator-data.csv", colClasses = c(person = "integer", stratum = "character", weight = "numeric",
                 birth = "character", age = "character", sex = "character", responded = "integer"))
fit <- glm(responded ~ birth + age + sex, family = quasibinomial(), data = data, weights = weight / mean(weight),
           control = glm.control(epsilon = 1e-12, maxit = 100))
stopifnot(fit$converged)
rho <- unname(fitted(fit))
d <- data$weight
N <- sum(d)
rho_bar <- sum(d * rho) / N
S <- sqrt(sum(d * (rho - rho_bar)^2) / (N - 1))
f <- function(x) sprintf("%.17g", x)
cat("measure,variable,category,value\n")
cat(sprintf("R,,,%s\n", f(1 - 2 * S)))
cat(sprintf("S,,,%s\n", f(S)))
cat(sprintf("mean,,,%s\n", f(rho_bar)))
for (k in c("birth", "age", "sex")) {
  x <- data[[k]]
  parts <- c()
  for (h in sort(unique(x))) {
    inside <- x == h
    N_h <- sum(d[inside])
    p <- sqrt(N_h / N) * (sum(d[inside] * rho[inside]) / N_h - rho_bar)
    parts <- c(parts, p)
    cat(sprintf("partial,%s,%s,%s\n", k, h, f(p)))
  }
  cat(sprintf("partial,%s,,%s\n", k, f(sqrt(sum(parts^2)))))
}
for (i in seq_along(rho)) cat(sprintf("propensity,%d,,%s\n", data$person[i], f(rho[i])))
