-- Synthetic benchmark observations, generated in SQL (seconds per million rows, no client round trips).
-- psql -v n=1000000 -v seed=0.42 -f bench/sql/generate.sql   (needs the app's schema and boundaries)
--
-- Clustered like the demo data (src/SceneMonitor.Core/Demo/DemoScenario.cs): the demo hotspots around
-- Brussel-Zuid and Noord, whose weights change at the "clearance" halfway through, plus one
-- hotspot per municipality, plus background spread over the whole region; 5 years ending today;
-- the demo category mix and its complaints. Every row lies inside the Brussels region.
-- Result: bench_rows (unlogged, in time order), which the harness copies out as CSV.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET work_mem = '256MB';
DROP TABLE IF EXISTS bench_hotspots, bench_rows;

-- k is dense from 1 so it indexes the arrays below; k = 1 is the background (no centre).
CREATE UNLOGGED TABLE bench_hotspots (k int PRIMARY KEY, lon float8, lat float8, sigma float8, w_before float8, w_after float8);
INSERT INTO bench_hotspots VALUES
    (1, NULL, NULL, NULL, 20, 20),
    (2, 4.3360, 50.8357, 90, 30, 7),    -- Brussel-Zuid / Gare du Midi (cleared halfway)
    (3, 4.3440, 50.8333, 70, 3, 10),    -- Hallepoort
    (4, 4.3296, 50.8415, 70, 3, 11),    -- Clemenceau
    (5, 4.3429, 50.8413, 70, 4, 11),    -- Lemonnier
    (6, 4.3438, 50.8447, 80, 8, 9),     -- Anneessens
    (7, 4.3618, 50.8604, 100, 14, 14),  -- Noordstation
    (8, 4.3450, 50.8574, 70, 6, 6),     -- Ribaucourt
    (9, 4.3495, 50.8551, 70, 5, 5),     -- IJzer
    (10, 4.2866, 50.8352, 110, 6, 6);   -- Peterbos
INSERT INTO bench_hotspots
SELECT 10 + row_number() OVER (ORDER BY code), ST_X(p), ST_Y(p), 250, 3, 3
FROM (SELECT code, ST_PointOnSurface(geometry) AS p FROM areas WHERE kind = 'Municipality') m;

SELECT setseed(:seed) AS seeded \gset

CREATE UNLOGGED TABLE bench_rows AS
WITH par AS (
    SELECT t_end - interval '5 years' AS t_start, t_end, t_end - interval '30 months' AS t_mid,
           extract(epoch FROM interval '5 years') AS span
    FROM (SELECT date_trunc('day', now(), 'UTC') AS t_end) e),
h AS (
    SELECT array_agg(lon ORDER BY k) AS lon, array_agg(lat ORDER BY k) AS lat, array_agg(sigma ORDER BY k) AS sigma,
           (SELECT array_agg(k ORDER BY k) FROM bench_hotspots, generate_series(1, (w_before * 10)::int)) AS slots_before,
           (SELECT array_agg(k ORDER BY k) FROM bench_hotspots, generate_series(1, (w_after * 10)::int)) AS slots_after
    FROM bench_hotspots),
mix AS (
    -- The demo's trace mix in percent, and complaints at 12 % of traces.
    SELECT array_agg(code ORDER BY ord) AS cats FROM (
        SELECT code, ord FROM (VALUES (1, 'discarded_pipe', 28), (2, 'consumption_site', 22), (3, 'dealing_point', 11),
            (4, 'ammonia_bottle', 10), (5, 'syringe', 6), (6, 'drug_litter_other', 9), (7, 'human_waste', 6),
            (8, 'gathering', 5), (9, 'nuisance_noise', 2), (10, 'aggression_incident', 1), (11, 'complaint', 12)) v(ord, code, pct),
            generate_series(1, pct)) x),
region AS (SELECT geometry AS geom, ST_XMin(geometry) AS x0, ST_YMin(geometry) AS y0, ST_XMax(geometry) AS x1, ST_YMax(geometry) AS y1
           FROM areas WHERE kind = 'Region' LIMIT 1),
draws AS (
    SELECT g, par.t_start + make_interval(secs => floor(random() * par.span / 60) * 60) AS ts,
           random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6
    FROM par, generate_series(1, (:n * 1.15)::int) g),
placed AS MATERIALIZED (
    SELECT d.g, d.ts, d.u4, d.u5,
           CASE WHEN h.sigma[k] IS NULL THEN r.x0 + d.u1 * (r.x1 - r.x0)
                ELSE h.lon[k] + h.sigma[k] * sqrt(-2 * ln(1 - d.u1)) * cos(2 * pi() * d.u2) / (111320 * cos(radians(h.lat[k]))) END AS lon,
           CASE WHEN h.sigma[k] IS NULL THEN r.y0 + d.u2 * (r.y1 - r.y0)
                ELSE h.lat[k] + h.sigma[k] * sqrt(-2 * ln(1 - d.u1)) * sin(2 * pi() * d.u2) / 110574 END AS lat,
           mix.cats[1 + floor(d.u3 * cardinality(mix.cats))::int] AS category
    FROM draws d, par, h, mix, region r,
         LATERAL (SELECT CASE WHEN d.ts < par.t_mid THEN h.slots_before[1 + floor(d.u6 * cardinality(h.slots_before))::int]
                              ELSE h.slots_after[1 + floor(d.u6 * cardinality(h.slots_after))::int] END AS k) kk),
-- Only scalar columns from here on (the arrays above must not travel into the sort), and the
-- surplus drawn outside the region is dropped in draw order, which is random in time.
kept AS MATERIALIZED (
    SELECT p.* FROM placed p, region r
    WHERE ST_Covers(r.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
    ORDER BY p.g LIMIT :n)
SELECT row_number() OVER (ORDER BY ts, g) AS n,
       category, round(lon::numeric, 6)::float8 AS lon, round(lat::numeric, 6)::float8 AS lat, ts AS observed_at,
       CASE WHEN category IN ('syringe', 'discarded_pipe', 'ammonia_bottle', 'drug_litter_other')
            THEN least(30, 1 + floor(-ln(1 - u5) * 1.2))::int ELSE 1 END AS quantity,
       CASE WHEN category = 'complaint' THEN 'residents_hotline'
            WHEN category IN ('syringe', 'discarded_pipe') THEN (ARRAY['syringe_patrol', 'city_cleaning', 'outreach'])[1 + floor(u4 * 3)::int]
            WHEN category IN ('ammonia_bottle', 'drug_litter_other', 'human_waste') THEN (ARRAY['city_cleaning', 'syringe_patrol'])[1 + floor(u4 * 2)::int]
            ELSE (ARRAY['outreach', 'police', 'prevention'])[1 + floor(u4 * 3)::int] END AS source,
       CASE WHEN u4 * 100 - floor(u4 * 100) < 0.08 THEN (ARRAY['achter de trap naar het metrostation', 'près de l''entrée du parking', 'onder de spoorbrug',
            'dans la cage d''escalier', 'bij de fietsenstalling', 'near the tram stop', 'in de portiek naast de winkel', 'derrière l''abribus',
            'tussen de containers', 'sous le pont', 'aan de zij-ingang van het station'])[1 + floor(u5 * 11)::int] END AS note
FROM kept
ORDER BY ts, g;
