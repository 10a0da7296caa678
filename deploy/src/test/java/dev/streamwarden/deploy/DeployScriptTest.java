package dev.streamwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** deploy.sh --dry-run prints exactly the AWS calls each command makes, in order, and calls nothing. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeployScriptTest {
    private static final Path SCRIPT = Templates.DIR.resolve("deploy.sh");
    private static final String TEMPLATE = Templates.MAIN.toString();
    private static final String APP_NAME =
            "aws --region eu-west-1 cloudformation describe-stacks --stack-name sw --query "
                    + "'Stacks[0].Outputs[?OutputKey=='\\''ApplicationName'\\''].OutputValue' --output text";
    private static final String STATUS = "aws --region eu-west-1 kinesisanalyticsv2 describe-application "
            + "--application-name '<ApplicationName>' --query ApplicationDetail.ApplicationStatus --output text";

    @Test
    void deployUploadsTheJarFirstThenCreatesTheStackThenStartsTheApplication(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("job.jar");
        Files.writeString(jar, "not really a jar");
        // The key carries the jar's content hash, so a new jar is a change CloudFormation sees.
        String key = "streamwarden/streamwarden-job-d2c6cf77ae5f94f7.jar";

        Run run = dryRun(
                "deploy",
                "--code-bucket",
                "code-b",
                "--stream",
                "flows",
                "--source-parallelism",
                "4",
                "--parallelism",
                "8",
                "--param",
                "AlarmEmail=oncall@example.com",
                "--jar",
                jar.toString());

        assertEquals(0, run.exitCode, run.stderr);
        assertEquals(
                List.of(
                        "aws --region eu-west-1 s3 cp " + jar + " s3://code-b/" + key + " --only-show-errors",
                        "aws --region eu-west-1 cloudformation deploy --stack-name sw --template-file " + TEMPLATE
                                + " --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides"
                                + " CodeBucketName=code-b CodeKey=" + key + " StreamName=flows SourceParallelism=4"
                                + " Parallelism=8 AlarmEmail=oncall@example.com",
                        APP_NAME,
                        STATUS,
                        "aws --region eu-west-1 kinesisanalyticsv2 start-application --application-name"
                                + " '<ApplicationName>' --run-configuration '{\"ApplicationRestoreConfiguration\":"
                                + "{\"ApplicationRestoreType\":\"RESTORE_FROM_LATEST_SNAPSHOT\"},"
                                + "\"FlinkRunConfiguration\":{\"AllowNonRestoredState\":false}}'"),
                run.lines);
    }

    @Test
    void restoreStopsWaitsAndStartsFromTheSnapshot() throws Exception {
        Run run = dryRun("restore", "--snapshot", "before-upgrade");

        assertEquals(0, run.exitCode, run.stderr);
        assertEquals(
                List.of(
                        APP_NAME,
                        "aws --region eu-west-1 kinesisanalyticsv2 stop-application --application-name"
                                + " '<ApplicationName>'",
                        STATUS,
                        "aws --region eu-west-1 kinesisanalyticsv2 start-application --application-name"
                                + " '<ApplicationName>' --run-configuration '{\"ApplicationRestoreConfiguration\":"
                                + "{\"ApplicationRestoreType\":\"RESTORE_FROM_CUSTOM_SNAPSHOT\",\"SnapshotName\":"
                                + "\"before-upgrade\"},\"FlinkRunConfiguration\":{\"AllowNonRestoredState\":false}}'"),
                run.lines);
    }

    @Test
    void replayRestartsAtTheInstantWithoutState() throws Exception {
        Run run = dryRun("replay", "--from", "2026-12-01T03:00:00Z");

        assertEquals(0, run.exitCode, run.stderr);
        assertEquals(
                List.of(
                        APP_NAME,
                        "aws --region eu-west-1 kinesisanalyticsv2 stop-application --application-name"
                                + " '<ApplicationName>'",
                        STATUS,
                        "aws --region eu-west-1 cloudformation deploy --stack-name sw --template-file " + TEMPLATE
                                + " --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides"
                                + " InitialPosition=AT_TIMESTAMP InitialTimestamp=2026-12-01T03:00:00Z",
                        "aws --region eu-west-1 kinesisanalyticsv2 start-application --application-name"
                                + " '<ApplicationName>' --run-configuration '{\"ApplicationRestoreConfiguration\":"
                                + "{\"ApplicationRestoreType\":\"SKIP_RESTORE_FROM_SNAPSHOT\"},"
                                + "\"FlinkRunConfiguration\":{\"AllowNonRestoredState\":false}}'"),
                run.lines);
    }

    @Test
    void scaleSnapshotAndRollback() throws Exception {
        assertEquals(
                List.of("aws --region eu-west-1 cloudformation deploy --stack-name sw --template-file " + TEMPLATE
                        + " --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides"
                        + " Parallelism=4 SourceParallelism=4"),
                dryRun("scale", "--parallelism", "4", "--source-parallelism", "4").lines);
        assertEquals(
                List.of(
                        APP_NAME,
                        "aws --region eu-west-1 kinesisanalyticsv2 create-application-snapshot --application-name"
                                + " '<ApplicationName>' --snapshot-name before-upgrade"),
                dryRun("snapshot", "--name", "before-upgrade").lines);
        assertEquals(
                List.of(
                        APP_NAME,
                        "aws --region eu-west-1 kinesisanalyticsv2 describe-application --application-name"
                                + " '<ApplicationName>' --query ApplicationDetail.ApplicationVersionId --output text",
                        "aws --region eu-west-1 kinesisanalyticsv2 rollback-application --application-name"
                                + " '<ApplicationName>' --current-application-version-id '<ApplicationVersionId>'"),
                dryRun("rollback").lines);
    }

    @Test
    void mistakesAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Run noBucket = dryRun("deploy", "--stream", "flows");
        assertEquals(2, noBucket.exitCode);
        assertEquals("deploy.sh: deploy needs --code-bucket BUCKET (where the jar is uploaded)\n", noBucket.stderr);

        Run noJar = dryRun(
                "deploy",
                "--code-bucket",
                "b",
                "--stream",
                "s",
                "--jar",
                dir.resolve("none.jar").toString());
        assertEquals(2, noJar.exitCode);
        assertEquals(
                "deploy.sh: jar not found: " + dir.resolve("none.jar") + " (build it with: mvn -DskipTests package)\n",
                noJar.stderr);
        assertEquals(List.of(), noJar.lines, "nothing is called before the jar is found");

        Run badInstant = dryRun("replay", "--from", "yesterday");
        assertEquals(2, badInstant.exitCode);
        assertEquals("deploy.sh: --from 'yesterday' is not an ISO-8601 instant (UTC, ...Z)\n", badInstant.stderr);

        Run unknown = dryRun("destroy");
        assertEquals(2, unknown.exitCode);
        assertEquals("deploy.sh: unknown command destroy (deploy.sh --help)\n", unknown.stderr);
    }

    private static Run dryRun(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("bash", SCRIPT.toString(), "--dry-run", "--region", "eu-west-1", "--stack", "sw"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // No AWS CLI on the path: a dry run that called it would fail.
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    private static final class Run {
        final int exitCode;
        final List<String> lines;
        final String stderr;

        Run(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.lines = stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
            this.stderr = stderr;
        }
    }
}
