-- The dead-letter test service (io.kaohe.support.deadletters.parked): letters, what its two consumers
-- received, and the texts its main consumer refuses until "fixed".
create table letter (id uuid primary key, text text not null);
create table received_letter (event_id text primary key, letter_id uuid not null, text text not null);
create table letter_copy (consumer text not null, event_id text not null);
create table refused_text (text text primary key);
