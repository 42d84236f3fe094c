#!/usr/bin/env Rscript
# Writes the input of every reference case: <cases>/<case>/data.csv and <cases>/<case>/design.yaml.
#
#   Rscript tests/Reference/r/generate_cases.R tests/Reference/cases
#
# The cases are R's own `api` data (apisrs, apistrat, apiclus1, apiclus2, with apipop for calibration totals) and
# randomly generated designs drawn from simulated populations with fixed seeds, so the output is the same on every
# run. estimate_reference.R then computes each case's expected.csv with the survey package.
suppressMessages({
  library(survey)
})
script_dir <- local({
  arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)
  dirname(normalizePath(sub("^--file=", "", arg[1])))
})
source(file.path(script_dir, "common.R"))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript generate_cases.R <cases-directory>")
out_root <- args[1]
dir.create(out_root, recursive = TRUE, showWarnings = FALSE)

# ---- YAML emission (flow style as in the contract; every level name quoted so no YAML 1.1 boolean sneaks in) ----

yq <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
# A column name, quoted only where a YAML 1.1 reader (R's yaml) would take it for a boolean (y, N, yes, off, ...).
yname <- function(s) ifelse(grepl("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", s), yq(s), s)
yaml_list <- function(x, quote = FALSE) paste0("[", paste(if (quote) yq(x) else yname(x), collapse = ", "), "]")

emit_estimate <- function(e) {
  parts <- c(paste0("id: ", e$id), paste0("type: ", e$type), paste0("variable: ", yname(e$variable)))
  if (length(e$by)) parts <- c(parts, paste0("by: ", yaml_list(e$by)))
  if (!is.null(e$denominator)) parts <- c(parts, paste0("denominator: ", yname(e$denominator)))
  if (!is.null(e$contrast)) parts <- c(parts, paste0("contrast: ", yaml_list(e$contrast, quote = TRUE)))
  if (!is.null(e$ci)) parts <- c(parts, paste0("ci: ", e$ci))
  paste0("  - {", paste(parts, collapse = ", "), "}")
}

emit_yaml <- function(spec, comment) {
  out <- paste0("# ", strwrap(comment, 112))
  d <- spec$design
  keys <- c("ids", "strata", "fpc", "weights", "lonely_psu")
  present <- keys[keys %in% names(d)]
  if (length(present) == 0) {
    out <- c(out, "design: {}")
  } else {
    out <- c(out, "design:")
    if (!is.null(d$ids)) out <- c(out, paste0("  ids: ", yaml_list(d$ids)))
    if (!is.null(d$strata)) out <- c(out, paste0("  strata: ", yname(d$strata)))
    if (!is.null(d$fpc)) out <- c(out, paste0("  fpc: ", yaml_list(d$fpc)))
    if (!is.null(d$weights)) out <- c(out, paste0("  weights: ", yname(d$weights)))
    if (!is.null(d$lonely_psu)) out <- c(out, paste0("  lonely_psu: ", d$lonely_psu))
  }
  cal <- spec$calibration
  if (!is.null(cal)) {
    out <- c(out, "calibration:", paste0("  method: ", cal$method))
    if (!is.null(cal$bounds)) out <- c(out, paste0("  bounds: ", yaml_list(fmt_num(cal$bounds))))
    out <- c(out, "  margins:")
    for (m in cal$margins) {
      if (!is.null(m$totals)) {
        tot <- paste(paste0(yq(names(m$totals)), ": ", fmt_num(unname(m$totals))), collapse = ", ")
        out <- c(out, paste0("    - {variable: ", yname(m$variable), ", totals: {", tot, "}}"))
      } else {
        out <- c(out, paste0("    - {variable: ", yname(m$variable), ", total: ", fmt_num(m$total), "}"))
      }
    }
  }
  rep <- spec$replicates
  if (!is.null(rep)) {
    out <- c(out, "replicates:", paste0("  type: ", rep$type))
    if (!is.null(rep$columns)) out <- c(out, paste0("  columns: ", yq(rep$columns)))
    if (!is.null(rep$rho)) out <- c(out, paste0("  rho: ", fmt_num(rep$rho)))
  }
  out <- c(out, "estimates:", vapply(spec$estimates, emit_estimate, ""))
  if (!is.null(spec$level)) out <- c(out, paste0("level: ", fmt_num(spec$level)))
  out
}

n_cases <- 0
write_case <- function(name, data, spec, comment) {
  dir <- file.path(out_root, name)
  dir.create(dir, showWarnings = FALSE)
  write_data_csv(data, file.path(dir, "data.csv"))
  writeLines(emit_yaml(spec, comment), file.path(dir, "design.yaml"))
  n_cases <<- n_cases + 1
}

est <- function(id, type, variable, by = character(0), denominator = NULL, contrast = NULL, ci = NULL) {
  list(id = id, type = type, variable = variable, by = by, denominator = denominator, contrast = contrast, ci = ci)
}

