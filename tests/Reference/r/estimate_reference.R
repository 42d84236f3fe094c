#!/usr/bin/env Rscript
# Computes the reference values of `barometer estimate` with R's survey package.
#
#   Rscript tests/Reference/r/estimate_reference.R <cases-directory> [<output-directory>] [<case> ...]
#
# For every case folder (one holding data.csv and design.yaml) it writes <output>/<case>/expected.csv in exactly the
# format of `barometer estimate` (estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n; numbers with 17
# significant digits; a case whose compare.yaml asks for the design effect gets R's deff as a last column, empty where
# R gives none) and <output>/<case>/provenance.txt (versions, options, the survey calls made, warnings). When
# R itself refuses the case (a lonely PSU under `fail`, say), it writes expected_error.txt with R's message instead.
# Without an output directory the files go next to the inputs. The definitions followed are in ../README.md.
suppressMessages({
  library(survey)
  library(yaml)
})
script_dir <- local({
  arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)
  dirname(normalizePath(sub("^--file=", "", arg[1])))
})
source(file.path(script_dir, "common.R"))

`%||%` <- function(a, b) if (is.null(a)) b else a

formula_of <- function(vars, intercept = TRUE) {
  if (!length(vars)) return(NULL)
  rhs <- paste(sprintf("`%s`", vars), collapse = " + ")
  as.formula(paste("~", if (intercept) rhs else paste("0 +", rhs)))
}
show <- function(x) paste(deparse(x, width.cutoff = 500L), collapse = " ")

# Builds the design object exactly as the contract maps onto survey: svydesign, then as.svrepdesign (generated
# replicates) or svrepdesign (supplied columns), then calibrate().
build_design <- function(data, spec, log) {
  d <- spec$design %||% list()
  rep <- spec$replicates
  if (!is.null(rep) && !is.null(rep$columns)) {
    cols <- grep(utils::glob2rx(rep$columns), names(data), value = TRUE)
    if (!length(cols)) stop("no column matches replicates.columns")
    type <- c(jk1 = "JK1", jkn = "JKn", bootstrap = "bootstrap", brr = "BRR", fay = "Fay")[[rep$type]]
    if (is.null(d$weights)) stop("supplied replicate weights need design.weights")
    if (type == "JKn") {
      # svrepdesign refuses combined JKn weights without rscales; given the replicate factors (replicate weight /
      # sampling weight) it uses its own rule rscales = 1/max(factor) = (n_h - 1)/n_h.
      factors <- as.matrix(data[cols]) / data[[d$weights]]
      design <- svrepdesign(data = data, repweights = factors, weights = formula_of(d$weights), type = "JKn",
                            combined.weights = FALSE)
      log(sprintf("design <- svrepdesign(data, repweights = as.matrix(data[%s]) / data$%s, weights = %s, type = \"JKn\", combined.weights = FALSE)",
                  show(cols), d$weights, show(formula_of(d$weights))))
    } else {
      design <- svrepdesign(data = data, repweights = data[cols], weights = formula_of(d$weights), type = type,
                            rho = rep$rho, combined.weights = TRUE)
      log(sprintf("design <- svrepdesign(data, repweights = data[%s], weights = %s, type = \"%s\"%s, combined.weights = TRUE)",
                  show(cols), show(formula_of(d$weights)), type,
                  if (is.null(rep$rho)) "" else paste0(", rho = ", fmt_num(rep$rho))))
    }
  } else {
    ids <- formula_of(unlist(d$ids)) %||% ~1
    design <- svydesign(ids = ids, strata = formula_of(d$strata), fpc = formula_of(unlist(d$fpc)),
                        weights = formula_of(d$weights), data = data)
    log(sprintf("design <- svydesign(ids = %s, strata = %s, fpc = %s, weights = %s, data = data)", show(ids),
                show(formula_of(d$strata)), show(formula_of(unlist(d$fpc))), show(formula_of(d$weights))))
    if (!is.null(rep)) {
      type <- c(jk1 = "JK1", jkn = "JKn")[[rep$type]]
      design <- as.svrepdesign(design, type = type)
      log(sprintf("design <- as.svrepdesign(design, type = \"%s\")", type))
    }
  }
  cal <- spec$calibration
  if (!is.null(cal)) {
    terms <- character(0)
    population <- numeric(0)
    intercept <- NULL
    for (k in seq_along(cal$margins)) {
      m <- cal$margins[[k]]
      if (!is.null(m$totals)) {
        column <- paste0(".cal", k)
        if (anyNA(data[[column]])) stop("calibration variable ", m$variable, " has missing values")
        levs <- levels(data[[column]])
        totals <- unlist(m$totals)
        missing_levels <- setdiff(levs, names(totals))
        extra_levels <- setdiff(names(totals), levs)
        if (length(missing_levels)) stop("calibration margin ", m$variable, ": no total for level ", missing_levels[1])
        if (length(extra_levels)) stop("calibration margin ", m$variable, ": level ", extra_levels[1], " has no respondents")
        if (is.null(intercept)) intercept <- sum(totals)
        population <- c(population, setNames(as.numeric(totals[levs[-1]]), paste0(column, levs[-1])))
        terms <- c(terms, column)
      } else {
        if (anyNA(data[[m$variable]])) stop("calibration variable ", m$variable, " has missing values")
        population <- c(population, setNames(as.numeric(m$total), m$variable))
        terms <- c(terms, m$variable)
      }
    }
    if (!is.null(intercept)) population <- c(`(Intercept)` = intercept, population)
    calformula <- formula_of(terms, intercept = !is.null(intercept))
    bounds <- if (is.null(cal$bounds)) c(-Inf, Inf) else as.numeric(unlist(cal$bounds))
    if (inherits(design, "svyrep.design")) {
      # compress = FALSE only sidesteps survey 4.1's `if (NA)` on uncompressed replicate weights; same numbers.
      design <- calibrate(design, calformula, population = population, calfun = cal$method, bounds = bounds,
                          compress = FALSE)
    } else {
      design <- calibrate(design, calformula, population = population, calfun = cal$method, bounds = bounds)
    }
    log(sprintf("design <- calibrate(design, %s, population = %s, calfun = \"%s\", bounds = %s%s)",
                show(calformula), show(population), cal$method, show(bounds),
                if (inherits(design, "svyrep.design")) ", compress = FALSE" else ""))
  }
  design
}

