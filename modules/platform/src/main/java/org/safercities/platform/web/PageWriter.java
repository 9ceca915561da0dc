package org.safercities.platform.web;

import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Collects a rendered page in a char buffer and encodes it to UTF-8 once, straight into the response's byte array
 * (between the shell's top and bottom bytes). The buffers are reused: a small pool keeps a few of them, so that a
 * page costs one allocation (the response's bytes) instead of a growing StringBuilder (copied at each doubling, and
 * again when the first character outside Latin-1 widens it), its {@code toString()} copy, the encoder's
 * three-bytes-per-character array and its trimmed copy: about ten times the page's size of garbage per request,
 * which at a few thousand pages a second made objects that live a few seconds (sessions' shells, Derby's cached
 * pages) old enough to be promoted, and the old generation grow (docs/RELIABILITY.md, "Memory").
 * Appends are array copies ({@code String.getChars}); a hand-written per-character encoder was measured slower
 * than the JDK's.
 */
final class PageWriter extends Writer {

    /** How many buffers are kept for reuse: a few more than the pages rendered at once on a 2-4 core office PC. */
    private static final int POOLED = 8;
    /** Larger buffers (a page of more than 64 K characters) are not kept: they go with the page. At most 8 x 320 KB. */
    private static final int POOLED_MAX_CHARS = 64 * 1024;
    private static final ArrayBlockingQueue<Buffers> POOL = new ArrayBlockingQueue<>(POOLED);

    /** A char buffer, a byte buffer for its encoding, and the UTF-8 encoder (not thread-safe: one per buffer set). */
    private static final class Buffers {
        char[] chars;
        byte[] bytes = new byte[0];
        final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

        Buffers(int capacity) {
            chars = new char[capacity];
        }
    }

    private Buffers b;
    private int n;

    PageWriter(int capacity) {
        Buffers pooled = POOL.poll();
        b = pooled != null ? pooled : new Buffers(capacity);
    }

    private char[] room(int more) {
        char[] c = b.chars;
        if (n + more > c.length) {
            c = Arrays.copyOf(c, Math.max(n + more, c.length * 2));
            b.chars = c;
        }
        return c;
    }

    /** The page as UTF-8; the buffers go back to the pool (the writer is not used after). */
    byte[] utf8() {
        return utf8(new byte[0], new byte[0]);
    }

    /** {@code before}, the page encoded as UTF-8, then {@code after}, in one array; the buffers go back to the pool. */
    byte[] utf8(byte[] before, byte[] after) {
        Buffers mine = b;
        CharsetEncoder e = mine.utf8.reset();
        int most = (int) Math.min(Integer.MAX_VALUE - 16L, (long) n * 3);
        if (mine.bytes.length < most) {
            mine.bytes = new byte[most];
        }
        ByteBuffer out = ByteBuffer.wrap(mine.bytes);
        CoderResult r = e.encode(CharBuffer.wrap(mine.chars, 0, n), out, true);
        if (!r.isUnderflow()) {
            throw new IllegalStateException("UTF-8 encoding of a page: " + r); // cannot happen: 3 bytes per char suffice
        }
        e.flush(out);
        int len = out.position();
        byte[] all = new byte[before.length + len + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(mine.bytes, 0, all, before.length, len);
        System.arraycopy(after, 0, all, before.length + len, after.length);
        b = null;
        n = 0;
        if (mine.chars.length <= POOLED_MAX_CHARS) {
            if (mine.bytes.length > POOLED_MAX_CHARS * 3) {
                mine.bytes = new byte[0];
            }
            POOL.offer(mine); // dropped when the pool is full
        }
        return all;
    }

    @Override
    public void write(String s, int off, int len) {
        char[] c = room(len);
        s.getChars(off, off + len, c, n);
        n += len;
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void write(char[] chars, int off, int len) {
        char[] c = room(len);
        System.arraycopy(chars, off, c, n, len);
        n += len;
    }

    @Override
    public void write(int c) {
        room(1)[n++] = (char) c;
    }

    @Override
    public Writer append(CharSequence csq) {
        String s = String.valueOf(csq);
        write(s, 0, s.length());
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
