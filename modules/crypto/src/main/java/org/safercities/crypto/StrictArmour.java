package org.safercities.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The binary content of an ASCII-armoured message or signature, streamed, refusing anything a writer would not
 * have written. Bouncy Castle's armour reader (and gpg's) lets a changed byte in the BEGIN and END lines, in a line
 * ending, in the checksum's '=' or in Base64's unused padding bits pass unnoticed: the content is the same, but the
 * file is not what was sent. Here:
 * <ul>
 *   <li>the first line is exactly {@code -----BEGIN <label>-----}, the last {@code -----END <label>-----}, followed by
 *       one line ending or by the end of the file, and nothing else;</li>
 *   <li>header lines are {@code Key: value} (printable ASCII), then one empty line;</li>
 *   <li>body lines hold only the Base64 alphabet, padding only at the very end, unused bits zero (canonical
 *       Base64); an optional checksum line {@code =XXXX} is the CRC-24 of the content;</li>
 *   <li>lines end with LF or CRLF and are at most {@value #MAX_LINE} characters.</li>
 * </ul>
 * What cannot be checked: the text of a header's value (our exports and gpg's carry no headers).
 */
final class StrictArmour extends InputStream {

    /** A deviation from the armour format: the file was changed or damaged. */
    static final class ArmourException extends IOException {
        ArmourException(String message) {
            super(message);
        }
    }

    static final int MAX_LINE = 4096;
    private static final int[] DECODE = new int[128];

    static {
        java.util.Arrays.fill(DECODE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = i;
        }
    }

    private final InputStream in;
    private final String begin;
    private final String end;
    private final byte[] line = new byte[MAX_LINE + 2];
    private int lineLength;
    private boolean lineEndedByEof;

    /** Decoded bytes waiting to be read. */
    private final byte[] out = new byte[MAX_LINE];
    private int outPos;
    private int outLen;

    private int quantum;      // bits gathered
    private int quantumChars; // 0..3
    private boolean padded;   // '=' seen: the body's data is over
    private int crc = 0xB704CE;
    private boolean done;
    private long lineNumber;

    StrictArmour(InputStream in, String label) throws IOException {
        this.in = in;
        this.begin = "-----BEGIN " + label + "-----";
        this.end = "-----END " + label + "-----";
        if (!readLine() || !is(begin)) {
            throw new ArmourException("the armour does not begin with " + begin);
        }
        // headers, then one empty line
        while (true) {
            if (!readLine()) {
                throw new EOFException("the armour ends in its headers");
            }
            if (lineLength == 0) {
                break;
            }
            if (!header()) {
                throw new ArmourException("armour line " + lineNumber + " is not a header (Key: value)");
            }
        }
    }

    private boolean is(String text) {
        if (lineLength != text.length()) {
            return false;
        }
        for (int i = 0; i < lineLength; i++) {
            if (line[i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean header() {
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            int c = line[i] & 0xff;
            if (c == ':' && colon < 0) {
                colon = i;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            } else if (colon < 0 && !Character.isLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return colon > 0 && colon + 1 < lineLength && line[colon + 1] == ' ';
    }

    /** Reads one line without its LF or CRLF; false at the end of the input (no characters at all). */
    private boolean readLine() throws IOException {
        lineLength = 0;
        lineEndedByEof = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lineLength == 0) {
                    return false;
                }
                lineEndedByEof = true;
                break;
            }
            if (b == '\n') {
                break;
            }
            if (lineLength == MAX_LINE + 1) {
                throw new ArmourException("armour line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " characters");
            }
            line[lineLength++] = (byte) b;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r' && !lineEndedByEof) {
            lineLength--;
        }
        lineNumber++;
        return true;
    }

    /** Decodes body lines until some bytes are ready or the END line is read. */
    private void fill() throws IOException {
        outPos = 0;
        outLen = 0;
        while (outLen == 0 && !done) {
            if (!readLine()) {
                throw new EOFException("the armour ends before its END line (truncated?)");
            }
            if (is(end)) {
                finish();
                return;
            }
            if (lineLength == 5 && line[0] == '=') {
                checksum();
                if (!readLine() || !is(end)) {
                    throw new ArmourException("the armour's checksum line is not followed by " + end);
                }
                finish();
                return;
            }
            if (padded) {
                throw new ArmourException("armour line " + lineNumber + " follows the padded end of the data");
            }
            if (lineEndedByEof) {
                throw new EOFException("the armour ends before its END line (truncated?)");
            }
            decodeLine();
        }
    }

    private void decodeLine() throws ArmourException {
        if (lineLength == 0) {
            throw new ArmourException("empty armour line " + lineNumber + " in the data");
        }
        for (int i = 0; i < lineLength; i++) {
            int c = line[i] & 0xff;
            if (c == '=') {
                pad(i);
                return;
            }
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                throw new ArmourException("armour line " + lineNumber + " holds a character that is not Base64");
            }
            quantum = (quantum << 6) | v;
            if (++quantumChars == 4) {
                emit((quantum >> 16) & 0xff);
                emit((quantum >> 8) & 0xff);
                emit(quantum & 0xff);
                quantum = 0;
                quantumChars = 0;
            }
        }
    }

    /** '=' at {@code i}: one or two of them end the line and complete the last quantum, whose unused bits are zero. */
    private void pad(int i) throws ArmourException {
        int pads = lineLength - i;
        for (int k = i; k < lineLength; k++) {
            if (line[k] != '=') {
                throw new ArmourException("armour line " + lineNumber + ": padding in the middle of the data");
            }
        }
        if (quantumChars + pads != 4 || quantumChars < 2) {
            throw new ArmourException("armour line " + lineNumber + ": wrong Base64 padding");
        }
        if (quantumChars == 2) {
            if ((quantum & 0x0f) != 0) {
                throw new ArmourException("armour line " + lineNumber + ": Base64 padding bits are not zero");
            }
            emit((quantum >> 4) & 0xff);
        } else {
            if ((quantum & 0x03) != 0) {
                throw new ArmourException("armour line " + lineNumber + ": Base64 padding bits are not zero");
            }
            emit((quantum >> 10) & 0xff);
            emit((quantum >> 2) & 0xff);
        }
        quantum = 0;
        quantumChars = 0;
        padded = true;
    }

    private void emit(int b) {
        out[outLen++] = (byte) b;
        crc ^= b << 16;
        for (int k = 0; k < 8; k++) {
            crc <<= 1;
            if ((crc & 0x1000000) != 0) {
                crc ^= 0x1864CFB;
            }
        }
    }

    private void checksum() throws ArmourException {
        int v = 0;
        for (int i = 1; i < 5; i++) {
            int c = line[i] & 0xff;
            int d = c < 128 ? DECODE[c] : -1;
            if (d < 0) {
                throw new ArmourException("the armour's checksum line is not Base64");
            }
            v = (v << 6) | d;
        }
        if (v != (crc & 0xffffff)) {
            throw new ArmourException("the armour's checksum does not match its content");
        }
    }

    private void finish() throws IOException {
        if (quantumChars != 0) {
            throw new ArmourException("the armour's data ends in the middle of a Base64 group");
        }
        if (in.read() >= 0) {
            throw new ArmourException("data follows the armour's END line");
        }
        done = true;
    }

    @Override
    public int read() throws IOException {
        if (outPos == outLen) {
            if (done) {
                return -1;
            }
            fill();
            if (outPos == outLen) {
                return -1;
            }
        }
        return out[outPos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (outPos == outLen) {
            if (done) {
                return -1;
            }
            fill();
            if (outPos == outLen) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }
}
