-- SDG targets an objective contributes to (G§71), as the actions' ones: "11.7", "16.1", "5.2".
CREATE TABLE strategy_objective_sdg (
  objective_id BIGINT     NOT NULL REFERENCES strategy_objective (id),
  target       VARCHAR(8) NOT NULL,
  PRIMARY KEY (objective_id, target)
)
