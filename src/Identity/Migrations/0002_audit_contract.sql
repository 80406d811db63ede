-- The audit log's shape is shared by every service (Infogerance.Data.AuditLog); Identity's entries concern no contract.
ALTER TABLE audit_log ADD COLUMN contract_id uuid;
