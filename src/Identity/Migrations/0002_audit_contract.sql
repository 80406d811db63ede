-- The audit log's shape is shared by every service (Infogerance.Data.AuditLog); Identity's entries concern no contract.
-- A database created after the platform's own audit_log script already has the column.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS contract_id uuid;
