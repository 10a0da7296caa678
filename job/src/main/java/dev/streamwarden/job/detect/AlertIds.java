package dev.streamwarden.job.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic alert ids: the same detection on the same input always gets the same id, across restarts. */
final class AlertIds {
    private AlertIds() {}

    static String of(String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        for (String part : parts) {
            sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        byte[] digest = sha256.digest();
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
        }
        return hex.toString();
    }
}