# The domains of an estimate in svyby's order (the first `by` variable varies fastest), with their labels and masks.
domains_of <- function(data, by) {
  if (!length(by)) return(list(list(label = "", mask = rep(TRUE, nrow(data)))))
  values <- data[by]
  complete <- stats::complete.cases(values)
  combos <- unique(values[complete, , drop = FALSE])
  ranks <- lapply(by, function(b) match(combos[[b]], sorted_levels(data[[b]])))
  combos <- combos[do.call(order, rev(ranks)), , drop = FALSE]
  lapply(seq_len(nrow(combos)), function(i) {
    mask <- complete
    parts <- character(0)
    for (b in by) {
      mask <- mask & !is.na(data[[b]]) & data[[b]] == combos[[b]][i]
      parts <- c(parts, paste0(b, "=", level_label(combos[[b]][i])))
    }
    list(label = paste(parts, collapse = ";"), mask = mask)
  })
}

# design[keep, ] with the analysis variable defined on every row left: a calibrated design keeps the dropped rows
# with zero weight, and svymean(na.rm = TRUE) puts 0 in their place; they contribute nothing either way.
without_missing <- function(design, variable, keep) {
  sub <- design[keep, ]
  values <- sub$variables[[variable]]
  if (anyNA(values)) {
    if (is.factor(values)) values[is.na(values)] <- levels(values)[1] else values[is.na(values)] <- 0
    sub$variables[[variable]] <- values
  }
  sub
}

# A replicate whose share is 0 or 1 has an infinite logit, and R's logit interval is then wherever a non-converging
# glm stops: no number worth agreeing with, so such a case is refused rather than committed.
check_replicate_shares <- function(design, level_label) {
  if (!inherits(design, "svyrep.design")) return(invisible())
  share <- svymean(as.formula(bquote(~as.numeric(I(.prop == .(level_label))))), design, return.replicates = TRUE)
  replicates <- as.vector(share$replicates)
  if (any(replicates <= 0 | replicates >= 1)) {
    stop("a replicate has share 0 or 1 for level ", level_label, ", so its logit is infinite")
  }
}

wald <- function(est, se, df, level) {
  t <- qt(1 - (1 - level) / 2, df)
  c(est - t * se, est + t * se)
}

