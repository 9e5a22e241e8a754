package dev.listings.local.cli;

import dev.listings.infra.EmbeddedS3;
import dev.listings.local.stack.Endpoints;
import dev.listings.local.stack.StackOptions;
import dev.listings.local.stack.TableSinkRunner;
import dev.listings.sink.read.LocalSql;
import dev.listings.sink.read.QueryResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline sql}: SQL (DuckDB dialect) over the Iceberg tables of a local stack's state folder, the local
 * stand-in for Athena. Works whether or not the stack is running: it serves the state folder's objects itself.
 */
@Command(
    name = "sql",
    header = "SQL over the local Iceberg tables.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one SQL query over the tables a demo or run wrote (each table ns.name is the view ns_name; tables",
      "of versions also have ns_name_latest). Without a query, lists the views."
    },
    footer = {
      "",
      "Examples:",
      "  ./pipeline sql \"SELECT municipality, property_type, month, count, median FROM usecases_price_per_sqm_latest\"",
      "  ./pipeline sql --state-dir .pipeline/runs/run-20261125-101500-000 \"SELECT count(*) FROM listings_curated\""
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(names = "--state-dir", defaultValue = ".pipeline", paramLabel = "DIR",
      description = "State folder of the stack whose tables to query (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (query != null && query.isBlank()) {
      throw new ParameterException(spec.commandLine(), "The query is empty (leave it out to list the views)");
    }
    Path catalogDb = stateDir.resolve("catalog").resolve("catalog.db");
    if (!Files.isRegularFile(catalogDb)) {
      err.println("pipeline sql: no tables under " + stateDir.toAbsolutePath()
          + " (run ./pipeline demo, or pass --state-dir of a run kept with --keep-state)");
      return 2;
    }
    try (EmbeddedS3 s3 = EmbeddedS3.start(stateDir.resolve("s3"), 0)) {
      Endpoints endpoints = new Endpoints(null, null, null, s3.endpoint().toString(), s3.accessKey(),
          s3.secretKey(), s3.region(), StackOptions.LANDING_BUCKET,
          "s3://" + StackOptions.WAREHOUSE_BUCKET + "/warehouse", "jdbc:sqlite:" + catalogDb.toAbsolutePath());
      try (LocalSql sql = LocalSql.open(TableSinkRunner.catalogProperties(endpoints), stateDir.resolve("sql-cache"))) {
        if (query == null) {
          sql.views().forEach(out::println);
          return 0;
        }
        QueryResult result = sql.query(query);
        out.println(result.toTable());
        return 0;
      } catch (IllegalArgumentException e) {
        // DuckDB explains a bad query over several lines (the query, a caret); the first one says what is wrong
        err.println("pipeline sql: " + firstLine(e.getMessage()));
        return 1;
      }
    }
  }

  private static String firstLine(String message) {
    return message == null ? "the query failed" : message.lines().findFirst().orElse(message).strip();
  }
}
