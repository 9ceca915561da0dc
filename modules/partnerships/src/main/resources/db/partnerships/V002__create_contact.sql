-- Contact details are personal data: kept apart from the actor, shown to staff only, never exported,
-- and erased on request by deleting the row (the actor and its history stay).
CREATE TABLE partnerships_contact (
  actor_id    BIGINT       NOT NULL PRIMARY KEY REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  person_name VARCHAR(200),
  phone       VARCHAR(60),
  email       VARCHAR(200),
  updated_at  TIMESTAMP    NOT NULL
);