estimate_rows <- function(data, design, e, df, level, log, want_deff = FALSE) {
  v <- e$variable
  by <- unlist(e$by)
  x <- data[[v]]
  if (is.null(x)) stop("unknown column ", v)
  rows <- list()
  add <- function(domain, category, est, se, ci, n, deff = NA) {
    rows[[length(rows) + 1]] <<- data.frame(estimate_id = e$id, domain = domain, category = category, estimate = est,
                                            se = se, ci_low = ci[1], ci_high = ci[2], df = df, n = n, deff = deff,
                                            stringsAsFactors = FALSE)
  }
  fv <- formula_of(v)
  if (e$type == "difference") {
    b1 <- by[1]
    lv <- unlist(e$contrast)
    byf <- formula_of(b1)
    labels <- level_label(data[[b1]])
    if (!all(lv %in% labels)) stop("contrast levels not among the domains of ", b1)
    if (inherits(design, "survey.design2") && survey:::is.calibrated(design)) {
      # svyby(covmat = TRUE) in survey 4.1 cannot align the influence functions of a calibrated design (its domain
      # subsets keep every row), so the same contrast is taken from the joint totals: mean_a - mean_b =
      # T(y 1_a)/T(1_a) - T(y 1_b)/T(1_b), linearized by svycontrast. Its influence function is exactly the
      # difference of the two domain means' influence functions that svyby would use.
      in_a <- !is.na(data[[b1]]) & labels == lv[1] & !is.na(x)
      in_b <- !is.na(data[[b1]]) & labels == lv[2] & !is.na(x)
      design$variables$.ya <- ifelse(in_a, x, 0)
      design$variables$.na <- as.numeric(in_a)
      design$variables$.yb <- ifelse(in_b, x, 0)
      design$variables$.nb <- as.numeric(in_b)
      totals <- svytotal(~.ya + .na + .yb + .nb, design)
      contrast <- svycontrast(totals, quote(.ya / .na - .yb / .nb))
      log(sprintf("%s: svycontrast(svytotal(~.ya + .na + .yb + .nb, design), quote(.ya/.na - .yb/.nb)) with .ya = %s in %s=%s (0 elsewhere or missing), .na its indicator, .yb/.nb for %s=%s",
                  e$id, v, b1, lv[1], b1, lv[2]))
    } else {
      # svyby(covmat = TRUE) in survey 4.1 cannot align influence functions when na.rm drops rows, so the rows
      # with a missing value are taken out first, exactly as svymean(na.rm = TRUE) does: design[!is.na(x), ].
      answered <- without_missing(design, v, !is.na(x))
      result <- svyby(fv, byf, answered, svymean, covmat = TRUE)
      weights <- setNames(numeric(length(coef(result))), names(coef(result)))
      weights[lv[1]] <- 1
      weights[lv[2]] <- -1
      contrast <- svycontrast(result, weights)
      log(sprintf("%s: svycontrast(svyby(%s, %s, design[!is.na(variable), ], svymean, covmat = TRUE), %s)", e$id,
                  show(fv), show(byf), show(weights)))
    }
    est <- as.numeric(coef(contrast))
    se <- as.numeric(SE(contrast))
    n <- sum(!is.na(data[[b1]]) & labels %in% lv & !is.na(x))
    add(paste0(b1, "=", lv[1], " - ", b1, "=", lv[2]), "", est, se, wald(est, se, df, level), n)
    return(rows)
  }
  domains <- domains_of(data, by)
  call_note <- switch(e$type,
                      total = "svytotal(%s, design[domain, ], na.rm = TRUE)",
                      mean = "svymean(%s, design[domain, ], na.rm = TRUE)",
                      ratio = "svyratio(%s, %s, design[domain, ], na.rm = TRUE)",
                      proportion = if ((e$ci %||% "wald") == "wald") "svymean(%s as factor, design[domain, ], na.rm = TRUE)"
                                   else "svyciprop(~I(%s == level), design[domain, ], method = \"%s\", level = level, df = degf(design), na.rm = TRUE)")
  log(sprintf("%s (%d domain%s; a domain is design[domain, ] as svyby subsets it, the whole population the design itself): %s", e$id, length(domains),
              if (length(domains) == 1) "" else "s",
              switch(e$type, ratio = sprintf(call_note, show(fv), show(formula_of(e$denominator))),
                     proportion = if ((e$ci %||% "wald") == "wald") sprintf(call_note, show(fv))
                                  else sprintf(call_note, v, e$ci),
                     sprintf(call_note, show(fv)))))
  if (e$type == "proportion") {
    levs <- sorted_levels(x)
    labels <- level_label(levs)
    design$variables$.prop <- factor(ifelse(is.na(x), NA, level_label(x)), levels = labels)
  }
  for (dom in domains) {
    mask <- dom$mask
    # The whole population is the design itself: design[TRUE, ] is not the same object for a replicate design
    # (subsetting recomputes degf from the rank of the replicate weights, which svyciprop's beta interval reads).
    sub <- if (length(by)) design[mask, ] else design
    if (e$type %in% c("total", "mean")) {
      s <- if (e$type == "total") svytotal(fv, sub, na.rm = TRUE, deff = want_deff) else svymean(fv, sub, na.rm = TRUE, deff = want_deff)
      est <- as.numeric(coef(s))
      se <- as.numeric(SE(s))
      add(dom$label, "", est, se, wald(est, se, df, level), sum(mask & !is.na(x)), if (want_deff) as.numeric(deff(s))[1] else NA)
    } else if (e$type == "ratio") {
      den <- data[[e$denominator]]
      # survey 4.1 gives no design effect of a ratio on a replicate design.
      ratio_deff <- want_deff && !inherits(design, "svyrep.design")
      s <- svyratio(fv, formula_of(e$denominator), sub, na.rm = TRUE, deff = ratio_deff)
      est <- as.numeric(coef(s))
      se <- as.numeric(SE(s))
      add(dom$label, "", est, se, wald(est, se, df, level), sum(mask & !is.na(x) & !is.na(den)),
          if (ratio_deff) as.numeric(attr(s, "deff"))[1] else NA)
    } else if (e$type == "proportion") {
      n <- sum(mask & !is.na(x))
      method <- e$ci %||% "wald"
      # The design effect of a share is the factor's, whatever the interval (svymean(deff = TRUE)).
      prop_deff <- if (want_deff) as.numeric(deff(svymean(~.prop, sub, na.rm = TRUE, deff = TRUE))) else rep(NA, length(labels))
      if (method == "wald") {
        s <- svymean(~.prop, sub, na.rm = TRUE)
        est <- as.numeric(coef(s))
        se <- as.numeric(SE(s))
        for (j in seq_along(labels)) add(dom$label, labels[j], est[j], se[j], wald(est[j], se[j], df, level), n, prop_deff[j])
      } else {
        # As svyby(~I(x == level), ~by, design, svyciprop, method, df, na.rm = TRUE) calls it: on the domain's
        # subset, with na.rm reaching svymean (svyglm drops the missing rows itself).
        for (j in seq_along(labels)) {
          if (method == "logit") check_replicate_shares(without_missing(design, ".prop", mask & !is.na(x)), labels[j])
          f <- as.formula(bquote(~I(.prop == .(labels[j]))))
          ci <- svyciprop(f, sub, method = method, level = level, df = df, na.rm = TRUE)
          add(dom$label, labels[j], as.numeric(coef(ci)), sqrt(as.numeric(attr(ci, "var"))),
              as.numeric(attr(ci, "ci")), n, prop_deff[j])
        }
      }
    } else {
      stop("unknown estimate type ", e$type)
    }
  }
  rows
}

