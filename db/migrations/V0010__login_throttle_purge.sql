-- Counters older than the throttle's window (15 minutes without a failure) are purged at each
-- login attempt (issue 8 B4): this index finds them without reading the whole table.
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);