# Replicate-weight columns (sampling weight times replicate factor) as svrepdesign(combined.weights = TRUE) expects.
replicate_columns <- function(design, type, ...) {
  rep <- suppressWarnings(as.svrepdesign(design, type = type, compress = FALSE, ...))
  w <- unclass(as.matrix(weights(rep, "analysis")))
  w <- matrix(as.numeric(w), nrow = nrow(w))
  colnames(w) <- sprintf("rw_%03d", seq_len(ncol(w)))
  as.data.frame(w)
}

# ---- R's api data ----------------------------------------------------------------------------------------------

data(api)
api_columns <- function(d, extra = character(0)) {
  names(d) <- gsub(".", "_", names(d), fixed = TRUE)
  keep <- c("snum", "dnum", "stype", "sch_wide", "comp_imp", "both", "awards", "api00", "api99", "meals", "ell",
            "enroll", "acs_k3", "avg_ed", "mobility", extra)
  out <- d[keep]
  for (j in names(out)) if (is.factor(out[[j]])) out[[j]] <- as.character(out[[j]])
  out
}
pop <- apipop
count_by <- function(v) { t <- table(as.character(v)); setNames(as.numeric(t), names(t)) }
pop_stype <- count_by(pop$stype)
pop_sch_wide <- count_by(pop$sch.wide)
pop_awards <- count_by(pop$awards)
pop_api99 <- sum(pop$api99)
pop_meals <- sum(pop$meals)

strat <- api_columns(apistrat, c("pw", "fpc"))
clus1 <- api_columns(apiclus1, c("pw", "fpc"))
clus2 <- api_columns(apiclus2, c("pw", "fpc1", "fpc2"))
clus2$fpc2 <- as.numeric(clus2$fpc2)
srs <- api_columns(apisrs, c("pw", "fpc"))

# The estimates asked of every api case: every estimator, with and without domains, every interval.
api_estimates <- list(
  est("t_enroll", "total", "enroll"),
  est("t_enroll_by", "total", "enroll", by = "stype"),
  est("t_enroll_by2", "total", "enroll", by = c("stype", "sch_wide")),
  est("m_api00", "mean", "api00"),
  est("m_api00_by", "mean", "api00", by = "stype"),
  est("m_acs_k3", "mean", "acs_k3", by = "awards"),
  est("m_avg_ed", "mean", "avg_ed"),
  est("r_api", "ratio", "api00", denominator = "api99"),
  est("r_api_by", "ratio", "api00", by = "stype", denominator = "api99"),
  est("r_ell_enroll", "ratio", "ell", by = "sch_wide", denominator = "enroll"),
  est("p_sch_wide", "proportion", "sch_wide"),
  est("p_stype_by", "proportion", "stype", by = "awards"),
  est("p_awards_logit", "proportion", "awards", by = "stype", ci = "logit"),
  est("p_both_beta", "proportion", "both", by = "stype", ci = "beta"),
  est("p_comp_imp_beta", "proportion", "comp_imp", ci = "beta"),
  est("p_sch_wide_logit", "proportion", "sch_wide", ci = "logit"),
  est("d_api00_sch_wide", "difference", "api00", by = "sch_wide", contrast = c("Yes", "No")),
  est("d_meals_awards", "difference", "meals", by = "awards", contrast = c("No", "Yes")),
  est("d_acs_k3", "difference", "acs_k3", by = "sch_wide", contrast = c("Yes", "No"))
)
# Designs without elementary schools in every domain still have the stype domains; apiclus2 has NA enroll.
api_spec <- function(design, ..., without = character(0)) {
  s <- list(design = design, estimates = Filter(function(e) !(e$id %in% without), api_estimates))
  extra <- list(...)
  for (k in names(extra)) s[[k]] <- extra[[k]]
  s
}

write_case("api_srs_fpc", srs,
           api_spec(list(fpc = "fpc")),
           "apisrs: simple random sample of 200 schools; element sampling with the population count as fpc and weights derived from it.")
write_case("api_srs_weights", srs,
           api_spec(list(weights = "pw"), level = 0.9),
           "apisrs: element sampling with weights only (with-replacement variance), 90% intervals.")
write_case("api_strat", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw")),
           "apistrat: stratified by school type, fpc as population counts, weights given.")
write_case("api_strat_nofpc", strat,
           api_spec(list(strata = "stype", weights = "pw"), level = 0.99),
           "apistrat: stratified by school type without fpc (with replacement), 99% intervals.")
strat_frac <- strat
strat_frac$fpc_frac <- as.numeric(table(strat$stype)[strat$stype]) / strat$fpc
write_case("api_strat_fraction", strat_frac,
           api_spec(list(strata = "stype", fpc = "fpc_frac")),
           "apistrat: stratified, fpc given as sampling fractions, weights derived from the fractions.")
