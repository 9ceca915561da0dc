package org.safercities.partnerships;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.safercities.platform.web.Form;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;

/** Builds the page records the templates see: labels translated, no store rows. */
final class PartnershipPages {

    public record Option(String value, String label, boolean selected) {
    }

    public record Row(long id, String name, String type, String status, int interest, int influence, String areas) {
    }

    public record ListPage(List<Row> rows, List<Option> types, List<Option> areas, List<Option> groups, String count,
            boolean canEdit) {
    }

    /** The list's filters; empty or negative when not used. */
    record Filter(String type, long area, String group) {
        boolean keeps(Actor a) {
            return (type.isEmpty() || a.type().equals(type)) && (area < 0 || a.areaIds().contains(area))
                    && (group.isEmpty() || a.groups().contains(group));
        }
    }

    /** An actor's role in an action of the current strategy (from the strategy module). */
    public record RoleRow(String action, String priority, String role) {
    }

    public record FormPage(Long id, int version, boolean isNew, String name, String sectors, String notes,
            List<Option> types, List<Option> levels, List<Option> statuses, List<Option> interests,
            List<Option> influences, List<Option> areas, List<Option> groups, Map<String, String> errors,
            List<Option> kinds, List<NameField> names) {
    }

    /** The name in one of the kit's languages: field {@code name_<lang>}, labelled with the language's own name. */
    public record NameField(String lang, String label, String value, String error) {
    }

    /** An actor's name in another language, on its page. */
    public record OtherName(String lang, String language, String name) {
    }

    public record ContactView(String personName, String phone, String email, boolean hasContact,
            Map<String, String> errors) {
    }

    public record RelRow(long id, long fromId, String fromName, String type, long toId, String toName, String from,
            String until, int strength) {
    }

    /** A commitment in the actor's table: {@code startDate} empty when not recorded. */
    public record CommitmentRow(long id, String kind, String description, String startDate, String endDate,
            boolean fulfilled, boolean overdue, boolean upcoming) {
    }

    public record ActorPage(long id, String name, String type, String level, String status, int interest, int influence,
            String sectors, String notes, List<String> areas, List<String> groups, boolean canEdit, ContactView contact,
            List<RelRow> relationships, List<Option> others, List<Option> relTypes, String relFrom, String relUntil,
            List<Option> strengths, Map<String, String> relErrors, List<CommitmentRow> commitments, String kind,
            String localName, List<OtherName> otherNames,
            CommitmentForm commitmentForm, Map<String, String> commitmentErrors, boolean strategy, List<RoleRow> roles,
            List<CoalitionRoutes.Option> commitmentKinds, boolean person) {
    }

    public record Named(long id, String name) {
    }

    public record Cell(int interest, List<Named> actors) {
    }

    public record GridRow(int influence, List<Cell> cells) {
    }

    public record GridPage(List<GridRow> rows, List<Integer> interests) {
    }

    public record GapsPage(List<String> gaps, boolean none) {
    }

    private final PartnershipService service;
    private final AreaService areas;

    PartnershipPages(PartnershipService service, AreaService areas) {
        this.service = service;
        this.areas = areas;
    }

    ListPage list(Translator t, Filter filter, boolean canEdit) {
        Map<Long, String> names = areaNames();
        List<Row> rows = new ArrayList<>();
        long area = filter.area();
        for (Actor a : service.actors()) {
            if (filter.keeps(a)) {
                rows.add(new Row(a.id(), a.nameIn(t.lang()), t.t("partnerships.type." + a.type()),
                        t.t("partnerships.status." + a.status()), a.interest(), a.influence(),
                        a.areaIds().stream().map(id -> names.getOrDefault(id, "")).collect(Collectors.joining(", "))));
            }
        }
        List<Option> areaOptions = areas.depthFirst().stream()
                .map(x -> new Option(Long.toString(x.id()), "\u2003".repeat(x.level()) + x.name(), x.id() == area)).toList();
        return new ListPage(rows, options(t, "type", Codes.TYPES, filter.type()), areaOptions,
                options(t, "group", Codes.GROUPS, filter.group()), t.t("partnerships.actors.count", t.number(rows.size())),
                canEdit);
    }

