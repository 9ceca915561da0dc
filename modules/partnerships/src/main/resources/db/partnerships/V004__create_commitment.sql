-- What an actor has committed to (a memorandum, a pledge), until when, and whether it was kept.
CREATE TABLE partnerships_commitment (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id    BIGINT        NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  description VARCHAR(1000) NOT NULL,
  end_date    DATE          NOT NULL,
  fulfilled   SMALLINT      NOT NULL DEFAULT 0
);

CREATE INDEX partnerships_commitment_actor ON partnerships_commitment (actor_id);