write_case("api_clus1", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw")),
           "apiclus1: one-stage cluster sample of 15 school districts, fpc as the number of districts, weights given.")
write_case("api_clus1_derived", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc")),
           "apiclus1: one-stage cluster sample, weights derived from the fpc count.")
write_case("api_clus1_nofpc", clus1,
           api_spec(list(ids = "dnum", weights = "pw")),
           "apiclus1: one-stage cluster sample without fpc (with replacement).")
write_case("api_clus2", clus2,
           api_spec(list(ids = c("dnum", "snum"), fpc = c("fpc1", "fpc2"))),
           "apiclus2: two-stage sample (districts, then up to 5 schools), fpc counts per stage, weights derived.")
write_case("api_clus2_weights", clus2,
           api_spec(list(ids = c("dnum", "snum"), fpc = c("fpc1", "fpc2"), weights = "pw")),
           "apiclus2: two-stage sample with fpc counts per stage and the weights given.")
clus2_frac <- clus2
m_i <- as.numeric(table(clus2$dnum)[as.character(clus2$dnum)])
clus2_frac$f1 <- length(unique(clus2$dnum)) / clus2$fpc1
clus2_frac$f2 <- m_i / clus2$fpc2
clus2_frac$fpc1 <- NULL
clus2_frac$fpc2 <- NULL
write_case("api_clus2_fraction", clus2_frac,
           api_spec(list(ids = c("dnum", "snum"), fpc = c("f1", "f2"))),
           "apiclus2: two-stage sample with fpc as sampling fractions per stage, weights derived from them.")

# Calibration to apipop totals.
m_stype <- list(variable = "stype", totals = pop_stype)
m_sch_wide <- list(variable = "sch_wide", totals = pop_sch_wide)
m_awards <- list(variable = "awards", totals = pop_awards)
m_api99 <- list(variable = "api99", total = pop_api99)
m_meals <- list(variable = "meals", total = pop_meals)

write_case("api_clus1_cal_linear", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "linear", margins = list(m_stype, m_api99))),
           "apiclus1 calibrated (GREG, calfun linear) to apipop school-type counts and the api99 total.")
write_case("api_strat_cal_linear_bounded", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "linear", bounds = c(0.78, 1.1),
                                       margins = list(m_sch_wide, m_awards, m_api99, m_meals))),
           "apistrat calibrated (linear with g-weight bounds 0.78-1.1, which bind) to apipop sch.wide and awards counts, api99 and meals totals.")
write_case("api_clus1_cal_raking", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "raking", margins = list(m_stype, m_sch_wide))),
           "apiclus1 raked (calibrate calfun raking) to apipop counts of school type and sch.wide.")
write_case("api_strat_cal_raking_bounded", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "raking", bounds = c(0.78, 1.1),
                                       margins = list(m_sch_wide, m_awards, m_api99, m_meals))),
           "apistrat raked with g-weight bounds 0.78-1.1 (binding) to apipop counts and totals.")
write_case("api_clus1_cal_logit", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "logit", bounds = c(0.6, 1.6), margins = list(m_stype, m_api99))),
           "apiclus1 calibrated with the logit distance, bounds 0.6-1.6, to school-type counts and the api99 total.")
write_case("api_clus1_cal_raking_bounded", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "raking", bounds = c(0.5, 1.7), margins = list(m_stype, m_api99))),
           "apiclus1 raked with bounds 0.5-1.7 (the upper bound binds) to school-type counts and the api99 total.")
write_case("api_clus2_cal_linear", clus2,
           api_spec(list(ids = c("dnum", "snum"), fpc = c("fpc1", "fpc2")),
                    calibration = list(method = "linear", margins = list(m_stype, m_api99))),
           "apiclus2 (two-stage) calibrated (linear) to school-type counts and the api99 total.")
write_case("api_strat_cal_numeric", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw"),
                    calibration = list(method = "linear", margins = list(m_api99, m_meals))),
           "apistrat calibrated (linear) to numeric totals only (api99, meals): no categorical margin, so no intercept.")

# Replicate weights.
d_clus1 <- svydesign(ids = ~dnum, fpc = ~fpc, weights = ~pw, data = clus1)
d_strat <- svydesign(ids = ~1, strata = ~stype, fpc = ~fpc, weights = ~pw, data = strat)
write_case("api_clus1_jk1", clus1,
           api_spec(list(ids = "dnum", fpc = "fpc", weights = "pw"), replicates = list(type = "jk1")),
           "apiclus1 with JK1 replicates generated from the design (as.svrepdesign, fpc folded into the scale).")
write_case("api_strat_jkn", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw"), replicates = list(type = "jkn")),
           "apistrat with JKn replicates generated from the design (as.svrepdesign, fpc folded into rscales).")
