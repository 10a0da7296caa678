package dev.streamwarden.api;

/** How urgently an alert needs a human. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
