-- Typed, dated relationships between two different actors.
CREATE TABLE partnerships_relationship (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_actor  BIGINT      NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  to_actor    BIGINT      NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  rel_type    VARCHAR(30) NOT NULL,
  valid_from  DATE        NOT NULL,
  valid_until DATE,
  strength    SMALLINT    NOT NULL CHECK (strength BETWEEN 1 AND 3),
  CHECK (from_actor <> to_actor),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);

CREATE INDEX partnerships_relationship_to ON partnerships_relationship (to_actor);
