package org.safercities.strategy;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of the strategy module: one method per query, rows become records. */
final class StrategyStore {

    // ---- versions

    private static final String VERSION_COLUMNS = """
            SELECT id, seq_no, status, vision, from_year, to_year, adopted_on, adopted_by, decision_ref, based_on, version,
                   content_stamp
            FROM strategy_version """;

    /** Every version, newest first, with their areas read in one query (not one per version). */
    List<StrategyVersion> versions(Connection c) throws SQLException {
        java.util.Map<Long, List<Long>> areas = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version_id, area_id FROM strategy_version_area ORDER BY version_id, area_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        List<StrategyVersion> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(VERSION_COLUMNS + " ORDER BY seq_no DESC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(version(rs, areas.getOrDefault(rs.getLong(1), List.of())));
            }
        }
        return out;
    }

    Optional<StrategyVersion> version(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VERSION_COLUMNS + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs, ids(c,
                        "SELECT area_id FROM strategy_version_area WHERE version_id = ? ORDER BY area_id", id)))
                        : Optional.empty();
            }
        }
    }

    private static StrategyVersion version(ResultSet rs, List<Long> areaIds) throws SQLException {
        long basedOn = rs.getLong(10);
        Long based = rs.wasNull() ? null : basedOn;
        return new StrategyVersion(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), date(rs, 7), rs.getString(8), rs.getString(9), based, rs.getInt(11), areaIds,
                rs.getLong(12));
    }

    /** Raises the version's content stamp: called, inside the transaction, by every change to its content. */
    void touch(Connection c, long versionId) throws SQLException {
        update(c, "UPDATE strategy_version SET content_stamp = content_stamp + 1 WHERE id = ?", versionId);
    }

    int maxNumber(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq_no), 0) FROM strategy_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    long insertVersion(Connection c, int number, String vision, int from, int to, Long basedOn, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_version (seq_no, status, vision, from_year, to_year, based_on, created_at)
                VALUES (?, 'draft', ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, number);
            ps.setString(2, vision);
            ps.setInt(3, from);
            ps.setInt(4, to);
            setLong(ps, 5, basedOn);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
            return key(ps);
        }
    }

    boolean updateVersion(Connection c, long id, int version, String vision, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_version SET vision = ?, from_year = ?, to_year = ?, version = version + 1
                WHERE id = ? AND version = ? AND status = 'draft'""")) {
            ps.setString(1, vision);
            ps.setInt(2, from);
            ps.setInt(3, to);
            ps.setLong(4, id);
            ps.setInt(5, version);
            return ps.executeUpdate() == 1;
        }
    }

    void setVersionAreas(Connection c, long versionId, List<Long> areaIds) throws SQLException {
        replaceLinks(c, "strategy_version_area", "version_id", versionId, areaIds);
    }

    /** Adopts a draft; the version adopted before it becomes "revised". */
    boolean adopt(Connection c, long id, int version, LocalDate on, String by, String ref) throws SQLException {
        try (PreparedStatement old = c.prepareStatement(
                "UPDATE strategy_version SET status = 'revised', version = version + 1 WHERE status = 'adopted'")) {
            old.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_version SET status = 'adopted', adopted_on = ?, adopted_by = ?, decision_ref = ?,
                       version = version + 1
                WHERE id = ? AND version = ? AND status = 'draft'""")) {
            ps.setDate(1, Date.valueOf(on));
            ps.setString(2, by);
            ps.setString(3, ref);
            ps.setLong(4, id);
            ps.setInt(5, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Technical-group comments on a version that the coordinator has not marked resolved yet. */
    int unresolvedComments(Connection c, long versionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM strategy_comment WHERE version_id = ? AND resolved_at IS NULL")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- priorities

    List<Priority> priorities(Connection c, long versionId) throws SQLException {
        return priorities(c, "WHERE version_id = ? ORDER BY priority_rank, id", versionId);
    }

    Optional<Priority> priority(Connection c, long id) throws SQLException {
        return priorities(c, "WHERE id = ?", id).stream().findFirst();
    }

    private List<Priority> priorities(Connection c, String where, long arg) throws SQLException {
        List<Priority> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, version_id, area_id, target_group, title, justification, priority_rank, version
                FROM strategy_priority """ + " " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long area = rs.getLong(3);
                    Long areaId = rs.wasNull() ? null : area;
                    out.add(new Priority(rs.getLong(1), rs.getLong(2), areaId, rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getInt(8), List.of()));
                }
            }
        }
        List<Priority> withFindings = new ArrayList<>();
        for (Priority p : out) {
            withFindings.add(new Priority(p.id(), p.versionId(), p.areaId(), p.targetGroup(), p.title(), p.justification(),
                    p.rank(), p.version(), findings(c, p.id())));
        }
        return withFindings;
    }

    private List<Priority.Cited> findings(Connection c, long priorityId) throws SQLException {
        List<Priority.Cited> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT finding_ref, label FROM strategy_priority_finding WHERE priority_id = ? ORDER BY finding_ref")) {
            ps.setLong(1, priorityId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Priority.Cited(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    void setFindings(Connection c, long priorityId, List<Priority.Cited> findings) throws SQLException {
        update(c, "DELETE FROM strategy_priority_finding WHERE priority_id = ?", priorityId);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO strategy_priority_finding (priority_id, finding_ref, label) VALUES (?, ?, ?)")) {
            for (Priority.Cited f : findings) {
                ps.setLong(1, priorityId);
                ps.setString(2, f.ref());
                ps.setString(3, f.label());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    boolean updatePriority(Connection c, long id, int version, Long areaId, String group, String title,
            String justification, int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_priority SET area_id = ?, target_group = ?, title = ?, justification = ?,
                       priority_rank = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            setLong(ps, 1, areaId);
            ps.setString(2, group);
            ps.setString(3, title);
            ps.setString(4, justification);
            ps.setInt(5, rank);
            ps.setLong(6, id);
            ps.setInt(7, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets a priority's rank (from a consultation's ranking); its optimistic version rises as with any edit. */
    void setRank(Connection c, long priorityId, int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE strategy_priority SET priority_rank = ?, version = version + 1 WHERE id = ?")) {
            ps.setInt(1, rank);
            ps.setLong(2, priorityId);
            ps.executeUpdate();
        }
    }

    long insertPriority(Connection c, long versionId, Long areaId, String group, String title, String justification,
            int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_priority (version_id, area_id, target_group, title, justification, priority_rank)
                VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, versionId);
            setLong(ps, 2, areaId);
            ps.setString(3, group);
            ps.setString(4, title);
            ps.setString(5, justification);
            ps.setInt(6, rank);
            ps.executeUpdate();
            return key(ps);
        }
    }

    void deletePriority(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM strategy_priority_finding WHERE priority_id = ?", id);
        update(c, "DELETE FROM strategy_consultation_points WHERE priority_id = ?", id);
        update(c, "UPDATE strategy_objective SET priority_id = NULL WHERE priority_id = ?", id);
        update(c, "DELETE FROM strategy_priority WHERE id = ?", id);
    }

    // ---- objectives

    List<Objective> objectives(Connection c, long versionId) throws SQLException {
        return objectives(c, "WHERE version_id = ? ORDER BY id", versionId);
    }

    Optional<Objective> objective(Connection c, long id) throws SQLException {
        return objectives(c, "WHERE id = ?", id).stream().findFirst();
    }

    private List<Objective> objectives(Connection c, String where, long arg) throws SQLException {
        List<Objective> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, version_id, priority_id, title, target_what, target_amount, target_by, version
                FROM strategy_objective """ + " " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long p = rs.getLong(3);
                    Long pid = rs.wasNull() ? null : p;
                    out.add(new Objective(rs.getLong(1), rs.getLong(2), pid, rs.getString(4), rs.getString(5),
                            rs.getString(6), date(rs, 7), rs.getInt(8), List.of()));
                }
            }
        }
        return withTargets(c, out);
    }

    /** The objectives with their SDG targets, read by a range of objective ids as {@link #withLinks} does. */
    private static List<Objective> withTargets(Connection c, List<Objective> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        java.util.Map<Long, List<String>> targets = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT objective_id, target FROM strategy_objective_sdg WHERE objective_id BETWEEN ? AND ?")) {
            ps.setLong(1, rows.stream().mapToLong(Objective::id).min().getAsLong());
            ps.setLong(2, rows.stream().mapToLong(Objective::id).max().getAsLong());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Objective> out = new ArrayList<>();
        for (Objective o : rows) {
            List<String> t = new ArrayList<>(targets.getOrDefault(o.id(), List.of()));
            t.sort(Sdg.ORDER);
            out.add(new Objective(o.id(), o.versionId(), o.priorityId(), o.title(), o.targetWhat(), o.targetAmount(),
                    o.targetBy(), o.version(), t));
        }
        return out;
    }

    void setObjectiveTargets(Connection c, long objectiveId, List<String> targets) throws SQLException {
        update(c, "DELETE FROM strategy_objective_sdg WHERE objective_id = ?", objectiveId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_objective_sdg (objective_id, target) VALUES (?, ?)")) {
            for (String t : new java.util.LinkedHashSet<>(targets)) {
                ps.setLong(1, objectiveId);
                ps.setString(2, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    long insertObjective(Connection c, long versionId, Long priorityId, String title, String what, String amount,
            LocalDate by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_objective (version_id, priority_id, title, target_what, target_amount, target_by)
                VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, versionId);
            setLong(ps, 2, priorityId);
            ps.setString(3, title);
            ps.setString(4, what);
            ps.setString(5, amount);
            ps.setDate(6, Date.valueOf(by));
            ps.executeUpdate();
            return key(ps);
        }
    }

    boolean updateObjective(Connection c, long id, int version, Long priorityId, String title, String what,
            String amount, LocalDate by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_objective SET priority_id = ?, title = ?, target_what = ?, target_amount = ?,
                       target_by = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            setLong(ps, 1, priorityId);
            ps.setString(2, title);
            ps.setString(3, what);
            ps.setString(4, amount);
            ps.setDate(5, Date.valueOf(by));
            ps.setLong(6, id);
            ps.setInt(7, version);
            return ps.executeUpdate() == 1;
        }
    }

    void deleteObjective(Connection c, long id) throws SQLException {
        update(c, "UPDATE strategy_action SET objective_id = NULL WHERE objective_id = ?", id);
        update(c, "DELETE FROM strategy_objective_sdg WHERE objective_id = ?", id);
        update(c, "DELETE FROM strategy_objective WHERE id = ?", id);
    }

    // ---- actions

    private static final String ACTION_COLUMNS = """
            SELECT id, version_id, origin, objective_id, title, description, prevention_level, prevention_type,
                   target_groups, lead_partner, start_date, end_date, status, harm_displacement, harm_stigma,
                   harm_vulnerable, harm_privacy, harm_likelihood, harm_mitigation, version, lead_actor_id,
                   reach_people, reach_target, outcome_quantity, outcome_unit
            FROM strategy_action """;

    /** The actions of a version, their areas, partners and targets read in one query each (not one per action). */
    List<Action> actions(Connection c, long versionId) throws SQLException {
        return withLinks(c, actionRows(c, "WHERE version_id = ? ORDER BY id", versionId));
    }

    Optional<Action> action(Connection c, long id) throws SQLException {
        return withLinks(c, actionRows(c, "WHERE id = ?", id)).stream().findFirst();
    }

    /**
     * Reads the areas, partners and SDG targets of the given actions by a range of action ids (a range scan of
     * each link table's primary key), keeping only the actions asked for. A version's actions have neighbouring
     * ids (they are made while it is the only draft), so the range holds little else; "IN (SELECT ...)" and a
     * join on the version both made Derby scan every version's links (measured: 1 s a page at 50 versions).
     */
    private List<Action> withLinks(Connection c, List<Action> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        java.util.Set<Long> wanted = new java.util.HashSet<>();
        rows.forEach(a -> wanted.add(a.id()));
        long lo = java.util.Collections.min(wanted);
        long hi = java.util.Collections.max(wanted);
        String which = " WHERE x.action_id BETWEEN ? AND ?";
        java.util.Map<Long, List<Long>> areas = new java.util.HashMap<>();
        java.util.Map<Long, List<Action.Partner>> partners = new java.util.HashMap<>();
        java.util.Map<Long, List<Action.Partner>> funders = new java.util.HashMap<>();
        java.util.Map<Long, List<String>> targets = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT x.action_id, x.area_id FROM strategy_action_area x" + which + " ORDER BY x.action_id, x.area_id")) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.action_id, x.actor_id, x.name, x.role FROM strategy_action_support x"
                + which + " ORDER BY x.action_id, x.position")) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long actor = rs.getLong(2);
                    Long actorId = rs.wasNull() ? null : actor;
                    (FUNDER.equals(rs.getString(4)) ? funders : partners).computeIfAbsent(rs.getLong(1),
                            k -> new ArrayList<>()).add(new Action.Partner(actorId, rs.getString(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT x.action_id, x.target FROM strategy_action_sdg x" + which + " ORDER BY x.action_id")) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Action> out = new ArrayList<>();
        for (Action a : rows) {
            List<String> t = new ArrayList<>(targets.getOrDefault(a.id(), List.of()));
            t.sort(Sdg.ORDER);
            out.add(a.with(areas.getOrDefault(a.id(), List.of()), partners.getOrDefault(a.id(), List.of()), t,
                    funders.getOrDefault(a.id(), List.of())));
        }
        return out;
    }

    private List<Action> actionRows(Connection c, String where, long arg) throws SQLException {
        List<Action> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ACTION_COLUMNS + " " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long o = rs.getLong(4);
                    Long objective = rs.wasNull() ? null : o;
                    String groups = rs.getString(9);
                    out.add(new Action(id, rs.getLong(2), rs.getString(3), objective, rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8),
                            groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")), rs.getString(10),
                            date(rs, 11), date(rs, 12), rs.getString(13),
                            new Action.HarmReview(rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                                    rs.getString(18), rs.getString(19)),
                            rs.getInt(20), List.of(), lead(rs), List.of(), List.of(), new Action.Reach(optionalLong(rs, 22),
                            optionalLong(rs, 23)), List.of(), outcome(rs)));
                }
            }
        }
        return out;
    }

    private static Long optionalLong(ResultSet rs, int column) throws SQLException {
        long n = rs.getLong(column);
        return rs.wasNull() ? null : n;
    }

    /** Columns 24–25 of {@link #ACTION_COLUMNS}: no quantity means no outcome stated (rows before V010). */
    private static Action.Outcome outcome(ResultSet rs) throws SQLException {
        Long quantity = optionalLong(rs, 24);
        String unit = rs.getString(25);
        return quantity == null ? Action.Outcome.NONE : new Action.Outcome(quantity, unit == null ? "" : unit);
    }

    private static Long lead(ResultSet rs) throws SQLException {
        long id = rs.getLong(21);
        return rs.wasNull() ? null : id;
    }

    private static void setActionLinks(Connection c, long id, Action a) throws SQLException {
        replaceLinks(c, "strategy_action_area", "action_id", id, a.areaIds());
        update(c, "DELETE FROM strategy_action_support WHERE action_id = ?", id);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO strategy_action_support (action_id, position, actor_id, name, role) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Action.Partner p : a.support()) {
                bindPartner(ps, id, position++, p, "support");
            }
            for (Action.Partner p : a.funders()) {
                bindPartner(ps, id, position++, p, FUNDER);
            }
            ps.executeBatch();
        }
        update(c, "DELETE FROM strategy_action_sdg WHERE action_id = ?", id);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_action_sdg (action_id, target) VALUES (?, ?)")) {
            for (String t : new java.util.LinkedHashSet<>(a.sdgTargets())) {
                ps.setLong(1, id);
                ps.setString(2, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The role of a funding partner in {@code strategy_action_support} (the others are "support"). */
    static final String FUNDER = "funder";

    private static void bindPartner(PreparedStatement ps, long actionId, int position, Action.Partner p, String role)
            throws SQLException {
        ps.setLong(1, actionId);
        ps.setInt(2, position);
        setLong(ps, 3, p.actorId());
        ps.setString(4, p.name());
        ps.setString(5, role);
        ps.addBatch();
    }

    long insertAction(Connection c, long versionId, String origin, Action a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_action (objective_id, title, description, prevention_level, prevention_type,
                       target_groups, lead_partner, start_date, end_date, status, harm_displacement, harm_stigma,
                       harm_vulnerable, harm_privacy, harm_likelihood, harm_mitigation, lead_actor_id, reach_people,
                       reach_target, outcome_quantity, outcome_unit, version_id, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            int i = bindAction(ps, a);
            ps.setLong(i++, versionId);
            ps.setString(i, origin);
            ps.executeUpdate();
            long id = key(ps);
            setActionLinks(c, id, a);
            return id;
        }
    }

    boolean updateAction(Connection c, long id, int version, Action a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_action SET objective_id = ?, title = ?, description = ?, prevention_level = ?,
                       prevention_type = ?, target_groups = ?, lead_partner = ?, start_date = ?, end_date = ?, status = ?,
                       harm_displacement = ?, harm_stigma = ?, harm_vulnerable = ?, harm_privacy = ?,
                       harm_likelihood = ?, harm_mitigation = ?, lead_actor_id = ?, reach_people = ?,
                       reach_target = ?, outcome_quantity = ?, outcome_unit = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            int i = bindAction(ps, a);
            ps.setLong(i++, id);
            ps.setInt(i, version);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        setActionLinks(c, id, a);
        return true;
    }

    private static int bindAction(PreparedStatement ps, Action a) throws SQLException {
        int i = 1;
        setLong(ps, i++, a.objectiveId());
        ps.setString(i++, a.title());
        ps.setString(i++, a.description());
        ps.setString(i++, a.level());
        ps.setString(i++, a.type());
        ps.setString(i++, String.join(",", a.targetGroups()));
        ps.setString(i++, a.leadPartner());
        ps.setDate(i++, a.start() == null ? null : Date.valueOf(a.start()));
        ps.setDate(i++, a.end() == null ? null : Date.valueOf(a.end()));
        ps.setString(i++, a.status());
        ps.setString(i++, a.review().displacement());
        ps.setString(i++, a.review().stigma());
        ps.setString(i++, a.review().vulnerable());
        ps.setString(i++, a.review().privacy());
        ps.setString(i++, a.review().likelihood());
        ps.setString(i++, a.review().mitigation());
        setLong(ps, i++, a.leadActorId());
        setLong(ps, i++, a.reach().people());
        setLong(ps, i++, a.reach().targetMembers());
        setLong(ps, i++, a.outcome().quantity());
        ps.setString(i++, a.outcome().stated() ? a.outcome().unit() : null);
        return i;
    }

    // ---- budget lines

    List<BudgetLine> budgetOfAction(Connection c, long actionId) throws SQLException {
        return budget(c, "WHERE b.action_id = ? ORDER BY b.id", actionId);
    }

    /** The budget lines of a version's actions, by a range of action ids as {@link #withLinks} (then filtered). */
    List<BudgetLine> budgetOfVersion(Connection c, long versionId) throws SQLException {
        java.util.Set<Long> ids = new java.util.HashSet<>(ids(c, "SELECT id FROM strategy_action WHERE version_id = ?",
                versionId));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<BudgetLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT b.id, b.action_id, b.funding_source, b.gov_level, b.amount, b.currency FROM strategy_budget b
                WHERE b.action_id BETWEEN ? AND ? ORDER BY b.action_id, b.id""")) {
            ps.setLong(1, java.util.Collections.min(ids));
            ps.setLong(2, java.util.Collections.max(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ids.contains(rs.getLong(2))) {
                        out.add(new BudgetLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getString(6)));
                    }
                }
            }
        }
        return out;
    }

    Optional<BudgetLine> budgetLine(Connection c, long id) throws SQLException {
        return budget(c, "WHERE b.id = ?", id).stream().findFirst();
    }

    private List<BudgetLine> budget(Connection c, String where, long arg) throws SQLException {
        List<BudgetLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT b.id, b.action_id, b.funding_source, b.gov_level, b.amount, b.currency FROM strategy_budget b " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BudgetLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6)));
                }
            }
        }
        return out;
    }

    long insertBudget(Connection c, long actionId, String source, String level, long amount, String currency)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_budget (action_id, funding_source, gov_level, amount, currency) VALUES (?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, actionId);
            ps.setString(2, source);
            ps.setString(3, level);
            ps.setLong(4, amount);
            ps.setString(5, currency);
            ps.executeUpdate();
            return key(ps);
        }
    }

    /**
     * Deletes an action with everything that hangs on it (areas, partners and funders, SDG targets, budget lines),
     * if it is still at {@code version} (false otherwise, nothing deleted). The version is claimed first, so a
     * concurrent edit either comes before (and this fails) or waits and then finds no row.
     */
    boolean deleteAction(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE strategy_action SET version = version + 1 WHERE id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        update(c, "DELETE FROM strategy_action_area WHERE action_id = ?", id);
        update(c, "DELETE FROM strategy_action_support WHERE action_id = ?", id);
        update(c, "DELETE FROM strategy_action_sdg WHERE action_id = ?", id);
        update(c, "DELETE FROM strategy_budget WHERE action_id = ?", id);
        update(c, "DELETE FROM strategy_action WHERE id = ?", id);
        return true;
    }

    void deleteBudget(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM strategy_budget WHERE id = ?", id);
    }

    // ---- helpers

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static void replaceLinks(Connection c, String table, String column, long owner, List<Long> areaIds)
            throws SQLException {
        // table and column are constants of this class, never user input
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ?")) {
            del.setLong(1, owner);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (" + column + ", area_id) VALUES (?, ?)")) {
            for (long area : new java.util.LinkedHashSet<>(areaIds)) {
                ins.setLong(1, owner);
                ins.setLong(2, area);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static List<Long> ids(Connection c, String sql, long arg) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

}
