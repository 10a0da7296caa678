package dev.streamwarden.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar Managed Flink runs holds the engine and what it needs, nothing of the launcher: no commands, no
 * emulator (which starts npm), no rule-test runner, no fuzzer, no demo data, no tests, and not Flink itself (the
 * cluster's).
 */
class DeployJarContentsIT {
    private static final Path JAR = Path.of("target", "streamwarden-job.jar");

    @Test
    void theDeployJarHoldsTheJobAndNotTheLauncher() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by mvn package");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(
                    StreamwardenJob.class.getName(),
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> ours = Collections.list(jar.entries()).stream()
                    .map(e -> e.getName())
                    .filter(name -> name.startsWith("dev/streamwarden/"))
                    .collect(Collectors.toList());
            assertTrue(ours.contains("dev/streamwarden/job/StreamwardenJob.class"), "the job");
            assertTrue(ours.contains("dev/streamwarden/api/Rule.class"), "the Rule API and the rules");
            assertEquals(
                    List.of(),
                    ours.stream()
                            .filter(name -> name.startsWith("dev/streamwarden/launcher/")
                                    || name.matches(".*(Test|IT|Tests?Helper)(\\$.*)?\\.class"))
                            .collect(Collectors.toList()),
                    "launcher or test classes in the deploy jar");
            assertEquals(
                    null,
                    jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"),
                    "Flink is the cluster's");
            assertEquals(null, jar.getEntry("samples/"), "the demo's sample events are the launcher's");
        }
    }
}
