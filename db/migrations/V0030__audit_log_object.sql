-- Who read or changed one household's record, for the copy of its data it may ask for (GDPR
-- art. 15, issue 9.5): the audit log found by its object without reading the whole log.
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