write_case("api_clus1_jk1_supplied", cbind(clus1, replicate_columns(d_clus1, "JK1")),
           api_spec(list(weights = "pw"), replicates = list(type = "jk1", columns = "rw_*")),
           "apiclus1 with supplied JK1 replicate weights (columns rw_*, from as.svrepdesign); R's default scale (R-1)/R.")
write_case("api_strat_jkn_supplied", cbind(strat, replicate_columns(d_strat, "JKn")),
           api_spec(list(weights = "pw"), replicates = list(type = "jkn", columns = "rw_*")),
           "apistrat with supplied JKn replicate weights (columns rw_*); rscales from R's rule 1/max(replicate factor).")
set.seed(20250301)
write_case("api_clus1_bootstrap_supplied", cbind(clus1, replicate_columns(d_clus1, "bootstrap", replicates = 60)),
           api_spec(list(weights = "pw"), replicates = list(type = "bootstrap", columns = "rw_*"), without = "p_awards_logit"),
           paste("apiclus1 with 60 supplied bootstrap replicate weights (bootweights, seeded); scale 1/(R-1). Without the",
                 "logit interval by school type: some replicates have no award-less high school, where the logit is infinite."))
write_case("api_strat_jkn_raking", strat,
           api_spec(list(strata = "stype", fpc = "fpc", weights = "pw"), replicates = list(type = "jkn"),
                    calibration = list(method = "raking", margins = list(m_sch_wide, m_awards, m_api99))),
           "apistrat with generated JKn replicates, raked to sch.wide and awards counts and the api99 total; every replicate is raked too.")
write_case("api_clus1_jk1_supplied_linear", cbind(clus1, replicate_columns(d_clus1, "JK1")),
           api_spec(list(weights = "pw"), replicates = list(type = "jk1", columns = "rw_*"),
                    calibration = list(method = "linear", margins = list(m_stype, m_api99))),
           "apiclus1 with supplied JK1 replicates, calibrated (linear) to school-type counts and api99; every replicate is calibrated too.")

# ---- Simulated populations -------------------------------------------------------------------------------------

# A population of persons in strata (regions) and clusters (areas), with the variables the barometer analyses.
simulate_population <- function(n_strata, clusters_per_stratum, cluster_size) {
  rows <- list()
  psu_counter <- 0
  for (h in seq_len(n_strata)) {
    n_clusters <- clusters_per_stratum[h]
    sizes <- pmax(4, round(cluster_size * exp(rnorm(n_clusters, 0, 0.4))))
    stratum_effect <- rnorm(1, 0, 0.3)
    for (k in seq_len(n_clusters)) {
      psu_counter <- psu_counter + 1
      m <- sizes[k]
      cluster_effect <- rnorm(1, 0, 0.2)
      born <- ifelse(runif(m) < plogis(-1 + stratum_effect + cluster_effect), "foreign", "native")
      sex <- sample(1:2, m, replace = TRUE)
      age <- sample(c("16-29", "30-49", "50-64", "65+"), m, replace = TRUE, prob = c(0.25, 0.35, 0.25, 0.15))
      region <- sample(c("north", "middle", "south", "west"), m, replace = TRUE,
                       prob = c(0.2, 0.3, 0.3, 0.2) * exp(c(stratum_effect, 0, -stratum_effect, 0)))
      income <- round(exp(5.5 + 0.3 * (sex == 1) + 0.4 * (age != "16-29") - 0.3 * (born == "foreign") +
                            cluster_effect + rnorm(m, 0, 0.5)), 1)
      hours <- round(pmax(1, 30 + 5 * (born == "native") + rnorm(m, 0, 8)), 1)
      trust_p <- plogis(0.3 + 0.5 * (born == "native") + 0.2 * (age == "65+") + cluster_effect)
      trust <- as.integer(runif(m) < trust_p)
      answer <- ifelse(runif(m) < 0.15 + 0.1 * (born == "foreign"), "dont_know",
                       ifelse(runif(m) < trust_p, "agree", "disagree"))
      score <- round(50 + 10 * stratum_effect + 8 * cluster_effect + 5 * (born == "native") + rnorm(m, 0, 12), 2)
      rows[[length(rows) + 1]] <- data.frame(
        stratum = sprintf("s%02d", h), psu = sprintf("c%04d", psu_counter), born = born, sex = sex, age = age,
        region = region, income = income, hours = hours, trust = trust, answer = answer, score = score,
        stringsAsFactors = FALSE)
    }
  }
  do.call(rbind, rows)
}

