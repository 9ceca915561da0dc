package org.safercities.partnerships;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.safercities.platform.Problem;
import org.safercities.platform.files.TextFiles;

/**
 * Reads a CSV of actors, the columns of the export (name and type required; the others optional, in any order).
 * The platform's {@link TextFiles} guesses the encoding and separator; a file whose text is damaged is refused
 * as a whole, with its reason, before any preview: bytes the encoding cannot read, characters already lost by
 * an earlier conversion ("�"), or lines in UTF-8 mixed with lines in another encoding.
 */
final class ActorCsv {

    static final int MAX_ROWS = 5_000;
    static final List<String> COLUMNS = List.of("name", "type", "kind", "government_level", "status", "interest",
            "influence", "areas", "target_groups", "sectors", "notes", "name_ar", "name_zh", "name_en", "name_fr",
            "name_ru", "name_es");

    /** One data line of the file: its line number and its cells by column name (blank when absent). */
    record Line(int number, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "").strip();
        }
    }

    record Parsed(String encoding, char separator, List<Line> lines) {
    }

    private ActorCsv() {
    }

    static Parsed read(Path file) {
        TextFiles.Detected d = TextFiles.detect(file);
        String text = strictText(file, d);
        checkText(text, d.charset());
        try (CSVParser p = CSVFormat.RFC4180.builder().setDelimiter(d.separator()).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true)
                .setMaxRows(MAX_ROWS + 1).get().parse(new java.io.StringReader(text))) {
            List<String> header = p.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            for (String required : List.of("name", "type")) {
                if (!header.contains(required)) {
                    throw new Problem(422, "partnerships.import.missingColumn", required);
                }
            }
            List<Line> lines = new ArrayList<>();
            LineCounter counter = new LineCounter(text);
            for (CSVRecord r : p) {
                if (lines.size() == MAX_ROWS) {
                    throw new Problem(422, "partnerships.import.tooManyRows", MAX_ROWS);
                }
                Map<String, String> cells = new java.util.HashMap<>();
                for (int i = 0; i < header.size() && i < r.size(); i++) {
                    cells.putIfAbsent(header.get(i), r.get(i));
                }
                if (cells.values().stream().anyMatch(v -> !v.isBlank())) {
                    lines.add(new Line(counter.lineAt(r.getCharacterPosition()), cells));
                }
            }
            if (lines.isEmpty()) {
                throw new Problem(422, "partnerships.import.noRows");
            }
            return new Parsed(d.charset().displayName(), d.separator(), lines);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new Problem(422, "platform.csv.unreadable", e.getMessage() == null ? "" : e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new Problem(422, "platform.csv.unreadable", e.getCause().getMessage());
        }
    }

    /** Line numbers (the header is line 1) of positions met in increasing order, counted once over the text. */
    private static final class LineCounter {
        private final String text;
        private int at;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(long position) {
            for (; at < position && at < text.length(); at++) {
                if (text.charAt(at) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    /** The whole file decoded strictly: a byte the encoding cannot read refuses the file (TextFiles saw a sample). */
    private static String strictText(Path file, TextFiles.Detected d) {
        byte[] all;
        try (InputStream in = Files.newInputStream(file)) {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new Problem(400, "platform.upload.failed");
        }
        try {
            return d.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(all, d.bomBytes(), all.length - d.bomBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(422, "partnerships.import.badBytes", d.charset().displayName());
        }
    }

    private static void checkText(String text, Charset charset) {
        String[] lines = text.split("\n", -1);
        boolean utf = charset == StandardCharsets.UTF_8 || charset == StandardCharsets.UTF_16LE
                || charset == StandardCharsets.UTF_16BE;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].indexOf('\uFFFD') >= 0) {
                throw new Problem(422, "partnerships.import.lostCharacters", i + 1);
            }
            if (!utf && looksUtf8(lines[i].getBytes(charset))) {
                throw new Problem(422, "partnerships.import.mixedEncodings", i + 1, charset.displayName());
            }
        }
    }

    /** A line with bytes above ASCII that all read as UTF-8: written in UTF-8, in a file that is not. */
    static boolean looksUtf8(byte[] line) {
        boolean high = false;
        for (byte b : line) {
            high |= b < 0;
        }
        if (!high) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
