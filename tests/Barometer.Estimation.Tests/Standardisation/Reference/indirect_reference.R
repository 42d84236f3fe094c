# Indirect standardisation in base R, independently of the engine: for each value (share, amount) and area, the
# area's actual mean, the expected mean Σ_c n_c m_c / n from the whole population's cell means m_c, the difference,
# its standard error √(Σ_c n_c v_c) / n with the cell's population variance v_c (divisor n_c), and the 95 % and
# 90 % normal intervals. Writes indirect.expected.csv. Usage: Rscript indirect_reference.R DIR
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "."
data <- read.csv(file.path(dir, "indirect-data.csv"), stringsAsFactors = FALSE)
out <- NULL
for (value in c("share", "amount")) {
  y <- data[[value]]
  m <- tapply(y, data$cell, mean)
  v <- tapply(y, data$cell, function(z) mean((z - mean(z))^2))
  for (a in sort(unique(data$area))) {
    inside <- data$area == a
    n <- sum(inside)
    actual <- mean(y[inside])
    expected <- sum(m[data$cell[inside]]) / n
    se <- sqrt(sum(v[data$cell[inside]])) / n
    for (level in c(0.95, 0.90)) {
      q <- qnorm(1 - (1 - level) / 2)
      d <- actual - expected
      out <- rbind(out, data.frame(value = value, area = a, level = level, persons = n,
        actual = sprintf("%.17g", actual), expected = sprintf("%.17g", expected), difference = sprintf("%.17g", d),
        se = sprintf("%.17g", se), lower = sprintf("%.17g", d - q * se), upper = sprintf("%.17g", d + q * se),
        significant = ifelse(d - q * se > 0 | d + q * se < 0, "true", "false")))
    }
  }
}
write.csv(out, file.path(dir, "indirect.expected.csv"), row.names = FALSE, quote = FALSE)
