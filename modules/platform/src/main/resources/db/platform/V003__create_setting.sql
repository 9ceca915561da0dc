-- Settings the administrator changes in the browser (backup folder, copies kept, daily hour...).
CREATE TABLE platform_setting (
  name       VARCHAR(100)  NOT NULL PRIMARY KEY,
  val        VARCHAR(2000) NOT NULL,
  updated_at TIMESTAMP     NOT NULL
);
