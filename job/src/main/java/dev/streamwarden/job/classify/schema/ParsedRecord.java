package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record a parser found: its tree, and its original JSON text when the tree is exactly that text. */
public final class ParsedRecord {
    final ObjectNode tree;
    /** Null when the parser built the tree (text logs, extracted JSON): then the tree is the record. */
    final String text;

    ParsedRecord(ObjectNode tree, String text) {
        this.tree = tree;
        this.text = text;
    }
}
