# 备份与恢复 / backup and restore — sourced by bin/kaohe (bin/kaohe backup DIR, bin/kaohe restore DIR).
# See backup/README.md. Needs, besides bash: the PostgreSQL client tools (psql, pg_dump, pg_restore) of the
# servers' major version or newer (PATH or PG_BIN), rclone for the bucket (Debian: apt-get install rclone),
# tar and sha256sum (coreutils).
# shellcheck shell=bash

BACKUP_FORMAT="kaohe-backup 1"
BACKUP_DATABASES=(rubric evidence scoring workflow notification audit keycloak)
BACKUP_SERVICE_DATABASES=(rubric evidence scoring workflow notification audit)
# Every table's row count, read in the dump's own snapshot (schema.table<TAB>rows, sorted).
ROW_COUNTS_SQL="select format('%s.%s', n.nspname, c.relname), (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname), false, true, '')))[1]::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%' order by 1;"

pg_tool() {
  local tool="$1"
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/$tool" ]] || die "kaohe.env: PG_BIN=$PG_BIN has no $tool"
    echo "$PG_BIN/$tool"
  else
    command -v "$tool" >/dev/null 2>&1 || die "no $tool found: install the PostgreSQL client of your server's major version or newer (Debian: postgresql-client-NN) or set PG_BIN in kaohe.env"
    command -v "$tool"
  fi
}