    FormPage form(Translator t, Long id, int version, ActorForm f, FieldErrors e) {
        List<Option> areaOptions = areas.depthFirst().stream().map(x -> new Option(Long.toString(x.id()),
                "\u2003".repeat(x.level()) + x.name(), f.areas().contains(Long.toString(x.id())))).toList();
        List<Option> groups = Codes.GROUPS.stream()
                .map(g -> new Option(g, t.t("partnerships.group." + g), f.groups().contains(g))).toList();
        return new FormPage(id, version, id == null, f.name(), f.sectors(), f.notes(), options(t, "type", Codes.TYPES, f.type()),
                options(t, "level", Codes.LEVELS, f.level()), options(t, "status", Codes.STATUSES, f.status()),
                scores(5, f.interest()), scores(5, f.influence()), areaOptions, groups, e.in(t),
                options(t, "kind", Codes.KINDS, f.kind()), nameFields(f, e.in(t)));
    }

    private static List<NameField> nameFields(ActorForm f, Map<String, String> errors) {
        return Messages.UN_LANGUAGES.stream().map(lang -> new NameField(lang, Translator.nativeName(lang),
                f.names() == null ? "" : f.names().getOrDefault(lang, ""), errors.get("name_" + lang))).toList();
    }

    ActorPage actor(Translator t, Actor a, boolean canEdit, ContactForm contact, boolean hasContact,
            Map<String, String> contactErrors, RelationshipForm rel, Map<String, String> relErrors, CommitmentForm commitment,
            Map<String, String> commitmentErrors) {
        Map<Long, String> names = areaNames();
        List<Actor> all = service.actors();
        Map<Long, String> actorNames = all.stream().collect(Collectors.toMap(Actor::id, x -> x.nameIn(t.lang())));
        List<RelRow> rels = new ArrayList<>();
        for (Relationship r : service.relationshipsOf(a.id())) {
            rels.add(new RelRow(r.id(), r.fromId(), actorNames.getOrDefault(r.fromId(), ""), t.t("partnerships.relType." + r.type()),
                    r.toId(), actorNames.getOrDefault(r.toId(), ""), t.date(r.from()),
                    r.until() == null ? "" : t.date(r.until()), r.strength()));
        }
        List<Option> others = all.stream().filter(x -> x.id() != a.id())
                .map(x -> new Option(Long.toString(x.id()), x.nameIn(t.lang()), Long.toString(x.id()).equals(rel.toId()))).toList();
        ContactView cv = contact == null ? null
                : new ContactView(contact.personName(), contact.phone(), contact.email(), hasContact, contactErrors);
        return new ActorPage(a.id(), a.nameIn(t.lang()), t.t("partnerships.type." + a.type()),
                a.level() == null ? "" : t.t("partnerships.level." + a.level()), t.t("partnerships.status." + a.status()),
                a.interest(), a.influence(), PartnershipRoutes.nz(a.sectors()), PartnershipRoutes.nz(a.notes()),
                a.areaIds().stream().map(id -> names.getOrDefault(id, "")).toList(),
                PartnershipRoutes.labels(t, "group", a.groups()), canEdit, cv, rels, others,
                options(t, "relType", Codes.RELATIONS, rel.type()), rel.from(), rel.until(), scores(3, rel.strength()), relErrors,
                service.commitmentsOf(a.id()).stream().map(m -> commitmentRow(t, m, PartnershipService.today())).toList(),
                t.t("partnerships.kind." + a.kind()), a.nameIn(t.lang()).equals(a.name()) ? "" : a.name(),
                otherNames(t, a), commitment, commitmentErrors, service.strategy().isPresent(), roles(t, a.id()),
                CoalitionRoutes.commitmentKinds(t, commitment.kind()), Codes.PERSON.equals(a.kind()));
    }

