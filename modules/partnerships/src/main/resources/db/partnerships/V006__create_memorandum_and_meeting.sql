-- Memoranda of understanding between actors: when signed, until when, where the signed document is kept.
CREATE TABLE partnerships_memorandum (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        VARCHAR(200) NOT NULL,
  signed_on    DATE         NOT NULL,
  expires_on   DATE,
  document_ref VARCHAR(300),
  CHECK (expires_on IS NULL OR expires_on >= signed_on)
);

CREATE TABLE partnerships_memorandum_party (
  memorandum_id BIGINT NOT NULL REFERENCES partnerships_memorandum (id) ON DELETE CASCADE,
  actor_id      BIGINT NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  PRIMARY KEY (memorandum_id, actor_id)
);

-- Which actor is the multi-sector technical group (G§39) and which the coordination centre (G§24a).
CREATE TABLE partnerships_body (
  body_kind VARCHAR(30) NOT NULL PRIMARY KEY,
  actor_id  BIGINT      NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE
);

-- Meetings of an actor (the technical group, the coordination centre): the review report counts them.
CREATE TABLE partnerships_meeting (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id  BIGINT        NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  held_on   DATE          NOT NULL,
  attendees INTEGER       NOT NULL CHECK (attendees >= 0),
  decisions VARCHAR(2000)
);

CREATE INDEX partnerships_meeting_actor ON partnerships_meeting (actor_id, held_on);
