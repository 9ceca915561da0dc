package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.safercities.platform.TestKit;

/** The fallback fonts: served whole from the jar, as fonts, cached for good, to anyone (the sign-in page needs them). */
class FontAssetsTest {

    @Test
    void theFontsAreStreamedFromTheJarWithALongCache() throws Exception {
        try (TestKit kit = TestKit.demo()) {
            HttpClient http = HttpClient.newHttpClient();
            for (String name : new String[] {"noto-sans-sc-gb2312.woff2", "noto-sans-arabic.woff2"}) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(kit.base() + "/assets/" + name)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), name);
                assertEquals("font/woff2", r.headers().firstValue("content-type").orElse(""));
                assertTrue(r.headers().firstValue("cache-control").orElse("").contains("max-age=31536000"));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("assets/fonts/" + name)) {
                    assertArrayEquals(in.readAllBytes(), r.body(), name + " arrives whole");
                }
                assertEquals("wOF2", new String(r.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertTrue(getClass().getClassLoader().getResource("assets/fonts/OFL.txt") != null, "the licence is beside them");
            HttpResponse<String> css = http.send(HttpRequest.newBuilder(URI.create(kit.base() + "/assets/kit.css")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(css.body().contains("font-display: swap"));
            assertTrue(css.body().contains("local(\"Noto Sans CJK SC\")"), "a PC's own font comes first");
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(kit.base() + "/assets/OFL.txt")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "only the listed files are served");
        }
    }
}