# Draws a stratified (optionally) one- or two-stage sample by simple random sampling without replacement at each
# stage and attaches the design columns: weights w, population counts N1/N2 and sampling fractions f1/f2.
draw_sample <- function(population, kind, psus_per_stratum, persons_per_psu) {
  parts <- list()
  for (h in sort(unique(population$stratum))) {
    ph <- population[population$stratum == h, ]
    if (kind == "element") {
      n_h <- min(psus_per_stratum[[h]], nrow(ph))
      s <- ph[sample.int(nrow(ph), n_h), ]
      s$N1 <- nrow(ph)
      s$f1 <- n_h / nrow(ph)
      s$w <- nrow(ph) / n_h
      s$unit <- sprintf("u%05d", seq_len(n_h) + 10000 * match(h, sort(unique(population$stratum))))
      parts[[h]] <- s
    } else {
      clusters <- unique(ph$psu)
      n_h <- min(psus_per_stratum[[h]], length(clusters))
      chosen <- clusters[sort(sample.int(length(clusters), n_h))]
      for (cl in chosen) {
        pc <- ph[ph$psu == cl, ]
        if (kind == "cluster1") {
          s <- pc
          s$N2 <- nrow(pc)
          s$f2 <- 1
          w2 <- 1
        } else {
          m <- min(max(2, persons_per_psu), nrow(pc))
          s <- pc[sort(sample.int(nrow(pc), m)), ]
          s$N2 <- nrow(pc)
          s$f2 <- m / nrow(pc)
          w2 <- nrow(pc) / m
        }
        s$N1 <- length(clusters)
        s$f1 <- n_h / length(clusters)
        s$w <- length(clusters) / n_h * w2
        s$unit <- sprintf("%s_%03d", cl, seq_len(nrow(s)))
        parts[[length(parts) + 1]] <- s
      }
    }
  }
  out <- do.call(rbind, parts)
  rownames(out) <- NULL
  out
}

random_population_totals <- function(population) {
  list(
    sex = list(variable = "sex", totals = count_by(population$sex)),
    age = list(variable = "age", totals = count_by(population$age)),
    born = list(variable = "born", totals = count_by(population$born)),
    income = list(variable = "income", total = sum(population$income))
  )
}

# The estimates of a random case: a seeded draw from every estimator with domains and intervals.
random_estimates <- function(proportion_ci) {
  pool <- list(
    est("t_income", "total", "income"),
    est("t_hours_by", "total", "hours", by = "region"),
    est("t_trust_by2", "total", "trust", by = c("born", "sex")),
    est("m_score", "mean", "score"),
    est("m_score_by", "mean", "score", by = "born"),
    est("m_income_by2", "mean", "income", by = c("region", "sex")),
    est("m_hours_age", "mean", "hours", by = "age"),
    est("r_income_hours", "ratio", "income", denominator = "hours"),
    est("r_score_by", "ratio", "score", by = "born", denominator = "hours"),
    est("p_answer", "proportion", "answer", ci = proportion_ci[1]),
    est("p_answer_by", "proportion", "answer", by = "born", ci = proportion_ci[2]),
    est("p_trust_by", "proportion", "trust", by = "region", ci = proportion_ci[3]),
    est("p_age", "proportion", "age"),
    est("d_score_born", "difference", "score", by = "born", contrast = c("foreign", "native")),
    est("d_income_sex", "difference", "income", by = "sex", contrast = c("2", "1"))
  )
  keep <- sort(c(sample(1:9, 4), sample(10:12, 2), sample(13:15, 2)))
  lapply(pool[keep], function(e) { if (!is.null(e$ci) && e$ci == "wald") e$ci <- NULL; e })
}

# Item nonresponse: missing values in analysis variables (never in design, domain or calibration columns).
add_missing <- function(s) {
  for (v in c("score", "hours", "answer")) {
    miss <- runif(nrow(s)) < 0.04
    s[[v]][miss] <- NA
  }
  s
}

