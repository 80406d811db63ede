-- A breach carries its ticket's number in its event: the number is kept with the breach, and Invoicing no longer takes
-- in every ticket opened only to learn it. The numbers learnt that way are moved onto the breaches they name.
ALTER TABLE sla_breaches ADD COLUMN number bigint;

UPDATE sla_breaches b SET number = t.number
FROM ticket_numbers t
WHERE t.tenant_id = b.tenant_id AND t.contract_id = b.contract_id AND t.ticket_id = b.ticket_id;

DROP TABLE ticket_numbers;
