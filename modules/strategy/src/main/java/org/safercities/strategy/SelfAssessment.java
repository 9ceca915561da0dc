package org.safercities.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.safercities.platform.Problem;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The technical group's self-assessment of a version against the Guidelines: the principles A–M (G§10–22) and
 * the organisation elements (G§23 a–d for national and sub-national governments, G§24 a–h for the city), each
 * scored 0 (not addressed) to 3 (fully addressed) with the evidence. Kept per version: a revision starts from a
 * copy, so two versions can be compared on the radar.
 */
public final class SelfAssessment {

    public static final List<String> PRINCIPLES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
    public static final List<String> ORGANISATION = List.of("23a", "23b", "23c", "23d", "24a", "24b", "24c", "24d",
            "24e", "24f", "24g", "24h");
    public static final int MAX = 3;

    private final Store store;
    private final StrategyService strategy;

    public SelfAssessment(Store store, StrategyService strategy) {
        this.store = store;
        this.strategy = strategy;
    }

    /** A score and its evidence; an item never scored is absent from the map. */
    public record Score(int score, String evidence) {
    }

    public static List<String> items() {
        return Stream.concat(PRINCIPLES.stream(), ORGANISATION.stream()).toList();
    }

    public Map<String, Score> scores(long versionId) {
        return store.read(c -> scores(c, versionId));
    }

    static Map<String, Score> scores(Connection c, long versionId) throws SQLException {
        Map<String, Score> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT item, score, evidence FROM strategy_assessment WHERE version_id = ?")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Score(rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * Saves the whole sheet of a draft: {@code typed} maps an item to its score ("" = not scored) and evidence. A
     * score needs evidence (G§18: a knowledge-based approach); nothing is saved while something is wrong.
     */
    public FieldErrors save(long versionId, Map<String, String> scoresTyped, Map<String, String> evidenceTyped,
            String actor, String address) {
        FieldErrors e = new FieldErrors();
        Map<String, Score> sheet = new LinkedHashMap<>();
        for (String item : items()) {
            String s = scoresTyped.getOrDefault(item, "").strip();
            String evidence = evidenceTyped.getOrDefault(item, "").strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("[0-" + MAX + "]")) {
                e.add("score." + item, "strategy.error.badChoice");
            } else if (evidence.isEmpty()) {
                e.add("score." + item, "strategy.error.evidence");
            } else if (evidence.length() > 2000) {
                e.add("score." + item, "strategy.error.tooLong");
            } else {
                sheet.put(item, new Score(Integer.parseInt(s), evidence));
            }
        }
        if (!e.isEmpty()) {
            return e;
        }
        store.tx(c -> {
            StrategyVersion v = strategy.db().version(c, versionId).orElseThrow(Problem::notFound);
            if (!v.isDraft()) {
                throw Problem.conflict("strategy.error.readOnly", Integer.toString(v.number()));
            }
            write(c, versionId, sheet);
            strategy.log(c, actor, address, "strategy.assessment.update", "strategy_version", versionId,
                    sheet.size() + " scored");
            return null;
        });
        return e;
    }

    static void write(Connection c, long versionId, Map<String, Score> sheet) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM strategy_assessment WHERE version_id = ?")) {
            del.setLong(1, versionId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO strategy_assessment (version_id, item, score, evidence) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Score> s : sheet.entrySet()) {
                ps.setLong(1, versionId);
                ps.setString(2, s.getKey());
                ps.setInt(3, s.getValue().score());
                ps.setString(4, s.getValue().evidence());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
