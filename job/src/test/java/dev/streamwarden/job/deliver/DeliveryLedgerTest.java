package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLedgerTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-28");

    @Test
    void rememberedPerOutputForTodayAndYesterday(@TempDir Path dir) throws Exception {
        DeliveryLedger security = new DeliveryLedger(dir.toUri().toString(), "slack:security");
        DeliveryLedger soar = new DeliveryLedger(dir.toUri().toString(), "webhook:soar");

        security.record("0123456789abcdef", TODAY.minusDays(1));

        assertTrue(security.delivered("0123456789abcdef", TODAY), "yesterday's delivery still counts");
        assertFalse(security.delivered("fedcba9876543210", TODAY));
        assertFalse(soar.delivered("0123456789abcdef", TODAY), "each output keeps its own ledger");
        assertFalse(security.delivered("0123456789abcdef", TODAY.plusDays(1)), "two days are read, not more");
        assertTrue(Files.exists(dir.resolve("slack_security/dt=2026-11-27/0123456789abcdef")));
    }

    @Test
    void daysNoLongerReadAreRemoved(@TempDir Path dir) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(dir.toUri().toString(), "slack:default");
        for (int daysAgo = 0; daysAgo < 5; daysAgo++) {
            ledger.record("id" + daysAgo, TODAY.minusDays(daysAgo));
        }

        ledger.forgetOldDays(TODAY);

        try (Stream<Path> days = Files.list(dir.resolve("slack_default"))) {
            assertEquals(
                    List.of("dt=2026-11-27", "dt=2026-11-28"),
                    days.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertTrue(ledger.delivered("id1", TODAY));
    }
}
