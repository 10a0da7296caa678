package dev.streamwarden.launcher.ruletest;

import java.util.List;
import java.util.Map;

/** One case of a rule-test file, read and checked: its records, the log type they must be, the alerts it expects. */
final class RuleTestCase {
    final String rule;
    final String name;
    /** The test source its records carry ("test/RULE/N"): keys and alerts of different cases never mix. */
    final String source;

    final List<byte[]> records;
    final ExpectedLogType logType;
    final int expectedAlerts;
    /** Alerts other rules must raise on these records, by rule name; any other rule's alert fails the case. */
    final Map<String, Integer> otherAlerts;

    RuleTestCase(
            String rule,
            String name,
            String source,
            List<byte[]> records,
            ExpectedLogType logType,
            int expectedAlerts,
            Map<String, Integer> otherAlerts) {
        this.rule = rule;
        this.name = name;
        this.source = source;
        this.records = records;
        this.logType = logType;
        this.expectedAlerts = expectedAlerts;
        this.otherAlerts = otherAlerts;
    }
}
