package dev.streamwarden.job;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.detect.CountWindow;
import dev.streamwarden.job.detect.MergeGroup;
import dev.streamwarden.job.detect.PendingStep;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.DeliveryResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import org.junit.jupiter.api.Test;

/** Every type that crosses operators or lives in state is a Flink POJO: no Kryo on the hot path. */
class PojoTypesTest {
    @Test
    void streamAndStateTypesAreFlinkPojos() {
        assertSerializedAsPojoWithoutKryo(RawRecord.class);
        assertSerializedAsPojoWithoutKryo(RawEvent.class);
        assertSerializedAsPojoWithoutKryo(Event.class);
        assertSerializedAsPojoWithoutKryo(Normalized.class);
        assertSerializedAsPojoWithoutKryo(CoercionError.class);
        assertSerializedAsPojoWithoutKryo(RuleInput.class);
        assertSerializedAsPojoWithoutKryo(Alert.class);
        assertSerializedAsPojoWithoutKryo(DeliveryResult.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        assertSerializedAsPojoWithoutKryo(CountWindow.class);
        assertSerializedAsPojoWithoutKryo(PendingStep.class);
        assertSerializedAsPojoWithoutKryo(MergeGroup.class);
    }
}
