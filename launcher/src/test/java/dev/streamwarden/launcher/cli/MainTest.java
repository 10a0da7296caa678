package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void everyCommandAnswersHelpWithItsOwnUsage() {
        for (Main.Command command : Main.COMMANDS) {
            Printed help = run(command.name, "--help");
            assertEquals(0, help.exitCode, command.name);
            assertEquals(command.usage(), help.out);
            assertTrue(help.out.startsWith("usage: bin/streamwarden " + command.name + " "), help.out);
        }
        assertEquals(15, Main.COMMANDS.size());
    }

    @Test
    void aUsageErrorPrintsThatCommandsUsageNotTheWholeHelp() {
        Printed printed = run("check-config");
        assertEquals(2, printed.exitCode);
        assertEquals(
                "error: check-config needs one FILE (runtime properties as JSON)\n"
                        + "usage: bin/streamwarden check-config FILE\n"
                        + "         Check runtime properties (Managed Flink's JSON: [{PropertyGroupId, PropertyMap}]) as"
                        + " the job\n"
                        + "         does at start-up, without starting it or calling AWS; every problem at once, exit"
                        + " 2.\n",
                printed.err);
        assertEquals("", printed.out);
    }

    @Test
    void anUnknownCommandIsOneLine() {
        Printed printed = run("deploy");
        assertEquals(2, printed.exitCode);
        assertEquals("error: unknown command 'deploy' (bin/streamwarden help lists them)\n", printed.err);
    }

    @Test
    void helpListsEveryCommand() {
        Printed printed = run("help");
        assertEquals(0, printed.exitCode);
        for (Main.Command command : Main.COMMANDS) {
            assertTrue(printed.out.contains("\n  " + command.usage.get(0) + "\n"), command.name);
        }
    }

    private static Printed run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exitCode = Main.run(List.of(args));
            return new Printed(
                    exitCode, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static final class Printed {
        final int exitCode;
        final String out;
        final String err;

        Printed(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }
    }
}
