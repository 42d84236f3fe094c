# Shared helpers of the reference scripts: number formatting, CSV and YAML writing, CSV reading with the same
# column-type rule as `barometer estimate`.

# Text sorts byte-wise, as the engine sorts levels (ordinal), whatever the machine's locale.
invisible(Sys.setlocale("LC_COLLATE", "C"))

# Shortest of 15 or 17 significant digits that reads back as the same double.
fmt_num <- function(x) {
  out <- character(length(x))
  for (i in seq_along(x)) {
    v <- x[i]
    if (is.na(v)) {
      out[i] <- ""
    } else {
      s <- sprintf("%.15g", v)
      if (as.numeric(s) != v) s <- sprintf("%.17g", v)
      out[i] <- s
    }
  }
  out
}

# Always 17 significant digits: the golden values.
fmt_17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

csv_field <- function(s) {
  s[is.na(s)] <- ""
  needs <- grepl("[\",\n\r]", s)
  s[needs] <- paste0("\"", gsub("\"", "\"\"", s[needs], fixed = TRUE), "\"")
  s
}

# Writes a data frame as comma-separated text with a header, "." decimals and empty cells for missing values.
write_data_csv <- function(df, path) {
  cols <- lapply(df, function(v) if (is.numeric(v)) fmt_num(v) else csv_field(as.character(v)))
  lines <- do.call(paste, c(cols, sep = ","))
  writeLines(c(paste(csv_field(names(df)), collapse = ","), lines), path, useBytes = TRUE)
}

# Reads a data file the way `barometer estimate` does: every cell as text, empty (or blank) cells missing, and a
# column numeric exactly when every non-missing cell parses as a finite number.
read_data_csv <- function(path) {
  raw <- utils::read.csv(path, colClasses = "character", na.strings = character(0), check.names = FALSE,
                         stringsAsFactors = FALSE, encoding = "UTF-8")
  for (j in seq_along(raw)) {
    v <- raw[[j]]
    v[trimws(v) == ""] <- NA
    num <- suppressWarnings(as.numeric(v))
    present <- !is.na(v)
    if (all(!is.na(num[present]) & is.finite(num[present]))) raw[[j]] <- num else raw[[j]] <- v
  }
  raw
}

# Levels of a categorical variable in the engine's order: numbers numerically, text byte-wise.
sorted_levels <- function(v) {
  u <- unique(v[!is.na(v)])
  if (is.numeric(u)) sort(u) else sort(u, method = "radix")
}

# How a level is written in labels and design files: numbers as their shortest round-trip text.
level_label <- function(v) if (is.numeric(v)) fmt_num(v) else as.character(v)
