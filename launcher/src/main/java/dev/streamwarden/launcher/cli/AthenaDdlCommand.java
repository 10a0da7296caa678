package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.classify.schema.SchemaRegistry;
import dev.streamwarden.job.lake.AthenaDdl;
import dev.streamwarden.job.lake.LakeTables;
import java.util.List;
import java.util.Set;

/** {@code athena-ddl [--location s3://bucket/lake] [--database NAME]}: the lake's tables for Athena/Glue. */
final class AthenaDdlCommand {
    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("location", "database"));
        System.out.print(AthenaDdl.statements(
                LakeTables.of(SchemaRegistry.bundled()),
                args.get("database", "streamwarden"),
                args.get("location", "s3://YOUR-BUCKET/lake")));
        return 0;
    }
}
