// Fills a kit data folder (made by --demo, the kit stopped) up to 2,000 actors and 10,000 relationships for
// bench/partnerships-network.sh, with plain JDBC on the kit's own embedded Derby:
//   java -cp kit/target/safercities-kit.jar bench/partnerships-load.java DATA_FOLDER [ACTORS] [RELATIONSHIPS]
// Synthetic: "Bench actor n", every type in turn, one or two areas of the demo city, up to two target groups;
// relationships between random different actors (never "member of", so no cycle). Deterministic (seed 42).
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

public class PartnershipsLoad {
    static final String[] TYPES = {"local_government", "national_government", "police_justice", "health", "education",
            "social_services", "ngo", "women_led", "youth_led", "disability_org", "community_group", "faith_group",
            "private_sector", "media", "academia", "international"};
    static final String[] GROUPS = {"women_girls", "children_youth", "older_persons", "persons_disabilities",
            "indigenous_peoples", "migrants_displaced"};
    static final String[] RELATIONS = {"funds", "coordinates_with", "reports_to", "shares_data_with", "conflicts_with"};

    public static void main(String[] args) throws Exception {
        String db = java.nio.file.Path.of(args[0], "db").toAbsolutePath().toString();
        int actors = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int relationships = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
        Random random = new Random(42);
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
            c.setAutoCommit(false);
            List<Long> areas = longs(c, "SELECT id FROM platform_area WHERE parent_id IS NOT NULL");
            List<Long> ids = longs(c, "SELECT id FROM partnerships_actor");
            int have = ids.size();
            try (PreparedStatement a = c.prepareStatement("""
                    INSERT INTO partnerships_actor (name, actor_type, interest, influence, status, updated_at)
                    VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)""", Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement area = c.prepareStatement("INSERT INTO partnerships_actor_area VALUES (?, ?)");
                    PreparedStatement group = c.prepareStatement("INSERT INTO partnerships_actor_group VALUES (?, ?)")) {
                for (int i = have; i < actors; i++) {
                    a.setString(1, "Bench actor " + (i + 1));
                    a.setString(2, TYPES[i % TYPES.length]);
                    a.setInt(3, 1 + random.nextInt(5));
                    a.setInt(4, 1 + random.nextInt(5));
                    a.setString(5, random.nextInt(3) == 0 ? "invited" : "engaged");
                    a.executeUpdate();
                    long id;
                    try (ResultSet k = a.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                    ids.add(id);
                    Set<Long> chosen = new HashSet<>();
                    for (int n = 1 + random.nextInt(2); n > 0; n--) {
                        chosen.add(areas.get(random.nextInt(areas.size())));
                    }
                    for (long x : chosen) {
                        area.setLong(1, id);
                        area.setLong(2, x);
                        area.addBatch();
                    }
                    Set<String> groups = new HashSet<>();
                    for (int n = random.nextInt(3); n > 0; n--) {
                        groups.add(GROUPS[random.nextInt(GROUPS.length)]);
                    }
                    for (String g : groups) {
                        group.setLong(1, id);
                        group.setString(2, g);
                        group.addBatch();
                    }
                }
                area.executeBatch();
                group.executeBatch();
            }
            int rels = longs(c, "SELECT id FROM partnerships_relationship").size();
            try (PreparedStatement r = c.prepareStatement("""
                    INSERT INTO partnerships_relationship (from_actor, to_actor, rel_type, valid_from, strength)
                    VALUES (?, ?, ?, DATE('2024-01-01'), ?)""")) {
                for (int i = rels; i < relationships; i++) {
                    long from = ids.get(random.nextInt(ids.size()));
                    long to;
                    do {
                        to = ids.get(random.nextInt(ids.size()));
                    } while (to == from);
                    r.setLong(1, from);
                    r.setLong(2, to);
                    r.setString(3, RELATIONS[random.nextInt(RELATIONS.length)]);
                    r.setInt(4, 1 + random.nextInt(3));
                    r.addBatch();
                }
                r.executeBatch();
            }
            c.commit();
            System.out.printf("actors %d -> %d, relationships %d -> %d%n", have, ids.size(), rels, relationships);
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true");
        } catch (java.sql.SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    static List<Long> longs(Connection c, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