# Feature plan of the random designs: each row mixes design, fpc, weights, calibration, replicates, lonely PSU and
# level; sizes, counts, values, missingness and the estimates asked are drawn from the seed.
plan <- read.table(header = TRUE, stringsAsFactors = FALSE, text = "
case  kind     strata  fpc      weights  calibration  bounds  replicates  lonely     level
r01   element  no      none     given    none         no      none        none       0.95
r02   element  yes     count    given    linear       no      none        none       0.95
r03   element  yes     fraction derived  raking       no      none        none       0.9
r04   cluster1 no      count    given    logit        yes     none        none       0.95
r05   cluster1 yes     none     given    none         no      jkn         none       0.95
r06   cluster2 yes     count    derived  linear       yes     none        none       0.95
r07   cluster2 no      fraction derived  none         no      jk1         none       0.95
r08   element  yes     count    given    raking       no      bootstrap   none       0.95
r09   cluster1 pairs   none     given    none         no      brr         none       0.95
r10   cluster1 pairs   count    given    linear       no      fay         none       0.9
r11   element  no      none     given    none         no      jk1s        none       0.99
r12   cluster1 yes     count    given    raking       no      jkns        none       0.95
r13   cluster2 yes     count    given    none         no      none        adjust     0.95
r14   cluster1 yes     none     given    none         no      none        average    0.95
r15   element  yes     count    given    linear       no      none        remove     0.95
r16   cluster1 yes     count    given    none         no      none        certainty  0.95
r17   cluster2 yes     fraction given    logit        yes     jkn         none       0.95
r18   element  yes     none     given    linear       yes     jkn         none       0.95
r19   cluster1 no      none     given    raking       no      bootstrap   none       0.95
r20   element  yes     count    derived  none         no      none        none       0.9
r21   cluster2 no      count    given    raking       no      none        none       0.99
r22   cluster1 yes     fraction derived  linear       no      jkn         none       0.95
r23   cluster2 pairs   count    given    raking       no      brr         none       0.95
r24   cluster2 yes     count    given    linear       no      bootstrap   none       0.95
")

make_random_case <- function(i) {
  p <- plan[i, ]
  set.seed(7000 + i)
  n_strata <- if (p$strata == "no") 1 else if (p$strata == "pairs") sample(8:16, 1) else sample(3:7, 1)
  clusters_per_stratum <- sample(15:40, n_strata, replace = TRUE)
  cluster_size <- if (p$kind == "element") sample(40:120, 1) else sample(8:25, 1)
  population <- simulate_population(n_strata, clusters_per_stratum, cluster_size)
  strata_names <- sort(unique(population$stratum))
  psus <- setNames(as.list(if (p$strata == "pairs") rep(2, n_strata)
                           else if (p$kind == "element" && n_strata == 1) sample(100:300, 1)
                           else if (p$kind == "element") sample(25:70, n_strata, replace = TRUE)
                           else if (n_strata == 1) sample(10:20, 1)
                           else sample(3:8, n_strata, replace = TRUE)), strata_names)
  lonely_stratum <- NULL
  if (p$lonely != "none") {
    lonely_stratum <- strata_names[sample.int(n_strata, 1)]
    psus[[lonely_stratum]] <- 1
  }
  s <- draw_sample(population, p$kind, psus, persons_per_psu = if (p$strata == "pairs") sample(8:12, 1) else sample(3:7, 1))
  s <- add_missing(s)

  design <- list()
  design$ids <- switch(p$kind, element = NULL, cluster1 = "psu", cluster2 = c("psu", "unit"))
  if (p$strata != "no") design$strata <- "stratum"
  stages <- if (p$kind == "cluster2") 2 else 1
  if (p$fpc == "count") design$fpc <- c("N1", "N2")[seq_len(stages)]
  if (p$fpc == "fraction") design$fpc <- c("f1", "f2")[seq_len(stages)]
  if (p$weights == "given") design$weights <- "w"
  if (p$lonely != "none") design$lonely_psu <- p$lonely

  spec <- list(design = design)
  totals <- random_population_totals(population)
  if (p$calibration != "none") {
    margins <- switch(sample(1:3, 1),
                      list(totals$sex, totals$age),
                      list(totals$born, totals$age, totals$income),
                      list(totals$sex, totals$born, totals$income))
    spec$calibration <- list(method = p$calibration, margins = margins)
    if (p$bounds == "yes") spec$calibration$bounds <- c(0.4, 2.5)
  }
  columns <- NULL
  if (p$replicates %in% c("jk1", "jkn")) spec$replicates <- list(type = p$replicates)
  if (p$replicates %in% c("bootstrap", "brr", "fay", "jk1s", "jkns")) {
    ids <- if (is.null(design$ids)) ~1 else as.formula(paste("~", design$ids[1]))
    strata <- if (is.null(design$strata)) NULL else ~stratum
    d <- svydesign(ids = ids, strata = strata, weights = ~w, data = s)
    type <- switch(p$replicates, bootstrap = "bootstrap", brr = "BRR", fay = "Fay", jk1s = "JK1", jkns = "JKn")
    columns <- switch(p$replicates,
                      bootstrap = replicate_columns(d, type, replicates = sample(30:60, 1)),
                      fay = replicate_columns(d, type, fay.rho = 0.3),
                      replicate_columns(d, type))
    spec$replicates <- list(type = sub("s$", "", p$replicates), columns = "rw_*")
    if (p$replicates == "fay") spec$replicates$rho <- 0.3
    spec$design <- list(weights = "w")
  }
  ci <- sample(c("wald", "logit", "beta"), 3, replace = TRUE)
  spec$estimates <- random_estimates(ci)
  if (p$level != 0.95) spec$level <- p$level

  keep <- unique(c(design$ids, if (!is.null(design$strata)) "stratum", design$fpc, "w",
                   "born", "sex", "age", "region", "income", "hours", "trust", "answer", "score"))
  data <- s[keep]
  if (!is.null(columns)) data <- cbind(data, columns)
  # Rows in a random order: nothing may depend on the data being sorted by stratum or cluster.
  data <- data[sample.int(nrow(data)), ]
  comment <- sprintf(paste("Random design %s (seed %d): %s sampling, strata %s, fpc %s, weights %s, calibration %s%s,",
                           "replicates %s, lonely PSU %s; %d respondents from a simulated population of %d."),
                     p$case, 7000 + i, p$kind, p$strata, p$fpc, p$weights, p$calibration,
                     if (p$bounds == "yes") " (bounded)" else "",
                     switch(p$replicates, jk1s = "jk1 (supplied)", jkns = "jkn (supplied)",
                            bootstrap = , brr = , fay = paste(p$replicates, "(supplied)"),
                            jk1 = , jkn = paste(p$replicates, "(generated)"), p$replicates),
                     p$lonely, nrow(data), nrow(population))
  write_case(paste0("random_", p$case), data, spec, comment)
}
for (i in seq_len(nrow(plan))) make_random_case(i)

# ---- Lonely PSUs: one data set, every option of survey.lonely.psu ----------------------------------------------

set.seed(4242)
lonely_population <- simulate_population(4, c(20, 25, 30, 18), 12)
lonely_sample <- draw_sample(lonely_population, "cluster1", list(s01 = 4, s02 = 1, s03 = 5, s04 = 3), 0)
lonely_sample <- add_missing(lonely_sample)
lonely_data <- lonely_sample[c("stratum", "psu", "N1", "w", "born", "sex", "age", "region", "income", "hours",
                               "trust", "answer", "score")]
lonely_estimates <- list(
  est("t_income", "total", "income"),
  est("t_income_by", "total", "income", by = "born"),
  est("m_score", "mean", "score"),
  est("m_score_by", "mean", "score", by = "region"),
  est("r_income_hours", "ratio", "income", denominator = "hours"),
  est("p_answer", "proportion", "answer", ci = "logit"),
  est("p_trust_by", "proportion", "trust", by = "born", ci = "beta"),
  est("p_age", "proportion", "age"),
  est("d_score_born", "difference", "score", by = "born", contrast = c("foreign", "native"))
)
for (option in c("remove", "adjust", "average", "certainty")) {
  write_case(paste0("lonely_", option), lonely_data,
             list(design = list(ids = "psu", strata = "stratum", fpc = "N1", weights = "w", lonely_psu = option),
                  estimates = lonely_estimates),
             sprintf("Stratified cluster sample where stratum s02 has a single PSU; lonely_psu %s (options(survey.lonely.psu = \"%s\")).",
                     option, option))
}
write_case("lonely_fail", lonely_data,
           list(design = list(ids = "psu", strata = "stratum", fpc = "N1", weights = "w", lonely_psu = "fail"),
                estimates = lonely_estimates),
           "Stratified cluster sample where stratum s02 has a single PSU; lonely_psu fail: R stops naming the stratum, the engine must report it (exit 1).")

# ---- Small fixtures with design effects ----------------------------------------------------------------------

# Cases that are also checked on the design effect and on the stricter scale max(|R|, |ours|) (compare.yaml; see
# ../README.md): a 40-row stratified cluster sample and a two-stage sample with lonely PSUs at both stages.
write_compare <- function(name) {
  writeLines(c("# Checked beyond the suite's rules (tests/Reference/README.md, \"Agreement required\").",
               "design_effect: true", "scale_at_least_ours: true"), file.path(out_root, name, "compare.yaml"))
}

# 40 respondents, 3 strata, 11 PSUs, weights, a numeric y with one missing value, x, a categorical cat with one
# missing value, and two grouping variables.
fixture_data <- local({
  set.seed(42)
  n <- 40
  st <- rep(c(1, 2, 3), times = c(14, 14, 12))
  psu <- c(rep(1:4, c(4, 3, 4, 3)), rep(5:8, c(3, 4, 4, 3)), rep(9:11, c(4, 4, 4)))
  w <- round(runif(n, 5, 25), 1)
  y <- round(rnorm(n, 50 + 3 * st, 8), 1); y[7] <- NA
  x <- round(runif(n, 1, 4), 2)
  category <- sample(c("a", "b", "c"), n, TRUE); category[12] <- NA
  grp <- sample(c("u", "v"), n, TRUE)
  kind <- sample(c("k1", "k2"), n, TRUE)
  data.frame(st, psu, w, y, x, cat = category, grp, kind, N = c(30, 25, 20)[st], stringsAsFactors = FALSE)
})

# A two-stage stratified sample: 8 strata, fpc at both stages, lonely PSUs at stage 1 (strata 1 and 2) and at
# stage 2 (stratum 3), stratum 8 sampled completely at stage 1.
two_stage_data <- local({
  set.seed(7)
  H <- 8; rows <- list(); psu_id <- 0
  for (h in 1:H) {
    npsu <- if (h <= 2) 1 else sample(2:5, 1); Npsu <- npsu + sample(0:20, 1)
    if (h == 8) Npsu <- npsu
    for (j in 1:npsu) {
      psu_id <- psu_id + 1
      m <- if (j == 1 && h == 3) 1 else sample(2:6, 1); M <- m + sample(0:30, 1)
      if (h == 3 && j == 1) M <- 5
      rows[[length(rows) + 1]] <- data.frame(st = h, psu = psu_id, ssu = 1:m, N1 = Npsu, N2 = M, y = round(rnorm(m, 10 + h, 3), 3),
                                             x = round(runif(m, 1, 5), 3), cat = sample(c("a", "b", "c"), m, TRUE),
                                             dom = sample(c("u", "v"), m, TRUE), stringsAsFactors = FALSE)
    }
  }
  d <- do.call(rbind, rows); d$y[sample(nrow(d), 3)] <- NA; d$cat[sample(nrow(d), 2)] <- NA
  d$w <- round(runif(nrow(d), 5, 50), 2); d$f1 <- 1 / (d$N1 / ave(d$psu, d$st, FUN = function(v) length(unique(v))))
  d
})

fixture_estimates <- list(
  est("m1", "mean", "y"),
  est("m2", "mean", "y", by = "grp"),
  est("t1", "total", "y", by = c("kind", "grp")),
  est("p1", "proportion", "cat", by = "grp"),
  est("p2", "proportion", "cat", ci = "logit"),
  est("p3", "proportion", "cat", by = "kind", ci = "beta"),
  est("r1", "ratio", "y", by = "grp", denominator = "x"),
  est("g1", "difference", "y", by = "grp", contrast = c("u", "v"))
)
fixture_calibration <- list(method = "raking", margins = list(
  list(variable = "grp", totals = c(u = 300, v = 280)),
  list(variable = "kind", totals = c(k1 = 290, k2 = 290)),
  list(variable = "x", total = 1400)))
write_case("fixture_stratified_cluster_fpc", fixture_data,
           list(design = list(ids = "psu", strata = "st", fpc = "N", weights = "w"), estimates = fixture_estimates),
           "40-row stratified cluster sample with fpc; also checked on the design effect (compare.yaml).")
write_compare("fixture_stratified_cluster_fpc")
write_case("fixture_jkn_replicates", fixture_data,
           list(design = list(ids = "psu", strata = "st", weights = "w"), replicates = list(type = "jkn"),
                estimates = fixture_estimates),
           "40-row stratified cluster sample, JKn replicates generated; also checked on the design effect (compare.yaml).")
write_compare("fixture_jkn_replicates")
write_case("fixture_raking", fixture_data,
           list(design = list(ids = "psu", strata = "st", fpc = "N", weights = "w"), calibration = fixture_calibration,
                estimates = fixture_estimates),
           "40-row stratified cluster sample with fpc, raked to two categorical margins and a numeric total; also checked on the design effect (compare.yaml).")
write_compare("fixture_raking")
write_case("fixture_raking_element_missing", fixture_data,
           list(design = list(strata = "st", weights = "w", lonely_psu = "adjust"), calibration = fixture_calibration,
                estimates = list(est("m1", "mean", "y", by = "grp"), est("t1", "total", "y"))),
           "The 40-row fixture as a stratified element sample (y has a missing value), raked; also checked on the design effect (compare.yaml).")
write_compare("fixture_raking_element_missing")
two_stage_estimates <- list(
  est("m1", "mean", "y"),
  est("m2", "mean", "y", by = c("dom", "cat")),
  est("t1", "total", "y", by = "cat"),
  est("p1", "proportion", "cat", by = "dom", ci = "logit"),
  est("r1", "ratio", "y", denominator = "x"),
  est("g1", "difference", "y", by = "dom", contrast = c("u", "v"))
)
write_case("two_stage_adjust", two_stage_data,
           list(design = list(ids = c("psu", "ssu"), strata = "st", fpc = c("N1", "N2"), weights = "w", lonely_psu = "adjust"),
                estimates = two_stage_estimates),
           "Two-stage stratified sample with lonely PSUs at both stages and a stratum sampled completely; lonely_psu adjust; also checked on the design effect (compare.yaml).")
write_compare("two_stage_adjust")
write_case("two_stage_clusters_average_raking", two_stage_data,
           list(design = list(ids = "psu", strata = "st", fpc = "N1", weights = "w", lonely_psu = "average"),
                calibration = list(method = "raking", margins = list(list(variable = "dom", totals = c(u = 2000, v = 2100)),
                                                                      list(variable = "x", total = 12000))),
                estimates = two_stage_estimates),
           "The two-stage sample as a one-stage cluster sample, lonely_psu average, raked to a categorical margin and a numeric total; also checked on the design effect (compare.yaml).")
write_compare("two_stage_clusters_average_raking")

cat(sprintf("wrote %d cases to %s\n", n_cases, out_root))
