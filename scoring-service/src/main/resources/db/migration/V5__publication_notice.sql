-- The notice (通报) as the office wrote it when publishing: scoring prints it as .docx, .pdf and .ofd
-- with the results table attached. Null for publications made before these were entered.
alter table cycle_publication add column issuing_body text;
alter table cycle_publication add column document_number text;
alter table cycle_publication add column issued_on date;
alter table cycle_publication add column body text;
