package org.safercities.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.safercities.platform.Problem;

/**
 * Guesses how a text file a user uploads is encoded and separated: byte-order marks (UTF-8, UTF-16), then
 * strict UTF-8, then GB18030 when the bytes read as Chinese, else Windows-1252 (which reads any byte).
 * Later modules' importers use the same detection.
 */
public final class TextFiles {

    private static final int SAMPLE = 64 * 1024;

    public record Detected(Charset charset, int bomBytes, char separator) {
    }

    private TextFiles() {
    }

    public static Detected detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE);
        } catch (IOException e) {
            throw new Problem(400, "platform.upload.failed");
        }
        if (head.length == 0) {
            throw new Problem(422, "platform.upload.empty");
        }
        Charset cs;
        int bom = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            bom = 3;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (decodes(head, StandardCharsets.UTF_8)) {
            cs = StandardCharsets.UTF_8;
        } else if (looksChinese(head)) {
            cs = Charset.forName("GB18030");
        } else {
            cs = Charset.forName("windows-1252");
        }
        if (looksBinary(head, cs)) {
            throw new Problem(422, "platform.csv.notText");
        }
        String text = new String(head, bom, head.length - bom, cs);
        return new Detected(cs, bom, separator(text));
    }

    /** Strict decoding, forgiving only a multi-byte character cut at the end of the sample. */
    static boolean decodes(byte[] bytes, Charset cs) {
        for (int cut = 0; cut <= 3 && cut < bytes.length; cut++) {
            try {
                cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, bytes.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (bytes.length < SAMPLE) {
                    return false; // the whole file was read: nothing was cut
                }
            }
        }
        return false;
    }

    /**
     * GB18030 decodes almost any bytes, Windows-1252 text included, so decoding alone proves nothing. Chinese
     * text in GB2312/GBK has both bytes of its characters at 0xA1 or above; an accented Latin letter is one
     * high byte followed by an ASCII one. Chinese when nearly all high bytes come in such pairs.
     */
    static boolean looksChinese(byte[] b) {
        int pairs = 0;
        int single = 0;
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xff;
            if (x < 0x81) {
                continue;
            }
            if (i + 1 < b.length && (b[i + 1] & 0xff) >= 0xA1) {
                pairs++;
                i++;
            } else {
                single++;
            }
        }
        return pairs > 0 && single * 10 <= pairs && decodes(b, Charset.forName("GB18030"));
    }

    private static boolean looksBinary(byte[] b, Charset cs) {
        if (cs == StandardCharsets.UTF_16LE || cs == StandardCharsets.UTF_16BE) {
            return false;
        }
        int zeros = 0;
        for (byte x : b) {
            if (x == 0) {
                zeros++;
            }
        }
        return zeros > 0;
    }

    /** The separator among , ; tab that splits the first line into the most fields. */
    static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long bestCount = -1;
        for (char c : new char[] {',', ';', '\t'}) {
            long n = first.chars().filter(ch -> ch == c).count();
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }
}
