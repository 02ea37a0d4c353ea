package org.modelregistry.infrastructure.search.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The words of a model card (Markdown or plain text) worth embedding: its section headings and text, without the
 * Markdown marks, links' targets, code and HTML tags, at most {@value #MAX_CHARS} characters (the encoder averages
 * what is longer, so more would only dilute the model's own description). Content that is not UTF-8 text (a PDF, an
 * image) gives nothing.
 */
public final class CardText {

    /** The first bytes read from the artifact store: a card's opening sections say what the model is for. */
    public static final int MAX_BYTES = 16_384;

    static final int MAX_CHARS = 1_500;

    private CardText() {}

    public static String of(InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(MAX_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, complete(bytes)))
                    .toString();
        } catch (CharacterCodingException e) {
            return "";
        }
        if (text.indexOf('\0') >= 0) {
            return ""; // binary
        }
        StringBuilder words = new StringBuilder();
        boolean code = false;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("```") || l.startsWith("~~~")) {
                code = !code;
                continue;
            }
            if (code || l.isEmpty() || l.matches("[-=*_|: ]+")) {
                continue; // code, blank lines, rules and table borders
            }
            l = l.replaceAll("<[^>]*>", " ")
                    .replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
                    .replaceAll("^#{1,6}\\s*", "")
                    .replaceAll("^[-*+>]\\s+|^\\d+[.)]\\s+", "")
                    .replaceAll("[*_`|#]", " ")
                    .replaceAll("\\s+", " ")
                    .strip();
            if (!l.isEmpty()) {
                if (words.length() > 0) {
                    // lines are sentences or headings: end one with a full stop unless it has its own
                    words.append(".!?:;".indexOf(words.charAt(words.length() - 1)) >= 0 ? " " : ". ");
                }
                words.append(l);
            }
            if (words.length() >= MAX_CHARS) {
                break;
            }
        }
        return words.length() <= MAX_CHARS ? words.toString() : words.substring(0, MAX_CHARS);
    }

    /** The length without a UTF-8 sequence cut at the end of what was read. */
    private static int complete(byte[] bytes) {
        int end = bytes.length;
        int i = end - 1;
        while (i >= 0 && i > end - 4 && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        if (i >= 0 && (bytes[i] & 0x80) != 0) {
            int need = (bytes[i] & 0xE0) == 0xC0 ? 2 : (bytes[i] & 0xF0) == 0xE0 ? 3 : 4;
            if (end - i < need) {
                return i;
            }
        }
        return end;
    }
}
