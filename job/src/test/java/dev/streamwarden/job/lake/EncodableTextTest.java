package dev.streamwarden.job.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unpaired surrogates, raw or escaped, become U+FFFD; pairs, other escapes and escaped backslashes stay. */
class EncodableTextTest {
    @Test
    void pairsPassAndUnpairedRawSurrogatesAreReplaced() {
        String emoji = "ok \uD83D\uDE00";
        assertTrue(EncodableText.encodable(emoji));
        assertSame(emoji, EncodableText.json(emoji));
        assertFalse(EncodableText.encodable("a\uD800b"));
        assertEquals("a\uFFFDb\uFFFD", EncodableText.replaced("a\uD800b\uDC00"));
        assertEquals("\uFFFD\uD83D\uDE00", EncodableText.replaced("\uDE00\uD83D\uDE00"));
    }

    @Test
    void unpairedEscapesInJsonTextAreReplaced() {
        String pair = "{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\u0041\"}";
        assertSame(pair, EncodableText.json(pair));
        assertEquals("{\"a\":\"x\\ufffdy\"}", EncodableText.json("{\"a\":\"x\\ud800y\"}"));
        assertEquals(
                "{\"a\":\"\\ufffd\\ud83d\\ude00\\ufffd\"}",
                EncodableText.json("{\"a\":\"\\udc00\\ud83d\\ude00\\ud83d\"}"));
        String escapedBackslash = "{\"path\":\"C:\\\\ud800\"}";
        assertSame(escapedBackslash, EncodableText.json(escapedBackslash), "\\\\ud800 is a backslash and text");
        assertEquals("{\"a\":\"\uFFFD\"}", EncodableText.json("{\"a\":\"\uD800\"}"), "a raw one too");
        assertEquals("\\u12", EncodableText.json("\\u12"), "a cut escape is left as it is");
    }
}
