package trin.crypto.internal;

/** A short, single-line excerpt of a remote answer, fit for a message. */
final class Excerpt {

    private static final int MAX = 200;

    private Excerpt() {
    }

    static String of(String text) {
        if (text == null || text.isBlank()) {
            return "(empty)";
        }
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }
}
