package dev.monitor.json;

/** Whether a text is one JSON value and nothing else but white space (RFC 8259), read without building anything. */
final class JsonSyntax {
    /** Deeper than any JSON Monitor stores (Jackson's own default limit is 1,000): the check recurses. */
    private static final int MAX_DEPTH = 1_000;

    private final String text;
    private int at;

    private JsonSyntax(String text) {
        this.text = text;
    }

    static boolean isOneValue(String text) {
        JsonSyntax syntax = new JsonSyntax(text);
        try {
            syntax.space();
            syntax.value(0);
            syntax.space();
            return syntax.at == text.length();
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Too deep");
        }
        char first = text.charAt(at);
        switch (first) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(int depth) {
        at++;
        space();
        if (text.charAt(at) == '}') {
            at++;
            return;
        }
        while (true) {
            space();
            if (text.charAt(at) != '"') {
                throw new IllegalArgumentException("A name is a string");
            }
            string();
            space();
            expect(':');
            space();
            value(depth + 1);
            space();
            if (text.charAt(at) == '}') {
                at++;
                return;
            }
            expect(',');
        }
    }

    private void array(int depth) {
        at++;
        space();
        if (text.charAt(at) == ']') {
            at++;
            return;
        }
        while (true) {
            space();
            value(depth + 1);
            space();
            if (text.charAt(at) == ']') {
                at++;
                return;
            }
            expect(',');
        }
    }

    private void string() {
        at++;
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("A control character in a string");
            }
            if (c == '\\') {
                char escaped = text.charAt(at++);
                if (escaped == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(text.charAt(at++), 16) < 0) {
                            throw new IllegalArgumentException("Not a \\u escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    throw new IllegalArgumentException("Not an escape");
                }
            }
        }
    }

    private void number() {
        if (text.charAt(at) == '-') {
            at++;
        }
        if (text.charAt(at) == '0') {
            at++;
        } else {
            digits();
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            digits();
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (text.charAt(at) == '+' || text.charAt(at) == '-') {
                at++;
            }
            digits();
        }
    }

    private void digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw new IllegalArgumentException("A digit is missing");
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            throw new IllegalArgumentException("Not " + word);
        }
        at += word.length();
    }

    private void expect(char c) {
        if (text.charAt(at++) != c) {
            throw new IllegalArgumentException("Expected " + c);
        }
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }
}