# Warnings that only describe what R did by design (its default replicate scales, the first-stage-only fpc of
# generated replicates, zero-weight rows outside a domain).
benign_warnings <- c(
  "scale (n-1)/n not provided: guessing n=number of replicates",
  "rscales (n-1)/n not provided:guessing from weights",
  "Finite population corrections after first stage have been dropped",
  "observations with zero weight not used for calculating dispersion",
  "No weights or probabilities supplied, assuming equal probability")

run_case <- function(case_dir, out_dir) {
  calls <- character(0)
  warnings_seen <- character(0)
  log <- function(s) calls <<- c(calls, s)
  spec <- yaml::read_yaml(file.path(case_dir, "design.yaml"))
  # compare.yaml: what the case is checked on beyond the suite's rules; design_effect adds R's deff column.
  compare_file <- file.path(case_dir, "compare.yaml")
  compare <- if (file.exists(compare_file)) yaml::read_yaml(compare_file) else list()
  want_deff <- isTRUE(compare$design_effect)
  data <- read_data_csv(file.path(case_dir, "data.csv"))
  lonely <- spec$design$lonely_psu %||% "fail"
  level <- spec$level %||% 0.95
  old <- options(survey.lonely.psu = lonely, survey.replicates.mse = FALSE, survey.ultimate.cluster = FALSE,
                 survey.adjust.domain.lonely = FALSE)
  on.exit(options(old))
  # Calibration levels become factors with the engine's level order, in columns of their own.
  for (k in seq_along(spec$calibration$margins)) {
    m <- spec$calibration$margins[[k]]
    if (!is.null(m$totals)) {
      v <- data[[m$variable]]
      data[[paste0(".cal", k)]] <- factor(ifelse(is.na(v), NA, level_label(v)), levels = level_label(sorted_levels(v)))
    }
  }
  outcome <- withCallingHandlers(
    tryCatch({
      design <- build_design(data, spec, log)
      df <- degf(design)
      log(sprintf("df <- degf(design)  # %s", fmt_num(df)))
      rows <- list()
      if (want_deff) log("design effects: deff = TRUE in svytotal/svymean (a share: svymean of the factor) and svyratio (not on replicate designs); none for a difference")
      for (e in spec$estimates) rows <- c(rows, estimate_rows(data, design, e, df, level, log, want_deff))
      do.call(rbind, rows)
    }, error = function(err) err),
    warning = function(w) {
      message <- conditionMessage(w)
      warnings_seen <<- c(warnings_seen, message)
      # Anything but these notes means R computed something other than what the contract asks (a replicate
      # calibration that did not converge, recycled vectors): that must be an error, never a golden value.
      if (!any(vapply(benign_warnings, grepl, TRUE, x = message, fixed = TRUE))) stop("R warned: ", message)
      invokeRestart("muffleWarning")
    })
  dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
  unlink(file.path(out_dir, c("expected.csv", "expected_error.txt")))
  description <- sub("^# ?", "", grep("^#", readLines(file.path(case_dir, "design.yaml")), value = TRUE))
  provenance <- c(
    paste0("case: ", basename(case_dir)),
    paste0("description: ", paste(description, collapse = " ")),
    "generated by: tests/Reference/r/estimate_reference.R (inputs from tests/Reference/r/generate_cases.R)",
    paste0("R: ", R.version.string),
    paste0("survey: ", as.character(packageVersion("survey"))),
    paste0("yaml: ", as.character(packageVersion("yaml"))),
    sprintf("options: survey.lonely.psu = \"%s\", survey.replicates.mse = FALSE, survey.ultimate.cluster = FALSE, survey.adjust.domain.lonely = FALSE",
            lonely),
    paste0("level: ", fmt_num(level)),
    "calls:", paste0("  ", calls),
    "warnings:", if (length(warnings_seen)) paste0("  ", unique(warnings_seen)) else "  (none)")
  if (inherits(outcome, "error")) {
    writeLines(conditionMessage(outcome), file.path(out_dir, "expected_error.txt"))
    provenance <- c(provenance, paste0("error: ", conditionMessage(outcome)))
    cat(sprintf("%-36s R error: %s\n", basename(case_dir), conditionMessage(outcome)))
  } else {
    numbers <- as.matrix(outcome[c("estimate", "se", "ci_low", "ci_high")])
    if (any(!is.finite(numbers))) {
      bad <- outcome[!apply(is.finite(numbers), 1, all), ][1, ]
      stop(sprintf("case %s: R gives a non-finite value for %s %s %s; change the case so every number is defined",
                   basename(case_dir), bad$estimate_id, bad$domain, bad$category))
    }
    lines <- paste(csv_field(outcome$estimate_id), csv_field(outcome$domain), csv_field(outcome$category),
                   fmt_17(outcome$estimate), fmt_17(outcome$se), fmt_17(outcome$ci_low), fmt_17(outcome$ci_high),
                   fmt_num(outcome$df), fmt_num(outcome$n), sep = ",")
    header <- "estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n"
    if (want_deff) {
      lines <- paste(lines, fmt_17(outcome$deff), sep = ",")
      header <- paste0(header, ",deff")
    }
    writeLines(c(header, lines), file.path(out_dir, "expected.csv"))
    cat(sprintf("%-36s %4d rows\n", basename(case_dir), nrow(outcome)))
  }
  writeLines(provenance, file.path(out_dir, "provenance.txt"))
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript estimate_reference.R <cases-directory> [<output-directory>] [<case> ...]")
cases_root <- args[1]
out_root <- if (length(args) >= 2) args[2] else cases_root
cases <- sort(basename(dirname(list.files(cases_root, pattern = "^design\\.yaml$", recursive = TRUE, full.names = TRUE))))
if (length(args) > 2) cases <- intersect(cases, args[-(1:2)])
for (case in cases) run_case(file.path(cases_root, case), file.path(out_root, case))
