package dev.streamwarden.launcher.ruletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rule-test harness fails what is wrong: planted wrong expectations, records that do not classify (or classify
 * as another type, or make no event), misspelled keys, undeclared and missing other alerts. Runs the harness once
 * on in-memory rule-test files (nothing broken is shipped) with every registered rule.
 */
class RuleTestsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(2);

    private static final String ROOT = "rule-tests/cloudtrail_root_account_usage.json";
    /** A root API call (no login, no IAM change): only cloudtrail_root_account_usage fires. */
    private static final String ROOT_CALL = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Root\","
            + "\"principalId\":\"123456789012\",\"arn\":\"arn:aws:iam::123456789012:root\",\"accountId\":"
            + "\"123456789012\",\"accessKeyId\":\"ASIAROOTEXAMPLE\"},\"eventTime\":\"2026-11-28T10:00:00Z\","
            + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"203.0.113.45\",\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":null,"
            + "\"responseElements\":null,\"eventID\":\"0b5c7f7e-3a1d-4c59-9d1e-2f3a4b5c6d7e\",\"readOnly\":true,"
            + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\"}";
    /** A root console sign-in without MFA: cloudtrail_console_login_no_mfa fires too. */
    private static final String ROOT_LOGIN = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Root\","
            + "\"principalId\":\"123456789012\",\"arn\":\"arn:aws:iam::123456789012:root\",\"accountId\":"
            + "\"123456789012\",\"accessKeyId\":\"\"},\"eventTime\":\"2026-11-28T10:00:00Z\",\"eventSource\":"
            + "\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"203.0.113.45\",\"userAgent\":\"Mozilla/5.0\",\"requestParameters\":null,"
            + "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"LoginTo\":"
            + "\"https://console.aws.amazon.com/console/home\",\"MobileVersion\":\"No\",\"MFAUsed\":\"No\"},"
            + "\"eventID\":\"3fcfb586-0f9f-4c4f-8a3e-7e8a0f6f1a01\",\"readOnly\":false,\"eventType\":"
            + "\"AwsConsoleSignIn\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\"}";

    private static final String FLOW =
            "\"2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 1764324000 1764324060 ACCEPT OK\"";
    private static final String KNOWN_CASE_KEYS = "(known: expect_alerts, log_type, name, other_alerts, records)";

    private static List<CaseResult> results;

    @BeforeAll
    static void runHarnessOnPlantedMistakes() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                ROOT,
                ("{\"rule\": \"cloudtrail_root_account_usage\", \"cases\": ["
                                + testCase("right", 1, ROOT_CALL)
                                + "," + testCase("wrong expect_alerts", 2, ROOT_CALL)
                                + "," + testCase("does not classify", 0, "{\"hello\": \"world\"}")
                                + "," + testCase("another log type", 0, FLOW)
                                + ",{\"name\": \"another log type, declared\", \"log_type\": \"vpc_flow\", \"expect_alerts\": 0, "
                                + "\"records\": [" + FLOW + "]}"
                                + ","
                                + testCase(
                                        "makes no event",
                                        0,
                                        "{\"messageType\": \"CONTROL_MESSAGE\", "
                                                + "\"logEvents\": [{\"id\": \"1\", \"timestamp\": 1, \"message\": \"CWL CONTROL MESSAGE\"}]}")
                                + "," + testCase("undeclared other alert", 1, ROOT_LOGIN)
                                + ",{\"name\": \"declared other alert\", \"expect_alerts\": 1, \"other_alerts\": "
                                + "{\"cloudtrail_console_login_no_mfa\": 1}, \"records\": [" + ROOT_LOGIN + "]}"
                                + ",{\"name\": \"declared other alert that does not happen\", \"expect_alerts\": 1, \"other_alerts\": "
                                + "{\"cloudtrail_console_login_no_mfa\": 1}, \"records\": [" + ROOT_CALL + "]}"
                                + ",{\"name\": \"misspelled records\", \"expect_alerts\": 0, \"record\": [" + ROOT_CALL
                                + "]}"
                                + ",{\"name\": \"no expect_alerts\", \"records\": [" + ROOT_CALL + "]}"
                                + ",{\"name\": \"no records\", \"expect_alerts\": 0, \"records\": []}"
                                + ",{\"name\": \"bad names\", \"expect_alerts\": 0, \"log_type\": \"cloudtrial\", "
                                + "\"other_alerts\": {\"no_such_rule\": 1}, \"records\": [" + ROOT_CALL + "]}"
                                + "]}")
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "rule-tests/cloudtrail_logging_disabled.json",
                ("{\"rule\": \"cloudtrail_logging_disabled\", \"case\": [" + testCase("x", 0, ROOT_CALL) + "]}")
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "rule-tests/cloudtrail_kms_key_scheduled_deletion.json",
                "{\"rule\": \"cloudtrail_kms_key_scheduled_deletion\", \"rule\": \"x\", \"cases\": []}"
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "rule-tests/cloudtrail_made_up.json",
                "{\"rule\": \"cloudtrail_made_up\", \"cases\": []}".getBytes(StandardCharsets.UTF_8));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        results = RuleTests.run(env, RuleCatalog.all(), null, files);
    }

    private static String testCase(String name, int expectAlerts, String record) {
        return "{\"name\": \"" + name + "\", \"expect_alerts\": " + expectAlerts + ", \"records\": [" + record + "]}";
    }

    private static CaseResult result(String rule, String name) {
        return results.stream()
                .filter(r -> r.rule.equals(rule) && r.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + rule + ": " + name + " in " + results));
    }

    private static String reason(String name) {
        return result("cloudtrail_root_account_usage", name).reason;
    }

    @Test
    void passesARightExpectationAndFailsAWrongOne() {
        CaseResult right = result("cloudtrail_root_account_usage", "right");
        assertNull(right.reason);
        assertEquals(1, right.triggered);
        assertEquals(Map.of(), right.otherAlerts);
        assertEquals("expected 2 alerts, got 1", reason("wrong expect_alerts"));
    }

    @Test
    void failsNegativeCasesWhoseRecordsAreNotOfTheRulesLogType() {
        assertTrue(
                reason("does not classify")
                        .startsWith("record 0 was dead-lettered (classify: no log type " + "matched"),
                reason("does not classify"));
        assertEquals("record 0 classified as vpc_flow, expected cloudtrail", reason("another log type"));
        assertNull(reason("another log type, declared"), "a case may state the log type its records are");
        assertEquals("record 0 made no event (nothing in it to classify)", reason("makes no event"));
    }

    @Test
    void failsUndeclaredOtherAlertsAndDeclaredOnesThatDoNotHappen() {
        assertEquals(
                "cloudtrail_console_login_no_mfa raised 1 alerts, not declared (add \"other_alerts\": "
                        + "{\"cloudtrail_console_login_no_mfa\": 1} if intended)",
                reason("undeclared other alert"));
        CaseResult declared = result("cloudtrail_root_account_usage", "declared other alert");
        assertNull(declared.reason);
        assertEquals(Map.of("cloudtrail_console_login_no_mfa", 1), declared.otherAlerts);
        assertEquals(
                "cloudtrail_console_login_no_mfa raised 0 alerts, other_alerts declares 1",
                reason("declared other alert that does not happen"));
    }

    @Test
    void rejectsMisspelledMissingAndUnknownKeysNamingFileCaseAndKey() {
        assertEquals(
                ROOT + ": case 'misspelled records': unknown key \"record\" " + KNOWN_CASE_KEYS
                        + "; \"records\" must list at least one record (a JSON value, or a string for a text line)",
                reason("misspelled records"));
        assertEquals(
                ROOT + ": case 'no expect_alerts': \"expect_alerts\" is required (the number of alerts the "
                        + "records must raise)",
                reason("no expect_alerts"));
        assertEquals(
                ROOT + ": case 'no records': \"records\" must list at least one record (a JSON value, or a "
                        + "string for a text line)",
                reason("no records"));
        assertTrue(
                reason("bad names")
                        .startsWith(ROOT + ": case 'bad names': \"log_type\" \"cloudtrial\" is not a "
                                + "log type (log types: alb, "),
                reason("bad names"));
        assertTrue(
                reason("bad names")
                        .endsWith("; \"other_alerts\": no rule named no_such_rule is registered in "
                                + "RuleCatalog (rules/src/main/java/dev/streamwarden/rules/RuleCatalog.java)"),
                reason("bad names"));
        assertEquals(
                "rule-tests/cloudtrail_logging_disabled.json: unknown key \"case\" (known: cases, rule); "
                        + "\"cases\" must list at least one case",
                result("cloudtrail_logging_disabled", "(file)").reason);
        assertTrue(
                result("cloudtrail_kms_key_scheduled_deletion", "(file)")
                        .reason
                        .startsWith(
                                "rule-tests/cloudtrail_kms_key_scheduled_deletion.json: not valid JSON: Duplicate field 'rule'"));
    }

    @Test
    void namesTheRuleAndWhereRulesAreRegisteredForAnUnregisteredRule() {
        assertEquals(
                "rule-tests/cloudtrail_made_up.json: no rule named cloudtrail_made_up is registered in "
                        + "RuleCatalog (rules/src/main/java/dev/streamwarden/rules/RuleCatalog.java); register it there or "
                        + "rename the file",
                result("cloudtrail_made_up", "(file)").reason);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RuleTests.run(
                        StreamExecutionEnvironment.getExecutionEnvironment(), RuleCatalog.all(), "cloudtrail_made_up"));
        assertTrue(
                e.getMessage()
                        .startsWith("no rule named cloudtrail_made_up is registered in RuleCatalog "
                                + "(rules/src/main/java/dev/streamwarden/rules/RuleCatalog.java; rules: "),
                e.getMessage());
    }

    @Test
    void aRuleWhoseCasesAreAllBrokenLacksCoverage() {
        assertEquals(
                "needs test events that trigger it and events that do not (rule-tests/"
                        + "cloudtrail_logging_disabled.json)",
                result("cloudtrail_logging_disabled", "(coverage)").reason);
    }
}
