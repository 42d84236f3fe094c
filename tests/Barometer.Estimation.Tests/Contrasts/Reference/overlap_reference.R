# The covariance of two waves' calibrated estimates when the samples share persons, computed in base R from the
# survey package's calibrated weights: Tam's (1984) stratified SRSWOR covariance on the linearization values
# (docs/methodology/changes-and-overlap.md). Each wave: svydesign(strata, fpc, weights), raked to the population
# counts of sex and age (calibrate, raking, epsilon 1e-12). Linearization of a (domain) mean:
# z = w 1{domain} (y - mean) / sum(w 1{domain}); after calibration the residual e = z - g d x'B with
# B = (sum d x x')^-1 sum x z / g. The script checks that the stratified quadratic form of e is svymean's / svyby's
# variance, then writes, for every estimate, both waves' estimates and SEs, the covariance, and the change with its
# SE with and without the covariance.
# Usage: Rscript overlap_reference.R [folder]  (reads overlap-data.csv and overlap-totals.csv, writes overlap.expected.csv)
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
folder <- if (length(args) > 0) args[1] else "."
data <- read.csv(file.path(folder, "overlap-data.csv"), stringsAsFactors = FALSE)
totals <- read.csv(file.path(folder, "overlap-totals.csv"), stringsAsFactors = FALSE)
data$sex <- factor(data$sex, levels = totals$cell[totals$margin == "sex"])
data$age <- factor(data$age, levels = totals$cell[totals$margin == "age"])
population <- c(sum(totals$total[totals$margin == "sex"]), totals$total[totals$margin == "sex"][-1], totals$total[totals$margin == "age"][-1])

estimates <- list(list(id = "y", variable = "y", domain = ""), list(id = "y_dom", variable = "y", domain = "A"), list(id = "y_dom", variable = "y", domain = "B"),
                  list(id = "b_dom", variable = "b", domain = "A"), list(id = "b_dom", variable = "b", domain = "B"))

wave_fit <- function(d) {
  des <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~weight, data = d)
  cal <- calibrate(des, ~sex + age, population = population, calfun = "raking", epsilon = 1e-12, maxit = 100)
  w <- weights(cal)
  dw <- d$weight
  g <- w / dw
  x <- model.matrix(~sex + age, d)
  gram <- crossprod(x * dw, x)
  rows <- lapply(estimates, function(e) {
    inside <- if (e$domain == "") rep(TRUE, nrow(d)) else d$dom == e$domain
    y <- d[[e$variable]]
    total_w <- sum(w[inside])
    value <- sum(w[inside] * y[inside]) / total_w
    z <- ifelse(inside, w * (y - value) / total_w, 0)
    b <- solve(gram, crossprod(x, z / g))
    resid <- z - g * dw * drop(x %*% b)
    variance <- 0
    for (h in unique(d$stratum)) {
      s <- d$stratum == h
      n <- sum(s)
      variance <- variance + (1 - n / d$N[s][1]) * n / (n - 1) * sum((resid[s] - mean(resid[s]))^2)
    }
    # The same variance from survey itself.
    reference <- if (e$domain == "") SE(svymean(as.formula(paste0("~", e$variable)), cal))^2 else {
      by <- svyby(as.formula(paste0("~", e$variable)), ~dom, cal, svymean)
      SE(by)[rownames(by) == e$domain]^2
    }
    stopifnot(abs(variance - reference) <= 1e-12 * reference)
    list(value = value, variance = unname(variance), resid = resid)
  })
  list(rows = rows, data = d)
}

w1 <- wave_fit(data[data$wave == 1, ])
w2 <- wave_fit(data[data$wave == 2, ])
d1 <- w1$data
d2 <- w2$data
out <- data.frame()
for (k in seq_along(estimates)) {
  cov <- 0
  for (h in sort(unique(d2$stratum))) {
    common <- intersect(d2$person[d2$stratum == h], d1$person[d1$stratum == h])
    m <- length(common)
    if (m < 2) next
    n2 <- sum(d2$stratum == h)
    n1 <- sum(d1$stratum == h)
    N <- d2$N[d2$stratum == h][1]
    e2 <- w2$rows[[k]]$resid[match(common, d2$person)]
    e1 <- w1$rows[[k]]$resid[match(common, d1$person)]
    cov <- cov + (m - n2 * n1 / N) * sum((e2 - mean(e2)) * (e1 - mean(e1))) / (m - 1)
  }
  r1 <- w1$rows[[k]]
  r2 <- w2$rows[[k]]
  out <- rbind(out, data.frame(estimate = estimates[[k]]$id, domain = estimates[[k]]$domain,
    value1 = r1$value, se1 = sqrt(r1$variance), value2 = r2$value, se2 = sqrt(r2$variance), covariance = cov,
    change = r2$value - r1$value, se_change = sqrt(r1$variance + r2$variance - 2 * cov), se_independent = sqrt(r1$variance + r2$variance)))
}
num <- sapply(out, is.numeric)
out[num] <- lapply(out[num], function(v) sprintf("%.17g", v))
write.csv(out, file.path(folder, "overlap.expected.csv"), row.names = FALSE, quote = FALSE)
