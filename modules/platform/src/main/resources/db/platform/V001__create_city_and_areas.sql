-- The city profile (one row), its names in local languages, the names of the area levels,
-- the administrative area tree and population per area x year x sex x age band.
CREATE TABLE platform_city (
  id             INT          NOT NULL PRIMARY KEY,
  name           VARCHAR(200) NOT NULL,
  country        CHAR(2)      NOT NULL,
  default_lang   VARCHAR(16)  NOT NULL,
  currency       CHAR(3)      NOT NULL,
  reference_year INT          NOT NULL,
  demo           BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at     TIMESTAMP    NOT NULL,
  version        INT          NOT NULL DEFAULT 0,
  CONSTRAINT platform_city_single CHECK (id = 1)
);

CREATE TABLE platform_city_name (
  lang VARCHAR(16)  NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);

CREATE TABLE platform_area_level (
  level INT          NOT NULL PRIMARY KEY,
  name  VARCHAR(100) NOT NULL
);

CREATE TABLE platform_area (
  id            BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          VARCHAR(64)  NOT NULL,
  parent_id     BIGINT,
  level         INT          NOT NULL,
  name          VARCHAR(200) NOT NULL,
  alt_name      VARCHAR(200),
  alt_name_lang VARCHAR(16),
  geometry      CLOB(64 M),
  min_lon       DOUBLE,
  min_lat       DOUBLE,
  max_lon       DOUBLE,
  max_lat       DOUBLE,
  updated_at    TIMESTAMP    NOT NULL,
  version       INT          NOT NULL DEFAULT 0,
  CONSTRAINT platform_area_code UNIQUE (code),
  CONSTRAINT platform_area_parent FOREIGN KEY (parent_id) REFERENCES platform_area (id)
);
CREATE INDEX platform_area_by_parent ON platform_area (parent_id);

-- sex: F, M or T (total, when a source does not split by sex); age_band: '00-04' ... '100+', 'unknown', 'total'
CREATE TABLE platform_population (
  area_id  BIGINT      NOT NULL,
  pop_year INT         NOT NULL,
  sex      CHAR(1)     NOT NULL,
  age_band VARCHAR(16) NOT NULL,
  persons  BIGINT      NOT NULL,
  PRIMARY KEY (area_id, pop_year, sex, age_band),
  CONSTRAINT platform_population_area FOREIGN KEY (area_id) REFERENCES platform_area (id),
  CONSTRAINT platform_population_sex CHECK (sex IN ('F', 'M', 'T')),
  CONSTRAINT platform_population_positive CHECK (persons >= 0)
);
