package org.safercities.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Bytes written as they are on a fresh socket, for requests no HTTP client would send. */
public final class RawHttp {

    /** The answer: its status (-1 when the server closed without one) and its text. */
    public record Answer(int status, String text) {
        public String statusLine() {
            int eol = text.indexOf("\r\n");
            return eol < 0 ? text : text.substring(0, eol);
        }
    }

    private RawHttp() {
    }

    public static Answer send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                s.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server may refuse and close before reading it all: its answer is still to be read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0 && got.size() < 256 * 1024) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                // a reset after the answer: what was read is the answer
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            return new Answer(status(text), text);
        }
    }

    public static Answer send(int port, String latin1) throws IOException {
        return send(port, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static int status(String text) {
        if (!text.startsWith("HTTP/")) {
            return -1;
        }
        String[] parts = text.split(" ", 3);
        return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    }
}
