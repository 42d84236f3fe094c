# Side-by-side reference for bench/Barometer.Benchmarks (estimation-vs-r): the same survey, calibrated by raking
# with R's survey package, then svyby() of 30 binary indicators by a 40-level domain with linearization SEs.
# Usage: Rscript estimation_bench.R data.csv totals.csv results.csv timings.txt
suppressMessages(library(survey))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
margins <- c("sex", "age", "region", "edu")
for (v in margins) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
totals <- read.csv(args[2])
pop <- c(`(Intercept)` = sum(totals$total[totals$margin == margins[1]]))
for (v in margins) {
  t <- totals[totals$margin == v, ]
  t <- t[order(t$level), ]
  p <- t$total[-1]
  names(p) <- paste0(v, t$level[-1])
  pop <- c(pop, p)
}
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d)
t_cal <- system.time(cal <- calibrate(design, ~sex + age + region + edu, population = pop, calfun = "raking"))
ys <- grep("^y[0-9]+$", names(d), value = TRUE)
f <- as.formula(paste("~", paste(ys, collapse = "+")))
t_by <- system.time(b <- svyby(f, ~dom, cal, svymean))
est <- coef(b)
se <- as.vector(as.matrix(SE(b)))
keys <- names(est)
dom <- sub(":.*$", "", keys)
variable <- sub("^[^:]*:", "", keys)
out <- data.frame(dom = dom, variable = variable, estimate = sprintf("%.17g", est), se = sprintf("%.17g", se))
write.csv(out, args[3], row.names = FALSE, quote = FALSE)
writeLines(c(sprintf("calibrate %.3f", t_cal[["elapsed"]]), sprintf("svyby %.3f", t_by[["elapsed"]]),
             sprintf("r_version %s", paste(R.version$major, R.version$minor, sep = ".")),
             sprintf("survey_version %s", as.character(packageVersion("survey")))), args[4])
