-- The self-assessment of a strategy version against the Guidelines: principles A-M (G§10-22) and the organisation
-- elements (G§23 a-d national, G§24 a-h local), each scored 0-3 with its evidence. A revision copies it.
CREATE TABLE strategy_assessment (
  version_id BIGINT        NOT NULL REFERENCES strategy_version (id),
  item       VARCHAR(8)    NOT NULL,
  score      INT           NOT NULL,
  evidence   VARCHAR(2000) NOT NULL,
  PRIMARY KEY (version_id, item),
  CONSTRAINT strategy_assessment_score CHECK (score BETWEEN 0 AND 3)
)
