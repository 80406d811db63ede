-- The in-app notifications are the Notifications service's: one per person, made from this service's events
-- (amendment proposed, evolution request moved, decision at term, notice deadline approaching). The side-wide
-- notifications kept here are no longer read by anyone.
DROP TABLE notification_reads;
DROP TABLE notifications;
