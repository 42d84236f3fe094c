# Inclusion probabilities of stratified srswor as drawn by R's sampling package (Debian r-cran-sampling):
# 2,000 draws of sampling::strata(method = "srswor") from a four-stratum frame; for each stratum, whether every draw
# had exactly n_h persons and a chi-square of the persons' selection counts against R * pi_i.
# Statistic: X = (N_h - 1) / N_h * sum_i (O_i - R pi_i)^2 / (R pi_i (1 - pi_i)), which under srswor is
# approximately chi-square with N_h - 1 degrees of freedom (the counts sum to R n_h and Cov(I_i, I_j) =
# -pi (1 - pi) / (N_h - 1)). Writes srswor.expected.csv to stdout. Usage: Rscript srswor_reference.R > srswor.expected.csv
suppressMessages(library(sampling))
set.seed(20260401)
sizes <- c(40, 75, 150, 300)
alloc <- c(8, 20, 30, 15)
draws <- 2000
frame <- data.frame(stratum = rep(seq_along(sizes), sizes), person = seq_len(sum(sizes)))
counts <- integer(nrow(frame))
exact <- integer(length(sizes))
for (r in seq_len(draws)) {
  s <- sampling::strata(frame, stratanames = "stratum", size = alloc, method = "srswor")
  chosen <- s$ID_unit
  counts[chosen] <- counts[chosen] + 1L
  got <- tabulate(frame$stratum[chosen], nbins = length(sizes))
  exact <- exact + as.integer(got == alloc)
  stopifnot(all(abs(s$Prob - alloc[s$Stratum] / sizes[s$Stratum]) < 1e-12))
}
cat("stratum,N,n,draws,exact_draws,chisq,df,p_value\n")
for (h in seq_along(sizes)) {
  o <- counts[frame$stratum == h]
  p <- alloc[h] / sizes[h]
  x <- (sizes[h] - 1) / sizes[h] * sum((o - draws * p)^2 / (draws * p * (1 - p)))
  df <- sizes[h] - 1
  cat(sprintf("%d,%d,%d,%d,%d,%s,%d,%s\n", h, sizes[h], alloc[h], draws, exact[h],
              sprintf("%.17g", x), df,
              formatC(pchisq(x, df, lower.tail = FALSE), digits = 17, format = "g")))
}
