-- Actors of the partnership map (organisations and people), with the areas they cover and the groups they serve.
CREATE TABLE partnerships_actor (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        VARCHAR(200)  NOT NULL,
  actor_type  VARCHAR(40)   NOT NULL,
  gov_level   VARCHAR(20),
  sectors     VARCHAR(500),
  interest    SMALLINT      NOT NULL CHECK (interest BETWEEN 1 AND 5),
  influence   SMALLINT      NOT NULL CHECK (influence BETWEEN 1 AND 5),
  status      VARCHAR(20)   NOT NULL,
  notes       VARCHAR(4000),
  version     INTEGER       NOT NULL DEFAULT 0,
  updated_at  TIMESTAMP     NOT NULL
);

CREATE TABLE partnerships_actor_area (
  actor_id BIGINT NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  area_id  BIGINT NOT NULL REFERENCES platform_area (id),
  PRIMARY KEY (actor_id, area_id)
);

CREATE TABLE partnerships_actor_group (
  actor_id   BIGINT      NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  group_code VARCHAR(40) NOT NULL,
  PRIMARY KEY (actor_id, group_code)
);
