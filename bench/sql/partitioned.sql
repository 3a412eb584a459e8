-- Partitioned copies of observations for the partitioning experiment (bench/run.sh; docs/scaling.md).
-- psql -v with_region=1 -f bench/sql/partitioned.sql
--   bench_obs_month:        RANGE (observed_at), one partition per month.
--   bench_obs_region_month: LIST (region_code) then RANGE (observed_at) per year: the layout a
--                           national deployment would use (region = city; here municipality stands in).
-- The app's own table is left as it is: only the imports helper may change the schema.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
DROP TABLE IF EXISTS bench_obs_month, bench_obs_region_month CASCADE;

CREATE TABLE bench_obs_month (LIKE observations INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (observed_at);
SELECT format('CREATE TABLE %I PARTITION OF bench_obs_month FOR VALUES FROM (%L) TO (%L)',
              'bench_obs_month_' || to_char(m, 'YYYYMM'), m, m + interval '1 month')
FROM generate_series((SELECT date_trunc('month', min(observed_at)) FROM observations),
                     (SELECT max(observed_at) FROM observations), interval '1 month') m \gexec
INSERT INTO bench_obs_month SELECT * FROM observations;
-- The unique key must include the partition key (see docs/scaling.md on the dedup key).
ALTER TABLE bench_obs_month ADD PRIMARY KEY (id, observed_at);
CREATE INDEX ON bench_obs_month USING gist (location);
CREATE INDEX ON bench_obs_month (observed_at, id);
CREATE INDEX ON bench_obs_month (category_id);
ANALYZE bench_obs_month;

\if :with_region
CREATE TABLE bench_obs_region_month (LIKE observations INCLUDING DEFAULTS INCLUDING CONSTRAINTS, region_code text NOT NULL)
    PARTITION BY LIST (region_code);
SELECT format('CREATE TABLE %I PARTITION OF bench_obs_region_month FOR VALUES IN (%L) PARTITION BY RANGE (observed_at)', 'bench_orm_' || code, code)
FROM areas WHERE kind = 'Municipality' \gexec
SELECT format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
              'bench_orm_' || a.code || '_' || extract(year FROM y), 'bench_orm_' || a.code, y, y + interval '1 year')
FROM areas a, generate_series((SELECT date_trunc('year', min(observed_at)) FROM observations),
                              (SELECT max(observed_at) FROM observations), interval '1 year') y
WHERE a.kind = 'Municipality' \gexec
-- One municipality at a time (PostGIS prepares each polygon once); a point on a shared border
-- would land in both, which does not matter for a pruning experiment.
INSERT INTO bench_obs_region_month
SELECT o.*, a.code FROM areas a JOIN observations o ON ST_Covers(a.geometry, o.location)
WHERE a.kind = 'Municipality';
ALTER TABLE bench_obs_region_month ADD PRIMARY KEY (id, region_code, observed_at);
CREATE INDEX ON bench_obs_region_month USING gist (location);
CREATE INDEX ON bench_obs_region_month (observed_at, id);
ANALYZE bench_obs_region_month;
\endif
