-- Local indicators (the built-in and national ones live in the code and the kit profile). Names and definitions
-- per language in monitoring_indicator_text.
CREATE TABLE monitoring_indicator (
    code VARCHAR(40) NOT NULL PRIMARY KEY,
    unit VARCHAR(60) NOT NULL,
    direction VARCHAR(4) NOT NULL,
    frequency VARCHAR(10) NOT NULL,
    disaggregations VARCHAR(40) NOT NULL,
    min_value DOUBLE,
    max_value DOUBLE,
    created_by VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE monitoring_indicator_text (
    code VARCHAR(40) NOT NULL REFERENCES monitoring_indicator (code),
    lang VARCHAR(12) NOT NULL,
    name VARCHAR(300) NOT NULL,
    definition VARCHAR(2000) NOT NULL,
    PRIMARY KEY (code, lang)
);

-- Values entered by hand. area_id 0 = the whole city (a real 0 keeps the unique key working: Derby lets several
-- NULLs through a UNIQUE constraint); sex and age_band '' = all.
CREATE TABLE monitoring_value (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code VARCHAR(40) NOT NULL,
    period VARCHAR(7) NOT NULL,
    area_id BIGINT NOT NULL,
    sex VARCHAR(1) NOT NULL,
    age_band VARCHAR(8) NOT NULL,
    amount DOUBLE NOT NULL,
    low DOUBLE,
    high DOUBLE,
    cases BIGINT,
    source VARCHAR(300) NOT NULL,
    quality VARCHAR(12) NOT NULL,
    entered_by VARCHAR(100) NOT NULL,
    entered_at TIMESTAMP NOT NULL,
    CONSTRAINT monitoring_value_key UNIQUE (indicator_code, period, area_id, sex, age_band)
);

-- Baseline and target per indicator (city-wide); trajectory 'linear' or 'halve2030' (R§18e).
CREATE TABLE monitoring_target (
    indicator_code VARCHAR(40) NOT NULL PRIMARY KEY,
    baseline DOUBLE,
    baseline_period VARCHAR(7),
    target DOUBLE,
    target_period VARCHAR(7),
    trajectory VARCHAR(10) NOT NULL,
    set_by VARCHAR(100) NOT NULL,
    set_at TIMESTAMP NOT NULL,
    version INT NOT NULL
);

-- Evaluation notes: what worked, where, why (G§40b).
CREATE TABLE monitoring_note (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code VARCHAR(40) NOT NULL,
    period VARCHAR(7) NOT NULL,
    what_worked VARCHAR(2000) NOT NULL,
    where_text VARCHAR(500) NOT NULL,
    why_text VARCHAR(2000) NOT NULL,
    written_by VARCHAR(100) NOT NULL,
    written_at TIMESTAMP NOT NULL
);

CREATE TABLE monitoring_setting (
    name VARCHAR(40) NOT NULL PRIMARY KEY,
    val VARCHAR(200) NOT NULL
);
