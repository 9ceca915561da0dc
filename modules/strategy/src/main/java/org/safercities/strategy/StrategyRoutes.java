package org.safercities.strategy;

import org.safercities.platform.files.Xlsx;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The strategy's pages. Everyone signed in reads; EDITORS (administrator, coordinator, analyst) write drafts;
 * only COORDINATION (administrator, coordinator) adopts a version or starts a revision. The technical group
 * and partner viewers read only (the technical group's comments come later).
 */
public final class StrategyRoutes implements HttpService {

    static final Set<Role> READ = Role.ALL;
    static final Set<Role> WRITE = Role.EDITORS;
    static final Set<Role> ADOPT = Role.COORDINATION;

    private final StrategyService strategy;
    private final AreaService areas;
    private final Pages pages;

    public record Option(String value, String label, boolean selected) {
    }

    public record VersionRow(long id, int number, String status, String period, String adopted) {
    }

    public record OverviewPage(List<VersionRow> versions, boolean empty, boolean canStart, List<Option> from,
            List<Option> to, boolean canCompare) {
    }

    public record VersionFormPage(Long id, int version, Map<String, String> values, List<Option> areas, boolean isNew,
            Map<String, String> errors) {
    }

    public record PriorityRow(long id, int rank, String title, String area, String group, String justification,
            List<String> findings) {
    }

    /** An objective as listed; {@code sdg}: its SDG targets, code as value and name as label. */
    public record ObjectiveRow(long id, String title, String priority, String target, List<Option> sdg) {
    }

    public record ActionRow(long id, String title, String level, String type, String groups, String areas,
            String lead, String dates, String status, String reviewed, String budget) {
    }

    public record VersionPage(long id, int number, int version, String status, boolean draft, String vision,
            String period, String areaNames, String adopted, List<PriorityRow> priorities, List<ObjectiveRow> objectives,
            List<ActionRow> actions, boolean canEdit, boolean canAdopt, boolean canRevise, List<Option> areaOptions,
            List<Option> groupOptions, List<Option> priorityOptions, Map<String, String> pv, Map<String, String> pe,
            Map<String, String> ov, Map<String, String> oe, Map<String, String> av, Map<String, String> ae,
            List<Option> findingOptions, boolean hasFindings, int unresolved, List<SdgGoal> objectiveSdg) {
    }

    /** The page that edits one priority in place (the fields are the version page's, through a partial). */
    public record PriorityEditPage(long id, long versionId, int version, List<Option> areaOptions,
            List<Option> groupOptions, List<Option> findingOptions, boolean hasFindings, Map<String, String> pv,
            Map<String, String> pe) {
    }

    public record ObjectiveEditPage(long id, long versionId, int version, List<Option> priorityOptions,
            Map<String, String> ov, Map<String, String> oe, List<SdgGoal> objectiveSdg) {
    }

    /** SDG targets of one goal, as checkboxes (form) or as lines (action page). */
    public record SdgGoal(String goal, String name, List<Option> targets, boolean open) {
    }

    public record ActionFormPage(Long id, long versionId, int version, boolean isNew, Map<String, String> values,
            List<Option> objectives, List<Option> levels, List<Option> types, List<Option> statuses,
            List<Option> likelihoods, List<Option> groups, List<Option> areas, Map<String, String> errors,
            boolean hasActors, List<Option> leadActors, List<Option> supportActors, List<SdgGoal> sdg,
            List<Option> funderActors) {
    }

    public record BudgetRow(long id, String source, String level, String amount) {
    }

    public record ActionPage(long id, long versionId, int versionNumber, String title, String description,
            String objective, String level, String type, String groups, String areas, String lead, String dates,
            String status, List<Option> review, boolean reviewed, List<BudgetRow> budget, String total, String currency,
            boolean canEdit, List<Option> govLevels, Map<String, String> bv, Map<String, String> be, String support,
            List<Option> sdg, String reach, String funders, String outcome, int version) {
    }

    public record TotalRow(String label, String amount) {
    }

    public record PlanPage(long versionId, int number, String status, String period, List<ActionRow> actions,
            List<TotalRow> bySource, List<TotalRow> byLevel, String total, String currency) {
    }

    public record CostRow(long id, String title, String budget, String reach, String targetReach, String perPerson,
            String perTargetMember, String outcome, String perOutcome) {
    }

    public record AreaRow(String area, String budget, String population, String perCapita) {
    }

    public record CostPage(long versionId, int number, String status, String period, List<CostRow> actions,
            List<AreaRow> areas, String currency) {
    }

    public record DocumentPage(VersionPage version, List<TotalRow> bySource, List<TotalRow> byLevel, String total,
            String currency, List<AssessedRow> assessment) {
    }

    /** A scored item of the self-assessment, as the printed document lists it. */
    public record AssessedRow(String label, String score, String evidence) {
    }

    public record HistoryPage(List<Option> from, List<Option> to, boolean hasDiff, int fromNumber, int toNumber,
            boolean visionChanged, String oldVision, String newVision, List<String> added, List<String> removed,
            List<String> changed, boolean nothingChanged) {
    }

    public StrategyRoutes(StrategyService strategy, AreaService areas, Pages pages) {
        this.strategy = strategy;
        this.areas = areas;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/strategy", this::overview)
                .get("/strategy/new", this::newVersionForm)
                .post("/strategy", this::createFirst)
                .get("/strategy/priorities", this::currentPriorities)
                .get("/strategy/plan", this::currentPlan)
                .get("/strategy/history", this::history)
                .get("/strategy/document", this::currentDocument)
                .get("/strategy/versions/{id}", this::showVersion)
                .get("/strategy/versions/{id}/edit", this::editVersionForm)
                .post("/strategy/versions/{id}", this::updateVersion)
                .post("/strategy/versions/{id}/adopt", this::adopt)
                .post("/strategy/versions/{id}/revise", this::revise)
                .post("/strategy/versions/{id}/priorities", this::addPriority)
                .get("/strategy/priorities/{id}/edit", this::editPriorityForm)
                .post("/strategy/priorities/{id}", this::updatePriority)
                .post("/strategy/priorities/{id}/delete", this::deletePriority)
                .post("/strategy/versions/{id}/objectives", this::addObjective)
                .get("/strategy/objectives/{id}/edit", this::editObjectiveForm)
                .post("/strategy/objectives/{id}", this::updateObjective)
                .post("/strategy/objectives/{id}/delete", this::deleteObjective)
                .get("/strategy/versions/{id}/actions/new", this::newActionForm)
                .post("/strategy/versions/{id}/actions", this::createAction)
                .get("/strategy/versions/{id}/plan", this::plan)
                .get("/strategy/versions/{id}/cost", this::cost)
                .get("/strategy/versions/{id}/actions.csv", this::exportActions)
                .get("/strategy/versions/{id}/actions.xlsx", this::exportActionsXlsx)
                .get("/strategy/versions/{id}/document", this::document)
                .get("/strategy/actions/{id}", this::showAction)
                .get("/strategy/actions/{id}/edit", this::editActionForm)
                .post("/strategy/actions/{id}", this::updateAction)
                .post("/strategy/actions/{id}/delete", this::deleteAction)
                .post("/strategy/actions/{id}/budget", this::addBudget)
                .post("/strategy/budget/{id}/delete", this::deleteBudget);
    }

    // ---- versions

    private void overview(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        List<StrategyVersion> all = strategy.versions();
        Translator t = v.t();
        List<VersionRow> rows = all.stream().map(s -> new VersionRow(s.id(), s.number(), t.t("strategy.status." + s.status()),
                period(s), adoptedLine(t, s))).toList();
        pages.render(res, v, "/strategy", "strategy/overview", "strategy.title",
                new OverviewPage(rows, all.isEmpty(), all.isEmpty() && v.is(WRITE), versionOptions(all, all.size() > 1 ? all.get(1).id() : -1),
                        versionOptions(all, all.isEmpty() ? -1 : all.get(0).id()), all.size() > 1));
    }

    private void newVersionForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        int y = LocalDate.now().getYear();
        renderVersionForm(res, Status.OK_200, v, null, 0, new StrategyService.VersionForm("", Integer.toString(y),
                Integer.toString(y + 4), areas.root().map(a -> List.of(Long.toString(a.id()))).orElse(List.of())),
                new FieldErrors());
    }

    private void createFirst(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyService.VersionForm form = versionForm(v.form());
        StrategyService.Saved s = strategy.createFirst(form, v.actor(), v.address());
        if (!s.ok()) {
            renderVersionForm(res, Status.create(422), v, null, 0, form, s.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id());
    }

    private void editVersionForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        renderVersionForm(res, Status.OK_200, v, s.id(), s.version(), new StrategyService.VersionForm(s.vision(),
                Integer.toString(s.fromYear()), Integer.toString(s.toYear()), s.areaIds().stream().map(String::valueOf).toList()),
                new FieldErrors());
    }

    private void updateVersion(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        StrategyService.VersionForm form = versionForm(v.form());
        int version = (int) Form.wholeNumber(v.form().get("version"));
        try {
            StrategyService.Saved saved = strategy.updateVersion(s.id(), version, form, v.actor(), v.address());
            if (!saved.ok()) {
                renderVersionForm(res, Status.create(422), v, s.id(), version, form, saved.errors());
                return;
            }
        } catch (Problem p) {
            if (!p.messageKey().equals("platform.error.editedMeanwhile")) {
                throw p;
            }
            renderVersionForm(res, Status.CONFLICT_409, v, s.id(), version, form,
                    new FieldErrors().add("form", p.messageKey(), p.args()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id());
    }

    private void showVersion(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        StrategyVersion s = version(req);
        renderVersion(res, Status.OK_200, v, s, Map.of(), new FieldErrors(), Map.of(), new FieldErrors(), Map.of(),
                new FieldErrors());
    }

    private void adopt(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(ADOPT);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        StrategyService.AdoptForm form = new StrategyService.AdoptForm(v.form().get("adoptedOn"), v.form().get("decisionRef"),
                v.form().get("overComments").equals("yes"));
        StrategyService.Saved saved = strategy.adopt(s.id(), (int) Form.wholeNumber(v.form().get("version")), form,
                v.actor(), v.address());
        if (!saved.ok()) {
            renderVersion(res, Status.create(422), v, s, Map.of(), new FieldErrors(), Map.of(), new FieldErrors(),
                    Map.of("adoptedOn", form.adoptedOn(), "decisionRef", form.decisionRef()), saved.errors());
            return;
        }
        v.flash("strategy.adopted", Integer.toString(s.number()));
        Visit.redirect(res, "/strategy/versions/" + s.id());
    }

    private void revise(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(ADOPT);
        long id = strategy.startRevision(version(req).id(), v.actor(), v.address());
        v.flash("strategy.revisionStarted");
        Visit.redirect(res, "/strategy/versions/" + id);
    }

    private void history(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        List<StrategyVersion> all = strategy.versions();
        long from = Form.wholeNumber(Visit.query(req, "from").orElse(""));
        long to = Form.wholeNumber(Visit.query(req, "to").orElse(""));
        HistoryPage page;
        if (from > 0 && to > 0) {
            StrategyService.Diff d = strategy.diff(from, to);
            page = new HistoryPage(versionOptions(all, from), versionOptions(all, to), true, d.from().number(),
                    d.to().number(), d.visionChanged(), d.from().vision(), d.to().vision(), d.added(), d.removed(),
                    d.changed(), !d.visionChanged() && d.added().isEmpty() && d.removed().isEmpty() && d.changed().isEmpty());
        } else {
            page = new HistoryPage(versionOptions(all, all.size() > 1 ? all.get(1).id() : -1),
                    versionOptions(all, all.isEmpty() ? -1 : all.get(0).id()), false, 0, 0, false, "", "", List.of(),
                    List.of(), List.of(), false);
        }
        pages.render(res, v, "/strategy", "strategy/history", "strategy.history.title", page);
    }

    private void currentPriorities(ServerRequest req, ServerResponse res) {
        Visit.of(req).require(READ);
        Visit.redirect(res, strategy.current().map(s -> "/strategy/versions/" + s.id() + "#priorities").orElse("/strategy"));
    }

    private void currentPlan(ServerRequest req, ServerResponse res) {
        Visit.of(req).require(READ);
        Visit.redirect(res, strategy.inForce().map(s -> "/strategy/versions/" + s.id() + "/plan").orElse("/strategy"));
    }

    /** The menu's printable document: of the strategy in force, else of the latest version. */
    private void currentDocument(ServerRequest req, ServerResponse res) {
        Visit.of(req).require(READ);
        Visit.redirect(res, strategy.inForce().or(strategy::current).map(s -> "/strategy/versions/" + s.id() + "/document")
                .orElse("/strategy"));
    }

    // ---- priorities and objectives

    private void addPriority(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        Form f = v.form();
        StrategyService.PriorityForm form = priorityForm(f);
        StrategyService.Saved saved = strategy.addPriority(s.id(), form, v.t().lang(), v.actor(), v.address());
        if (!saved.ok()) {
            renderVersion(res, Status.create(422), v, s, values(form), saved.errors(),
                    Map.of(), new FieldErrors(), Map.of(), new FieldErrors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "#priorities");
    }

    private void editPriorityForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Priority p = strategy.priority(id(req));
        StrategyVersion s = strategy.version(p.versionId());
        readOnlyUnlessDraft(s);
        StrategyService.PriorityForm form = new StrategyService.PriorityForm(p.areaId() == null ? "" : p.areaId().toString(),
                p.targetGroup() == null ? "" : p.targetGroup(), p.title(), p.justification(), Integer.toString(p.rank()),
                p.findings().stream().map(Priority.Cited::ref).toList());
        renderPriorityEdit(res, Status.OK_200, v, s, p.id(), p.version(), form, new FieldErrors());
    }

    private void updatePriority(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Priority p = strategy.priority(id(req));
        StrategyVersion s = strategy.version(p.versionId());
        readOnlyUnlessDraft(s);
        StrategyService.PriorityForm form = priorityForm(v.form());
        int version = (int) Form.wholeNumber(v.form().get("version"));
        Status status = Status.create(422);
        FieldErrors errors;
        try {
            errors = strategy.updatePriority(p.id(), version, form, v.t().lang(), v.actor(), v.address()).errors();
        } catch (Problem problem) {
            errors = editedMeanwhile(problem);
            status = Status.CONFLICT_409;
        }
        if (!errors.isEmpty()) {
            renderPriorityEdit(res, status, v, s, p.id(), version, form, errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "#priorities");
    }

    private void editObjectiveForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Objective o = strategy.objective(id(req));
        StrategyVersion s = strategy.version(o.versionId());
        readOnlyUnlessDraft(s);
        StrategyService.ObjectiveForm form = new StrategyService.ObjectiveForm(o.priorityId() == null ? ""
                : o.priorityId().toString(), o.title(), o.targetWhat(), o.targetAmount(), o.targetBy().toString(),
                o.sdgTargets());
        renderObjectiveEdit(res, Status.OK_200, v, s, o.id(), o.version(), form, new FieldErrors());
    }

    private void updateObjective(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Objective o = strategy.objective(id(req));
        StrategyVersion s = strategy.version(o.versionId());
        readOnlyUnlessDraft(s);
        StrategyService.ObjectiveForm form = objectiveForm(v.form());
        int version = (int) Form.wholeNumber(v.form().get("version"));
        Status status = Status.create(422);
        FieldErrors errors;
        try {
            errors = strategy.updateObjective(o.id(), version, form, v.actor(), v.address()).errors();
        } catch (Problem problem) {
            errors = editedMeanwhile(problem);
            status = Status.CONFLICT_409;
        }
        if (!errors.isEmpty()) {
            renderObjectiveEdit(res, status, v, s, o.id(), version, form, errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "#objectives");
    }

    /** A 409 from the store becomes a message on the form, with the user's input kept; other problems go up. */
    private static FieldErrors editedMeanwhile(Problem p) {
        if (!p.messageKey().equals("platform.error.editedMeanwhile")) {
            throw p;
        }
        return new FieldErrors().add("form", p.messageKey(), p.args());
    }

    private void renderPriorityEdit(ServerResponse res, Status status, Visit v, StrategyVersion s, long id, int version,
            StrategyService.PriorityForm form, FieldErrors e) {
        Translator t = v.t();
        pages.render(res, status, v, "/strategy", "strategy/priority-edit", "strategy.priority.edit",
                new PriorityEditPage(id, s.id(), version, areaOptions(s, form.areaId()), groupOptions(t, form.targetGroup()),
                        findingOptions(t, form.findingRefs()), strategy.findings().isPresent(), values(form), e.in(t)));
    }

    private void renderObjectiveEdit(ServerResponse res, Status status, Visit v, StrategyVersion s, long id, int version,
            StrategyService.ObjectiveForm form, FieldErrors e) {
        pages.render(res, status, v, "/strategy", "strategy/objective-edit", "strategy.objective.edit",
                new ObjectiveEditPage(id, s.id(), version, priorityOptions(s, form.priorityId()), values(form), e.in(v.t()),
                        sdgGoals(v.t(), form.sdgTargets())));
    }

    private void deletePriority(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        long versionId = strategy.deletePriority(id(req), v.actor(), v.address());
        v.flash("strategy.deleted");
        Visit.redirect(res, "/strategy/versions/" + versionId + "#priorities");
    }

    private void addObjective(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        Form f = v.form();
        StrategyService.ObjectiveForm form = objectiveForm(f);
        StrategyService.Saved saved = strategy.addObjective(s.id(), form, v.actor(), v.address());
        if (!saved.ok()) {
            renderVersion(res, Status.create(422), v, s, Map.of(), new FieldErrors(), values(form), saved.errors(),
                    Map.of(), new FieldErrors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "#objectives");
    }

    private void deleteObjective(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        long versionId = strategy.deleteObjective(id(req), v.actor(), v.address());
        v.flash("strategy.deleted");
        Visit.redirect(res, "/strategy/versions/" + versionId + "#objectives");
    }

    // ---- actions

    private void newActionForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        renderActionForm(res, Status.OK_200, v, s, null, 0, Map.of("level", "primary", "type", "social", "status", "planned"),
                List.of(), List.of(), new FieldErrors());
    }

    private void createAction(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        StrategyVersion s = version(req);
        readOnlyUnlessDraft(s);
        StrategyService.ActionForm form = actionForm(v.form());
        StrategyService.Saved saved = strategy.createAction(s.id(), form, v.actor(), v.address());
        if (!saved.ok()) {
            renderActionForm(res, Status.create(422), v, s, null, 0, values(form), form.targetGroups(), form.areaIds(),
                    saved.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/actions/" + saved.id());
    }

    private void showAction(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        renderAction(res, Status.OK_200, v, strategy.action(id(req)), Map.of(), new FieldErrors());
    }

    private void editActionForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Action a = strategy.action(id(req));
        StrategyVersion s = strategy.version(a.versionId());
        readOnlyUnlessDraft(s);
        renderActionForm(res, Status.OK_200, v, s, a.id(), a.version(), values(a), a.targetGroups(),
                a.areaIds().stream().map(String::valueOf).toList(), new FieldErrors());
    }

    private void updateAction(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Action a = strategy.action(id(req));
        StrategyVersion s = strategy.version(a.versionId());
        readOnlyUnlessDraft(s);
        StrategyService.ActionForm form = actionForm(v.form());
        int version = (int) Form.wholeNumber(v.form().get("version"));
        FieldErrors errors;
        Status status = Status.create(422);
        try {
            errors = strategy.updateAction(a.id(), version, form, v.actor(), v.address()).errors();
        } catch (Problem p) {
            if (!p.messageKey().equals("platform.error.editedMeanwhile")) {
                throw p;
            }
            errors = new FieldErrors().add("form", p.messageKey(), p.args());
            status = Status.CONFLICT_409;
        }
        if (!errors.isEmpty()) {
            renderActionForm(res, status, v, s, a.id(), version, values(form), form.targetGroups(), form.areaIds(), errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/actions/" + a.id());
    }

    private void addBudget(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Action a = strategy.action(id(req));
        readOnlyUnlessDraft(strategy.version(a.versionId()));
        Form f = v.form();
        StrategyService.BudgetForm form = new StrategyService.BudgetForm(f.get("source"), f.get("govLevel"),
                f.get("amount"), f.get("currency"));
        StrategyService.Saved saved = strategy.addBudget(a.id(), form, v.actor(), v.address());
        if (!saved.ok()) {
            renderAction(res, Status.create(422), v, a, Map.of("source", form.source(), "govLevel", form.govLevel(),
                    "amount", form.amount(), "currency", form.currency()), saved.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/actions/" + a.id() + "#budget");
    }

    /** Deletes an action of a draft, from the reading the confirmation form carries (changed since: 409). */
    private void deleteAction(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Action a = strategy.action(id(req));
        long versionId = strategy.deleteAction(a.id(), (int) Form.wholeNumber(v.form().get("version")), v.actor(),
                v.address());
        v.flash("strategy.action.deleted", a.title());
        Visit.redirect(res, "/strategy/versions/" + versionId + "#actions");
    }

    private void deleteBudget(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        long actionId = strategy.deleteBudget(id(req), v.actor(), v.address());
        v.flash("strategy.deleted");
        Visit.redirect(res, "/strategy/actions/" + actionId + "#budget");
    }

    // ---- outputs

    private void plan(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        StrategyVersion s = version(req);
        Translator t = v.t();
        VersionCache.Entry e = strategy.cached(s);
        Totals totals = totals(t, e);
        pages.render(res, v, "/strategy/plan", "strategy/plan", "strategy.plan.title",
                new PlanPage(s.id(), s.number(), t.t("strategy.status." + s.status()), period(s), actionRows(t, e),
                        totals.bySource(), totals.byLevel(), totals.total(), e.currency));
    }

    /** Cost-effectiveness of the actions (G§70) and the budget per inhabitant of each area (G§62). */
    private void cost(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        StrategyVersion s = version(req);
        Translator t = v.t();
        VersionCache.Entry e = strategy.cached(s);
        CostTables tables = e.view("cost|" + t.lang(), () -> costTables(t, e));
        pages.render(res, v, "/strategy/plan", "strategy/cost", "strategy.cost.title", new CostPage(s.id(), s.number(),
                t.t("strategy.status." + s.status()), period(s), tables.actions(), tables.areas(), e.currency));
    }

    /** The cost page's two tables (made once per version and language: ~1,500 amounts to format). */
    private record CostTables(List<CostRow> actions, List<AreaRow> areas) {
    }

    private CostTables costTables(Translator t, VersionCache.Entry e) {
        String cur = e.currency;
        List<Action> actions = e.content.actions();
        Map<Long, Long> budget = new HashMap<>();
        StrategyService.byAction(e.content.budget()).forEach((id, lines) -> budget.put(id, StrategyService.total(lines)));
        List<CostRow> rows = CostEffectiveness.rows(actions, budget).stream().map(r -> new CostRow(r.action().id(),
                r.action().title(), money(t, r.budget(), cur), count(t, r.action().reach().people()),
                count(t, r.action().reach().targetMembers()), r.perPerson() == null ? "" : money(t, r.perPerson(), cur),
                r.perTargetMember() == null ? "" : money(t, r.perTargetMember(), cur),
                r.action().outcome().stated() ? outcomeLine(t, r.action().outcome()) : "",
                r.perOutcome() == null ? "" : money(t, r.perOutcome(), cur))).toList();
        Map<Long, Long> byArea = CostEffectiveness.budgetByArea(actions, budget);
        List<AreaRow> areaRows = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            Long share = byArea.get(a.id());
            if (share == null) {
                continue;
            }
            Integer year = areas.latestPopulationYear(a.id()).orElse(null);
            Long people = year == null ? null : areas.populationTotal(a.id(), year).orElse(null);
            CostEffectiveness.AreaShare x = CostEffectiveness.share(a.id(), share, people, year);
            areaRows.add(new AreaRow(a.name(), money(t, x.budget(), cur), people == null ? ""
                    : t.t("strategy.cost.populationLine", t.number(people), Integer.toString(year)),
                    x.perCapita() == null ? "" : money(t, x.perCapita(), cur)));
        }
        return new CostTables(rows, areaRows);
    }

    private static String reachLine(Translator t, Action.Reach r) {
        if (r.people() == null) {
            return t.t("strategy.action.reachNotStated");
        }
        return r.targetMembers() == null ? t.number(r.people())
                : t.t("strategy.action.reachLine", t.number(r.people()), t.number(r.targetMembers()));
    }

    /** "12 fewer street robberies a year", or "not stated". */
    private static String outcomeLine(Translator t, Action.Outcome o) {
        return o.stated() ? t.t("strategy.action.outcomeLine", t.number(o.quantity()), o.unit())
                : t.t("strategy.action.reachNotStated");
    }

    private static String count(Translator t, Long n) {
        return n == null ? "" : t.number(n);
    }

    private void document(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        StrategyVersion s = version(req);
        Translator t = v.t();
        Totals totals = totals(t, strategy.cached(s));
        pages.render(res, v, "/strategy", "strategy/document", "strategy.document.title",
                new DocumentPage(versionPage(v, s, Map.of(), new FieldErrors(), Map.of(), new FieldErrors(), Map.of(),
                        new FieldErrors()), totals.bySource(), totals.byLevel(), totals.total(), strategy.currency(),
                        assessed(t, s)));
    }

    private List<AssessedRow> assessed(Translator t, StrategyVersion s) {
        Map<String, SelfAssessment.Score> scores = strategy.store().read(c -> SelfAssessment.scores(c, s.id()));
        List<AssessedRow> out = new ArrayList<>();
        for (String item : SelfAssessment.items()) {
            SelfAssessment.Score x = scores.get(item);
            if (x != null) {
                String label = SelfAssessment.PRINCIPLES.contains(item)
                        ? item.toUpperCase(java.util.Locale.ROOT) + ". " + t.t("strategy.principle." + item)
                        : "§" + item.substring(0, 2) + " (" + item.substring(2) + ") " + t.t("strategy.organisation." + item);
                out.add(new AssessedRow(label, x.score() + "/" + SelfAssessment.MAX + " · "
                        + t.t("strategy.assessment.score" + x.score()), x.evidence()));
            }
        }
        return out;
    }

    private void exportActions(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(READ);
        StrategyVersion s = version(req);
        VersionCache.Entry e = strategy.cached(s);
        List<List<Object>> rows = e.view("csv", () -> csvRows(e));
        try (CsvOut csv = CsvOut.download(res, "strategy-" + s.number() + "-actions.csv")) {
            csv.row(List.of("version", "title", "prevention_level", "prevention_type", "target_groups", "area_codes",
                    "lead_partner", "start", "end", "status", "do_no_harm_reviewed", "budget_minor_units", "currency",
                    "outcome_quantity", "outcome_unit"));
            for (List<Object> row : rows) {
                csv.row(row);
            }
        }
    }

    private List<List<Object>> csvRows(VersionCache.Entry e) {
        Map<Long, List<BudgetLine>> budget = StrategyService.byAction(e.content.budget());
        List<List<Object>> rows = new ArrayList<>();
        for (Action a : e.content.actions()) {
            rows.add(List.of(e.content.version().number(), a.title(), a.level(), a.type(), String.join(" ", a.targetGroups()),
                    String.join(" ", a.areaIds().stream().map(id -> areas.byId(id).map(Area::code).orElse("")).toList()),
                    a.leadPartner(), a.start() == null ? "" : a.start().toString(), a.end() == null ? "" : a.end().toString(),
                    a.status(), a.review().complete() ? "yes" : "no",
                    StrategyService.total(budget.getOrDefault(a.id(), List.of())), e.currency,
                    // the expected outcome came later: last, so the other columns keep their places
                    a.outcome().stated() ? a.outcome().quantity() : "", a.outcome().unit()));
        }
        return rows;
    }

    /**
     * The action plan as XLSX, in the user's language: labels translated, dates as ISO text, the budget as a number
     * in the currency's units (exact: a BigDecimal made from the minor units), people reached as numbers.
     */
    private void exportActionsXlsx(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(READ);
        Translator t = v.t();
        StrategyVersion s = version(req);
        VersionCache.Entry e = strategy.cached(s);
        byte[] file = e.view("xlsx|" + t.lang(), () -> xlsx(t, e));
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, Xlsx.CONTENT_TYPE);
        res.header(io.helidon.http.HeaderNames.CONTENT_DISPOSITION,
                "attachment; filename=\"strategy-" + s.number() + "-actions.xlsx\"");
        res.send(file);
    }

    private byte[] xlsx(Translator t, VersionCache.Entry e) {
        String cur = e.currency;
        Map<Long, List<BudgetLine>> budget = StrategyService.byAction(e.content.budget());
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of(t.t("strategy.action.name"), t.t("strategy.action.level"), t.t("strategy.action.type"),
                t.t("strategy.action.groups"), t.t("strategy.action.areas"), t.t("strategy.action.lead"),
                t.t("strategy.action.support"), t.t("strategy.sdg.title"), t.t("strategy.action.start"),
                t.t("strategy.action.end"), t.t("strategy.action.status"), t.t("strategy.review.title"),
                t.t("strategy.action.reachPeople"), t.t("strategy.action.reachTarget"),
                t.t("strategy.budget.title") + " (" + cur + ")", t.t("strategy.action.funders"),
                t.t("strategy.xlsx.outcomeQuantity"), t.t("strategy.xlsx.outcomeUnit")));
        for (Action a : e.content.actions()) {
            List<Object> row = new ArrayList<>();
            row.add(a.title());
            row.add(t.t("strategy.level." + a.level()));
            row.add(t.t("strategy.type." + a.type()));
            row.add(groups(t, a.targetGroups()));
            row.add(String.join(", ", a.areaIds().stream().map(this::areaName).toList()));
            row.add(a.leadPartner());
            row.add(String.join(", ", a.support().stream().map(Action.Partner::name).toList()));
            row.add(String.join(" ", a.sdgTargets()));
            row.add(a.start() == null ? null : a.start().toString());
            row.add(a.end() == null ? null : a.end().toString());
            row.add(t.t("strategy.actionStatus." + a.status()));
            row.add(t.t(a.review().complete() ? "strategy.review.done" : "strategy.review.missing"));
            row.add(a.reach().people());
            row.add(a.reach().targetMembers());
            row.add(java.math.BigDecimal.valueOf(StrategyService.total(budget.getOrDefault(a.id(), List.of())),
                    Money.digits(cur)));
            // the funders came later than the other columns: last, so that the others keep their places
            row.add(String.join(", ", a.funders().stream().map(Action.Partner::name).toList()));
            row.add(a.outcome().quantity());   // after the funders, for the same reason
            row.add(a.outcome().stated() ? a.outcome().unit() : null);
            rows.add(row);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
        try {
            Xlsx.write(out, t.t("strategy.plan.title"), rows);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);   // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    // ---- page building

    private void renderVersionForm(ServerResponse res, Status status, Visit v, Long id, int version,
            StrategyService.VersionForm form, FieldErrors e) {
        List<Option> options = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            options.add(new Option(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(),
                    form.areaIds().contains(Long.toString(a.id()))));
        }
        pages.render(res, status, v, "/strategy", "strategy/version-form",
                id == null ? "strategy.version.new" : "strategy.version.edit",
                new VersionFormPage(id, version, Map.of("vision", form.vision(), "fromYear", form.fromYear(), "toYear",
                        form.toYear()), options, id == null, e.in(v.t())));
    }

    private void renderVersion(ServerResponse res, Status status, Visit v, StrategyVersion s, Map<String, String> pv,
            FieldErrors pe, Map<String, String> ov, FieldErrors oe, Map<String, String> av, FieldErrors ae) {
        // a version is where the priorities are set (step 2): the menu's "Strategy version" entry is current
        pages.render(res, status, v, "/strategy/priorities", "strategy/version", "strategy.version.title",
                versionPage(v, s, pv, pe, ov, oe, av, ae));
    }

    private VersionPage versionPage(Visit v, StrategyVersion s, Map<String, String> pv, FieldErrors pe,
            Map<String, String> ov, FieldErrors oe, Map<String, String> av, FieldErrors ae) {
        Translator t = v.t();
        VersionCache.Entry e = strategy.cached(s);
        List<Priority> priorities = e.content.priorities();
        Map<Long, String> priorityTitles = new HashMap<>();
        priorities.forEach(p -> priorityTitles.put(p.id(), p.title()));
        List<PriorityRow> prows = priorities.stream().map(p -> new PriorityRow(p.id(), p.rank(), p.title(),
                areaName(p.areaId()), p.targetGroup() == null ? "" : t.t("strategy.group." + p.targetGroup()),
                p.justification(), p.findings().stream().map(Priority.Cited::label).toList())).toList();
        List<ObjectiveRow> orows = e.content.objectives().stream().map(o -> new ObjectiveRow(o.id(), o.title(),
                o.priorityId() == null ? "" : priorityTitles.getOrDefault(o.priorityId(), ""),
                t.t("strategy.objective.targetLine", o.targetWhat(), o.targetAmount(), t.date(o.targetBy())),
                o.sdgTargets().stream().map(x -> new Option(x, Sdg.name(x, t.lang()), false)).toList())).toList();
        List<Option> areaOptions = areaOptions(s, pv.getOrDefault("areaId", ""));
        List<Option> groups = groupOptions(t, pv.getOrDefault("targetGroup", ""));
        List<Option> popts = priorities.stream().map(p -> new Option(Long.toString(p.id()), p.title(),
                Long.toString(p.id()).equals(ov.get("priorityId")))).toList();
        List<String> cited = pv.containsKey("findings") ? List.of(pv.get("findings").split(" ")) : List.of();
        boolean draft = s.isDraft();
        boolean noDraft = strategy.versions().stream().noneMatch(StrategyVersion::isDraft);
        return new VersionPage(s.id(), s.number(), s.version(), t.t("strategy.status." + s.status()), draft, s.vision(),
                period(s), String.join(", ", s.areaIds().stream().map(this::areaName).toList()), adoptedLine(t, s), prows,
                orows, actionRows(t, e), draft && v.is(WRITE), draft && v.is(ADOPT),
                s.status().equals(StrategyVersion.ADOPTED) && noDraft && v.is(ADOPT), areaOptions, groups, popts,
                pv, pe.in(t), ov, oe.in(t), av, ae.in(t), draft && v.is(WRITE) ? findingOptions(t, cited) : List.of(),
                strategy.findings().isPresent(), strategy.unresolvedComments(s.id()),
                draft && v.is(WRITE) ? sdgGoals(t, ov.containsKey("sdgTargets") ? List.of(ov.get("sdgTargets").split(" "))
                        : List.of()) : List.of());
    }

    private List<Option> areaOptions(StrategyVersion s, String selected) {
        List<Option> out = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            if (strategy.within(a.id(), s.areaIds())) {
                out.add(new Option(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(),
                        Long.toString(a.id()).equals(selected)));
            }
        }
        return out;
    }

    private static List<Option> groupOptions(Translator t, String selected) {
        return Codes.TARGET_GROUPS.stream().map(g -> new Option(g, t.t("strategy.group." + g), g.equals(selected))).toList();
    }

    private List<Option> priorityOptions(StrategyVersion s, String selected) {
        return strategy.priorities(s.id()).stream().map(p -> new Option(Long.toString(p.id()), p.title(),
                Long.toString(p.id()).equals(selected))).toList();
    }

    /** The diagnosis findings a priority may cite (none when diagnosis is off). */
    private List<Option> findingOptions(Translator t, List<String> cited) {
        return strategy.findings().map(d -> d.findings(t.lang()).stream().map(f -> new Option(f.ref(), f.label(),
                cited.contains(f.ref()))).toList()).orElse(List.of());
    }

    private List<Option> actorOptions(List<String> selected) {
        return strategy.actors().map(d -> d.actors().stream().map(a -> new Option(Long.toString(a.id()), a.name(),
                selected.contains(Long.toString(a.id())))).toList()).orElse(List.of());
    }

    private static List<SdgGoal> sdgGoals(Translator t, List<String> selected) {
        List<SdgGoal> out = new ArrayList<>();
        for (String goal : Sdg.GOALS) {
            List<Option> targets = Sdg.targets(t.lang()).stream().filter(x -> x.goal().equals(goal))
                    .map(x -> new Option(x.code(), x.code() + " " + x.name(), selected.contains(x.code()))).toList();
            out.add(new SdgGoal(goal, Sdg.goalName(goal, t.lang()), targets, targets.stream().anyMatch(Option::selected)));
        }
        return out;
    }

    /** The action plan's rows in the user's language, made once per version and language. */
    private List<ActionRow> actionRows(Translator t, VersionCache.Entry e) {
        return e.view("actionRows|" + t.lang(), () -> makeActionRows(t, e));
    }

    private List<ActionRow> makeActionRows(Translator t, VersionCache.Entry e) {
        Map<Long, List<BudgetLine>> budget = StrategyService.byAction(e.content.budget());
        String cur = e.currency;
        return e.content.actions().stream().map(a -> new ActionRow(a.id(), a.title(), t.t("strategy.level." + a.level()),
                t.t("strategy.type." + a.type()), groups(t, a.targetGroups()),
                String.join(", ", a.areaIds().stream().map(this::areaName).toList()), partnersLine(t, a), dates(t, a),
                t.t("strategy.actionStatus." + a.status()), t.t(a.review().complete() ? "strategy.review.done" : "strategy.review.missing"),
                money(t, StrategyService.total(budget.getOrDefault(a.id(), List.of())), cur))).toList();
    }

    private void renderActionForm(ServerResponse res, Status status, Visit v, StrategyVersion s, Long id, int version,
            Map<String, String> values, List<String> groups, List<String> areaIds, FieldErrors e) {
        Translator t = v.t();
        List<Option> objectives = new ArrayList<>();
        objectives.add(new Option("", t.t("strategy.none"), values.getOrDefault("objectiveId", "").isEmpty()));
        for (Objective o : strategy.objectives(s.id())) {
            objectives.add(new Option(Long.toString(o.id()), o.title(), Long.toString(o.id()).equals(values.get("objectiveId"))));
        }
        List<Option> areaOptions = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            if (strategy.within(a.id(), s.areaIds())) {
                areaOptions.add(new Option(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(),
                        areaIds.contains(Long.toString(a.id()))));
            }
        }
        List<Option> leadActors = new ArrayList<>();
        leadActors.add(new Option("", t.t("strategy.action.leadTyped"), values.getOrDefault("leadActorId", "").isEmpty()));
        leadActors.addAll(actorOptions(List.of(values.getOrDefault("leadActorId", ""))));
        List<Option> likelihoods = new ArrayList<>();
        likelihoods.add(new Option("", t.t("strategy.review.notAssessed"), values.getOrDefault("harmLikelihood", "").isEmpty()));
        likelihoods.addAll(options(t, "strategy.likelihood.", Codes.LIKELIHOODS, values.get("harmLikelihood")));
        pages.render(res, status, v, "/strategy", "strategy/action-form", id == null ? "strategy.action.new" : "strategy.action.edit",
                new ActionFormPage(id, s.id(), version, id == null, values, objectives,
                        options(t, "strategy.level.", Codes.LEVELS, values.get("level")),
                        options(t, "strategy.type.", Codes.TYPES, values.get("type")),
                        options(t, "strategy.actionStatus.", Codes.STATUSES, values.get("status")), likelihoods,
                        Codes.TARGET_GROUPS.stream().map(g -> new Option(g, t.t("strategy.group." + g), groups.contains(g))).toList(),
                        areaOptions, e.in(t), strategy.actors().isPresent(), leadActors,
                        actorOptions(List.of(values.getOrDefault("supportActorIds", "").split(" "))),
                        sdgGoals(t, List.of(values.getOrDefault("sdgTargets", "").split(" "))),
                        actorOptions(List.of(values.getOrDefault("funderActorIds", "").split(" ")))));
    }

    private void renderAction(ServerResponse res, Status status, Visit v, Action a, Map<String, String> bv, FieldErrors be) {
        Translator t = v.t();
        StrategyVersion s = strategy.version(a.versionId());
        String cur = strategy.currency();
        List<BudgetLine> lines = strategy.budgetOfAction(a.id());
        String objective = a.objectiveId() == null ? "" : strategy.objectives(s.id()).stream()
                .filter(o -> o.id() == a.objectiveId()).map(Objective::title).findFirst().orElse("");
        Action.HarmReview r = a.review();
        List<Option> review = List.of(new Option(t.t("strategy.review.displacement"), r.displacement(), false),
                new Option(t.t("strategy.review.stigma"), r.stigma(), false),
                new Option(t.t("strategy.review.vulnerable"), r.vulnerable(), false),
                new Option(t.t("strategy.review.privacy"), r.privacy(), false),
                new Option(t.t("strategy.review.likelihood"), r.likelihood().isEmpty() ? "" : t.t("strategy.likelihood." + r.likelihood()), false),
                new Option(t.t("strategy.review.mitigation"), r.mitigation(), false));
        Map<String, String> values = new HashMap<>(bv);
        values.putIfAbsent("currency", cur);
        pages.render(res, status, v, "/strategy", "strategy/action", "strategy.action.title",
                new ActionPage(a.id(), s.id(), s.number(), a.title(), a.description(), objective,
                        t.t("strategy.level." + a.level()), t.t("strategy.type." + a.type()), groups(t, a.targetGroups()),
                        String.join(", ", a.areaIds().stream().map(this::areaName).toList()), a.leadPartner(), dates(t, a),
                        t.t("strategy.actionStatus." + a.status()), review, r.complete(),
                        lines.stream().map(b -> new BudgetRow(b.id(), b.source(), t.t("strategy.govLevel." + b.govLevel()),
                                money(t, b.amount(), b.currency()))).toList(),
                        money(t, StrategyService.total(lines), cur), cur, s.isDraft() && v.is(WRITE),
                        options(t, "strategy.govLevel.", Codes.GOV_LEVELS, bv.getOrDefault("govLevel", "local")), values,
                        be.in(t), String.join(", ", a.support().stream().map(Action.Partner::name).toList()),
                        a.sdgTargets().stream().map(x -> new Option(x, Sdg.name(x, t.lang()), false)).toList(),
                        reachLine(t, a.reach()), String.join(", ", a.funders().stream().map(Action.Partner::name).toList()),
                        outcomeLine(t, a.outcome()), a.version()));
    }

    /** The budget by funding source, by level of government, and in all. */
    private record Totals(List<TotalRow> bySource, List<TotalRow> byLevel, String total) {
    }

    private Totals totals(Translator t, VersionCache.Entry e) {
        return e.view("totals|" + t.lang(), () -> new Totals(totals(t, e.content.budget(), e.currency, true),
                totals(t, e.content.budget(), e.currency, false), money(t, StrategyService.total(e.content.budget()),
                e.currency)));
    }

    private List<TotalRow> totals(Translator t, List<BudgetLine> lines, String cur, boolean bySource) {
        Map<String, Long> sums = StrategyService.totalsBy(lines, bySource ? BudgetLine::source : BudgetLine::govLevel);
        List<TotalRow> rows = new ArrayList<>();
        sums.forEach((k, n) -> rows.add(new TotalRow(bySource ? k : t.t("strategy.govLevel." + k), money(t, n, cur))));
        return rows;
    }

    private static String money(Translator t, long minor, String currency) {
        return Money.format(minor, currency, t.locale());
    }

    private static List<Option> options(Translator t, String prefix, List<String> codes, String selected) {
        return codes.stream().map(c -> new Option(c, t.t(prefix + c), c.equals(selected))).toList();
    }

    private static String groups(Translator t, List<String> groups) {
        return String.join(", ", groups.stream().map(g -> t.t("strategy.group." + g)).toList());
    }

    /** The lead partner, and the supporting ones after it: "Police (with: Youth club, Market traders)". */
    private static String partnersLine(Translator t, Action a) {
        if (a.support().isEmpty()) {
            return a.leadPartner();
        }
        return t.t("strategy.action.leadWith", a.leadPartner(),
                String.join(", ", a.support().stream().map(Action.Partner::name).toList()));
    }

    private static String dates(Translator t, Action a) {
        return (a.start() == null ? "…" : t.date(a.start())) + " – " + (a.end() == null ? "…" : t.date(a.end()));
    }

    private static String period(StrategyVersion s) {
        return s.fromYear() + "–" + s.toYear();
    }

    private static String adoptedLine(Translator t, StrategyVersion s) {
        return s.adoptedOn() == null ? "" : t.t("strategy.version.adoptedLine", t.date(s.adoptedOn()), s.adoptedBy(),
                s.decisionRef());
    }

    private String areaName(Long id) {
        return id == null ? "" : areas.byId(id).map(Area::name).orElse("");
    }

    private static List<Option> versionOptions(List<StrategyVersion> all, long selected) {
        return all.stream().map(s -> new Option(Long.toString(s.id()), Integer.toString(s.number()), s.id() == selected)).toList();
    }

    private static Map<String, String> values(StrategyService.ActionForm f) {
        Map<String, String> m = new HashMap<>();
        m.put("objectiveId", f.objectiveId());
        m.put("title", f.title());
        m.put("description", f.description());
        m.put("level", f.level());
        m.put("type", f.type());
        m.put("leadPartner", f.leadPartner());
        m.put("start", f.start());
        m.put("end", f.end());
        m.put("status", f.status());
        m.put("harmDisplacement", f.harmDisplacement());
        m.put("harmStigma", f.harmStigma());
        m.put("harmVulnerable", f.harmVulnerable());
        m.put("harmPrivacy", f.harmPrivacy());
        m.put("harmLikelihood", f.harmLikelihood());
        m.put("harmMitigation", f.harmMitigation());
        m.put("leadActorId", f.leadActorId());
        m.put("supportActorIds", String.join(" ", f.supportActorIds()));
        m.put("supportNames", f.supportNames());
        m.put("sdgTargets", String.join(" ", f.sdgTargets()));
        m.put("reachPeople", f.reachPeople());
        m.put("reachTarget", f.reachTarget());
        m.put("funderActorIds", String.join(" ", f.funderActorIds()));
        m.put("funderNames", f.funderNames());
        m.put("outcomeQuantity", f.outcomeQuantity());
        m.put("outcomeUnit", f.outcomeUnit());
        return m;
    }

    private static Map<String, String> values(StrategyService.PriorityForm f) {
        return Map.of("areaId", f.areaId(), "targetGroup", f.targetGroup(), "title", f.title(), "justification",
                f.justification(), "rank", f.rank(), "findings", String.join(" ", f.findingRefs()));
    }

    private static Map<String, String> values(StrategyService.ObjectiveForm f) {
        return Map.of("priorityId", f.priorityId(), "title", f.title(), "targetWhat", f.targetWhat(), "targetAmount",
                f.targetAmount(), "targetBy", f.targetBy(), "sdgTargets", String.join(" ", f.sdgTargets()));
    }

    private static StrategyService.PriorityForm priorityForm(Form f) {
        return new StrategyService.PriorityForm(f.get("areaId"), f.get("targetGroup"), f.get("title"),
                f.get("justification"), f.get("rank"), f.all("findings"));
    }

    private static StrategyService.ObjectiveForm objectiveForm(Form f) {
        return new StrategyService.ObjectiveForm(f.get("priorityId"), f.get("title"), f.get("targetWhat"),
                f.get("targetAmount"), f.get("targetBy"), f.all("sdgTargets"));
    }

    private static Map<String, String> values(Action a) {
        Action.HarmReview r = a.review();
        return values(new StrategyService.ActionForm(a.objectiveId() == null ? "" : a.objectiveId().toString(), a.title(),
                a.description(), a.level(), a.type(), a.targetGroups(), List.of(), a.leadPartner(),
                a.start() == null ? "" : a.start().toString(), a.end() == null ? "" : a.end().toString(), a.status(),
                r.displacement(), r.stigma(), r.vulnerable(), r.privacy(), r.likelihood(), r.mitigation(),
                a.leadActorId() == null ? "" : a.leadActorId().toString(),
                a.support().stream().filter(p -> p.actorId() != null).map(p -> p.actorId().toString()).toList(),
                String.join("\n", a.support().stream().filter(p -> p.actorId() == null).map(Action.Partner::name).toList()),
                a.sdgTargets(), a.reach().people() == null ? "" : a.reach().people().toString(),
                a.reach().targetMembers() == null ? "" : a.reach().targetMembers().toString(),
                a.funders().stream().filter(p -> p.actorId() != null).map(p -> p.actorId().toString()).toList(),
                String.join("\n", a.funders().stream().filter(p -> p.actorId() == null).map(Action.Partner::name).toList()),
                a.outcome().stated() ? a.outcome().quantity().toString() : "", a.outcome().unit()));
    }

    private static StrategyService.VersionForm versionForm(Form f) {
        return new StrategyService.VersionForm(f.get("vision"), f.get("fromYear"), f.get("toYear"), f.all("areas"));
    }

    private static StrategyService.ActionForm actionForm(Form f) {
        return new StrategyService.ActionForm(f.get("objectiveId"), f.get("title"), f.get("description"), f.get("level"),
                f.get("type"), f.all("targetGroups"), f.all("areas"), f.get("leadPartner"), f.get("start"), f.get("end"),
                f.get("status"), f.get("harmDisplacement"), f.get("harmStigma"), f.get("harmVulnerable"),
                f.get("harmPrivacy"), f.get("harmLikelihood"), f.get("harmMitigation"), f.get("leadActorId"),
                f.all("supportActors"), f.raw("supportNames"), f.all("sdgTargets"), f.get("reachPeople"),
                f.get("reachTarget"), f.all("funderActors"), f.raw("funderNames"), f.get("outcomeQuantity"),
                f.get("outcomeUnit"));
    }

    private static void readOnlyUnlessDraft(StrategyVersion s) {
        if (!s.isDraft()) {
            throw Problem.conflict("strategy.error.readOnly", Integer.toString(s.number()));
        }
    }

    private StrategyVersion version(ServerRequest req) {
        return strategy.version(id(req));
    }

    private static long id(ServerRequest req) {
        return Form.wholeNumber(req.path().pathParameters().get("id"));
    }
}
