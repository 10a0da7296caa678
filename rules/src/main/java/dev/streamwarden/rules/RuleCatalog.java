package dev.streamwarden.rules;

import dev.streamwarden.api.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every rule the job runs. A new rule is added here, with its test events in resources/rule-tests/. */
public final class RuleCatalog {
    private RuleCatalog() {}

    public static List<Rule> all() {
        List<Rule> rules = List.of(
                new CloudTrailRootAccountUsage(),
                new CloudTrailSecurityGroupIngressAnywhere(),
                new CloudTrailNetworkAclIngressAnywhere(),
                new CloudTrailPutBucketAcl(),
                new CloudTrailPutObjectAclPublic(),
                new CloudTrailCriticalApiCalls(),
                new CloudTrailSnapshotOrAmiMadePublic(),
                new CloudTrailMfaPolicyAbuseAttempt(),
                new CloudTrailPublicResources(),
                new CloudTrailConsoleLoginNoMfa(),
                new CloudTrailIamCredentialsCreated(),
                new CloudTrailLoggingDisabled(),
                new CloudTrailKmsKeyScheduledDeletion(),
                new VpcFlowPortScan(),
                new SshBruteForce(),
                new CloudTrailConsoleLoginNoMfaThenIamChange(),
                new OktaImpossibleTravelLite(),
                new GuardDutyAll(),
                new ConfigCompliance(),
                new SshLoginActivity(),
                new DuoFraud(),
                new DuoBypassCodeCreated(),
                new OktaSuspiciousActivity(),
                new GithubDisableTwoFactorRequirement(),
                new GithubBranchProtectionRemoved(),
                new VpcFlowTrafficToBadIp(),
                new WafBlockedSqli(),
                new Route53DnsQueryToBlockedDomain(),
                new S3AccessDeniedAnonymous());
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalStateException("two rules are named " + rule.name());
            }
        }
        return rules;
    }
}