# Sets CONN_URI, CONN_USER, CONN_PASSWORD for a database from kaohe.env, as the applications (and Keycloak) reach it.
# audit: the tables' owner (AUDIT_DB_MIGRATION_USER) when set, since the runtime role may not read everything.
db_connection() {
  local db="$1" prefix url_var user_var password_var url rest
  prefix="${db^^}"
  url_var="${prefix}_DB_URL" user_var="${prefix}_DB_USER" password_var="${prefix}_DB_PASSWORD"
  url="${!url_var:-${DB_URL_BASE:-}${DB_URL_BASE:+$db}}"
  [[ -n "$url" ]] || die "kaohe.env: neither ${url_var} nor DB_URL_BASE is set"
  [[ "$url" == jdbc:postgresql://* ]] || die "kaohe.env: $url_var ($url) is not a jdbc:postgresql:// URL"
  rest="${url#jdbc:postgresql://}"
  # libpq takes the JDBC URL's host, port and database; TLS settings come from PGSSLMODE etc. in the environment.
  CONN_URI="postgresql://${rest%%\?*}"
  CONN_USER="${!user_var:-${DB_USER:-}}"
  CONN_PASSWORD="${!password_var:-${DB_PASSWORD:-}}"
  if [[ "$db" == audit && -n "${AUDIT_DB_MIGRATION_USER:-}" ]]; then
    CONN_USER="$AUDIT_DB_MIGRATION_USER"
    CONN_PASSWORD="${AUDIT_DB_MIGRATION_PASSWORD:-}"
  fi
  CONN_NAME="${CONN_URI##*/}"
}

# psql on the database last named to db_connection: psql_on ARGS...
psql_on() {
  PGPASSWORD="$CONN_PASSWORD" PGAPPNAME=kaohe-backup "$PSQL" -X -q -v ON_ERROR_STOP=1 -At -U "$CONN_USER" -d "$CONN_URI" "$@"
}

major_of_client() { "$1" --version | awk '{ print $3 }' | cut -d. -f1; }

# Each database's server against the client tools: pg_dump refuses a newer server, so say it first, with both versions.
check_backup_tools() {
  PSQL="$(pg_tool psql)" PG_DUMP="$(pg_tool pg_dump)" PG_RESTORE="$(pg_tool pg_restore)"
  local client db server
  client="$(major_of_client "$PG_DUMP")"
  [[ "$(major_of_client "$PG_RESTORE")" == "$client" ]] || die "$PG_DUMP and $PG_RESTORE are of different versions"
  for db in "$@"; do
    db_connection "$db"
    server="$(psql_on -c 'show server_version_num' 2>&1)" || {
      [[ "${BACKUP_CREATE_MISSING:-}" == 1 ]] && continue
      die "cannot connect to database $db ($CONN_URI as $CONN_USER): $server"
    }
    server="$(( server / 10000 ))"
    (( client >= server )) || die "database $db runs on PostgreSQL $server but $PG_DUMP is PostgreSQL $client: install the client tools of version $server or newer (postgresql-client-$server) and set PG_BIN in kaohe.env"
  done
  BACKUP_CLIENT_VERSION="$("$PG_DUMP" --version)"
  if [[ -n "${S3_ENDPOINT:-}" ]]; then
    command -v rclone >/dev/null 2>&1 || die "no rclone found: the evidence bucket is copied with rclone (Debian: apt-get install rclone)"
  fi
  command -v sha256sum >/dev/null 2>&1 || die "no sha256sum found (coreutils)"
}

# rclone's remote "kaohebucket:" from the S3_* settings, through the environment (no secret on a command line);
# sets BUCKET_REMOTE.
bucket_remote() {
  export RCLONE_CONFIG="$TMP_DIR/rclone-unused.conf"
  export RCLONE_CONFIG_KAOHEBUCKET_TYPE=s3
  export RCLONE_CONFIG_KAOHEBUCKET_PROVIDER="${S3_PROVIDER:-Other}"
  export RCLONE_CONFIG_KAOHEBUCKET_ENDPOINT="$S3_ENDPOINT"
  export RCLONE_CONFIG_KAOHEBUCKET_REGION="${S3_REGION:-us-east-1}"
  export RCLONE_CONFIG_KAOHEBUCKET_ACCESS_KEY_ID="${S3_ACCESS_KEY:-}"
  export RCLONE_CONFIG_KAOHEBUCKET_SECRET_ACCESS_KEY="${S3_SECRET_KEY:-}"
  export RCLONE_CONFIG_KAOHEBUCKET_FORCE_PATH_STYLE="${S3_PATH_STYLE:-true}"
  # rclone's S3 library cannot take AWS_CA_BUNDLE (set on some hosts); rclone's own --ca-cert takes that file.
  if [[ -n "${AWS_CA_BUNDLE:-}" ]]; then
    export RCLONE_CA_CERT="${RCLONE_CA_CERT:-$AWS_CA_BUNDLE}"
    unset AWS_CA_BUNDLE
  fi
  BUCKET_REMOTE="kaohebucket:${S3_BUCKET:-kaohe-evidence}"
}

archive_dir() { echo "${AUDIT_ARCHIVE_DIR:-$KAOHE_HOME/audit-archive}"; }

# Waits until no service's outbox holds a publication Kafka has not acknowledged, for KAOHE_BACKUP_SETTLE seconds
# in a row (time for the consumers to apply what was just published); gives up after KAOHE_BACKUP_DRAIN_TIMEOUT.
await_outboxes_drained() {
  local timeout="${KAOHE_BACKUP_DRAIN_TIMEOUT:-120}" settle="${KAOHE_BACKUP_SETTLE:-10}"
  local deadline=$(( SECONDS + timeout )) quiet_since=-1 pending db n
  while :; do
    pending=0
    for db in "${BACKUP_SERVICE_DATABASES[@]}"; do
      db_connection "$db"
      n="$(psql_on -c "select case when to_regclass('event_publication') is null then 0 else (select count(*) from event_publication where completion_date is null) end")" || n=0
      pending=$(( pending + n ))
    done
    if (( pending == 0 )); then
      (( quiet_since >= 0 )) || quiet_since=$SECONDS
      if (( SECONDS - quiet_since >= settle )); then
        say "every outbox is drained (nothing unpublished for ${settle} s)"
        return 0
      fi
    else
      quiet_since=-1
    fi
    if (( SECONDS >= deadline )); then
      say "WARNING: $pending outbox publication(s) still unpublished after ${timeout} s; they are in the backup and are published again after a restore (the consumers are idempotent)"
      return 0
    fi
    sleep 1
  done
}

# pg_dump -Fc of one database and its tables' row counts, both from one exported snapshot.
dump_database() {
  local db="$1" out="$2" snapshot line
  db_connection "$db"
  coproc SNAPSHOT { PGPASSWORD="$CONN_PASSWORD" PGAPPNAME=kaohe-backup "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -U "$CONN_USER" -d "$CONN_URI" 2>&1; }
  echo "begin isolation level repeatable read read only; select pg_export_snapshot();" >&"${SNAPSHOT[1]}"
  read -r -t 60 snapshot <&"${SNAPSHOT[0]}" || die "database $db: no snapshot"
  [[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || die "database $db: $snapshot"
  PGPASSWORD="$CONN_PASSWORD" "$PG_DUMP" -Fc --snapshot="$snapshot" -U "$CONN_USER" -d "$CONN_URI" -f "$out/$db.dump" \
    || die "pg_dump of database $db failed"
  printf '%s\n\\echo __kaohe_end__\n' "$ROW_COUNTS_SQL" >&"${SNAPSHOT[1]}"
  : >"$out/$db.rows"
  while read -r -t 600 line <&"${SNAPSHOT[0]}"; do
    [[ "$line" == __kaohe_end__ ]] && break
    printf '%s\n' "${line/|/$'\t'}" >>"$out/$db.rows"
  done
  echo "commit;" >&"${SNAPSHOT[1]}"
  eval "exec ${SNAPSHOT[1]}>&-"
  wait "$SNAPSHOT_PID" 2>/dev/null || true
  say "database $db: $(du -h "$out/$db.dump" | cut -f1), $(wc -l <"$out/$db.rows") tables, $(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$out/$db.rows") rows"
}

cmd_backup() {
  [[ $# -eq 1 ]] || die "usage: kaohe backup DIR (a new or empty folder)"
  local dir="$1" started=$SECONDS app
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty: back up into a new folder"
  check_backup_tools "${BACKUP_DATABASES[@]}"
  # The applications are stopped while the copy is made (the gateway first: no new writes), then started again.
  BACKUP_RESTART=()
  for app in "${ALL_APPS[@]}"; do
    if pid_of "$app" >/dev/null; then BACKUP_RESTART+=("$app"); fi
  done
  # Under systemd (kaohe.target) the units are stopped and started through systemctl (as root), not by pid.
  BACKUP_SYSTEMD=0
  for app in "${BACKUP_RESTART[@]}"; do
    if grep -q "kaohe-$app.service" "/proc/$(pid_of "$app")/cgroup" 2>/dev/null; then BACKUP_SYSTEMD=1; fi
  done
  trap 'backup_restart' EXIT
  if (( ${#BACKUP_RESTART[@]} )); then
    if (( BACKUP_SYSTEMD )); then systemctl stop kaohe-gateway.service; else cmd_stop gateway; fi
    await_outboxes_drained
    if (( BACKUP_SYSTEMD )); then systemctl stop kaohe.target; else cmd_stop; fi
  fi
  mkdir -p "$dir/databases"
  for app in "${BACKUP_DATABASES[@]}"; do dump_database "$app" "$dir/databases"; done
  db_connection rubric
  if PGPASSWORD="$CONN_PASSWORD" "$(pg_tool pg_dumpall)" --globals-only --no-role-passwords -U "$CONN_USER" \
      -d "${CONN_URI%/*}/postgres" -f "$dir/databases/globals.sql" 2>/dev/null; then
    say "roles and tablespaces (without passwords): databases/globals.sql"
  else
    rm -f "$dir/databases/globals.sql"
    say "roles not saved (pg_dumpall --globals-only needs a superuser); keep your own record of the roles"
  fi
  tar -C "$(archive_dir)" -cf "$dir/audit-archive.tar" .
  say "audit archive folder $(archive_dir): $(tar -tf "$dir/audit-archive.tar" | grep -vc '/$') file(s)"
  if [[ -n "${S3_ENDPOINT:-}" ]]; then
    mkdir -p "$dir/bucket"
    bucket_remote
    rclone copy -q --checksum "$BUCKET_REMOTE" "$dir/bucket" || die "could not copy the bucket ${S3_BUCKET:-kaohe-evidence}"
    say "bucket ${S3_BUCKET:-kaohe-evidence}: $(find "$dir/bucket" -type f | wc -l) object(s), $(du -sh "$dir/bucket" | cut -f1)"
  fi
  {
    echo "format=$BACKUP_FORMAT"
    echo "created=$(date -u +%FT%TZ)"
    echo "platform=$(cat "$KAOHE_HOME/VERSION" 2>/dev/null | head -n1)"
    echo "client=$BACKUP_CLIENT_VERSION"
    echo "databases=${BACKUP_DATABASES[*]}"
    echo "bucket=${S3_ENDPOINT:+${S3_BUCKET:-kaohe-evidence}}"
  } >"$dir/manifest"
  (cd "$dir" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
  backup_restart
  trap - EXIT
  say "backup complete: $dir ($(du -sh "$dir" | cut -f1), $(( SECONDS - started )) s)"
}

backup_restart() {
  if (( ${#BACKUP_RESTART[@]} )); then
    local -a again=("${BACKUP_RESTART[@]}")
    BACKUP_RESTART=()
    say "starting again what ran before the backup: ${again[*]}"
    if (( BACKUP_SYSTEMD )); then systemctl start kaohe.target; else cmd_start "${again[@]}"; fi
  fi
}

cmd_restore() {
  [[ $# -eq 1 ]] || die "usage: kaohe restore DIR (a folder bin/kaohe backup wrote)"
  local dir started=$SECONDS app db others
  dir="$(cd "$1" 2>/dev/null && pwd)" || die "no folder $1"
  [[ -f "$dir/manifest" && -f "$dir/SHA256SUMS" ]] || die "$dir holds no backup (no manifest or SHA256SUMS)"
  grep -qx "format=$BACKUP_FORMAT" "$dir/manifest" || die "$dir/manifest is not a $BACKUP_FORMAT"
  (cd "$dir" && sha256sum --quiet -c SHA256SUMS) || die "$dir is damaged: a file differs from SHA256SUMS"
  say "backup $dir: $(grep '^created=' "$dir/manifest" | cut -d= -f2-), every file matches its SHA-256"
  for app in "${ALL_APPS[@]}"; do
    if pid_of "$app" >/dev/null; then die "$app runs: stop the platform first (bin/kaohe stop) and Keycloak"; fi
  done
  BACKUP_CREATE_MISSING=1 check_backup_tools "${BACKUP_DATABASES[@]}"
  for db in "${BACKUP_DATABASES[@]}"; do
    [[ -f "$dir/databases/$db.dump" ]] || die "$dir has no databases/$db.dump"
    db_connection "$db"
    if ! psql_on -c 'select 1' >/dev/null 2>&1; then
      # A database that is gone is created again (its login needs CREATEDB, or create it yourself first).
      PGPASSWORD="$CONN_PASSWORD" "$PSQL" -X -q -v ON_ERROR_STOP=1 -U "$CONN_USER" -d "${CONN_URI%/*}/postgres" \
        -c "create database \"$CONN_NAME\"" || die "database $db does not exist and could not be created"
      say "database $db created"
    fi
    others="$(psql_on -c "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")"
    (( others == 0 )) || die "database $db has $others other connection(s): stop Keycloak and the platform first"
  done
  for db in "${BACKUP_DATABASES[@]}"; do
    db_connection "$db"
    PGPASSWORD="$CONN_PASSWORD" "$PG_RESTORE" --clean --if-exists --single-transaction --exit-on-error \
      -U "$CONN_USER" -d "$CONN_URI" "$dir/databases/$db.dump" || die "pg_restore of database $db failed (nothing of it was changed)"
    psql_on -c "$ROW_COUNTS_SQL" | tr '|' '\t' | diff - "$dir/databases/$db.rows" >/dev/null \
      || die "database $db: the restored row counts differ from the backup's ($dir/databases/$db.rows)"
    say "database $db restored; $(wc -l <"$dir/databases/$db.rows") tables, every row count as backed up"
  done
  local archive
  archive="$(archive_dir)"
  mkdir -p "$archive"
  find "$archive" -mindepth 1 -delete
  tar -C "$archive" -xf "$dir/audit-archive.tar"
  say "audit archive folder $archive restored"
  if grep -q '^bucket=.' "$dir/manifest"; then
    [[ -n "${S3_ENDPOINT:-}" ]] || die "the backup holds the bucket but kaohe.env has no S3_ENDPOINT"
    bucket_remote
    mkdir -p "$dir/bucket"
    rclone sync -q --checksum "$dir/bucket" "$BUCKET_REMOTE" || die "could not copy the bucket back"
    rclone check -q "$dir/bucket" "$BUCKET_REMOTE" || die "the bucket differs from the backup after the copy"
    say "bucket ${S3_BUCKET:-kaohe-evidence} restored: $(find "$dir/bucket" -type f | wc -l) object(s), checked"
  fi
  say "restore complete in $(( SECONDS - started )) s; start Keycloak, then: bin/kaohe start"
}
