package dev.streamwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * cfn-lint (AWS's CloudFormation linter, which knows every resource type's schema) finds nothing in any template.
 * It must be installed: a missing cfn-lint fails here, it is never a skipped check.
 */
class TemplateLintTest {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyTemplatePassesCfnLintWithNothingToSay() throws Exception {
        List<Path> templates = Templates.all();
        assertFalse(templates.isEmpty(), "no template under " + Templates.DIR);
        Lint lint = lint(templates);
        assertEquals("", lint.output, "cfn-lint on " + templates);
        assertEquals(0, lint.exitCode, "cfn-lint exit code");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void cfnLintFindsAMistake(@TempDir Path dir) throws Exception {
        // The check can fail: DEFAULT-only values and a misspelt runtime are what the linter is there for.
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(
                broken,
                Files.readString(Templates.MAIN)
                        .replace("RuntimeEnvironment: FLINK-1_20", "RuntimeEnvironment: FLINK-1_2O"));
        Lint lint = lint(List.of(broken));
        assertTrue(lint.output.contains("FLINK-1_2O"), lint.output);
        assertTrue(lint.exitCode != 0, "exit code " + lint.exitCode);
    }

    private static Lint lint(List<Path> templates) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        templates.forEach(t -> command.add(t.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cfn-lint is not installed (on this kind of machine it comes with Python: pip install cfn-lint); "
                            + "the templates cannot be checked without it",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Lint(process.waitFor(), output);
    }

    private static final class Lint {
        final int exitCode;
        final String output;

        Lint(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
