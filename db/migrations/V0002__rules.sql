-- Regulatory tables as data: the health index and the admission incomes, each value with its
-- status and source. Filled by `hms init` from rules/*.csv (only the rows it lacks) and by
-- `hms rules load` / the region's upload page; every load is audited.

CREATE TABLE rules_health_index (
  month TEXT PRIMARY KEY,             -- 'YYYY-MM'
  value_hundredths BIGINT NOT NULL,   -- 110.99 → 11099
  base_year INTEGER NOT NULL,         -- 2013: one base in the whole table
  status TEXT NOT NULL,               -- 'verified' | 'single_secondary_source' | …
  source TEXT NOT NULL,
  loaded_at BIGINT NOT NULL
);

CREATE TABLE rules_admission_incomes (
  year INTEGER PRIMARY KEY,
  single_cents BIGINT NOT NULL,
  household_one_income_cents BIGINT NOT NULL,
  household_two_or_more_incomes_cents BIGINT NOT NULL,
  per_dependent_child_cents BIGINT NOT NULL,
  per_disabled_adult_cents BIGINT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  loaded_at BIGINT NOT NULL
);
