-- Comments of the technical group on a draft (G§39), resolved by the coordinator; city consultations that rank
-- the priorities (G§26, G§31), with their participants counted by sex and by age band (no names: counts only).
CREATE TABLE strategy_comment (
  id          BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id  BIGINT        NOT NULL REFERENCES strategy_version (id),
  part        VARCHAR(40)   NOT NULL,
  part_label  VARCHAR(300)  NOT NULL,
  author      VARCHAR(100)  NOT NULL,
  body        VARCHAR(4000) NOT NULL,
  created_at  TIMESTAMP     NOT NULL,
  resolved_by VARCHAR(100),
  resolved_at TIMESTAMP
);

CREATE TABLE strategy_consultation (
  id          BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id  BIGINT       NOT NULL REFERENCES strategy_version (id),
  held_on     DATE         NOT NULL,
  place       VARCHAR(300) NOT NULL,
  women       INT          NOT NULL,
  men         INT          NOT NULL,
  sex_other   INT          NOT NULL,
  age_under15 INT          NOT NULL,
  age_15_24   INT          NOT NULL,
  age_25_59   INT          NOT NULL,
  age_60plus  INT          NOT NULL,
  CONSTRAINT strategy_consultation_counts CHECK (women >= 0 AND men >= 0 AND sex_other >= 0 AND age_under15 >= 0
    AND age_15_24 >= 0 AND age_25_59 >= 0 AND age_60plus >= 0)
);

-- Points (votes or scores) each priority received at a consultation.
CREATE TABLE strategy_consultation_points (
  consultation_id BIGINT NOT NULL REFERENCES strategy_consultation (id),
  priority_id     BIGINT NOT NULL REFERENCES strategy_priority (id),
  points          INT    NOT NULL,
  PRIMARY KEY (consultation_id, priority_id),
  CONSTRAINT strategy_consultation_points_positive CHECK (points >= 0)
)
