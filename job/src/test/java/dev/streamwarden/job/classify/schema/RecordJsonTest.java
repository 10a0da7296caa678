package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void writesEveryCharacterAsJacksonDoes() {
        for (int c = 0; c <= 0xFFFF; c += 64) {
            StringBuilder chars = new StringBuilder();
            for (int i = c; i < c + 64; i++) {
                chars.append((char) i);
            }
            ObjectNode tree = NODES.objectNode();
            tree.put(chars.toString(), chars.toString()); // as a key and as a value
            assertEquals(tree.toString(), RecordJson.text(tree), "characters from U+" + Integer.toHexString(c));
        }
    }

    @Test
    void writesFlatRecordsAsJacksonDoes() {
        Random random = new Random(12);
        String[] texts = {"", "-", "ACCEPT", "10.0.0.1", "a\"b", "back\\slash", "tab\there", "é ☃ 😀", "\u0000\u001f"};
        for (int n = 0; n < 2_000; n++) {
            ObjectNode tree = NODES.objectNode();
            int fields = random.nextInt(20);
            for (int f = 0; f < fields; f++) {
                String key = "k" + f + texts[random.nextInt(texts.length)];
                switch (random.nextInt(6)) {
                    case 0:
                        tree.put(key, texts[random.nextInt(texts.length)]);
                        break;
                    case 1:
                        tree.put(key, random.nextLong());
                        break;
                    case 2:
                        tree.put(key, random.nextInt());
                        break;
                    case 3:
                        tree.put(key, random.nextBoolean());
                        break;
                    case 4:
                        tree.putNull(key);
                        break;
                    default:
                        tree.put(key, random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
                }
            }
            assertEquals(tree.toString(), RecordJson.text(tree));
        }
    }

    @Test
    void leavesNestedValuesAndFloatsToJackson() {
        ObjectNode tree = NODES.objectNode().put("a", 1).put("ratio", 0.1);
        tree.putObject("nested").put("b", "c");
        tree.putArray("list").add(1).add("x");
        assertEquals("{\"a\":1,\"ratio\":0.1,\"nested\":{\"b\":\"c\"},\"list\":[1,\"x\"]}", RecordJson.text(tree));
        assertEquals("{}", RecordJson.text(NODES.objectNode()));
    }
}
