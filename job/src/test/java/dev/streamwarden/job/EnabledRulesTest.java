package dev.streamwarden.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamwarden.job.config.ConfigException;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

class EnabledRulesTest {
    @Test
    void configurationSwitchesRulesOffAndRejectsUnknownNames() {
        StreamwardenConfig config = new StreamwardenConfig();
        config.disabledRules.add("ssh_brute_force");
        assertEquals(RuleCatalog.all().size() - 1, StreamwardenJob.enabledRules(config).size());
        assertFalse(StreamwardenJob.enabledRules(config).stream().anyMatch(r -> r.name().equals("ssh_brute_force")));

        config.disabledRules.add("no_such_rule");
        assertEquals("rules.disabled: no rule named no_such_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(config)).getMessage());

        StreamwardenConfig promoting = new StreamwardenConfig();
        promoting.promotedRules.add("typo_rule");
        assertEquals("rules.promoted: no rule named typo_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(promoting)).getMessage());
    }
}
