package dev.streamwarden.job.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster tests share: one task manager, no restarts (a failure caused by data fails the test). */
public final class TestClusters {
    private TestClusters() {}

    public static MiniClusterExtension failFast(int slots) {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
