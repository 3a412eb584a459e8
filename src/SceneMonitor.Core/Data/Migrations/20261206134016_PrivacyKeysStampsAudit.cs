using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyKeysStampsAudit : Migration
    {
        /// <summary>The audit log's guards, replacing those of AddSecurity. The old DELETE guard trusted a
        /// setting (scenemonitor.audit_purge) that any session can set, so the app's role could delete
        /// chosen lines; and a client could insert lines with any time. Now:
        /// - a row may be deleted only from inside purge_audit_log (the trigger reads the call stack: the
        ///   outermost frame must be that function), and only when older than 6 months;
        /// - whatever deletes, a DELETE must remove the oldest lines and leave none as old as the newest
        ///   one removed (a purge by age), so no chosen line can disappear from the middle;
        /// - an inserted line's time is the database clock's (a different client-supplied time is
        ///   refused) and its id comes from the sequence, so no line can be back-dated.
        /// An owner or superuser can still drop triggers or set session_replication_role (docs/operations.md, "Audit log").</summary>
        public const string AuditGuardSql = """
            CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE stack text;
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    GET DIAGNOSTICS stack = PG_CONTEXT;
                    -- The last line is the outermost caller: a client calling purge_audit_log itself,
                    -- not a DO block or another function whose text merely mentions it.
                    IF OLD.at < now() - interval '6 months'
                       AND stack ~ '\nPL/pgSQL function purge_audit_log\(timestamp with time zone\) line [0-9]+ at SQL statement$' THEN
                        RETURN OLD;
                    END IF;
                END IF;
                RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Old lines are removed only by purge_audit_log(cutoff), never lines younger than 6 months.';
            END $$;

            CREATE FUNCTION audit_log_purge_is_by_age() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM audit_log WHERE at <= (SELECT max(at) FROM purged)) THEN
                    RAISE EXCEPTION 'audit_log is append-only: only the oldest lines can be purged'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER audit_log_purge_by_age AFTER DELETE ON audit_log
                REFERENCING OLD TABLE AS purged FOR EACH STATEMENT EXECUTE FUNCTION audit_log_purge_is_by_age();

            CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.at IS DISTINCT FROM now() THEN
                    RAISE EXCEPTION 'audit_log lines take the database clock''s time: at must be now(), not %', NEW.at
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                -- A chosen id would place the line among older ones (the log is read in id order).
                NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
                RETURN NEW;
            END $$;
            CREATE TRIGGER audit_log_clock BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();

            CREATE OR REPLACE FUNCTION purge_audit_log(cutoff timestamptz) RETURNS bigint
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE n bigint;
            BEGIN
                DELETE FROM audit_log WHERE at < least(cutoff, now() - interval '6 months');
                GET DIAGNOSTICS n = ROW_COUNT;
                RETURN n;
            END $$;
            """;

        private const string DropGuardSql = """
            DROP TRIGGER IF EXISTS audit_log_clock ON audit_log;
            DROP TRIGGER IF EXISTS audit_log_purge_by_age ON audit_log;
            DROP FUNCTION IF EXISTS audit_log_stamp();
            DROP FUNCTION IF EXISTS audit_log_purge_is_by_age();
            DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
            DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
            DROP FUNCTION IF EXISTS purge_audit_log(timestamptz);
            DROP FUNCTION IF EXISTS audit_log_guard();
            """;
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_source_external_ref",
                table: "observations");

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "accounts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_observations_organisation_source_external_ref",
                table: "observations",
                columns: new[] { "organisation", "source", "external_ref" },
                unique: true,
                filter: "external_ref IS NOT NULL")
                .Annotation("Npgsql:NullsDistinct", false);

            // Existing accounts get a stamp each; their current tokens carry none and sign in again.
            migrationBuilder.Sql("UPDATE accounts SET security_stamp = md5(random()::text || id::text)");
            migrationBuilder.Sql(AuditGuardSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropGuardSql);
            migrationBuilder.Sql(AddSecurity.AuditGuardSql);

            migrationBuilder.DropIndex(
                name: "ix_observations_organisation_source_external_ref",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "accounts");

            migrationBuilder.CreateIndex(
                name: "ix_observations_source_external_ref",
                table: "observations",
                columns: new[] { "source", "external_ref" },
                unique: true,
                filter: "external_ref IS NOT NULL");
        }
    }
}