    private static CommitmentRow commitmentRow(Translator t, Commitment m, LocalDate today) {
        return new CommitmentRow(m.id(), t.t("partnerships.commitmentKind." + m.kind()), m.description(),
                m.startDate() == null ? "" : t.date(m.startDate()), t.date(m.endDate()), m.fulfilled(), m.overdue(today),
                m.upcoming(today));
    }

    /** The names in languages other than the user's (the user's is the page's title). */
    private static List<OtherName> otherNames(Translator t, Actor a) {
        return a.names().entrySet().stream().filter(n -> !n.getKey().equals(t.lang()))
                .sorted(Map.Entry.comparingByKey())
                .map(n -> new OtherName(n.getKey(), Translator.nativeName(n.getKey()), n.getValue())).toList();
    }

    private List<RoleRow> roles(Translator t, long actorId) {
        return service.rolesOf(actorId).stream().map(r -> new RoleRow(r.actionTitle(), r.priorityTitle(),
                Codes.ROLES.contains(r.role()) ? t.t("partnerships.role." + r.role()) : r.role())).toList();
    }

    GridPage grid(List<Actor> actors, String lang) {
        Map<String, List<Named>> byCell = new HashMap<>();
        for (Actor a : actors) {
            byCell.computeIfAbsent(a.influence() + "/" + a.interest(), k -> new ArrayList<>()).add(new Named(a.id(), a.nameIn(lang)));
        }
        List<GridRow> rows = new ArrayList<>();
        for (int influence = 5; influence >= 1; influence--) {
            List<Cell> cells = new ArrayList<>();
            for (int interest = 1; interest <= 5; interest++) {
                cells.add(new Cell(interest, byCell.getOrDefault(influence + "/" + interest, List.of())));
            }
            rows.add(new GridRow(influence, cells));
        }
        return new GridPage(rows, List.of(1, 2, 3, 4, 5));
    }

    GapsPage gaps(Translator t, LocalDate today) {
        Map<Long, String> names = areaNames();
        Map<Long, Commitment> commitments = service.commitments().stream()
                .collect(Collectors.toMap(Commitment::id, m -> m));
        Map<Long, String> actors = service.actors().stream().collect(Collectors.toMap(Actor::id, x -> x.nameIn(t.lang())));
        Map<Long, String> priorities = service.strategy().map(d -> d.priorities().stream()
                .collect(Collectors.toMap(p -> p.id(), p -> p.title(), (x, y) -> x))).orElse(Map.of());
        List<String> out = new ArrayList<>();
        for (Gap g : service.gaps(today)) {
            Object[] args = switch (g.rule()) {
                case "area" -> new Object[] {names.getOrDefault(Form.wholeNumber(g.subject()), g.subject())};
                case "group" -> new Object[] {t.t("partnerships.group." + g.subject())};
                case "priority" -> new Object[] {priorities.getOrDefault(Form.wholeNumber(g.subject()), g.subject())};
                case "commitment" -> {
                    Commitment m = commitments.get(Form.wholeNumber(g.subject()));
                    yield m == null ? new Object[] {"", "", ""} // removed meanwhile
                            : new Object[] {actors.getOrDefault(m.actorId(), ""), m.description(), t.date(m.endDate())};
                }
                default -> new Object[0];
            };
            out.add(t.t(g.messageKey(), args));
        }
        return new GapsPage(out, out.isEmpty());
    }

    private Map<Long, String> areaNames() {
        return areas.all().stream().collect(Collectors.toMap(Area::id, Area::name));
    }

    private static List<Option> options(Translator t, String list, List<String> codes, String selected) {
        return codes.stream().map(c -> new Option(c, t.t("partnerships." + list + "." + c), c.equals(selected))).toList();
    }

    private static List<Option> scores(int max, String selected) {
        List<Option> out = new ArrayList<>();
        for (int i = 1; i <= max; i++) {
            out.add(new Option(Integer.toString(i), Integer.toString(i), Integer.toString(i).equals(selected)));
        }
        return out;
    }
}
