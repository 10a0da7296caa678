package dev.streamwarden.launcher.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.rules.RuleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A StreamAlert user's test events run against these rules. */
class StreamAlertTestsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(2);

    @Test
    void runsStreamAlertTestEventsWithDataOrOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cloudtrail_tests.json");
        Files.writeString(
                file,
                "["
                        // data: a complete record
                        + "{\"data\": {\"eventVersion\":\"1.05\",\"userIdentity\":{\"type\":\"Root\",\"arn\":\"arn:aws:iam::"
                        + "123456789012:root\",\"accountId\":\"123456789012\"},\"eventTime\":\"2026-11-28T10:00:00Z\","
                        + "\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\","
                        + "\"sourceIPAddress\":\"203.0.113.9\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":"
                        + "\"123456789012\"}, \"description\": \"root login\", \"log\": \"cloudtrail:events\", \"service\": "
                        + "\"kinesis\", \"source\": \"prefix_cluster_streamalert\", \"trigger_rules\": "
                        + "[\"cloudtrail_root_account_usage\"]},"
                        // override_record over a template CloudTrail event: an IAM user, nothing fires
                        + "{\"override_record\": {\"userIdentity\": {\"type\": \"IAMUser\", \"arn\": \"arn:aws:iam::123456789012"
                        + ":user/alice\"}}, \"description\": \"iam user\", \"log\": \"cloudtrail:events\", \"service\": "
                        + "\"kinesis\", \"source\": \"s\", \"trigger_rules\": []},"
                        // a rule this project does not have
                        + "{\"override_record\": {}, \"description\": \"unknown rule\", \"log\": \"cloudtrail:events\", "
                        + "\"service\": \"kinesis\", \"source\": \"s\", \"trigger_rules\": [\"cloudtrail_made_up_rule\"]},"
                        // classify only, a text flow log
                        + "{\"data\": \"2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 40 1418530010 1418530070 ACCEPT OK\","
                        + " \"description\": \"flow\", \"log\": \"cloudwatch:flow_logs\", \"service\": \"kinesis\", "
                        + "\"source\": \"s\", \"classify_only\": true},"
                        // declared as osquery, but it is CloudTrail
                        + "{\"override_record\": {}, \"description\": \"wrong log\", \"log\": \"cloudtrail:events\", "
                        + "\"service\": \"kinesis\", \"source\": \"s\", \"trigger_rules\": []}"
                        + "]");
        Files.writeString(
                file,
                Files.readString(file)
                        .replaceFirst(
                                "\"description\": \"wrong log\", \"log\": \"cloudtrail:events\"",
                                "\"description\": \"wrong log\", \"log\": \"osquery:differential\", \"data\": {\"eventVersion\":"
                                        + "\"1.05\",\"eventTime\":\"2026-11-28T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
                                        + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\"}"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<CaseResult> results = StreamAlertTests.run(env, RuleCatalog.all(), List.of(file));

        assertEquals(5, results.size(), results.toString());
        assertEquals("cloudtrail_root_account_usage", results.get(0).rule);
        assertNull(results.get(0).reason);
        assertNull(results.get(1).reason, "override over the template classifies and fires nothing listed");
        assertEquals("no rule named cloudtrail_made_up_rule here", results.get(2).reason);
        assertNull(results.get(3).reason, "classify only");
        assertEquals(
                "record 0 classified as cloudtrail, expected osquery_differential (StreamAlert log "
                        + "osquery:differential)",
                results.get(4).reason);
    }
}
