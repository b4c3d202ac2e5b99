import GRDB

/// The schema's history. A migration that has shipped is never edited: add a new one.
/// Tables are named literally, not through record types, so that later renames in Swift
/// cannot change what an old migration does.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, prompts, tasks, images") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        started_at DATETIME NOT NULL,
                        finished_at DATETIME,
                        provider TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed'))
                    );
                    CREATE TABLE prompts (
                        id TEXT PRIMARY KEY NOT NULL,
                        first_seen_at DATETIME NOT NULL,
                        removed_at DATETIME
                    );
                    CREATE TABLE tasks (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        prompt_id TEXT NOT NULL REFERENCES prompts(id),
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        fingerprint TEXT NOT NULL,
                        provider TEXT NOT NULL,
                        model TEXT NOT NULL,
                        request_json TEXT NOT NULL,
                        remote_id TEXT,
                        status TEXT NOT NULL CHECK (status IN ('intent', 'submitted', 'completed', 'failed', 'unknown')),
                        cost_micros INTEGER NOT NULL DEFAULT 0,
                        estimated_cost_micros INTEGER NOT NULL DEFAULT 0,
                        error TEXT,
                        failure_kind TEXT,
                        created_at DATETIME NOT NULL,
                        submitted_at DATETIME,
                        completed_at DATETIME
                    );
                    CREATE UNIQUE INDEX tasks_remote_id ON tasks(provider, remote_id) WHERE remote_id IS NOT NULL;
                    CREATE INDEX tasks_prompt_fingerprint ON tasks(prompt_id, fingerprint);
                    CREATE INDEX tasks_status ON tasks(status);
                    CREATE TABLE images (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        task_id INTEGER NOT NULL REFERENCES tasks(id),
                        output_index INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        path TEXT NOT NULL,
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bit_depth INTEGER NOT NULL,
                        color_type INTEGER NOT NULL,
                        bytes INTEGER NOT NULL,
                        source_url TEXT,
                        UNIQUE (task_id, output_index)
                    );
                    CREATE INDEX images_sha256 ON images(sha256);
                    """
            )
        }
        migrator.registerMigration("v2: the fingerprint each prompt shows") { db in
            // Tells a prompt whose inputs match its shown images (unchanged) from one whose
            // inputs return to an older generation (restorable).
            try db.execute(sql: "ALTER TABLE prompts ADD COLUMN current_fingerprint TEXT")
        }
        migrator.registerMigration("v3: an index for planning") { db in
            // Covers the planner's snapshot (grouping by prompt, fingerprint and status) and
            // the lookup of each prompt's shown generation, without reading the tasks table.
            try db.execute(sql: "CREATE INDEX tasks_plan ON tasks(prompt_id, fingerprint, status)")
        }
        migrator.registerMigration("v4: when each request was sent") { db in
            // The moment just before the HTTP request, next to `submitted_at` (the moment its
            // answer came): the tightest window in which the provider can have created the task.
            try db.execute(sql: "ALTER TABLE tasks ADD COLUMN sent_at DATETIME")
        }
        migrator.registerMigration("v5: derived web images") { db in
            // One row per derived file, written after the file: the renderer needs every
            // image's dimensions without opening it.
            try db.execute(
                sql: """
                    CREATE TABLE derived_images (
                        file TEXT PRIMARY KEY NOT NULL,
                        original_sha256 TEXT NOT NULL,
                        recipe TEXT NOT NULL,
                        role TEXT NOT NULL,
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bytes INTEGER NOT NULL
                    );
                    CREATE INDEX derived_images_recipe ON derived_images(recipe, original_sha256);
                    """
            )
        }
        migrator.registerMigration("v6: a revision and a stamp for no-op builds") { db in
            // Every change to what a site is built from bumps `revision`, by trigger, so that no
            // code path can forget to. A finished build records the revision it saw, with digests
            // of its other inputs and of the site it left, in `build_stamp`.
            try db.execute(
                sql: """
                    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                    INSERT INTO revision (id, value) VALUES (1, 0);
                    CREATE TABLE build_stamp (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        inputs TEXT NOT NULL,
                        templates TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        site TEXT NOT NULL,
                        prompts INTEGER NOT NULL,
                        images INTEGER NOT NULL,
                        files INTEGER NOT NULL
                    );
                    """
            )
            for table in ["prompts", "tasks", "images", "derived_images"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_\(event.lowercased())_revision AFTER \(event) ON \(table)
                            BEGIN UPDATE revision SET value = value + 1 WHERE id = 1; END
                            """
                    )
                }
            }
        }
        migrator.registerMigration("v7: paid outputs fetched again, candidates of unknown outcomes") { db in
            // A completed task whose outputs could not be stored stays `submitted` and is fetched
            // again by later builds: `fetch_failures` counts the failed fetches across builds.
            // `candidates` holds, for an unknown outcome the task list could not settle, the
            // provider's tasks that could be it (JSON), for `hatchery status` and `settle`.
            try db.execute(
                sql: """
                    ALTER TABLE tasks ADD COLUMN fetch_failures INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE tasks ADD COLUMN candidates TEXT;
                    """
            )
        }
        migrator.registerMigration("v8: which remote ids came from the task list") { db in
            // When an unknown outcome is adopted from the task list, not from the POST's answer:
            // such a task may have been created after we stopped waiting, so its `submitted_at`
            // bounds neither the provider's clock nor the list's order (see `KnownSubmission`).
            try db.execute(sql: "ALTER TABLE tasks ADD COLUMN adopted_at DATETIME")
        }
        migrator.registerMigration("v9: what each site file was made from") { db in
            // One row per page or data file the last render wrote into the site: the digest of
            // its inputs, and its size and modification time (nanoseconds) as written. A build
            // makes a file again only when these differ. No revision trigger: the site's files
            // are an output, and the stamp covers them by its own digest.
            try db.execute(
                sql: """
                    CREATE TABLE site_outputs (
                        path TEXT PRIMARY KEY NOT NULL,
                        digest TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v10: a digest of the recorded site files") { db in
            // The digest (`SiteDigest`) of the sizes and modification times `site_outputs`
            // records, written after them and deleted in the transaction that changes them: a
            // walk of the site that gives it proves every file is as recorded, and a build then
            // compares with the records instead of holding a second table of the files.
            try db.execute(
                sql: """
                    CREATE TABLE site_outputs_digest (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        digest TEXT NOT NULL,
                        files INTEGER NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v11: any change of the site records drops their digest") { db in
            // Whatever writes `site_outputs` (a build from before v10, which knows nothing of
            // the digest; sqlite3 by hand), the digest no longer stands for the records: a row
            // deleted under it left its file in the site as no output's and never stale, while
            // the walk still gave the digest (found by the attack).
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER site_outputs_\(event.lowercased())_drops_digest
                        AFTER \(event) ON site_outputs
                        WHEN EXISTS (SELECT 1 FROM site_outputs_digest)
                        BEGIN DELETE FROM site_outputs_digest; END;
                        """
                )
            }
        }
        return migrator
    }
}
