package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The page writer's buffers are reused across pages: every page must come out whole, alone and correctly encoded. */
class PageWriterTest {

    static String page(int i, int repeat) {
        return ("<p>Page " + i + " — مدينة تجريبية 安全城市 😀 & é</p>\n").repeat(repeat);
    }

    @Test
    void encodesEveryScriptAndKeepsNothingOfThePreviousPage() {
        byte[] top = "<html>".getBytes(StandardCharsets.UTF_8);
        byte[] bottom = "</html>".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) {
            // long and short pages alternate, so that a reused buffer is larger than the next page
            int repeat = i % 2 == 0 ? 3_000 : 1;
            PageWriter w = new PageWriter(16);
            String text = page(i, repeat);
            w.write(text.substring(0, 7));
            w.write(text, 7, text.length() - 7 - 3);
            w.write(text.toCharArray(), text.length() - 3, 2);
            w.write(text.charAt(text.length() - 1));
            byte[] out = w.utf8(top, bottom);
            assertEquals("<html>" + text + "</html>", new String(out, StandardCharsets.UTF_8), "page " + i);
        }
    }

    @Test
    void aPageLargerThanThePooledBuffersAndAnEmptyPage() {
        String big = page(1, 20_000); // about 900 K characters: not pooled
        PageWriter w = new PageWriter(8);
        w.append(big);
        assertArrayEquals(big.getBytes(StandardCharsets.UTF_8), w.utf8());
        assertEquals(0, new PageWriter(8).utf8().length);
        String lone = "a\uD800b"; // a lone surrogate cannot be encoded: replaced, not thrown
        PageWriter l = new PageWriter(8);
        l.write(lone);
        assertEquals("a?b", new String(l.utf8(), StandardCharsets.UTF_8));
    }
}
